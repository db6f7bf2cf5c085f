// A participant's sign-in and the groups chosen with it are one unit of work: all saved, or nothing.
#include "porchlight/core/sign_in_with_groups.hpp"
#include "test_support.hpp"

using namespace porchlight::test;

namespace {

// kToday is Tuesday 2026-03-10; the store's clock starts at 10:00 that day.
GroupDefinition tuesday_group(const std::string& title, int hour, std::optional<int> capacity = std::nullopt) {
  GroupDefinition group;
  group.title = title;
  group.room = "Room A";
  group.start = LocalDateTime{LocalDate{2026, 3, 3}, hour, 0, 0};
  group.duration_minutes = 60;
  group.rrule = "FREQ=WEEKLY;BYDAY=TU";
  group.capacity = capacity;
  group.check_in = CheckInWindow{15, 30};
  return group;
}

std::string session_titled(TestStore& store, const std::string& title) {
  for (const auto& session : must(sessions_on(*store, kToday))) {
    if (session.title == title) return session.key;
  }
  FAIL("no session titled " << title);
  return {};
}

SignIn signing_in(const std::string& participant) {
  SignIn in;
  in.participant_id = participant;
  in.reasons = {"group"};
  return in;
}

}  // namespace

TEST_CASE("sign in with groups: the visit and its joins commit together, a full group is an outcome") {
  TestStore store;
  must(save_group(*store, tuesday_group("Art", 11), std::nullopt));
  must(save_group(*store, tuesday_group("Women's circle", 12, 1), std::nullopt));
  const auto maria = add_person(*store, "Maria", "García");
  const auto james = add_person(*store, "James", "Smith");
  const auto circle = session_titled(store, "Women's circle");
  must(join_session(*store, {circle, james, std::nullopt, std::nullopt, false}));
  const auto art = session_titled(store, "Art");

  const auto done = must(sign_in_with_groups(*store, signing_in(maria), {art, circle}));
  CHECK(store.visits() == 1);
  REQUIRE(done.joins.size() == 2);
  CHECK(done.joins[0] == JoinOutcome::Joined);
  CHECK(done.joins[1] == JoinOutcome::Full);
  CHECK(store.count("SELECT count(*) FROM attendance WHERE visit_id = '" + done.visit_id + "'") == 1);
}

TEST_CASE("sign in with groups: a join that fails takes the visit back - nothing is saved or queued") {
  TestStore store;
  must(save_group(*store, tuesday_group("Art", 11), std::nullopt));
  const auto maria = add_person(*store, "Maria", "García");
  const auto art = session_titled(store, "Art");
  const auto outbox_before = store.outbox();
  auto refused = sign_in_with_groups(*store, signing_in(maria), {art, "no-such-session"});
  REQUIRE_FALSE(refused.ok());
  CHECK(store.visits() == 0);
  CHECK(store.count("SELECT count(*) FROM attendance") == 0);
  CHECK(store.outbox() == outbox_before);
}

TEST_CASE("sign in with groups: a guest joins nothing") {
  TestStore store;
  must(save_group(*store, tuesday_group("Art", 11), std::nullopt));
  const auto art = session_titled(store, "Art");
  SignIn guest;
  guest.reasons = {"drop-in"};
  CHECK_FALSE(sign_in_with_groups(*store, guest, {art}).ok());
  CHECK(store.visits() == 0);
  const auto alone = must(sign_in_with_groups(*store, guest, {}));
  CHECK(alone.joins.empty());
  CHECK(store.visits() == 1);
}
