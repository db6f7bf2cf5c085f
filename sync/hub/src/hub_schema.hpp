#pragma once
#include <string>

#include "porchlight/hub/sql.hpp"

namespace porchlight::hub {

inline constexpr int kHubSchemaVersion = 1;
std::string hub_schema(Dialect dialect);

}  // namespace porchlight::hub
