#pragma once
#include <string>

#include "porchlight/hub/sql.hpp"

namespace porchlight::hub {

inline constexpr int kHubSchemaVersion = 4;
// The hash before the first entry of the hub's audit chain.
inline constexpr const char* kHubAuditGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";
// The script that brings a database at `from_version` to the next version, in the engine's words.
std::string hub_migration(int from_version, Dialect dialect);

}  // namespace porchlight::hub
