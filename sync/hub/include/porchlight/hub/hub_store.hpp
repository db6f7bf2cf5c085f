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

struct HubTotals {
  std::int64_t centers = 0;
  std::int64_t devices = 0;
  std::int64_t mutations = 0;
  std::int64_t visits = 0;
};

class HubStore {
 public:
  // Opens the storage and brings its schema up to date. `clock` gives now in ms (the system clock when empty).
  static Result<std::unique_ptr<HubStore>> open(std::unique_ptr<SqlPool> pool, std::function<Millis()> clock = {});

  Dialect dialect() const { return pool_->dialect(); }
  Millis now() const { return clock_(); }

  // A center by name, made when new. Returns its id.
  Result<std::string> ensure_center(const std::string& name);
  // A single-use code valid 15 minutes for a kiosk of `center_name` (made when new).
  Result<EnrollmentCode> create_enrollment_code(const std::string& center_name);
  // Exchanges a code for a device token. Errors say whether the code is unknown, used or expired.
  Result<std::pair<Device, std::string>> enroll(const std::string& code, const std::string& device_name);
  Result<Authentication> authenticate(const std::string& token);
  Result<std::vector<Device>> list_devices();
  Result<void> revoke_device(const std::string& device_id);

  // Applies a batch in one transaction: new mutations stored and projected, repeats counted as duplicates,
  // malformed records rejected for good. The same Idempotency-Key gets the stored answer again.
  Result<sync::PushResponse> push(const Device& device, const sync::PushRequest& request,
                                  const std::string& idempotency_key);

  // Hub-owned data: a center's kiosks (or every kiosk when `center_id` is empty) receive it at their next pull.
  Result<void> publish(const std::optional<std::string>& center_id, const std::string& kind, const std::string& id,
                       const std::optional<nlohmann::json>& payload);
  Result<sync::PullResponse> pull(const Device& device, std::int64_t since, std::size_t limit);

  // Tokens for the report API over HTTP (coordinators). The token is returned once; the hub keeps its hash.
  Result<std::string> create_admin_token(const std::string& label);
  Result<bool> is_admin_token(const std::string& token);

  Result<std::vector<AttendanceRow>> attendance_by_day(const ReportFilter& filter);
  Result<std::vector<MonthlyUnduplicatedRow>> unduplicated_by_month(const ReportFilter& filter);
  Result<std::vector<ReasonRow>> visits_by_reason(const ReportFilter& filter);
  Result<HubTotals> totals();

 private:
  HubStore(std::unique_ptr<SqlPool> pool, std::function<Millis()> clock)
      : pool_(std::move(pool)), clock_(std::move(clock)) {}
  Result<void> migrate();

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
