#pragma once
// The group calendar: recurring groups (an iCalendar RRULE with RDATE/EXDATE), their sessions with
// per-session exceptions (cancelled, moved), and who joins them (attendance, queued for the hub).
//
// Times: a group keeps its first start as a wall-clock time in the center's zone, and its sessions are
// expanded in that wall clock (libical) and only then turned into UTC instants (the tz database, as
// CenterTime does), so a 6 pm group stays at 6 pm across daylight-saving changes. A group imported with a
// TZID of another zone repeats in that zone's wall clock instead (RFC 5545 3.8.5.3): its sessions are expanded
// there and brought to the center's wall clock, so they move when only one of the two zones changes its clocks.
//
// This is the calendar's model and its recurrence rules, pure (no store): porchlight/core/calendar.hpp keeps the
// groups, sessions and attendance the kiosk stores.
#include <array>
#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "porchlight/formats/civil_time.hpp"

namespace porchlight::formats {

// A wall-clock time in the center's zone (no zone of its own).
struct LocalDateTime {
  LocalDate date;
  int hour = 0;
  int minute = 0;
  int second = 0;

  auto operator<=>(const LocalDateTime&) const = default;

  // "20261110T180000", the iCalendar form; also how a session is named. An all-day one is "20261110".
  std::string key(bool all_day = false) const;
  // Parses either form of key(); nullopt for anything else.
  static std::optional<LocalDateTime> parse_key(std::string_view text);
  // "2026-11-10T18:00" (and the ISO date alone for all-day).
  std::string iso(bool all_day = false) const;
  // Minutes since 1970-01-01T00:00 of the same wall clock: for ordering and wall-clock arithmetic.
  std::int64_t minutes_since_epoch() const;
  static LocalDateTime from_minutes_since_epoch(std::int64_t minutes);
};

// When joining a session is offered: from `before_minutes` before its start to `after_minutes` after it.
struct CheckInWindow {
  int before_minutes = 15;
  int after_minutes = 30;
  auto operator<=>(const CheckInWindow&) const = default;
};

// What staff edit and what a .ics VEVENT carries.
struct GroupDefinition {
  std::string uid;  // the iCalendar UID; made when empty
  std::string title;
  std::string description;
  std::string facilitator;
  std::string room;
  std::string category;
  std::string language = "en";     // "en", "es", ...
  std::optional<int> capacity;     // seats; nullopt = no limit
  bool sensitive = false;          // who attends leaves the kiosk only where the center allows it
  LocalDateTime start;             // the first session, center's wall clock
  int duration_minutes = 60;
  bool all_day = false;            // start.date only; sessions last whole days
  bool floating = false;           // came without a zone; kept so export writes it the same way
  std::string time_zone;           // the zone its rule repeats in when not the center's (an event's TZID); else empty
  std::string rrule;               // an RFC 5545 RECUR value ("FREQ=WEEKLY;BYDAY=TU,TH"); empty = no rule
  std::vector<LocalDateTime> rdates;   // extra sessions (one-off additions)
  std::vector<LocalDateTime> exdates;  // sessions the rule makes that do not happen at all
  CheckInWindow check_in;
};

struct Group : GroupDefinition {
  std::string id;
  bool cancelled = false;
  Millis created_at = 0;
  Millis updated_at = 0;
};

// An exception to one session, named by its original start (its RECURRENCE-ID).
struct SessionOverride {
  LocalDateTime occurrence;
  bool cancelled = false;
  std::optional<LocalDateTime> start;     // moved to
  std::optional<int> duration_minutes;    // new length
  std::optional<std::string> room;        // new room
  auto operator<=>(const SessionOverride&) const = default;
};

// One expanded session in wall-clock terms (no database, no zone).
struct Occurrence {
  LocalDateTime occurrence;  // original start: the session's name
  LocalDateTime start;       // where it happens (differs when moved)
  int duration_minutes = 60;
  bool cancelled = false;
  bool moved = false;
  bool added = false;  // an RDATE the rule would not make
  std::optional<std::string> room;
  auto operator<=>(const Occurrence&) const = default;
};

// Sessions of `group` that start (after any move) on a day from `from` to `to` inclusive, in start order.
// Pure: RRULE, RDATE and EXDATE expanded with libical in the wall clock, overrides applied. A group with a
// time_zone of its own repeats in that zone when `center_zone` (the zone of every time in the group) is given.
Result<std::vector<Occurrence>> expand_group(const GroupDefinition& group, const std::vector<SessionOverride>& overrides,
                                             LocalDate from, LocalDate to, const std::string& center_zone = {});

// Checks a RECUR value (and returns libical's normal form of it), or an error saying what is wrong.
Result<std::string> normalize_rrule(std::string_view rrule);

// The repetition staff choose on the touchscreen: some weekdays, every week or every other week.
struct WeeklyPattern {
  std::array<bool, 7> weekdays{};  // [0] = Sunday, as LocalDate::weekday()
  int interval = 1;                // 1 = every week, 2 = every other week
  auto operator<=>(const WeeklyPattern&) const = default;
  bool any_day() const;
};
// "FREQ=WEEKLY;BYDAY=MO,WE" (with ";INTERVAL=2" every other week); empty when no weekday is chosen.
std::string weekly_rrule(const WeeklyPattern& pattern);
// The pattern of a plain weekly rule (FREQ=WEEKLY, INTERVAL 1 or 2, BYDAY without numbers, nothing else);
// nullopt for anything the form cannot show (COUNT, UNTIL, monthly, ...), which staff then leave as it is.
std::optional<WeeklyPattern> parse_weekly_rrule(std::string_view rrule);
// The first day on or after `from` that falls on one of the pattern's weekdays (`from` when none is chosen).
LocalDate first_day_of(const WeeklyPattern& pattern, LocalDate from);

// Wall clock in `zone_name` to UTC and back. A time skipped by a spring-forward change is read with the
// offset before the change (RFC 5545: 02:30 becomes 03:30); a repeated one takes its first instance.
Result<Millis> local_to_utc(const std::string& zone_name, const LocalDateTime& local);
Result<LocalDateTime> utc_to_local(const std::string& zone_name, Millis instant);

}  // namespace porchlight::formats
