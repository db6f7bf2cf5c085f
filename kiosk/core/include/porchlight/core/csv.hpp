#pragma once
// Moved to the formats library (formats/include/porchlight/formats/csv.hpp); core code keeps saying core::.
#include "porchlight/formats/csv.hpp"

namespace porchlight::core {
using namespace porchlight::formats;
}  // namespace porchlight::core
