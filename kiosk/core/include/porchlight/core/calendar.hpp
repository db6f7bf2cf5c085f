#pragma once
// The group calendar: recurring groups (an iCalendar RRULE with RDATE/EXDATE), their sessions with
// per-session exceptions (cancelled, moved), and who joins them (attendance, queued for the hub).
//
// Times: a group keeps its first start as a wall-clock time in the center's zone, and its sessions are
// expanded in that wall clock (libical) and only then turned into UTC instants (the tz database, as
// CenterTime does), so a 6 pm group stays at 6 pm across daylight-saving changes. A group imported with a
// TZID of another zone repeats in that zone's wall clock instead (RFC 5545 3.8.5.3): its sessions are expanded
// there and brought to the center's wall clock, so they move when only one of the two zones changes its clocks.
#include <array>
#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "porchlight/core/store.hpp"

namespace porchlight::core {

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

enum class SessionPhase { Upcoming, StartingSoon, InProgress, Ended, Cancelled };

// A session as the kiosk shows it.
struct Session {
  std::string key;  // "<group id>/<occurrence key>": names the session to every call below
  std::string group_id;
  std::string group_uid;
  std::string title;
  std::string description;
  std::string facilitator;
  std::string room;
  std::string category;
  std::string language;
  LocalDateTime occurrence;
  LocalDateTime start_local;  // where it happens, center's wall clock (differs from occurrence when moved)
  Millis start = 0;
  Millis end = 0;
  bool all_day = false;
  bool cancelled = false;
  bool moved = false;
  bool added = false;
  bool sensitive = false;
  std::optional<int> capacity;
  int joined = 0;
  std::optional<int> seats_left;  // nullopt = no limit
  CheckInWindow check_in;

  bool full() const { return seats_left && *seats_left <= 0; }
};

// "Starting soon": within an hour before the start. Cancelled wins over everything.
SessionPhase session_phase(const Session& session, Millis now);
// Joining is offered from check_in.before_minutes before the start to check_in.after_minutes after it.
bool check_in_open(const Session& session, Millis now);

// ---- groups (staff) ----------------------------------------------------------------------------------
// Creates a group, or updates the one with the same uid. Checks the definition (title, rule, times).
// `staff_id` is audited when staff do it; nullopt for the admin tool and imports.
Result<std::string> save_group(Store& store, const GroupDefinition& group, const std::optional<std::string>& staff_id);
// Whether sessions of the group carry records (someone joined, or one session was cancelled or moved). Those
// records name sessions by their start, so save_group then refuses to change the group's days or time.
Result<bool> group_has_session_records(Store& store, const std::string& group_id);
inline constexpr std::string_view kGroupTimingLocked =
    "people joined sessions of this group, or single sessions were changed, so its days and time stay as they are; "
    "to meet at other times, cancel it and make a new group (its history is kept)";
Result<void> cancel_group(Store& store, const std::string& group_id, const std::optional<std::string>& staff_id);
Result<std::vector<Group>> list_groups(Store& store, bool include_cancelled = false);
Result<Group> get_group(Store& store, const std::string& group_id);
Result<std::vector<SessionOverride>> group_overrides(Store& store, const std::string& group_id);

// ---- single sessions (staff) ---------------------------------------------------------------------------
Result<void> cancel_session(Store& store, const std::string& session_key, const std::optional<std::string>& staff_id);
Result<void> restore_session(Store& store, const std::string& session_key, const std::optional<std::string>& staff_id);
Result<void> move_session(Store& store, const std::string& session_key, const LocalDateTime& new_start,
                          std::optional<int> duration_minutes, std::optional<std::string> room,
                          const std::optional<std::string>& staff_id);
// A one-off session of an existing group (an RDATE); returns its key.
Result<std::string> add_session(Store& store, const std::string& group_id, const LocalDateTime& start,
                                const std::optional<std::string>& staff_id);

// ---- what the kiosk shows ------------------------------------------------------------------------------
// A stored group whose rule cannot be expanded (one saved before such rules were refused, or one that makes
// too many sessions): it is left out of lists and reports so that the other groups still show.
struct SkippedGroup {
  std::string group_id;
  std::string title;
  std::string reason;
  auto operator<=>(const SkippedGroup&) const = default;
};

// Sessions starting on the center's days `from` to `to` inclusive (cancelled ones included, marked),
// in start order, with seats left. Groups that cannot be expanded are left out and, when `skipped` is
// given, added to it.
Result<std::vector<Session>> sessions_between(Store& store, LocalDate from, LocalDate to,
                                              std::vector<SkippedGroup>* skipped = nullptr);
Result<std::vector<Session>> sessions_on(Store& store, LocalDate day);
// Not cancelled and inside their check-in window at `now`.
Result<std::vector<Session>> sessions_open_for_check_in(Store& store, Millis now);
Result<Session> find_session(Store& store, const std::string& session_key);

// ---- joining and rosters ------------------------------------------------------------------------------
enum class JoinOutcome { Joined, AlreadyJoined, Full, Cancelled };

struct JoinRequest {
  std::string session_key;
  std::string participant_id;
  std::optional<std::string> visit_id;  // the sign-in it came with, if any
  std::optional<std::string> staff_id;  // staff adding someone by name
  bool attended = false;                // staff adding someone who is in the room
};

// Capacity is checked inside the write transaction, so two kiosks cannot both take the last seat.
// The attendance and its outbox row commit together.
Result<JoinOutcome> join_session(Store& store, const JoinRequest& request);
Result<void> mark_attended(Store& store, const std::string& session_key, const std::string& participant_id,
                           bool attended, const std::optional<std::string>& staff_id);

struct RosterEntry {
  std::string participant_id;
  std::string display_name;  // "First L."
  bool attended = false;
  bool added_by_staff = false;
  Millis joined_at = 0;
};
// For any screen: "First L." only.
Result<std::vector<RosterEntry>> session_roster(Store& store, const std::string& session_key);

struct StaffRosterEntry : RosterEntry {
  std::string full_name;
};
// Staff only, with full names; the view is audited under `staff_id`.
Result<std::vector<StaffRosterEntry>> session_roster_for_staff(Store& store, const std::string& session_key,
                                                               const std::optional<std::string>& staff_id);

// ---- reports -----------------------------------------------------------------------------------------
struct GroupMonthAttendance {
  std::string group_id;
  std::string title;
  int sessions = 0;            // that took place (not cancelled)
  int cancelled_sessions = 0;
  std::int64_t joined = 0;     // attendance rows
  std::int64_t attended = 0;   // marked as there
  std::int64_t unique_people = 0;
};
struct GroupAttendanceReport {
  int year = 0;
  int month = 0;
  std::vector<GroupMonthAttendance> groups;  // by title
  std::vector<SkippedGroup> skipped;         // groups left out: their rule cannot be expanded
};
Result<GroupAttendanceReport> group_attendance_for_month(Store& store, int year, int month);
std::string group_attendance_csv(const GroupAttendanceReport& report);
nlohmann::json group_attendance_json(const GroupAttendanceReport& report);

}  // namespace porchlight::core
