#pragma once
// The core speaks in the shared error values; these names let core code and its callers say core::Result.
#include "porchlight/result.hpp"

namespace porchlight::core {
using porchlight::Error;
using porchlight::ErrorKind;
using porchlight::make_error;
using porchlight::Result;
}  // namespace porchlight::core
