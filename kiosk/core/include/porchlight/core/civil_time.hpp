#pragma once
// Moved to the formats library (formats/include/porchlight/formats/civil_time.hpp); core code keeps saying core::.
#include "porchlight/formats/civil_time.hpp"

namespace porchlight::core {
using namespace porchlight::formats;
}  // namespace porchlight::core
