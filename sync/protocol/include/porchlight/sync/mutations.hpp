#pragma once
// The records a kiosk sends the hub, typed: one kind per (entity, operation) pair, one payload struct per kind,
// each written (to_json) and read (parse_*) here and nowhere else, so the kiosk's outbox and the hub's ingest
// cannot disagree. The JSON is the wire format older kiosks send and outbox rows already hold: keys are added
// here only in a way old hubs ignore, and readers accept the rows older kiosks wrote (a missing local_date...).
// Pure types: no SQLite, no curl.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "porchlight/result.hpp"

namespace porchlight::sync {

enum class MutationKind {
  ParticipantCreated,
  ParticipantMerged,
  ParticipantPurged,
  VisitSignedIn,
  VisitSignedOut,
  ReferralCreated,
  ReferralStatusChanged,
  CalendarGroupSaved,
  CalendarGroupCancelled,
  CalendarSessionCancelled,
  CalendarSessionRestored,
  CalendarSessionMoved,
  AttendanceJoined,
  AttendanceAttended,
  AttendanceNotAttended,
};

// Every kind with its wire names, in the enum's order.
struct MutationName {
  MutationKind kind;
  std::string_view entity;
  std::string_view operation;
};
inline constexpr MutationName kMutationNames[] = {
    {MutationKind::ParticipantCreated, "participant", "created"},
    {MutationKind::ParticipantMerged, "participant", "merged"},
    {MutationKind::ParticipantPurged, "participant", "purge"},
    {MutationKind::VisitSignedIn, "visit", "signed_in"},
    {MutationKind::VisitSignedOut, "visit", "signed_out"},
    {MutationKind::ReferralCreated, "referral", "created"},
    {MutationKind::ReferralStatusChanged, "referral", "status_changed"},
    {MutationKind::CalendarGroupSaved, "calendar_group", "saved"},
    {MutationKind::CalendarGroupCancelled, "calendar_group", "cancelled"},
    {MutationKind::CalendarSessionCancelled, "calendar_session", "cancel"},
    {MutationKind::CalendarSessionRestored, "calendar_session", "restore"},
    {MutationKind::CalendarSessionMoved, "calendar_session", "move"},
    {MutationKind::AttendanceJoined, "attendance", "joined"},
    {MutationKind::AttendanceAttended, "attendance", "attended"},
    {MutationKind::AttendanceNotAttended, "attendance", "not_attended"},
};

const MutationName& name_of(MutationKind kind);
// The kind a row's names spell, or nullopt for one this build does not know (a newer kiosk's).
std::optional<MutationKind> mutation_kind(std::string_view entity, std::string_view operation);

// --- Payloads. Times are ISO 8601 UTC text ("2026-11-24T14:05:00Z"), dates YYYY-MM-DD, as the kiosk writes them.

// What a participant shares with the hub beyond the ids: only with consent_share. A retention purge on the kiosk
// strips the names from queued rows, so a row may carry consent_share and no details.
struct SharedParticipantDetails {
  std::string first_name;
  std::string last_name;
  std::optional<std::string> phone;  // null unless consent_contact
  std::optional<std::string> email;  // null unless consent_contact
  std::optional<std::string> birth_date;
  std::string language;
  bool operator==(const SharedParticipantDetails&) const = default;
};

struct ParticipantCreated {
  std::string id;
  bool consent_record = false;
  bool consent_contact = false;
  bool consent_share = false;
  std::string center_id;
  std::string device_id;
  std::string created_at;
  std::optional<SharedParticipantDetails> details;  // absent keys, not nulls, when not shared
  bool operator==(const ParticipantCreated&) const = default;
};

struct ParticipantMerged {
  std::string id;           // the duplicate
  std::string merged_into;  // the record kept
  std::string at;
  bool operator==(const ParticipantMerged&) const = default;
};

struct ParticipantPurged {
  std::string id;
  std::string purged_at;
  std::string center_id;
  std::string device_id;
  bool operator==(const ParticipantPurged&) const = default;
};

struct VisitSignedIn {
  std::string id;
  std::optional<std::string> participant_id;  // null for a guest
  bool guest = false;
  std::string signed_in_at;
  std::optional<std::string> local_date;  // the center's calendar day; absent from kiosks before it was sent
  std::vector<std::string> reasons;
  std::vector<std::string> sensitive_reasons;  // those of `reasons` that are sensitive
  std::optional<int> mood;
  std::optional<std::string> signed_in_by;
  std::string center_id;
  std::string device_id;
  bool operator==(const VisitSignedIn&) const = default;
};

struct VisitSignedOut {
  std::string id;
  std::string signed_out_at;
  bool operator==(const VisitSignedOut&) const = default;
};

// Both referral kinds carry the whole referral as it stands.
struct ReferralRecord {
  std::string id;
  std::optional<std::string> participant_id;  // null when anonymous or not shared
  bool anonymous = false;
  std::string service_id;
  std::string service_name;
  std::string category;
  bool self_referral = false;
  std::optional<std::string> made_by;
  std::string status;
  std::optional<std::string> follow_up_due;
  std::string at;
  std::string center_id;
  std::string device_id;
  std::optional<std::string> note;  // absent unless the participant shares
  bool operator==(const ReferralRecord&) const = default;
};

// Both group kinds carry the whole group as it stands. Times are the kiosk's LocalDateTime keys.
struct CalendarGroupRecord {
  std::string id;
  std::string uid;
  std::string title;
  std::string description;
  std::string facilitator;
  std::string room;
  std::string category;
  std::string language;
  std::optional<int> capacity;
  bool sensitive = false;
  std::string time_zone;       // the center's
  std::string rule_time_zone;  // the group's own, or empty
  std::string start;
  int duration_minutes = 0;
  bool all_day = false;
  std::string rrule;
  std::vector<std::string> rdates;
  std::vector<std::string> exdates;
  int check_in_before_minutes = 0;
  int check_in_after_minutes = 0;
  bool cancelled = false;
  std::string center_id;
  std::string device_id;
  bool operator==(const CalendarGroupRecord&) const = default;
};

// One session's exception as it stands after a cancel, restore or move.
struct CalendarSessionChange {
  std::string group_id;
  std::string group_uid;
  std::string occurrence;
  bool cancelled = false;
  std::optional<std::string> start;
  std::optional<int> duration_minutes;
  std::optional<std::string> room;
  std::string center_id;
  std::string device_id;
  bool operator==(const CalendarSessionChange&) const = default;
};

// One person's place in one session, as it stands after a join or a mark.
struct AttendanceRecord {
  std::string id;
  std::string session;
  std::string group_uid;
  std::string occurrence;
  std::string session_start;
  std::optional<std::string> participant_id;  // null for a sensitive group the center does not share
  std::optional<std::string> visit_id;
  std::optional<std::string> added_by;
  std::string joined_at;
  std::optional<std::string> attended_at;
  std::string center_id;
  std::string device_id;
  bool operator==(const AttendanceRecord&) const = default;
};

nlohmann::json to_json(const ParticipantCreated& payload);
nlohmann::json to_json(const ParticipantMerged& payload);
nlohmann::json to_json(const ParticipantPurged& payload);
nlohmann::json to_json(const VisitSignedIn& payload);
nlohmann::json to_json(const VisitSignedOut& payload);
nlohmann::json to_json(const ReferralRecord& payload);
nlohmann::json to_json(const CalendarGroupRecord& payload);
nlohmann::json to_json(const CalendarSessionChange& payload);
nlohmann::json to_json(const AttendanceRecord& payload);

// Readers of a payload from outside: the message names the field at fault ("the visit has no valid
// signed_in_at"); none throws. Keys a reader does not know are ignored (a newer kiosk's).
Result<ParticipantCreated> parse_participant_created(const nlohmann::json& payload);
Result<ParticipantMerged> parse_participant_merged(const nlohmann::json& payload);
Result<ParticipantPurged> parse_participant_purged(const nlohmann::json& payload);
Result<VisitSignedIn> parse_visit_signed_in(const nlohmann::json& payload);
Result<VisitSignedOut> parse_visit_signed_out(const nlohmann::json& payload);
Result<ReferralRecord> parse_referral(const nlohmann::json& payload);
Result<CalendarGroupRecord> parse_calendar_group(const nlohmann::json& payload);
Result<CalendarSessionChange> parse_calendar_session_change(const nlohmann::json& payload);
Result<AttendanceRecord> parse_attendance(const nlohmann::json& payload);

// Why `payload` cannot be a record of `kind`, or empty: the one check every reader above makes.
std::string payload_problem(MutationKind kind, const nlohmann::json& payload);

}  // namespace porchlight::sync
