#pragma once
// What porchlight-hub knows and does, over either engine: centers, enrollment codes and devices, the pushed
// records (each mutation applied at most once) and their report tables, the pull feed, and reports.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "porchlight/hub/sql.hpp"
#include "porchlight/sync/protocol.hpp"

namespace porchlight::hub {

using Millis = std::int64_t;

struct Device {
  std::string id;
  std::string center_id;
  std::string center_name;
  std::string name;
  Millis enrolled_at = 0;
  std::optional<Millis> revoked_at;
  std::optional<Millis> last_seen_at;
  std::int64_t last_pending = 0;
  std::int64_t through_seq = 0;  // the highest outbox seq of this device the hub holds
};

struct EnrollmentCode {
  std::string code;  // shown once; stored hashed
  Millis expires_at = 0;
};

// Why a device could not be let in, so the client can tell staff plainly.
enum class AuthProblem { None, Unknown, Revoked };
struct Authentication {
  AuthProblem problem = AuthProblem::Unknown;
  Device device;
};

struct AttendanceRow {
  std::string center;
  std::string date;  // the center's own day, YYYY-MM-DD
  std::int64_t visits = 0;
  std::int64_t unique_people = 0;  // identified participants, each once per day
  std::int64_t guest_visits = 0;
};

struct MonthlyUnduplicatedRow {
  std::string center;
  std::string month;  // YYYY-MM
  std::int64_t visits = 0;
  std::int64_t unique_people = 0;
  std::int64_t guest_visits = 0;
};

// Visits by center, month and reason. Sensitive reasons appear only where a center's kiosks were allowed to send them.
struct ReasonRow {
  std::string center;
  std::string month;  // YYYY-MM
  std::string reason;  // the kiosk's reason code
  bool sensitive = false;
  std::int64_t visits = 0;
};

struct ReportFilter {
  std::optional<std::string> center;  // by name; all centers when empty
  std::optional<std::string> from;    // YYYY-MM-DD, inclusive
  std::optional<std::string> to;
};

// One entry of the hub's own audit log: who did what to what. Actors are "cli:USER" (the command line, as that
// system user), "kiosk@ADDRESS" (an enrolment over HTTP) and "admin-token:LABEL@ADDRESS" (the report API).
struct HubAuditEntry {
  std::int64_t seq = 0;
  std::string id;
  Millis at = 0;
  std::string actor;
  std::string action;   // enrollment_code.create, device.enroll, device.revoke, report.view, admin_token.create,
                        // settings.set, directory.import, calendar.import
  std::string subject;  // what it was done to: a center, a device id, a report, a file
  std::string detail;
};

// What to write to the audit log in the same transaction as a change.
struct HubAuditNote {
  std::string actor;
  std::string action;
  std::string subject;
  std::string detail;
};

struct HubAuditVerification {
  std::int64_t entries = 0;
  bool intact = true;
  std::int64_t first_broken_seq = 0;  // the first entry that does not hold, when not intact
  std::string problem;
  std::string head_hash;  // the last entry's hash: note it elsewhere to anchor the chain
};

struct HubTotals {
  std::int64_t centers = 0;
  std::int64_t devices = 0;
  std::int64_t mutations = 0;
  std::int64_t visits = 0;
};

// What a push's Idempotency-Key turned out to be: new, the same batch sent again, or a key already used for a
// batch of other records (refused: answering with the first batch's answer would lose the second's records).
enum class BatchKey { New, Replayed, ReusedForOtherRecords };

class HubStore {
 public:
  // Opens the storage and brings its schema up to date. `clock` gives now in ms (the system clock when empty).
  static Result<std::unique_ptr<HubStore>> open(std::unique_ptr<SqlPool> pool, std::function<Millis()> clock = {});
  // The schema version the storage holds (0: an empty database), read without changing anything; and the one
  // this hub brings it to. Package upgrades compare them to decide whether to back up first.
  static Result<std::int64_t> stored_schema_version(SqlPool& pool);
  static int current_schema_version();
  // Brings the schema to `version` only (at most the current one): for tests that need an older hub's database.
  static Result<void> migrate_to(SqlPool& pool, int version);

  Dialect dialect() const { return pool_->dialect(); }
  Millis now() const { return clock_(); }

  // A center by name, made when new. Returns its id.
  Result<std::string> ensure_center(const std::string& name);
  // A single-use code valid 15 minutes for a kiosk of `center_name` (made when new).
  Result<EnrollmentCode> create_enrollment_code(const std::string& center_name, const std::string& actor);
  // Exchanges a code for a device token. Errors say whether the code is unknown, used or expired.
  Result<std::pair<Device, std::string>> enroll(const std::string& code, const std::string& device_name,
                                                const std::string& actor);
  Result<Authentication> authenticate(const std::string& token);
  Result<std::vector<Device>> list_devices();
  Result<void> revoke_device(const std::string& device_id, const std::string& actor);

  // Applies a batch in one transaction: new mutations stored and projected, repeats counted as duplicates,
  // records rejected for good when malformed or naming another center's records. The same Idempotency-Key with
  // the same records gets the stored answer again; with other records nothing is applied and the answer is empty.
  // `key_use`, when given, says which happened.
  Result<sync::PushResponse> push(const Device& device, const sync::PushRequest& request,
                                  const std::string& idempotency_key, BatchKey* key_use = nullptr);

  // Hub-owned data: a center's kiosks (or every kiosk when `center_id` is empty) receive it at their next pull.
  // `audit`, when given, is written to the audit log in the same transaction. A payload with a NUL byte, invalid
  // UTF-8 or over kMaxFeedItemBytes is refused (record_checks.hpp).
  Result<void> publish(const std::optional<std::string>& center_id, const std::string& kind, const std::string& id,
                       const std::optional<nlohmann::json>& payload,
                       const std::optional<HubAuditNote>& audit = std::nullopt);
  // A page of the feed holds at most `limit` items and about kMaxPullPageBytes of payloads; items over the item
  // limit (published by an older hub) are never sent.
  Result<sync::PullResponse> pull(const Device& device, std::int64_t since, std::size_t limit);

  // Tokens for the report API over HTTP (coordinators). The token is returned once; the hub keeps its hash.
  Result<std::string> create_admin_token(const std::string& label, const std::string& actor);
  Result<bool> is_admin_token(const std::string& token);
  // The label of a valid admin token; nullopt for an unknown or revoked one.
  Result<std::optional<std::string>> admin_token_label(const std::string& token);

  // The hub's own hash-chained audit log: appended in one transaction of its own, read newest first, verified.
  Result<void> record_audit(const HubAuditNote& note);
  Result<std::vector<HubAuditEntry>> recent_audit(int limit);
  Result<HubAuditVerification> verify_audit();

  Result<std::vector<AttendanceRow>> attendance_by_day(const ReportFilter& filter);
  Result<std::vector<MonthlyUnduplicatedRow>> unduplicated_by_month(const ReportFilter& filter);
  Result<std::vector<ReasonRow>> visits_by_reason(const ReportFilter& filter);
  Result<HubTotals> totals();

 private:
  HubStore(std::unique_ptr<SqlPool> pool, std::function<Millis()> clock)
      : pool_(std::move(pool)), clock_(std::move(clock)) {}

  std::unique_ptr<SqlPool> pool_;
  std::function<Millis()> clock_;
};

// Random bytes as text for codes and tokens (libsodium), and the one-way hash the hub stores instead.
std::string random_token();         // 256 bits, base64url
std::string random_enrollment_code();  // 60 bits, "ABCD-EFGH-JKLM" in an unambiguous alphabet
std::string hash_secret(const std::string& secret);  // SHA-256, hex
// "abcd efgh-jklm" -> "ABCD-EFGH-JKLM": codes are typed by people.
std::string normalize_enrollment_code(const std::string& typed);
std::string new_hub_id(Millis now);  // UUIDv7

}  // namespace porchlight::hub
