#pragma once
// The platform layer speaks in the shared error values (every GLFW, GL, fontconfig and file failure).
// Not called "Status": Xlib #defines that name.
#include "porchlight/result.hpp"

namespace porchlight::platform {
using porchlight::Error;
using porchlight::Result;
}  // namespace porchlight::platform
