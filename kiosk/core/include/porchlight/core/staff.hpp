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

// Checks the PIN, counts failures durably (they survive a restart) and audits the attempt.
Result<StaffLogin> staff_login(Store& store, const std::string& staff_id, std::string_view pin);
// Clears failures and the lock. `admin_id` is the admin doing it (nullopt from the admin command line).
Result<void> unlock_staff(Store& store, const std::optional<std::string>& admin_id, const std::string& staff_id);

}  // namespace porchlight::core
