#pragma once
#include <optional>
#include <string>
#include <vector>

#include "porchlight/core/store.hpp"

namespace porchlight::core {

enum class StaffRole { Peer, Admin };
std::string to_string(StaffRole role);
std::optional<StaffRole> parse_staff_role(std::string_view text);

struct StaffMember {
  std::string id;
  std::string name;
  StaffRole role = StaffRole::Peer;
  int failed_attempts = 0;
  bool locked = false;
};

// Sign-in policy for staff PINs: after kFreeAttempts failures in a row each further try must wait
// (30 s, doubling); at kLockAttempts the account locks until an admin unlocks it.
inline constexpr int kFreeAttempts = 5;
inline constexpr int kLockAttempts = 10;

Result<std::string> add_staff(Store& store, const std::string& name, StaffRole role, std::string_view pin);
Result<std::vector<StaffMember>> list_staff(Store& store);
Result<std::optional<StaffMember>> find_staff_by_name(Store& store, const std::string& name);

struct StaffLogin {
  enum class Outcome { SignedIn, WrongPin, MustWait, Locked };
  Outcome outcome = Outcome::WrongPin;
  int wait_seconds = 0;       // with MustWait: how long until the next try counts
  int tries_before_lock = 0;  // with WrongPin
  StaffMember member;
};

// Checks the PIN, counts failures durably (they survive a restart) and audits the attempt. An id that is no
// active staff account gets the answer of a wrong PIN (WrongPin, kLockAttempts - 1 tries left, no member) after
// the same Argon2id work, so neither the answer nor its time tells which accounts exist.
Result<StaffLogin> staff_login(Store& store, const std::string& staff_id, std::string_view pin);
// The same by name (the admin command line): an unknown name is answered as a wrong PIN.
Result<StaffLogin> staff_login_by_name(Store& store, const std::string& name, std::string_view pin);

// Settings, exports, purges and unlocks are for admins. The error's message is kAdminOnly.
inline constexpr const char* kAdminOnly = "only an admin may do this";
Result<void> require_admin(Store& store, const std::string& staff_id);
// Clears failures and the lock. `admin_id` is the admin doing it (nullopt from the admin command line).
Result<void> unlock_staff(Store& store, const std::optional<std::string>& admin_id, const std::string& staff_id);

}  // namespace porchlight::core
