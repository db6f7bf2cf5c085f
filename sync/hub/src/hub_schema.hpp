#pragma once
#include <string>

#include "porchlight/hub/sql.hpp"

namespace porchlight::hub {

inline constexpr int kHubSchemaVersion = 2;
std::string hub_schema(Dialect dialect);
// Brings a version-1 hub database to version 2 (each visit's sensitive reasons, for the re-disclosure notice).
const char* hub_schema_upgrade_from_1();

}  // namespace porchlight::hub
