#pragma once
// The group calendar: recurring groups (an iCalendar RRULE with RDATE/EXDATE), their sessions with
// per-session exceptions (cancelled, moved), and who joins them (attendance, queued for the hub).
//
// Times: a group keeps its first start as a wall-clock time in the center's zone, and its sessions are
// expanded in that wall clock (libical) and only then turned into UTC instants (the tz database, as
// CenterTime does), so a 6 pm group stays at 6 pm across daylight-saving changes. A group imported with a
// TZID of another zone repeats in that zone's wall clock instead (RFC 5545 3.8.5.3): its sessions are expanded
// there and brought to the center's wall clock, so they move when only one of the two zones changes its clocks.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "porchlight/core/store.hpp"
#include "porchlight/formats/calendar.hpp"

namespace porchlight::core {

using namespace porchlight::formats;

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
