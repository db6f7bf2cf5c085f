#pragma once
// Moved to the formats library (formats/include/porchlight/formats/schedule.hpp); core code keeps saying core::.
#include "porchlight/formats/schedule.hpp"

namespace porchlight::core {
using namespace porchlight::formats;
}  // namespace porchlight::core
