#pragma once
// Moved to the formats library (formats/include/porchlight/formats/text.hpp); core code keeps saying core::.
#include "porchlight/formats/text.hpp"

namespace porchlight::core {
using namespace porchlight::formats;
}  // namespace porchlight::core
