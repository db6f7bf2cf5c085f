#pragma once
// Shared by calendar*.cpp; not part of the core's public API.
#include <optional>
#include <string>
#include <vector>

#include "porchlight/core/calendar.hpp"
#include "porchlight/formats/calendar_rules.hpp"

namespace porchlight::core {

// Inside the caller's transaction: creates or updates the group with this uid, replaces its session
// exceptions with `overrides` when given, and queues the change. Returns the id and whether it was new.
struct SavedGroup {
  std::string id;
  bool created = false;
};
Result<SavedGroup> store_group(Store& store, const GroupDefinition& group, bool cancelled,
                               const std::optional<std::vector<SessionOverride>>& overrides);

}  // namespace porchlight::core
