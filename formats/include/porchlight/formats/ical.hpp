#pragma once
// The group calendar as iCalendar (RFC 5545) text, read and written with libical.
// Reading is a pure function from text to groups (fuzz it); importing stores them all or none.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "porchlight/formats/calendar.hpp"

namespace porchlight::formats {

struct ImportedGroup {
  GroupDefinition group;
  bool cancelled = false;                  // STATUS:CANCELLED on the series
  std::vector<SessionOverride> overrides;  // VEVENTs with a RECURRENCE-ID
  int line = 0;                            // where its BEGIN:VEVENT is
};

// Reads a VCALENDAR: VEVENTs with RRULE, RDATE, EXDATE and RECURRENCE-ID overrides; times with a TZID
// (a VTIMEZONE in the file, or an IANA zone name), in UTC, floating or all-day, all brought to the wall
// clock of `center_zone`. CRLF or LF, folded lines. Porchlight's own X-PORCHLIGHT-FACILITATOR,
// -CAPACITY, -LANGUAGE, -SENSITIVE, -CHECKIN-BEFORE and -CHECKIN-AFTER (minutes) are read when present.
// Any problem is an error that starts with "line N: ".
Result<std::vector<ImportedGroup>> parse_ics(std::string_view text, const std::string& center_zone);

struct ExportedGroup {
  Group group;
  std::vector<SessionOverride> overrides;
};
// One VCALENDAR with a VTIMEZONE for `center_zone`; every group a VEVENT (RRULE with UNTIL in UTC, RDATE,
// EXDATE), every session exception a VEVENT with RECURRENCE-ID. `stamp` is the DTSTAMP.
Result<std::string> write_ics(const std::vector<ExportedGroup>& groups, const std::string& center_zone, Millis stamp);

}  // namespace porchlight::formats
