#pragma once
// The calendar's recurrence rules through libical, shared by the iCalendar reader and writer, the expansion and the
// kiosk's calendar store (which checks a group the same way before it saves it).
#include <libical/ical.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "porchlight/formats/calendar.hpp"

namespace porchlight::formats {

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

inline constexpr int kMaxDurationMinutes = 14 * 24 * 60;
inline constexpr int kMaxWindowMinutes = 24 * 60;
// A text field of a group made tidy (spaces, NFC) and checked (UTF-8, no control characters, at most
// `max_points` characters); `what` names it in the error.
Result<std::string> clean_text(const std::string& text, const char* what, bool required, std::size_t max_points,
                               bool multiline = false);

// Checks and tidies a definition (title, texts, numbers, rule); the caller stores the result.
Result<GroupDefinition> checked_definition(const GroupDefinition& group);

}  // namespace porchlight::formats
