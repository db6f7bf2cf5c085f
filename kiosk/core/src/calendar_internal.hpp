#pragma once
// Shared by calendar*.cpp and ical.cpp; not part of the core's public API.
#include <libical/ical.h>

#include <optional>
#include <string>
#include <vector>

#include "porchlight/core/calendar.hpp"

namespace porchlight::core {

bool known_zone(const std::string& zone_name);

// A floating (zone-less) libical time of the wall clock, and back.
icaltimetype to_ical(const LocalDateTime& local, bool all_day);
std::optional<LocalDateTime> from_ical(const icaltimetype& time);
Result<icalrecurrencetype> parse_rrule(std::string_view rrule);
// Whether a parsed rule can be a group's: daily or less often, at most kMaxRuleCount sessions by COUNT and
// kMaxSessionsPerDay a day. Anything finer is refused at import and save, and never expanded.
inline constexpr int kMaxRuleCount = 10000;
inline constexpr int kMaxSessionsPerDay = 12;
Result<void> check_group_rule(const icalrecurrencetype& rule, std::string_view text);

// Checks and tidies a definition (title, texts, numbers, rule); the caller stores the result.
Result<GroupDefinition> checked_definition(const GroupDefinition& group);

// Inside the caller's transaction: creates or updates the group with this uid, replaces its session
// exceptions with `overrides` when given, and queues the change. Returns the id and whether it was new.
struct SavedGroup {
  std::string id;
  bool created = false;
};
Result<SavedGroup> store_group(Store& store, const GroupDefinition& group, bool cancelled,
                               const std::optional<std::vector<SessionOverride>>& overrides);

}  // namespace porchlight::core
