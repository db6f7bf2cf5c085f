#pragma once
#include <string>
#include <vector>

namespace porchlight::core {

// Forward-only schema steps. Never edit a released step: add a new one at the end.
const std::vector<std::string>& migration_steps();

}  // namespace porchlight::core
