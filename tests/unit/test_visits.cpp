// Signing in and out, and the configurable list of reasons for a visit.
#include "porchlight/core/ids.hpp"
#include "porchlight/core/reports.hpp"
#include "porchlight/core/staff.hpp"
#include "test_support.hpp"

using namespace porchlight::test;

namespace {

SignIn sign_in_of(std::optional<std::string> participant, std::vector<std::string> reasons,
                  std::optional<int> mood = std::nullopt) {
  SignIn in;
  in.participant_id = std::move(participant);
  in.reasons = std::move(reasons);
  in.mood = mood;
  return in;
}

void check_refused(TestStore& s, const SignIn& in) {
  const auto visits_before = s.visits();
  const auto reasons_before = s.count("SELECT count(*) FROM visit_reason");
  const auto outbox_before = s.outbox();
  auto made = sign_in(*s, in);
  REQUIRE_FALSE(made.ok());
  CHECK_FALSE(made.error().message.empty());
  CHECK(s.visits() == visits_before);
  CHECK(s.count("SELECT count(*) FROM visit_reason") == reasons_before);
  CHECK(s.outbox() == outbox_before);
}

}  // namespace

TEST_CASE("visits: a participant signs in with reasons and a mood") {
  TestStore s;
  const auto maria = add_person(*s, "Maria", "Garcia");
  s.clock.set(local(kToday, 9, 15));
  const auto id = must(sign_in(*s, sign_in_of(maria, {"meal", "drop-in"}, 4)));
  CHECK(is_uuid(id));
  CHECK(s.visits() == 1);
  CHECK(text_of(s.db(), "SELECT participant_id FROM visit WHERE id = '" + id + "'") == maria);
  CHECK(s.count("SELECT signed_in_at FROM visit WHERE id = '" + id + "'") == local(kToday, 9, 15));
  CHECK(s.count("SELECT mood FROM visit WHERE id = '" + id + "'") == 4);
  CHECK(s.count("SELECT guest FROM visit WHERE id = '" + id + "'") == 0);
  CHECK(texts_of(s.db(), "SELECT reason_code FROM visit_reason WHERE visit_id = '" + id + "' ORDER BY reason_code") ==
        std::vector<std::string>{"drop-in", "meal"});
  CHECK(text_of(s.db(), "SELECT signed_out_at FROM visit WHERE id = '" + id + "'") == "NULL");
  // The record says where it was made.
  CHECK(text_of(s.db(), "SELECT center_id FROM visit WHERE id = '" + id + "'") == s->center().center_id);
  CHECK(text_of(s.db(), "SELECT device_id FROM visit WHERE id = '" + id + "'") == s->center().device_id);
}

TEST_CASE("visits: the first visit is remembered on the participant") {
  TestStore s;
  const auto maria = add_person(*s, "Maria", "Garcia");
  CHECK_FALSE(must(get_participant(*s, maria)).first_visit_at.has_value());
  s.clock.set(local(kToday, 9, 15));
  visit(*s, maria);
  CHECK(must(get_participant(*s, maria)).first_visit_at == std::optional<Millis>(local(kToday, 9, 15)));
  s.clock.set(local(kToday, 13, 0));
  visit(*s, maria);
  CHECK(must(get_participant(*s, maria)).first_visit_at == std::optional<Millis>(local(kToday, 9, 15)));
}

TEST_CASE("visits: a guest signs in without a participant") {
  TestStore s;
  const auto id = must(sign_in(*s, sign_in_of(std::nullopt, {"resources"})));
  CHECK(s.count("SELECT guest FROM visit WHERE id = '" + id + "'") == 1);
  CHECK(text_of(s.db(), "SELECT participant_id FROM visit WHERE id = '" + id + "'") == "NULL");
  CHECK(s.participants() == 0);
}

TEST_CASE("visits: sign-in refuses what it cannot record and stores nothing") {
  TestStore s;
  const auto maria = add_person(*s, "Maria", "Garcia");
  SUBCASE("no reason") { check_refused(s, sign_in_of(maria, {})); }
  SUBCASE("unknown reason") { check_refused(s, sign_in_of(maria, {"nope"})); }
  SUBCASE("one known and one unknown reason") { check_refused(s, sign_in_of(maria, {"meal", "nope"})); }
  SUBCASE("unknown participant") {
    check_refused(s, sign_in_of(std::string("01890a5d-ac96-774b-bcce-b302099a8057"), {"meal"}));
  }
  SUBCASE("mood too low") { check_refused(s, sign_in_of(maria, {"meal"}, 0)); }
  SUBCASE("mood too high") { check_refused(s, sign_in_of(maria, {"meal"}, 6)); }
  SUBCASE("unknown staff member") {
    auto in = sign_in_of(maria, {"meal"});
    in.signed_in_by = "01890a5d-ac96-774b-bcce-b302099a8057";
    check_refused(s, in);
  }
  CHECK_FALSE(must(get_participant(*s, maria)).first_visit_at.has_value());
}

TEST_CASE("visits: moods 1 to 5 are accepted, and staff may sign someone in") {
  TestStore s;
  const auto maria = add_person(*s, "Maria", "Garcia");
  CHECK(sign_in(*s, sign_in_of(maria, {"meal"}, 1)).ok());
  CHECK(sign_in(*s, sign_in_of(maria, {"meal"}, 5)).ok());
  const auto staff = must(add_staff(*s, "Sam Rivera", StaffRole::Peer, "1234"));
  auto in = sign_in_of(maria, {"meal"});
  in.signed_in_by = staff;
  const auto id = must(sign_in(*s, in));
  CHECK(text_of(s.db(), "SELECT signed_in_by FROM visit WHERE id = '" + id + "'") == staff);
  CHECK(s.visits() == 3);
}

TEST_CASE("visits: sign_out records the time") {
  TestStore s;
  const auto maria = add_person(*s, "Maria", "Garcia");
  s.clock.set(local(kToday, 9, 0));
  const auto id = visit(*s, maria);
  s.clock.set(local(kToday, 11, 30));
  must(sign_out(*s, id));
  CHECK(s.count("SELECT signed_out_at FROM visit WHERE id = '" + id + "'") == local(kToday, 11, 30));

  // Signing out again keeps the first time.
  s.clock.set(local(kToday, 12, 0));
  (void)sign_out(*s, id);
  CHECK(s.count("SELECT signed_out_at FROM visit WHERE id = '" + id + "'") == local(kToday, 11, 30));

  CHECK_FALSE(sign_out(*s, "01890a5d-ac96-774b-bcce-b302099a8057").ok());
}

TEST_CASE("visits: someone who signs in twice in a day counts once as a person") {
  TestStore s;
  const auto maria = add_person(*s, "Maria", "Garcia");
  s.clock.set(local(kToday, 9, 0));
  visit(*s, maria);
  s.clock.set(local(kToday, 14, 0));
  visit(*s, maria);
  const auto day = must(daily_attendance(*s, kToday));
  CHECK(day.visit_count == 2);
  CHECK(day.unique_people == 1);
}

TEST_CASE("visits: the reason list has defaults with sensitive ones flagged") {
  TestStore s;
  const auto reasons = must(list_reasons(*s));
  REQUIRE(reasons.size() >= 5);
  int sensitive = 0;
  for (const auto& r : reasons) {
    CAPTURE(r.code);
    CHECK_FALSE(r.code.empty());
    CHECK_FALSE(r.label_en.empty());
    CHECK_FALSE(r.label_es.empty());
    CHECK(r.active);
    if (r.sensitive) ++sensitive;
  }
  CHECK(sensitive >= 1);
  CHECK(sensitive < static_cast<int>(reasons.size()));
  for (std::size_t i = 1; i < reasons.size(); ++i) CHECK(reasons[i - 1].position <= reasons[i].position);

  auto find = [&](const std::string& code) -> const VisitReason* {
    for (const auto& r : reasons) {
      if (r.code == code) return &r;
    }
    return nullptr;
  };
  REQUIRE(find("recovery") != nullptr);
  CHECK(find("recovery")->sensitive);
  REQUIRE(find("meal") != nullptr);
  CHECK_FALSE(find("meal")->sensitive);
  CHECK(find("meal")->label("es") == find("meal")->label_es);
  CHECK(find("meal")->label("en") == find("meal")->label_en);
}

TEST_CASE("visits: save_reason adds and changes reasons") {
  TestStore s;
  const auto before = must(list_reasons(*s)).size();
  VisitReason laundry;
  laundry.code = "laundry";
  laundry.label_en = "Laundry";
  laundry.label_es = "Lavandería";
  laundry.position = 1000;
  must(save_reason(*s, laundry));
  auto after = must(list_reasons(*s));
  REQUIRE(after.size() == before + 1);
  CHECK(after.back().code == "laundry");
  CHECK(after.back().label_es == "Lavandería");

  // Usable at once.
  CHECK(sign_in(*s, sign_in_of(std::nullopt, {"laundry"})).ok());

  // Saving the same code changes it rather than adding another.
  laundry.label_en = "Laundry room";
  laundry.sensitive = true;
  must(save_reason(*s, laundry));
  after = must(list_reasons(*s));
  CHECK(after.size() == before + 1);
  CHECK(after.back().label_en == "Laundry room");
  CHECK(after.back().sensitive);

  // Deactivated reasons drop out of the list but stay for history.
  laundry.active = false;
  must(save_reason(*s, laundry));
  CHECK(must(list_reasons(*s)).size() == before);
  CHECK(must(list_reasons(*s, true)).size() == before + 1);

  VisitReason blank;
  CHECK_FALSE(save_reason(*s, blank).ok());
}

TEST_CASE("visits: a failed sign-in inside a bulk import undoes only itself") {
  // Imports and the demo generator wrap many operations in one outer transaction; each operation nests.
  TestStore s;
  {
    auto import = must(s.db().begin());
    const auto maria = add_person(*s, "Maria", "Garcia");
    visit(*s, maria, {"meal"});
    CHECK_FALSE(sign_in(*s, sign_in_of(std::string("01890a5d-ac96-774b-bcce-b302099a8057"), {"meal"})).ok());
    CHECK_FALSE(sign_in(*s, sign_in_of(maria, {"meal"}, 9)).ok());
    visit(*s, maria, {"group"});
    must(import.commit());
  }
  CHECK(s.participants() == 1);
  CHECK(s.visits() == 2);
  CHECK(s.outbox() == 3);
  CHECK(s.count("SELECT count(*) FROM visit_reason") == 2);
  CHECK(must(s.db().check_integrity()).empty());
}

TEST_CASE("visits: a merged-away record signs in the person it was merged into") {
  TestStore s;
  const auto keep = add_person(*s, "Maria", "Garcia");
  const auto dup = add_person(*s, "Maria", "Garcia");
  must(merge_participants(*s, keep, dup, std::nullopt));
  const auto v = visit(*s, dup);
  CHECK(text_of(s.db(), "SELECT participant_id FROM visit WHERE id = '" + v + "'") == keep);
  CHECK(must(get_participant(*s, keep)).first_visit_at.has_value());
}
