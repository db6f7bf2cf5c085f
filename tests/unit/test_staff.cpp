// Staff accounts and their PIN sign-in: slow down after 5 failures, lock at 10, survive restarts, audit all.
#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>

#include "porchlight/core/audit.hpp"
#include "porchlight/core/pin.hpp"
#include "porchlight/core/staff.hpp"
#include "test_support.hpp"

using namespace porchlight::test;
using Outcome = StaffLogin::Outcome;

namespace {

const char* name_of(Outcome outcome) {
  switch (outcome) {
    case Outcome::SignedIn:
      return "SignedIn";
    case Outcome::WrongPin:
      return "WrongPin";
    case Outcome::MustWait:
      return "MustWait";
    case Outcome::Locked:
      return "Locked";
  }
  return "?";
}

StaffLogin login(TestStore& s, const std::string& id, std::string_view pin) {
  return must(staff_login(*s, id, pin), "staff_login");
}

StaffMember member(TestStore& s, const std::string& id) {
  for (auto& m : must(list_staff(*s))) {
    if (m.id == id) return m;
  }
  FAIL("staff member not listed");
  return {};
}

// Five failures, far enough apart that no wait applies.
void fail_times(TestStore& s, const std::string& id, int times) {
  for (int i = 0; i < times; ++i) {
    s.clock.advance(kHour);
    const auto result = login(s, id, "0000");
    CAPTURE(i);
    CAPTURE(name_of(result.outcome));
    CHECK((result.outcome == Outcome::WrongPin || result.outcome == Outcome::Locked));
  }
}

}  // namespace

TEST_CASE("staff: roles have names") {
  CHECK(to_string(StaffRole::Peer) == "peer");
  CHECK(to_string(StaffRole::Admin) == "admin");
  CHECK(parse_staff_role("peer") == std::optional<StaffRole>(StaffRole::Peer));
  CHECK(parse_staff_role("admin") == std::optional<StaffRole>(StaffRole::Admin));
  CHECK_FALSE(parse_staff_role("boss").has_value());
  CHECK_FALSE(parse_staff_role("").has_value());
}

TEST_CASE("staff: adding a member with a role") {
  TestStore s;
  const auto sam = must(add_staff(*s, "Sam Rivera", StaffRole::Peer, "1234"));
  const auto alex = must(add_staff(*s, "Alex Morgan", StaffRole::Admin, "654321"));
  const auto all = must(list_staff(*s));
  CHECK(all.size() == 2);
  CHECK(member(s, sam).name == "Sam Rivera");
  CHECK(member(s, sam).role == StaffRole::Peer);
  CHECK(member(s, alex).role == StaffRole::Admin);
  CHECK(member(s, sam).failed_attempts == 0);
  CHECK_FALSE(member(s, sam).locked);

  auto found = must(find_staff_by_name(*s, "Sam Rivera"));
  REQUIRE(found.has_value());
  CHECK(found->id == sam);
  CHECK_FALSE(must(find_staff_by_name(*s, "Nobody Here")).has_value());

  const auto hash = text_of(s.db(), "SELECT pin_hash FROM staff WHERE id = '" + sam + "'");
  CHECK(hash.rfind("$argon2id$", 0) == 0);
}

TEST_CASE("staff: adding refuses bad PINs, empty and duplicate names") {
  TestStore s;
  must(add_staff(*s, "Sam Rivera", StaffRole::Peer, "1234"));
  for (const char* pin : {"12a4", "123", "1234567", "", "12 34"}) {
    CAPTURE(pin);
    auto made = add_staff(*s, "Pat Lee", StaffRole::Peer, pin);
    REQUIRE_FALSE(made.ok());
    CHECK(contains_nocase(made.error().message, "pin"));
  }
  CHECK_FALSE(add_staff(*s, "", StaffRole::Peer, "1234").ok());
  CHECK_FALSE(add_staff(*s, "   ", StaffRole::Peer, "1234").ok());
  CHECK_FALSE(add_staff(*s, "Sam Rivera", StaffRole::Admin, "5678").ok());
  CHECK_FALSE(add_staff(*s, "sam  rivera", StaffRole::Admin, "5678").ok());  // same person, typed loosely
  CHECK(must(list_staff(*s)).size() == 1);
}

TEST_CASE("staff: login with the right and the wrong PIN") {
  TestStore s;
  const auto sam = must(add_staff(*s, "Sam Rivera", StaffRole::Peer, "1234"));
  auto right = login(s, sam, "1234");
  CHECK(right.outcome == Outcome::SignedIn);
  CHECK(right.member.id == sam);
  CHECK(right.member.name == "Sam Rivera");

  auto wrong = login(s, sam, "4321");
  CHECK(wrong.outcome == Outcome::WrongPin);
  CHECK(wrong.tries_before_lock == kLockAttempts - 1);
  wrong = login(s, sam, "4321");
  CHECK(wrong.tries_before_lock == kLockAttempts - 2);
  CHECK(member(s, sam).failed_attempts == 2);

  auto unknown = staff_login(*s, "01890a5d-ac96-774b-bcce-b302099a8057", "1234");
  CHECK((!unknown.ok() || unknown->outcome != Outcome::SignedIn));
}

TEST_CASE("staff: a success resets the failure count") {
  TestStore s;
  const auto sam = must(add_staff(*s, "Sam Rivera", StaffRole::Peer, "1234"));
  fail_times(s, sam, 3);
  CHECK(member(s, sam).failed_attempts == 3);
  s.clock.advance(kHour);
  CHECK(login(s, sam, "1234").outcome == Outcome::SignedIn);
  CHECK(member(s, sam).failed_attempts == 0);
  s.clock.advance(kHour);
  CHECK(login(s, sam, "0000").tries_before_lock == kLockAttempts - 1);
}

TEST_CASE("staff: after 5 failures each further try must wait, and waiting lets a try count again") {
  TestStore s;
  const auto sam = must(add_staff(*s, "Sam Rivera", StaffRole::Peer, "1234"));
  for (int i = 0; i < kFreeAttempts; ++i) {
    const auto result = login(s, sam, "0000");
    CAPTURE(i);
    CHECK(result.outcome == Outcome::WrongPin);
  }

  auto early = login(s, sam, "0000");
  CHECK(early.outcome == Outcome::MustWait);
  CHECK(early.wait_seconds > 0);
  CHECK(early.wait_seconds <= 30);
  // Even the right PIN must wait, or guessing could go on at full speed.
  auto early_right = login(s, sam, "1234");
  CHECK(early_right.outcome == Outcome::MustWait);
  CHECK(member(s, sam).failed_attempts == kFreeAttempts);  // tries while waiting do not count

  s.clock.advance(10 * kSecond);
  auto still = login(s, sam, "1234");
  CHECK(still.outcome == Outcome::MustWait);
  CHECK(still.wait_seconds <= 20);

  s.clock.advance(20 * kSecond);  // 30 s after the fifth failure
  auto counted = login(s, sam, "0000");
  CHECK(counted.outcome == Outcome::WrongPin);
  CHECK(member(s, sam).failed_attempts == kFreeAttempts + 1);

  // The wait doubles.
  auto longer = login(s, sam, "1234");
  CHECK(longer.outcome == Outcome::MustWait);
  CHECK(longer.wait_seconds > 30);
  CHECK(longer.wait_seconds <= 60);

  s.clock.advance(60 * kSecond);
  auto signed_in = login(s, sam, "1234");
  CHECK(signed_in.outcome == Outcome::SignedIn);
  CHECK(member(s, sam).failed_attempts == 0);
}

TEST_CASE("staff: at 10 failures the account is locked, even against the right PIN, until unlocked") {
  TestStore s;
  const auto sam = must(add_staff(*s, "Sam Rivera", StaffRole::Peer, "1234"));
  const auto alex = must(add_staff(*s, "Alex Morgan", StaffRole::Admin, "4321"));
  fail_times(s, sam, kLockAttempts);
  CHECK(member(s, sam).locked);

  s.clock.advance(24 * kHour);
  auto locked = login(s, sam, "1234");
  CHECK(locked.outcome == Outcome::Locked);
  s.clock.advance(7 * 24 * kHour);
  CHECK(login(s, sam, "1234").outcome == Outcome::Locked);
  CHECK(member(s, sam).locked);

  // Other staff are not affected.
  CHECK(login(s, alex, "4321").outcome == Outcome::SignedIn);

  const auto pat = must(add_staff(*s, "Pat Lee", StaffRole::Peer, "2222"));
  CHECK_FALSE(unlock_staff(*s, pat, sam).ok());  // only an admin may
  CHECK(member(s, sam).locked);

  const auto audit_before = s.audit();
  must(unlock_staff(*s, alex, sam));
  CHECK(s.audit() > audit_before);
  CHECK_FALSE(member(s, sam).locked);
  CHECK(member(s, sam).failed_attempts == 0);
  CHECK(login(s, sam, "1234").outcome == Outcome::SignedIn);
}

TEST_CASE("staff: failure counts, waits and locks survive closing and reopening the store") {
  TestStore s;
  const auto sam = must(add_staff(*s, "Sam Rivera", StaffRole::Peer, "1234"));
  const auto pat = must(add_staff(*s, "Pat Lee", StaffRole::Peer, "2222"));

  fail_times(s, sam, 3);
  s.reopen();
  CHECK(member(s, sam).failed_attempts == 3);
  s.clock.advance(kHour);
  CHECK(login(s, sam, "0000").tries_before_lock == kLockAttempts - 4);

  // A restart does not clear the wait.
  for (int i = 0; i < kFreeAttempts; ++i) (void)login(s, pat, "0000");
  s.reopen();
  CHECK(login(s, pat, "2222").outcome == Outcome::MustWait);

  // Nor the lock.
  fail_times(s, sam, kLockAttempts - 4);
  s.reopen();
  CHECK(member(s, sam).locked);
  s.clock.advance(kHour);
  CHECK(login(s, sam, "1234").outcome == Outcome::Locked);

  must(unlock_staff(*s, std::nullopt, sam));  // from the admin command line
  s.reopen();
  CHECK_FALSE(member(s, sam).locked);
  CHECK(login(s, sam, "1234").outcome == Outcome::SignedIn);
}

TEST_CASE("staff: every login attempt is audited") {
  TestStore s;
  const auto sam = must(add_staff(*s, "Sam Rivera", StaffRole::Peer, "1234"));
  auto attempt = [&](std::string_view pin, Outcome expected) {
    const auto before = s.audit();
    const auto result = login(s, sam, pin);
    CHECK(result.outcome == expected);
    CHECK(s.audit() >= before + 1);
    const auto latest = must(recent_audit(*s, 1));
    REQUIRE(latest.size() == 1);
    CHECK((latest[0].staff_id == std::optional<std::string>(sam) || contains(latest[0].subject, sam)));
  };
  attempt("1234", Outcome::SignedIn);
  attempt("0000", Outcome::WrongPin);
  for (int i = 0; i < kFreeAttempts - 1; ++i) attempt("0000", Outcome::WrongPin);
  attempt("1234", Outcome::MustWait);
  for (int i = kFreeAttempts; i < kLockAttempts; ++i) {
    s.clock.advance(kHour);
    (void)login(s, sam, "0000");
  }
  s.clock.advance(kHour);
  attempt("1234", Outcome::Locked);
  CHECK(must(verify_audit_chain(*s)).intact);
}

namespace {

// The same database file opened at the real (Interactive) Argon2id cost.
std::unique_ptr<Store> open_interactive(TestStore& s) {
  StoreOptions options;
  options.clock = &s.clock;
  options.pin_cost = PinHashCost::Interactive;
  auto opened = Store::open(s.path(), options);
  REQUIRE_MESSAGE(opened.ok(), (opened.ok() ? std::string() : opened.error().message));
  return std::move(opened).value();
}

double seconds_for(const std::function<void()>& work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("staff: an unknown account gets the answer of a wrong PIN, after the same Argon2id work") {
  TestStore s;
  const auto sam = must(add_staff(*s, "Sam Rivera", StaffRole::Peer, "1234"));
  s.close();
  auto store = open_interactive(s);
  // Sam's hash is rehashed at the Interactive cost by a first success, so both paths below verify at that cost.
  REQUIRE(must(staff_login(*store, sam, "1234")).outcome == Outcome::SignedIn);

  const auto unknown = must(staff_login(*store, "01890000-0000-7000-8000-000000000000", "1234"));
  const auto wrong = must(staff_login(*store, sam, "9999"));
  CHECK(unknown.outcome == Outcome::WrongPin);
  CHECK(unknown.outcome == wrong.outcome);
  CHECK(unknown.tries_before_lock == wrong.tries_before_lock);
  CHECK(unknown.wait_seconds == wrong.wait_seconds);
  CHECK(unknown.member.name.empty());
  const auto by_name = must(staff_login_by_name(*store, "Nobody Here", "1234"));
  CHECK(by_name.outcome == Outcome::WrongPin);
  CHECK(by_name.tries_before_lock == wrong.tries_before_lock);

  // The same work: an unknown id is not answered straight away. Best of three of each, with a wide margin
  // (the machine is shared), against a wrong PIN that does one Interactive Argon2id verification.
  double unknown_s = 1e9;
  double wrong_s = 1e9;
  for (int round = 0; round < 3; ++round) {
    unknown_s = std::min(unknown_s, seconds_for([&] { (void)must(staff_login(*store, "no-such-id", "1234")); }));
    wrong_s = std::min(wrong_s, seconds_for([&] { (void)must(staff_login(*store, sam, "1111")); }));
    REQUIRE(must(staff_login(*store, sam, "1234")).outcome == Outcome::SignedIn);  // keep the count low
  }
  INFO("unknown " << unknown_s << " s, wrong PIN " << wrong_s << " s");
  CHECK(unknown_s > wrong_s * 0.5);

  // Each try at an unknown account is on the record too, and the chain holds.
  const auto latest = must(recent_audit(*store, 50));
  CHECK(std::count_if(latest.begin(), latest.end(), [](const AuditEntry& entry) {
          return entry.action == "staff.login" && entry.subject == "unknown staff account";
        }) == 5);
  CHECK(must(verify_audit_chain(*store)).intact);
}

TEST_CASE("staff: a PIN hashed at an old cost is rehashed at the store's cost by the next success") {
  TestStore s;  // Fast cost
  const auto sam = must(add_staff(*s, "Sam Rivera", StaffRole::Peer, "1234"));
  const auto hash_of = [&](Store& store) {
    auto query = must(store.db().query("SELECT pin_hash FROM staff WHERE id = ?1"));
    query.bind(1, sam);
    REQUIRE(must(query.step()));
    return query.text(0);
  };
  const std::string fast_hash = hash_of(*s);
  CHECK(pin_needs_rehash(fast_hash, PinHashCost::Interactive));
  s.close();

  auto store = open_interactive(s);
  // A wrong PIN changes nothing.
  CHECK(must(staff_login(*store, sam, "9999")).outcome == Outcome::WrongPin);
  CHECK(hash_of(*store) == fast_hash);
  CHECK(must(staff_login(*store, sam, "1234")).outcome == Outcome::SignedIn);
  const std::string rehashed = hash_of(*store);
  CHECK(rehashed != fast_hash);
  CHECK_FALSE(pin_needs_rehash(rehashed, PinHashCost::Interactive));
  CHECK(verify_pin(rehashed, "1234"));
  CHECK_FALSE(verify_pin(rehashed, "9999"));
  // And it still lets Sam in, with no further rehash.
  CHECK(must(staff_login(*store, sam, "1234")).outcome == Outcome::SignedIn);
  CHECK(hash_of(*store) == rehashed);
}

TEST_CASE("staff: reaching 10 failures writes a staff.lock entry - only admins pass require_admin") {
  TestStore s;
  const auto sam = must(add_staff(*s, "Sam Rivera", StaffRole::Peer, "1234"));
  const auto alex = must(add_staff(*s, "Alex Morgan", StaffRole::Admin, "4321"));
  fail_times(s, sam, kLockAttempts);
  const auto latest = must(recent_audit(*s, 3));
  CHECK(std::any_of(latest.begin(), latest.end(), [&](const AuditEntry& entry) {
    return entry.action == "staff.lock" && entry.subject == sam;
  }));

  CHECK(require_admin(*s, alex).ok());
  const auto peer = require_admin(*s, sam);
  REQUIRE_FALSE(peer.ok());
  CHECK(peer.error().message == kAdminOnly);
  CHECK_FALSE(require_admin(*s, "no-such-id").ok());
  // A peer cannot unlock, not even through core.
  CHECK_FALSE(unlock_staff(*s, std::string(sam), sam).ok());
  CHECK(member(s, sam).locked);
  must(unlock_staff(*s, alex, sam));
  CHECK_FALSE(member(s, sam).locked);
}

TEST_CASE("staff: an unknown name gets the answers of a real account, try after try, through waits to the lock") {
  TestStore s;
  must(add_staff(*s, "Sam Rivera", StaffRole::Peer, "1234"));
  // Both tried at the same moments with a wrong PIN; the clock moves on by each wait asked for (or a second).
  int real_locked_at = -1;
  for (int step = 0; step < kLockAttempts * 2 + 4; ++step) {
    CAPTURE(step);
    const auto real = must(staff_login_by_name(*s, "Sam Rivera", "0000"));
    const auto unknown = must(staff_login_by_name(*s, "Sal Rivera", "0000"));
    CHECK(std::string(name_of(unknown.outcome)) == name_of(real.outcome));
    CHECK(unknown.tries_before_lock == real.tries_before_lock);
    CHECK(unknown.wait_seconds == real.wait_seconds);
    if (real.outcome == Outcome::Locked && real_locked_at < 0) real_locked_at = step;
    s.clock.advance(real.outcome == Outcome::MustWait ? real.wait_seconds * kSecond : kSecond);
  }
  CHECK(real_locked_at > kLockAttempts);  // the sequence went through waits to the lock
  s.clock.advance(7 * 24 * kHour);
  CHECK(must(staff_login_by_name(*s, "Sal Rivera", "1234")).outcome == Outcome::Locked);
  // A staff member added later under that name starts with a clean slate.
  must(add_staff(*s, "Sal Rivera", StaffRole::Peer, "2468"));
  CHECK(must(staff_login_by_name(*s, "Sal Rivera", "2468")).outcome == Outcome::SignedIn);
}

TEST_CASE("staff: an unknown name costs one Argon2id verification per counted try, as a real account does") {
  TestStore s;
  must(add_staff(*s, "Sam Rivera", StaffRole::Peer, "1234"));
  auto work_of = [&](const std::string& name) {
    const auto before = argon2_computations();
    const auto login = must(staff_login_by_name(*s, name, "0000"));
    return std::make_pair(argon2_computations() - before, login.outcome);
  };
  std::uint64_t real_total = 0;
  for (int step = 0; step < kLockAttempts + 4; ++step) {
    CAPTURE(step);
    const auto real = work_of("Sam Rivera");
    const auto unknown = work_of("Sal Rivera");
    CHECK(unknown.first == real.first);
    CHECK(real.first <= 1u);
    real_total += real.first;
    s.clock.advance(kHour);  // every try counts
  }
  CHECK(real_total == static_cast<std::uint64_t>(kLockAttempts));  // one check per counted try, none once locked
  // An id that is no account: one verification too (no hash made first, even at the first try of a process).
  const auto before = argon2_computations();
  CHECK(must(staff_login(*s, "01890000-0000-7000-8000-00000000beef", "1234")).outcome == Outcome::WrongPin);
  CHECK(argon2_computations() - before == 1);
}

TEST_CASE("staff: the unmatchable hash has the store's parameters and matches no PIN") {
  for (const auto cost : {PinHashCost::Fast, PinHashCost::Interactive}) {
    const auto hash = unmatchable_pin_hash(cost);
    CAPTURE(hash);
    CHECK(hash.rfind("$argon2id$v=19$", 0) == 0);
    CHECK_FALSE(pin_needs_rehash(hash, cost));
    CHECK(hash != unmatchable_pin_hash(cost));
  }
  const auto fast = unmatchable_pin_hash(PinHashCost::Fast);
  for (const char* pin : {"0000", "1234", "000000", "999999"}) CHECK_FALSE(verify_pin(fast, pin));
}
