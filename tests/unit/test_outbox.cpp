// The outbox: every change that leaves the kiosk is queued in the same transaction as the change itself.
#include <nlohmann/json.hpp>

#include "porchlight/core/ids.hpp"
#include "porchlight/core/outbox.hpp"
#include "test_support.hpp"

using namespace porchlight::test;

namespace {

OutboxEntry last_entry(TestStore& s) {
  auto all = must(pending_mutations(*s, 100000));
  REQUIRE_FALSE(all.empty());
  return all.back();
}

void fail_outbox_inserts(TestStore& s) {
  must(
      s.db().exec("CREATE TEMP TRIGGER outbox_refuses BEFORE INSERT ON main.outbox "
                  "BEGIN SELECT RAISE(ABORT, 'outbox refuses for the test'); END"));
}

}  // namespace

TEST_CASE("outbox: register, sign in, sign out and merge each queue exactly one mutation") {
  TestStore s;
  CHECK(s.outbox() == 0);

  const auto maria = add_person(*s, "Maria", "Garcia");
  CHECK(s.outbox() == 1);
  auto entry = last_entry(s);
  CHECK(entry.entity == "participant");
  CHECK(entry.entity_id == maria);
  CHECK(entry.operation == "created");
  CHECK(is_uuid(entry.mutation_id));
  CHECK(entry.created_at == s->now());
  CHECK(nlohmann::json::parse(entry.payload, nullptr, false).is_object());

  s.clock.advance(kMinute);
  const auto v = visit(*s, maria, {"meal"});
  CHECK(s.outbox() == 2);
  entry = last_entry(s);
  CHECK(entry.entity == "visit");
  CHECK(entry.entity_id == v);
  CHECK(nlohmann::json::parse(entry.payload, nullptr, false).is_object());

  s.clock.advance(kMinute);
  must(sign_out(*s, v));
  CHECK(s.outbox() == 3);
  entry = last_entry(s);
  CHECK(entry.entity == "visit");
  CHECK(entry.entity_id == v);
  CHECK(entry.operation == "signed_out");

  const auto dup = add_person(*s, "Maria", "Garcia");
  CHECK(s.outbox() == 4);
  must(merge_participants(*s, maria, dup, std::nullopt));
  CHECK(s.outbox() == 5);
  entry = last_entry(s);
  CHECK(entry.entity == "participant");
  CHECK(entry.operation == "merged");
  CHECK((entry.entity_id == dup || entry.entity_id == maria));

  // Guests too.
  visit(*s, std::nullopt, {"resources"});
  CHECK(s.outbox() == 6);
}

TEST_CASE("outbox: a sign-in that fails leaves neither a visit nor an outbox row") {
  TestStore s;
  const auto maria = add_person(*s, "Maria", "Garcia");
  const auto outbox_before = s.outbox();
  SignIn in;
  in.participant_id = maria;
  in.reasons = {"meal", "no-such-reason"};
  CHECK_FALSE(sign_in(*s, in).ok());
  CHECK(s.visits() == 0);
  CHECK(s.count("SELECT count(*) FROM visit_reason") == 0);
  CHECK(s.outbox() == outbox_before);
  CHECK_FALSE(must(get_participant(*s, maria)).first_visit_at.has_value());
}

TEST_CASE("outbox: when the outbox row cannot be written the change is not stored either") {
  TestStore s;
  const auto maria = add_person(*s, "Maria", "Garcia");
  const auto jose = add_person(*s, "José", "Garcia");
  const auto newcomer = add_person(*s, "Ana", "Lopez");
  const auto open_visit = visit(*s, maria);
  const auto jose_visit = visit(*s, jose);
  const auto participants_before = s.participants();
  const auto visits_before = s.visits();
  const auto outbox_before = s.outbox();
  fail_outbox_inserts(s);

  SUBCASE("register") {
    CHECK_FALSE(register_participant(*s, person("Bea", "Lopez")).ok());
    CHECK(s.participants() == participants_before);
    CHECK(must(find_participants(*s, "bea")).empty());
  }
  SUBCASE("sign in") {
    SignIn in;
    in.participant_id = newcomer;
    in.reasons = {"meal"};
    CHECK_FALSE(sign_in(*s, in).ok());
    CHECK(s.visits() == visits_before);
    CHECK(s.count("SELECT count(*) FROM visit_reason") == 2);
    CHECK_FALSE(must(get_participant(*s, newcomer)).first_visit_at.has_value());
  }
  SUBCASE("sign out") {
    CHECK_FALSE(sign_out(*s, open_visit).ok());
    CHECK(text_of(s.db(), "SELECT signed_out_at FROM visit WHERE id = '" + open_visit + "'") == "NULL");
  }
  SUBCASE("merge") {
    CHECK_FALSE(merge_participants(*s, maria, jose, std::nullopt).ok());
    CHECK(text_of(s.db(), "SELECT participant_id FROM visit WHERE id = '" + jose_visit + "'") == jose);
    CHECK_FALSE(must(get_participant(*s, jose)).merged_into.has_value());
    CHECK(must(find_participants(*s, "jose")).size() == 1);
  }
  CHECK(s.outbox() == outbox_before);
}

TEST_CASE("outbox: enqueue_mutation follows its transaction") {
  TestStore s;
  {
    auto tx = must(s.db().begin());
    must(enqueue_mutation(*s, porchlight::sync::MutationKind::ParticipantMerged, "t-1",
                          porchlight::sync::ParticipantMerged{"t-1", "k", "1"}));
  }
  CHECK(s.outbox() == 0);
  {
    auto tx = must(s.db().begin());
    must(enqueue_mutation(*s, porchlight::sync::MutationKind::ParticipantMerged, "t-2",
                          porchlight::sync::ParticipantMerged{"t-2", "José \"J\"", "2"}));
    must(tx.commit());
  }
  REQUIRE(s.outbox() == 1);
  const auto entry = last_entry(s);
  CHECK(entry.entity == "participant");
  CHECK(entry.operation == "merged");
  CHECK(entry.entity_id == "t-2");
  const auto payload = nlohmann::json::parse(entry.payload);
  CHECK(payload.at("at") == "2");
  CHECK(payload.at("merged_into") == "José \"J\"");
}

TEST_CASE("outbox: pending mutations come out in the order they were made") {
  TestStore s;
  std::vector<std::string> made;
  for (int i = 0; i < 5; ++i) {
    made.push_back(add_person(*s, "Person", "Number" + std::to_string(i)));
    s.clock.advance(kSecond);
  }
  const auto all = must(pending_mutations(*s, 100));
  REQUIRE(all.size() == 5);
  for (std::size_t i = 0; i < all.size(); ++i) {
    CAPTURE(i);
    CHECK(all[i].entity_id == made[i]);
    if (i > 0) {
      CHECK(all[i - 1].seq < all[i].seq);
      CHECK(all[i - 1].created_at <= all[i].created_at);
    }
  }
  const auto first_two = must(pending_mutations(*s, 2));
  REQUIRE(first_two.size() == 2);
  CHECK(first_two[0].entity_id == made[0]);
  CHECK(first_two[1].entity_id == made[1]);

  // Acknowledged and parked rows are no longer pending.
  must(s.db().exec("UPDATE outbox SET acked_at = 1 WHERE seq = " + std::to_string(all[0].seq)));
  must(s.db().exec("UPDATE outbox SET parked_at = 1, parked_reason = 'rejected' WHERE seq = " +
                   std::to_string(all[1].seq)));
  const auto rest = must(pending_mutations(*s, 100));
  REQUIRE(rest.size() == 3);
  CHECK(rest[0].entity_id == made[2]);
}

TEST_CASE("outbox: status counts pending and parked rows and the oldest pending time") {
  TestStore s;
  auto status = must(outbox_status(*s));
  CHECK(status.pending == 0);
  CHECK(status.parked == 0);
  CHECK_FALSE(status.oldest_pending_at.has_value());

  const Millis first_at = s->now();
  add_person(*s, "A", "One");
  s.clock.advance(kMinute);
  add_person(*s, "B", "Two");
  s.clock.advance(kMinute);
  add_person(*s, "C", "Three");
  status = must(outbox_status(*s));
  CHECK(status.pending == 3);
  CHECK(status.parked == 0);
  CHECK(status.oldest_pending_at == std::optional<Millis>(first_at));

  const auto all = must(pending_mutations(*s, 10));
  must(s.db().exec("UPDATE outbox SET acked_at = 5 WHERE seq = " + std::to_string(all[0].seq)));
  must(s.db().exec("UPDATE outbox SET parked_at = 5, parked_reason = 'bad' WHERE seq = " + std::to_string(all[2].seq)));
  status = must(outbox_status(*s));
  CHECK(status.pending == 1);
  CHECK(status.parked == 1);
  CHECK(status.oldest_pending_at == std::optional<Millis>(first_at + kMinute));
}

TEST_CASE("outbox: sensitive visit reasons do not leave the kiosk by default") {
  TestStore s;
  const auto maria = add_person(*s, "Maria", "Garcia");
  const auto v = visit(*s, maria, {"meal", "recovery", "mental-health"});
  const auto entry = last_entry(s);
  REQUIRE(entry.entity_id == v);
  CHECK_FALSE(contains(entry.payload, "recovery"));
  CHECK_FALSE(contains(entry.payload, "mental-health"));
}

TEST_CASE("outbox: a participant who did not agree to share is not sent to the hub by name") {
  TestStore s;
  auto details = person("Maria", "Zyxwv", std::nullopt, "1990-05-17");
  details.phone = "555-0177";
  details.email = "maria@example.org";
  details.consent_share = false;
  const auto id = must(register_participant(*s, details));
  const auto entry = last_entry(s);
  REQUIRE(entry.entity_id == id);
  CHECK_FALSE(contains(entry.payload, "Zyxwv"));
  CHECK_FALSE(contains(entry.payload, "555-0177"));
  CHECK_FALSE(contains(entry.payload, "maria@example.org"));
  CHECK_FALSE(contains(entry.payload, "1990-05-17"));
  CHECK_FALSE(contains(entry.payload, "argon2"));
}
