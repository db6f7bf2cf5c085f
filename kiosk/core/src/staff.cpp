#include "porchlight/core/staff.hpp"

#include <sodium.h>

#include <algorithm>

#include "porchlight/core/audit.hpp"
#include "porchlight/core/pin.hpp"
#include "porchlight/core/text.hpp"

namespace porchlight::core {

namespace {

constexpr Millis kFirstWait = 30'000;
constexpr Millis kLongestWait = 15 * 60'000;

// How long after the last failure the next try counts, once kFreeAttempts failures are in a row.
Millis wait_after(int failed_attempts) {
  if (failed_attempts < kFreeAttempts) return 0;
  Millis wait = kFirstWait;
  for (int i = kFreeAttempts; i < failed_attempts && wait < kLongestWait; ++i) wait *= 2;
  return std::min(wait, kLongestWait);
}

constexpr const char* kStaffColumns = "id, name, role, failed_attempts, locked_at IS NOT NULL";

// The name as staff_by_name compares it: tidied, NFC, ASCII letters folded as SQLite's NOCASE folds them.
std::string folded_name(const std::string& name) {
  std::string folded = normalize_nfc(tidy_spaces(name));
  for (auto& c : folded) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return folded;
}

// The row key of a name or id that is no account: a BLAKE2b-256 hash, so the table lists no typed names.
std::string unknown_key(const std::string& kind, const std::string& value) {
  const std::string text = kind + ":" + value;
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(text.data()), text.size(), nullptr,
                     0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

// A try refused before any PIN is checked: the account is locked, or a wait after failures is not over.
std::optional<StaffLogin::Outcome> refused_before_check(StaffLogin& login, int failed_attempts, bool locked,
                                                        std::optional<Millis> last_failed_at, Millis now) {
  if (locked) return StaffLogin::Outcome::Locked;
  const Millis wait = wait_after(failed_attempts);
  if (wait > 0 && last_failed_at && now < *last_failed_at + wait) {
    login.wait_seconds = static_cast<int>((*last_failed_at + wait - now + 999) / 1000);
    return StaffLogin::Outcome::MustWait;
  }
  return std::nullopt;
}

// The answer to a failure counted as `counted`: a lock at kLockAttempts, else a wrong PIN with what is left.
void answer_failure(StaffLogin& login, std::int64_t counted) {
  login.member.failed_attempts = static_cast<int>(counted);
  if (login.member.failed_attempts >= kLockAttempts) {
    login.member.locked = true;
    login.outcome = StaffLogin::Outcome::Locked;
  } else {
    login.outcome = StaffLogin::Outcome::WrongPin;
    login.tries_before_lock = kLockAttempts - login.member.failed_attempts;
    login.wait_seconds = static_cast<int>(wait_after(login.member.failed_attempts) / 1000);
  }
}

StaffMember read_member(const Query& query) {
  return StaffMember{query.text(0), query.text(1), parse_staff_role(query.text(2)).value_or(StaffRole::Peer),
                     static_cast<int>(query.integer(3)), query.integer(4) != 0};
}

}  // namespace

std::string to_string(StaffRole role) { return role == StaffRole::Admin ? "admin" : "peer"; }

std::optional<StaffRole> parse_staff_role(std::string_view text) {
  if (text == "admin") return StaffRole::Admin;
  if (text == "peer") return StaffRole::Peer;
  return std::nullopt;
}

Result<std::string> add_staff(Store& store, const std::string& name, StaffRole role, std::string_view pin) {
  const std::string clean = normalize_nfc(tidy_spaces(name));
  if (clean.empty() || !is_valid_utf8(clean) || has_control_characters(clean)) {
    return make_error("a staff member needs a name");
  }
  if (code_point_count(clean) > 80) return make_error("the name is too long (at most 80 letters)");
  if (!is_valid_pin(pin)) return make_error("a PIN is 4 to 6 digits");
  PL_TRY_ASSIGN(existing, find_staff_by_name(store, clean));
  if (existing) return make_error("there is already a staff member called " + clean);
  PL_TRY_ASSIGN(hash, hash_pin(pin, store.pin_cost()));
  const std::string id = store.new_id();
  const Millis now = store.now();
  PL_TRY_ASSIGN(transaction, store.db().begin());
  PL_TRY_ASSIGN(insert,
                store.db().query("INSERT INTO staff (id, name, role, pin_hash, center_id, device_id, created_at, "
                                 "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)"));
  PL_TRY(insert.bind(1, id)
             .bind(2, clean)
             .bind(3, to_string(role))
             .bind(4, hash)
             .bind(5, store.center().center_id)
             .bind(6, store.center().device_id)
             .bind(7, now)
             .run());
  // Failures counted under this name while it was no account are not the new account's.
  PL_TRY_ASSIGN(forget, store.db().query("DELETE FROM staff_login_unknown WHERE key_hash = ?1"));
  PL_TRY(forget.bind(1, unknown_key("name", folded_name(clean))).run());
  PL_TRY(record_audit(store, std::nullopt, "staff.add", id, clean + " (" + to_string(role) + ")"));
  PL_TRY(transaction.commit());
  return id;
}

Result<std::vector<StaffMember>> list_staff(Store& store) {
  PL_TRY_ASSIGN(query, store.db().query(std::string("SELECT ") + kStaffColumns +
                                        " FROM staff WHERE active = 1 ORDER BY name COLLATE NOCASE"));
  return query.collect(read_member);
}

Result<std::optional<StaffMember>> find_staff_by_name(Store& store, const std::string& name) {
  PL_TRY_ASSIGN(query, store.db().query(std::string("SELECT ") + kStaffColumns +
                                        " FROM staff WHERE active = 1 AND name = ?1 COLLATE NOCASE"));
  query.bind(1, normalize_nfc(tidy_spaces(name)));
  PL_TRY_ASSIGN(has_row, query.step());
  if (!has_row) return std::optional<StaffMember>();
  return std::optional<StaffMember>(read_member(query));
}

namespace {

// A name or id that is no staff account gets what an account would get: its failures are counted under a hash
// of it (waits after kFreeAttempts, a lock at kLockAttempts) and each counted try verifies the PIN against an
// unmatchable hash at the store's cost, so the answers, their sequence and the Argon2id work are those of a real
// account whose PIN nobody knows.
Result<StaffLogin> unknown_staff_login(Store& store, const std::string& key, std::string_view pin) {
  StaffLogin login;
  int failed_attempts = 0;
  bool locked = false;
  std::optional<Millis> last_failed_at;
  {
    PL_TRY_ASSIGN(query, store.db().query("SELECT failed_attempts, locked_at IS NOT NULL, last_failed_at FROM "
                                          "staff_login_unknown WHERE key_hash = ?1"));
    query.bind(1, key);
    PL_TRY_ASSIGN(has_row, query.step());
    if (has_row) {
      failed_attempts = static_cast<int>(query.integer(0));
      locked = query.integer(1) != 0;
      last_failed_at = query.optional_integer(2);
    }
  }
  const Millis now = store.now();
  auto finish = [&](const std::string& what) -> Result<StaffLogin> {
    PL_TRY(record_audit(store, std::nullopt, "staff.login", "unknown staff account", what));
    return login;
  };
  login.member.failed_attempts = failed_attempts;
  login.member.locked = locked;
  if (const auto refused = refused_before_check(login, failed_attempts, locked, last_failed_at, now)) {
    login.outcome = *refused;
    return finish(*refused == StaffLogin::Outcome::Locked ? "refused: account locked"
                                                          : "refused: too soon after failed attempts");
  }
  (void)verify_pin(unmatchable_pin_hash(store.pin_cost()), pin);  // the work of a real check; never matches

  PL_TRY_ASSIGN(transaction, store.db().begin());
  PL_TRY_ASSIGN(fail, store.db().query(
                          "INSERT INTO staff_login_unknown (key_hash, failed_attempts, last_failed_at, locked_at) "
                          "VALUES (?1, 1, ?2, CASE WHEN 1 >= ?3 THEN ?2 END) ON CONFLICT (key_hash) DO UPDATE SET "
                          "failed_attempts = failed_attempts + 1, last_failed_at = ?2, locked_at = CASE WHEN "
                          "failed_attempts + 1 >= ?3 THEN coalesce(locked_at, ?2) ELSE locked_at END "
                          "RETURNING failed_attempts"));
  fail.bind(1, key).bind(2, now).bind(3, kLockAttempts);
  PL_TRY_ASSIGN(counted, fail.single_int());
  fail.reset();
  answer_failure(login, counted);
  if (login.outcome == StaffLogin::Outcome::Locked) {
    PL_TRY(finish("wrong PIN; account locked"));
    PL_TRY(record_audit(store, std::nullopt, "staff.lock", "unknown staff account",
                        std::to_string(kLockAttempts) + " wrong PINs"));
  } else {
    PL_TRY(finish("wrong PIN"));
  }
  PL_TRY(transaction.commit());
  login.member = StaffMember{};  // nothing about an account that does not exist leaves here
  login.member.failed_attempts = static_cast<int>(counted);
  login.member.locked = login.outcome == StaffLogin::Outcome::Locked;
  return login;
}

}  // namespace

Result<StaffLogin> staff_login(Store& store, const std::string& staff_id, std::string_view pin) {
  StaffLogin login;
  std::string hash;
  std::optional<Millis> last_failed_at;
  {
    PL_TRY_ASSIGN(query, store.db().query(std::string("SELECT ") + kStaffColumns +
                                          ", pin_hash, last_failed_at FROM staff WHERE id = ?1 AND active = 1"));
    query.bind(1, staff_id);
    PL_TRY_ASSIGN(has_row, query.step());
    if (!has_row) return unknown_staff_login(store, unknown_key("id", staff_id), pin);
    login.member = read_member(query);
    hash = query.text(5);
    last_failed_at = query.optional_integer(6);
  }
  const Millis now = store.now();
  auto finish = [&](const std::string& what) -> Result<StaffLogin> {
    PL_TRY(record_audit(store, staff_id, "staff.login", staff_id, what));
    return login;
  };

  if (const auto refused =
          refused_before_check(login, login.member.failed_attempts, login.member.locked, last_failed_at, now)) {
    login.outcome = *refused;
    return finish(*refused == StaffLogin::Outcome::Locked ? "refused: account locked"
                                                          : "refused: too soon after failed attempts");
  }

  // Argon2id is slow on purpose: check it before taking the write lock, so other writers are not held up.
  const bool right_pin = verify_pin(hash, pin);
  std::optional<std::string> new_hash;
  if (right_pin && pin_needs_rehash(hash, store.pin_cost())) {
    PL_TRY_ASSIGN(rehashed, hash_pin(pin, store.pin_cost()));
    new_hash = std::move(rehashed);
  }

  PL_TRY_ASSIGN(transaction, store.db().begin());
  if (right_pin) {
    login.outcome = StaffLogin::Outcome::SignedIn;
    login.member.failed_attempts = 0;
    PL_TRY_ASSIGN(reset, store.db().query("UPDATE staff SET failed_attempts = 0, last_failed_at = NULL, "
                                          "pin_hash = coalesce(?2, pin_hash) WHERE id = ?1"));
    PL_TRY(reset.bind(1, staff_id).bind(2, new_hash).run());
    PL_TRY(finish("signed in"));
    PL_TRY(transaction.commit());
    return login;
  }

  // Count in SQL, so two tries at once cannot both count from the same old number.
  PL_TRY_ASSIGN(fail, store.db().query("UPDATE staff SET failed_attempts = failed_attempts + 1, last_failed_at = ?2, "
                                       "locked_at = CASE WHEN failed_attempts + 1 >= ?3 THEN coalesce(locked_at, ?2) "
                                       "ELSE locked_at END WHERE id = ?1 RETURNING failed_attempts"));
  fail.bind(1, staff_id).bind(2, now).bind(3, kLockAttempts);
  PL_TRY_ASSIGN(counted, fail.single_int());
  fail.reset();
  answer_failure(login, counted);
  if (login.outcome == StaffLogin::Outcome::Locked) {
    PL_TRY(finish("wrong PIN; account locked"));
    // Its own entry, so a lock is found in the log without reading the details of every failed try.
    PL_TRY(record_audit(store, staff_id, "staff.lock", staff_id, std::to_string(kLockAttempts) + " wrong PINs"));
  } else {
    PL_TRY(finish("wrong PIN"));
  }
  PL_TRY(transaction.commit());
  return login;
}

Result<StaffLogin> staff_login_by_name(Store& store, const std::string& name, std::string_view pin) {
  PL_TRY_ASSIGN(member, find_staff_by_name(store, name));
  if (!member) return unknown_staff_login(store, unknown_key("name", folded_name(name)), pin);
  return staff_login(store, member->id, pin);
}

Result<void> require_admin(Store& store, const std::string& staff_id) {
  PL_TRY_ASSIGN(query, store.db().query("SELECT role FROM staff WHERE id = ?1 AND active = 1"));
  query.bind(1, staff_id);
  PL_TRY_ASSIGN(found, query.step());
  if (!found || parse_staff_role(query.text(0)) != StaffRole::Admin) return make_error(kAdminOnly);
  return {};
}

Result<void> unlock_staff(Store& store, const std::optional<std::string>& admin_id, const std::string& staff_id) {
  PL_TRY_ASSIGN(transaction, store.db().begin());
  if (admin_id) {
    PL_TRY(require_admin(store, *admin_id));
  }
  PL_TRY_ASSIGN(unlock,
                store.db().query("UPDATE staff SET failed_attempts = 0, last_failed_at = NULL, locked_at = NULL, "
                                 "updated_at = ?2 WHERE id = ?1 AND active = 1"));
  PL_TRY(unlock.bind(1, staff_id).bind(2, store.now()).run());
  if (unlock.changes() == 0) return make_error("that staff account does not exist");
  PL_TRY(record_audit(store, admin_id, "staff.unlock", staff_id));
  return transaction.commit();
}

}  // namespace porchlight::core
