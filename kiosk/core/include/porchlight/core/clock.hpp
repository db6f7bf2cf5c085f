#pragma once
// Moved to the formats library (formats/include/porchlight/formats/clock.hpp); core code keeps saying core::.
#include "porchlight/formats/clock.hpp"

namespace porchlight::core {
using namespace porchlight::formats;
}  // namespace porchlight::core
