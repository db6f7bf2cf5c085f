#pragma once
// Centers, enrollment codes and the devices they let in, and the admin tokens of the report API.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "porchlight/hub/hub_database.hpp"

namespace porchlight::hub {

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

class HubDevices : public virtual HubDatabase {
 public:
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

  // Tokens for the report API over HTTP (coordinators). The token is returned once; the hub keeps its hash.
  Result<std::string> create_admin_token(const std::string& label, const std::string& actor);
  Result<bool> is_admin_token(const std::string& token);
  // The label of a valid admin token; nullopt for an unknown or revoked one.
  Result<std::optional<std::string>> admin_token_label(const std::string& token);

 protected:
  HubDevices() = default;
  ~HubDevices() = default;
};

}  // namespace porchlight::hub
