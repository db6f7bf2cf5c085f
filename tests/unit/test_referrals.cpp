// Referrals: self-referrals (signed in or anonymous) and staff referrals, the follow-up question at the next
// sign-in, follow-ups due, the report by category and outcome, and what reaches the outbox.
#include <nlohmann/json.hpp>

#include "directory_fixture.hpp"
#include "porchlight/core/audit.hpp"
#include "porchlight/core/outbox.hpp"
#include "porchlight/core/referrals.hpp"
#include "porchlight/core/staff.hpp"

using namespace porchlight::test;

namespace {

nlohmann::json last_outbox_payload(TestStore& s) {
  return nlohmann::json::parse(text_of(s.db(), "SELECT payload FROM outbox ORDER BY seq DESC LIMIT 1"));
}

std::string self_refer(Store& store, const std::optional<std::string>& participant, const char* service = kFoodBank) {
  NewReferral referral;
  referral.service_id = service;
  referral.participant_id = participant;
  return must(make_referral(store, referral), "make_referral");
}

}  // namespace

TEST_CASE("referrals: a signed-in participant refers themself - the next day's sign-in asks and the answer sticks") {
  TestStore s;
  import_fixture(*s);
  const auto maria = add_person(*s, "María", "García");
  const auto outbox_before = s.outbox();
  const auto id = self_refer(*s, maria);
  CHECK(s.outbox() == outbox_before + 1);
  auto referral = must(get_referral(*s, id));
  REQUIRE(referral);
  CHECK(referral->status == ReferralStatus::Made);
  CHECK(referral->self_referral);
  CHECK(referral->service_name == "Eastside Food Bank");
  CHECK(referral->category == "food");
  CHECK(referral->participant_name == "María G.");
  REQUIRE(referral->follow_up_due);
  CHECK(*referral->follow_up_due == kToday.plus_days(7));
  const auto payload = last_outbox_payload(s);
  CHECK(payload["participant_id"] == maria);
  CHECK(payload["status"] == "made");
  CHECK(payload["category"] == "food");

  // Later the same day there is nothing to ask yet.
  CHECK_FALSE(must(pending_follow_up(*s, maria)));
  s.clock.advance(kDay);
  auto pending = must(pending_follow_up(*s, maria));
  REQUIRE(pending);
  CHECK(pending->id == id);
  must(answer_follow_up(*s, id, FollowUpAnswer::Yes));
  CHECK(must(get_referral(*s, id))->status == ReferralStatus::Connected);
  CHECK_FALSE(must(pending_follow_up(*s, maria)));
  CHECK(s.count("SELECT count(*) FROM referral_event WHERE referral_id = '" + id + "'") == 2);
  CHECK(last_outbox_payload(s)["status"] == "connected");
  CHECK(s.audit() == 0);  // nothing a staff member did

  // No and skip.
  const auto second = self_refer(*s, maria, kLegal);
  s.clock.advance(kDay);
  must(answer_follow_up(*s, must(pending_follow_up(*s, maria))->id, FollowUpAnswer::Skip));
  CHECK(must(get_referral(*s, second))->status == ReferralStatus::NoAnswer);
  const auto third = self_refer(*s, maria, kLegal);
  s.clock.advance(kDay);
  must(answer_follow_up(*s, third, FollowUpAnswer::No));
  CHECK(must(get_referral(*s, third))->status == ReferralStatus::NotConnected);
}

TEST_CASE("referrals: anonymous guests can refer themselves - notes are for staff") {
  TestStore s;
  import_fixture(*s);
  const auto id = self_refer(*s, std::nullopt);
  auto referral = must(get_referral(*s, id));
  REQUIRE(referral);
  CHECK_FALSE(referral->participant_id);
  CHECK(referral->participant_name.empty());
  CHECK(last_outbox_payload(s)["anonymous"] == true);
  NewReferral with_note;
  with_note.service_id = kFoodBank;
  with_note.notes = "private";
  CHECK_FALSE(make_referral(*s, with_note).ok());
  NewReferral unknown;
  unknown.service_id = "no-such-service";
  auto refused = make_referral(*s, unknown);
  REQUIRE_FALSE(refused.ok());
  CHECK(contains(refused.error().message, "no-such-service"));
}

TEST_CASE("referrals: staff referrals are audited - follow-ups come due - notes and sensitive categories stay home") {
  TestStore s;
  import_fixture(*s);
  const auto sam = must(add_staff(*s, "Sam Rivera", StaffRole::Peer, "1234"));
  auto person = porchlight::test::person("Dana", "Lee");
  person.consent_share = false;
  const auto dana = must(register_participant(*s, person));
  NewReferral referral;
  referral.service_id = kRecovery;
  referral.participant_id = dana;
  referral.staff_id = sam;
  referral.notes = "Prefers evening meetings";
  referral.follow_up_due = kToday.plus_days(2);
  const auto audit_before = s.audit();
  const auto id = must(make_referral(*s, referral));
  CHECK(s.audit() == audit_before + 1);
  CHECK(text_of(s.db(), "SELECT action FROM audit ORDER BY seq DESC LIMIT 1") == "referral.create");
  auto payload = last_outbox_payload(s);
  CHECK(payload["category"] == "recovery");
  CHECK(payload["participant_id"].is_null());  // recovery is sensitive and the center does not share it
  CHECK_FALSE(payload.contains("note"));
  CHECK(must(get_referral(*s, id))->notes == "Prefers evening meetings");

  // Due in two days: not yet, then due, then done.
  CHECK(must(referrals_due(*s, kToday)).empty());
  auto due = must(referrals_due(*s, kToday.plus_days(2)));
  REQUIRE(due.size() == 1);
  CHECK(due[0].participant_name == "Dana L.");
  ReferralUpdate update;
  update.status = ReferralStatus::NoAnswer;
  update.note = "Left a message";
  update.staff_id = sam;
  update.follow_up_due = kToday.plus_days(5);
  must(update_referral(*s, id, update));
  CHECK(must(referrals_due(*s, kToday.plus_days(2))).empty());
  CHECK(must(referrals_due(*s, kToday.plus_days(5))).size() == 1);
  CHECK(contains(must(get_referral(*s, id))->notes, "2026-03-10: Left a message"));
  CHECK(s.audit() == audit_before + 2);
  CHECK(must(verify_audit_chain(*s)).intact);

  // A food referral of someone who consented to share carries the id and the note.
  auto sharer = porchlight::test::person("Ana", "Ruiz");
  sharer.consent_share = true;
  const auto ana = must(register_participant(*s, sharer));
  NewReferral food;
  food.service_id = kFoodBank;
  food.participant_id = ana;
  food.staff_id = sam;
  food.notes = "Needs a Saturday slot";
  must(make_referral(*s, food));
  payload = last_outbox_payload(s);
  CHECK(payload["participant_id"] == ana);
  CHECK(payload["note"] == "Needs a Saturday slot");

  // The center may choose to share sensitive categories.
  must(s->set_share_sensitive_reasons(true));
  referral.notes.clear();
  must(make_referral(*s, referral));
  CHECK(last_outbox_payload(s)["participant_id"] == dana);

  ReferralUpdate bad;
  bad.staff_id = "nobody";
  CHECK_FALSE(update_referral(*s, id, bad).ok());
  CHECK_FALSE(update_referral(*s, "missing", ReferralUpdate{}).ok());
}

TEST_CASE("referrals: the report counts referrals by category and outcome, with a neutralised CSV") {
  TestStore s;
  import_fixture(*s);
  const auto maria = add_person(*s, "María", "García");
  const auto a = self_refer(*s, maria);
  self_refer(*s, std::nullopt);
  const auto c = self_refer(*s, maria, kLegal);
  self_refer(*s, maria, kRecovery);
  s.clock.advance(kDay);
  must(answer_follow_up(*s, a, FollowUpAnswer::Yes));
  must(answer_follow_up(*s, c, FollowUpAnswer::No));
  const auto report = must(referral_report(*s, DateRange{kToday, kToday}));
  CHECK(report.rows.size() == 12);
  const auto food = report.rows[0];
  CHECK(food.category == "food");
  CHECK(food.made == 2);
  CHECK(food.connected == 1);
  CHECK(food.open == 1);
  CHECK(report.total.made == 4);
  CHECK(report.total.not_connected == 1);
  const auto csv = parse_csv(referral_report_csv(report));
  REQUIRE(csv.size() == 14);
  CHECK(csv[0][2] == "category");
  CHECK(csv[1] == std::vector<std::string>{"2026-03-10", "2026-03-10", "food", "Food", "2", "1", "0", "0", "1"});
  CHECK(csv[13][2] == "total");
  CHECK(must(referral_report(*s, DateRange{kToday.plus_days(1), kToday.plus_days(1)})).total.made == 0);
  CHECK(must(list_referrals(*s, DateRange{kToday, kToday})).size() == 4);
}
