#include "porchlight/hub/hub_devices.hpp"

#include "hub_audit_log.hpp"

namespace porchlight::hub {

namespace {

constexpr Millis kEnrollmentCodeLifetime = 15 * 60 * 1000;

Device device_from(const SqlRow& row) {
  Device device;
  device.id = as_text(row[0]);
  device.center_id = as_text(row[1]);
  device.center_name = as_text(row[2]);
  device.name = as_text(row[3]);
  device.enrolled_at = as_int(row[4]);
  if (row[5]) device.revoked_at = as_int(row[5]);
  if (row[6]) device.last_seen_at = as_int(row[6]);
  device.last_pending = as_int(row[7]);
  device.through_seq = as_int(row[8]);
  return device;
}

constexpr const char* kDeviceColumns =
    "d.id, d.center_id, c.name, d.name, d.enrolled_at, d.revoked_at, d.last_seen_at, d.last_pending, d.through_seq "
    "FROM device d JOIN center c ON c.id = d.center_id";

}  // namespace

Result<std::string> HubDevices::ensure_center(const std::string& name) {
  if (name.empty()) return make_error("a center needs a name");
  PL_TRY_ASSIGN(session, pool_->acquire());
  PL_TRY_ASSIGN(transaction, SqlTransaction::begin(*session));
  const std::vector<SqlValue> insert{new_hub_id(now()), name, now()};
  PL_TRY(session->run("INSERT INTO center (id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING",
                      insert));
  const std::vector<SqlValue> lookup{name};
  PL_TRY_ASSIGN(found, session->run("SELECT id FROM center WHERE name = $1", lookup));
  if (found.rows.empty()) return make_error("the center " + name + " could not be made");
  PL_TRY(transaction.commit());
  return as_text(found.rows[0][0]);
}

Result<EnrollmentCode> HubDevices::create_enrollment_code(const std::string& center_name, const std::string& actor) {
  PL_TRY_ASSIGN(center_id, ensure_center(center_name));
  PL_TRY_ASSIGN(session, pool_->acquire());
  PL_TRY_ASSIGN(transaction, SqlTransaction::begin(*session));
  EnrollmentCode code{random_enrollment_code(), now() + kEnrollmentCodeLifetime};
  const std::string code_hash = hash_secret(code.code);
  const std::vector<SqlValue> values{code_hash, center_id, now(), code.expires_at};
  PL_TRY(session->run("INSERT INTO enrollment_code (code_hash, center_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
                      values));
  // The code itself is a secret until used: the log names it by the start of its hash.
  PL_TRY(append_audit(*session, now(),
                      {actor, "enrollment_code.create", center_name,
                       "code " + code_hash.substr(0, 12) + ", single use, valid 15 minutes"}));
  PL_TRY(transaction.commit());
  return code;
}

Result<std::pair<Device, std::string>> HubDevices::enroll(const std::string& typed_code, const std::string& device_name,
                                                       const std::string& actor) {
  const std::string code = normalize_enrollment_code(typed_code);
  PL_TRY_ASSIGN(session, pool_->acquire());
  PL_TRY_ASSIGN(transaction, SqlTransaction::begin(*session));
  const std::vector<SqlValue> lookup{hash_secret(code)};
  PL_TRY_ASSIGN(found,
                session->run("SELECT center_id, expires_at, used_at FROM enrollment_code WHERE code_hash = $1", lookup));
  if (found.rows.empty()) return make_error("unknown enrollment code");
  const auto& row = found.rows[0];
  if (row[2]) return make_error("this enrollment code has already been used; make a new one on the hub");
  if (as_int(row[1]) < now()) return make_error("this enrollment code has expired (codes last 15 minutes); make a new one");
  const std::string center_id = as_text(row[0]);
  const std::string device_id = new_hub_id(now());
  const std::string token = random_token();
  const std::string name = device_name.empty() ? "kiosk" : device_name;
  const std::vector<SqlValue> insert{device_id, center_id, name, hash_secret(token), now()};
  PL_TRY(session->run("INSERT INTO device (id, center_id, name, token_hash, enrolled_at) VALUES ($1, $2, $3, $4, $5)",
                      insert));
  const std::vector<SqlValue> use{hash_secret(code), now(), device_id};
  // The WHERE used_at IS NULL makes a second, concurrent use of the same code change nothing.
  PL_TRY_ASSIGN(used, session->run("UPDATE enrollment_code SET used_at = $2, device_id = $3 "
                                   "WHERE code_hash = $1 AND used_at IS NULL",
                                   use));
  if (used.affected != 1) return make_error("this enrollment code has already been used; make a new one on the hub");
  const std::vector<SqlValue> by_id{device_id};
  PL_TRY_ASSIGN(device, session->run(std::string("SELECT ") + kDeviceColumns + " WHERE d.id = $1", by_id));
  if (device.rows.empty()) return make_error("the new device could not be read back");
  Device enrolled = device_from(device.rows[0]);
  PL_TRY(append_audit(*session, now(),
                      {actor, "device.enroll", enrolled.id,
                       "'" + enrolled.name + "' of " + enrolled.center_name + " with code " +
                           hash_secret(code).substr(0, 12)}));
  PL_TRY(transaction.commit());
  return std::pair{std::move(enrolled), token};
}

Result<Authentication> HubDevices::authenticate(const std::string& token) {
  Authentication auth;
  if (token.empty()) return auth;
  PL_TRY_ASSIGN(session, pool_->acquire());
  const std::vector<SqlValue> lookup{hash_secret(token)};
  PL_TRY_ASSIGN(found, session->run(std::string("SELECT ") + kDeviceColumns + " WHERE d.token_hash = $1", lookup));
  if (found.rows.empty()) return auth;
  auth.device = device_from(found.rows[0]);
  auth.problem = auth.device.revoked_at ? AuthProblem::Revoked : AuthProblem::None;
  return auth;
}

Result<std::vector<Device>> HubDevices::list_devices() {
  PL_TRY_ASSIGN(session, pool_->acquire());
  PL_TRY_ASSIGN(found, session->run(std::string("SELECT ") + kDeviceColumns + " ORDER BY c.name, d.enrolled_at"));
  std::vector<Device> devices;
  for (const auto& row : found.rows) devices.push_back(device_from(row));
  return devices;
}

Result<void> HubDevices::revoke_device(const std::string& device_id, const std::string& actor) {
  PL_TRY_ASSIGN(session, pool_->acquire());
  PL_TRY_ASSIGN(transaction, SqlTransaction::begin(*session));
  const std::vector<SqlValue> values{device_id, now()};
  PL_TRY_ASSIGN(changed,
                session->run("UPDATE device SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL", values));
  if (changed.affected == 0) {
    const std::vector<SqlValue> lookup{device_id};
    PL_TRY_ASSIGN(found, session->run("SELECT revoked_at FROM device WHERE id = $1", lookup));
    if (found.rows.empty()) return make_error("no device has the id " + device_id + " (see 'porchlight-hub devices list')");
    return make_error("that device is already revoked");
  }
  PL_TRY(append_audit(*session, now(), {actor, "device.revoke", device_id, ""}));
  return transaction.commit();
}

Result<std::string> HubDevices::create_admin_token(const std::string& label, const std::string& actor) {
  PL_TRY_ASSIGN(session, pool_->acquire());
  PL_TRY_ASSIGN(transaction, SqlTransaction::begin(*session));
  std::string token = random_token();
  const std::string token_hash = hash_secret(token);
  const std::string name = label.empty() ? std::string("coordinator") : label;
  const std::vector<SqlValue> values{token_hash, name, now()};
  PL_TRY(session->run("INSERT INTO admin_token (token_hash, label, created_at) VALUES ($1, $2, $3)", values));
  PL_TRY(append_audit(*session, now(), {actor, "admin_token.create", name, "token " + token_hash.substr(0, 12)}));
  PL_TRY(transaction.commit());
  return token;
}

Result<bool> HubDevices::is_admin_token(const std::string& token) {
  PL_TRY_ASSIGN(label, admin_token_label(token));
  return label.has_value();
}

Result<std::optional<std::string>> HubDevices::admin_token_label(const std::string& token) {
  if (token.empty()) return std::optional<std::string>();
  PL_TRY_ASSIGN(session, pool_->acquire());
  const std::vector<SqlValue> lookup{hash_secret(token)};
  PL_TRY_ASSIGN(found,
                session->run("SELECT label FROM admin_token WHERE token_hash = $1 AND revoked_at IS NULL", lookup));
  if (found.rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(as_text(found.rows[0][0]));
}

}  // namespace porchlight::hub
