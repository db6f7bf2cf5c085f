#pragma once
// Opening hours from HSDS schedule rows, and "Open now" / "Opens Tue 10:00" / "Closed today" in the center's
// time zone. Hours are wall-clock times, so they are evaluated on the local calendar: a service open 09:00-17:00
// opens at 09:00 on the day clocks change too. Pure functions, apart from reading the zone.
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "porchlight/formats/civil_time.hpp"

namespace porchlight::formats {

// One BYDAY entry: a weekday (0 = Sunday) and, for monthly rules, which one in the month (1 = first,
// -1 = last; 0 = every).
struct ScheduleDay {
  int weekday = 0;
  int ordinal = 0;
};

// The parts of an HSDS schedule row that decide when a service is open.
struct ScheduleRule {
  enum class Frequency { Daily, Weekly, Monthly };
  Frequency freq = Frequency::Weekly;
  int interval = 1;                     // every `interval` weeks or months, counted from dtstart
  std::vector<ScheduleDay> byday;       // empty: every day (weekly) or by month day (monthly)
  std::vector<int> bymonthday;          // 1..31, or -1 for the last day of the month
  std::optional<LocalDate> valid_from;  // inclusive
  std::optional<LocalDate> valid_to;    // inclusive
  std::optional<LocalDate> dtstart;
  std::optional<LocalDate> until;       // inclusive
  int opens = 0;                        // minutes after local midnight
  int closes = 24 * 60;                 // minutes; at or before `opens` means the hours run past midnight
  bool all_day = false;                 // no opens_at/closes_at given
};

// The text fields of an HSDS schedule row (HSDS 3.0 names).
struct ScheduleFields {
  std::string freq, interval, byday, bymonthday, valid_from, valid_to, dtstart, until, opens_at, closes_at;
};

// A rule from the row, or an error naming what is wrong (an unreadable time, day or date).
Result<ScheduleRule> parse_schedule(const ScheduleFields& fields);

// "09:00", "9:00", "09:00:00", "0900", "9am", "5:30 pm" -> minutes after midnight ("24:00" -> 1440).
std::optional<int> parse_time_of_day(std::string_view text);

// True when the rule has hours on this local date (the day the hours start).
bool occurs_on(const ScheduleRule& rule, LocalDate date);

struct LocalMoment {
  LocalDate date;
  int minute = 0;  // minutes after local midnight, 0..1439
};
LocalMoment local_moment(const CenterTime& zone, Millis instant);

struct OpenStatus {
  enum class State { Unknown, Open, Closed };
  State state = State::Unknown;  // Unknown: no hours are listed
  bool hours_today = false;      // today has hours at all (false: "Closed today")
  std::optional<int> closes;     // when open: minutes after today's midnight (may pass 1440 past midnight)
  struct Next {
    int days_ahead = 0;  // 0 = later today
    int weekday = 0;     // 0 = Sunday
    int minute = 0;
  };
  std::optional<Next> next;  // when closed: the next opening within a week
};

OpenStatus open_status(const std::vector<ScheduleRule>& rules, LocalMoment now);

// English: "Open now", "Opens today 14:00", "Opens Tue 10:00", "Closed today", "Closed today · Opens Tue 10:00",
// "" when no hours are listed. The kiosk builds its own from the translation table.
std::string open_status_text(const OpenStatus& status);

// Opening hours as facts, one per line a reader sees: plain weekly rules grouped by their hours (Monday first),
// then every other rule (monthly, every N weeks or days) on its own. The kiosk writes them in the screen's language
// (ui/format.hpp); hours_lines below is the English form for the admin tool and the take-away text.
struct OpeningHoursLine {
  enum class Kind { Weekly, Monthly, Interval };
  Kind kind = Kind::Weekly;
  std::vector<int> weekdays;          // Weekly and Interval: the days (0 = Sunday), in ascending order
  std::vector<ScheduleDay> byday;     // Monthly: "2nd Tue" (ordinal 0: every such weekday)
  std::vector<int> month_days;        // Monthly: 1..31, or -1 for the last day of the month
  int interval = 1;                   // Interval: every `interval` ...
  bool daily = false;                 // ... days, else weeks
  bool all_day = false;
  int opens = 0;                      // minutes after midnight
  int closes = 0;                     // minutes after the opening day's midnight: 1440 is midnight, past it the next day
};
std::vector<OpeningHoursLine> opening_hours(const std::vector<ScheduleRule>& rules);

// English, one line per opening_hours line: "Mon-Fri 09:00-17:00", "Sat all day", "2nd Tue of the month 18:00-20:00".
std::vector<std::string> hours_lines(const std::vector<ScheduleRule>& rules);

// Weekdays (0 = Sunday) Monday first, three or more in a row as a range: {1,2,3,5,6} -> "Mon-Wed, Fri, Sat" with
// day_name giving each day's word (the kiosk's in the screen's language, the admin tool's in English).
std::string weekday_runs(const std::set<int>& days, const std::function<std::string(int)>& day_name);

std::string minutes_text(int minutes);         // 540 -> "09:00"
std::string_view weekday_abbrev(int weekday);  // 0 -> "Sun"

}  // namespace porchlight::formats
