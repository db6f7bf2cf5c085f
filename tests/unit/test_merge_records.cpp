// Merging two registrations of one person moves everything that points at the duplicate: visits (in
// test_participants.cpp), referrals and group attendance, including a session both records joined.
#include "directory_fixture.hpp"
#include "porchlight/core/calendar.hpp"
#include "porchlight/core/participants.hpp"
#include "porchlight/core/referrals.hpp"

using namespace porchlight::test;

namespace {

// kToday is Tuesday 2026-03-10; the store's clock starts at 10:00 that day.
GroupDefinition weekly_group(const std::string& title, int hour) {
  GroupDefinition group;
  group.title = title;
  group.start = LocalDateTime{LocalDate{2026, 3, 3}, hour, 0, 0};
  group.duration_minutes = 60;
  group.rrule = "FREQ=WEEKLY;BYDAY=TU";
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

}  // namespace

TEST_CASE("merge: the duplicate's referrals and group attendance become the kept person's") {
  TestStore s;
  import_fixture(*s);
  must(save_group(*s, weekly_group("Peer Support 101", 11), std::nullopt));
  must(save_group(*s, weekly_group("Art group", 12), std::nullopt));
  const auto keep = add_person(*s, "María", "García");
  const auto dup = add_person(*s, "Maria", "Garcia");

  NewReferral referral;
  referral.service_id = kFoodBank;
  referral.participant_id = dup;
  const auto referral_id = must(make_referral(*s, referral));

  const auto both_joined = session_titled(s, "Peer Support 101");
  const auto only_dup_joined = session_titled(s, "Art group");
  REQUIRE(must(join_session(*s, {both_joined, keep, std::nullopt, std::nullopt, false})) == JoinOutcome::Joined);
  REQUIRE(must(join_session(*s, {both_joined, dup, std::nullopt, std::nullopt, true})) == JoinOutcome::Joined);
  REQUIRE(must(join_session(*s, {only_dup_joined, dup, std::nullopt, std::nullopt, false})) == JoinOutcome::Joined);

  must(merge_participants(*s, keep, dup, std::nullopt));

  CHECK(must(get_referral(*s, referral_id))->participant_id == std::optional<std::string>(keep));
  CHECK(s.count("SELECT count(*) FROM referral WHERE participant_id = '" + dup + "'") == 0);
  CHECK(s.count("SELECT count(*) FROM attendance WHERE participant_id = '" + dup + "'") == 0);
  CHECK(s.count("SELECT count(*) FROM attendance WHERE participant_id = '" + keep + "'") == 2);
  // Listed once on the session both joined, with the duplicate's check-in kept.
  CHECK(s.count("SELECT count(*) FROM attendance WHERE participant_id = '" + keep +
                "' AND attended_at IS NOT NULL") == 1);
}
