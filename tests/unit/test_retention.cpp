// Retention: who is purged (months without a visit, or since creation when they never came), what is cleared
// (every identifying field, staff notes, outbox payloads), what stays (every count), and the setting's checks.
#include <nlohmann/json.hpp>

#include "directory_fixture.hpp"
#include "porchlight/core/audit.hpp"
#include "porchlight/core/outbox.hpp"
#include "porchlight/core/referrals.hpp"
#include "porchlight/core/reports.hpp"
#include "porchlight/core/retention.hpp"
#include "porchlight/core/staff.hpp"
#include "porchlight/core/sync_state.hpp"

using namespace porchlight::test;

namespace {

NewParticipant full_person(std::string first, std::string last, std::string phone = "(555) 010-9999",
                           std::string email = "someone@example.org", std::string birth = "1980-04-02") {
  NewParticipant p = person(std::move(first), std::move(last), "4321", std::move(birth));
  p.phone = std::move(phone);
  p.email = std::move(email);
  p.consent_contact = true;
  p.consent_share = true;
  return p;
}

struct Counts {
  PeriodAttendance then_month;
  PeriodAttendance now_month;
  ReferralReport referrals;
  std::int64_t participants = 0, visits = 0, attendance = 0, referral_rows = 0, referral_events = 0;
};

Counts counts(TestStore& s, DateRange then_month, DateRange now_month) {
  Counts c;
  c.then_month = must(period_attendance(*s, then_month));
  c.now_month = must(period_attendance(*s, now_month));
  c.referrals = must(referral_report(*s, DateRange{then_month.from, now_month.to}));
  c.participants = s.participants();
  c.visits = s.visits();
  c.attendance = s.count("SELECT count(*) FROM attendance");
  c.referral_rows = s.count("SELECT count(*) FROM referral");
  c.referral_events = s.count("SELECT count(*) FROM referral_event");
  return c;
}

void check_same(const Counts& a, const Counts& b) {
  for (auto [x, y] : {std::pair{&a.then_month, &b.then_month}, std::pair{&a.now_month, &b.now_month}}) {
    CHECK(x->visits == y->visits);
    CHECK(x->unique_people == y->unique_people);
    CHECK(x->guest_visits == y->guest_visits);
    CHECK(x->new_people == y->new_people);
    CHECK(x->returning_people == y->returning_people);
  }
  CHECK(a.referrals.total.made == b.referrals.total.made);
  CHECK(a.referrals.total.connected == b.referrals.total.connected);
  CHECK(a.referrals.total.not_connected == b.referrals.total.not_connected);
  CHECK(a.participants == b.participants);
  CHECK(a.visits == b.visits);
  CHECK(a.attendance == b.attendance);
  CHECK(a.referral_rows == b.referral_rows);
  CHECK(a.referral_events == b.referral_events);
}

}  // namespace

TEST_CASE("retention: the cutoff is the start of the center's day N calendar months back") {
  TestStore s(local(LocalDate{2026, 3, 31}, 15, 0));
  CHECK(retention_cutoff(*s, s->now(), 1) == local(LocalDate{2026, 2, 28}, 0, 0));
  CHECK(retention_cutoff(*s, s->now(), 13) == local(LocalDate{2025, 2, 28}, 0, 0));
  CHECK(retention_cutoff(*s, s->now(), 24) == local(LocalDate{2024, 3, 31}, 0, 0));
  CHECK(retention_cutoff(*s, local(LocalDate{2026, 1, 15}, 9, 0), 2) == local(LocalDate{2025, 11, 15}, 0, 0));
}

TEST_CASE("retention: the setting is 0 (never) by default, checked, kept, and settable from the hub's feed") {
  TestStore s;
  CHECK(s->center().retention_months == 0);
  CHECK_FALSE(s->set_retention_months(-1).ok());
  CHECK_FALSE(s->set_retention_months(601).ok());
  must(s->set_retention_months(18));
  s.reopen();
  CHECK(s->center().retention_months == 18);

  const auto applied = must(apply_feed_page(*s, {FeedChange{0, "setting", "retention_months", false, {{"value", 24}}}}, 5));
  CHECK(applied.applied == 1);
  CHECK(s->center().retention_months == 24);
  const auto refused =
      must(apply_feed_page(*s, {FeedChange{0, "setting", "retention_months", false, {{"value", 4294967297LL}}},
                                FeedChange{0, "setting", "retention_months", false, {{"value", "12"}}}},
                           6));
  CHECK(refused.refused == 2);
  CHECK(s->center().retention_months == 24);

  // With the setting at 0 nothing is ever purged, however old.
  must(s->set_retention_months(0));
  add_person(*s, "Olive", "Oldham");
  s.clock.advance(4000 * kDay);
  const auto summary = must(purge_inactive_participants(*s, s->now(), std::nullopt));
  CHECK(summary.months == 0);
  CHECK(summary.participants == 0);
  CHECK(s.count("SELECT count(*) FROM participant WHERE first_name = 'Olive'") == 1);
}

TEST_CASE("retention: a purge clears who they were and keeps every count") {
  TestStore s(local(LocalDate{2025, 1, 6}, 10, 0));
  import_fixture(*s);
  const auto staff = must(add_staff(*s, "Sam Rivera", StaffRole::Admin, "2468"));
  must(s->set_retention_months(12));

  // January 2025: three people come; Quentin also gets a staff referral with notes.
  const auto quentin = must(register_participant(*s, full_person("Quentin", "Zabriskie")));
  const auto never = must(register_participant(*s, full_person("Ursula", "Neverland")));
  const auto regular = must(register_participant(*s, full_person("Rosa", "Regular", "(555) 010-1234", "rosa@example.org", "1975-06-07")));
  visit(*s, quentin, {"drop-in", "recovery"});
  visit(*s, regular);
  visit(*s, std::nullopt);
  NewReferral referral;
  referral.service_id = kFoodBank;
  referral.participant_id = quentin;
  referral.staff_id = staff;
  referral.notes = "Quentin's sister drives him on Tuesdays";
  const auto referral_id = must(make_referral(*s, referral));
  ReferralUpdate update;
  update.status = ReferralStatus::Connected;
  update.staff_id = staff;
  update.note = "Zabriskie got groceries";
  must(update_referral(*s, referral_id, update));
  // Some of this was sent already, the rest still waits in the outbox.
  std::vector<std::string> sent;
  for (const auto& entry : must(pending_mutations(*s, 3))) sent.push_back(entry.mutation_id);
  must(record_push_outcome(*s, sent, {}));

  // Fourteen months later Rosa comes again; the others never came back.
  s.clock.set(local(LocalDate{2026, 3, 2}, 11, 0));
  visit(*s, regular);

  const DateRange jan = month_of(2025, 1), mar = month_of(2026, 3);
  const auto before = counts(s, jan, mar);
  const auto outbox_before = s.outbox();
  const auto audit_before = s.audit();

  const auto dry = must(purge_inactive_participants(*s, s->now(), std::nullopt, PurgeOptions{std::nullopt, true}));
  CHECK(dry.participants == 2);
  CHECK(s.outbox() == outbox_before);
  CHECK(s.audit() == audit_before);
  CHECK(s.count("SELECT count(*) FROM participant WHERE purged_at IS NOT NULL") == 0);

  const auto summary = must(purge_inactive_participants(*s, s->now(), staff));
  CHECK(summary.months == 12);
  CHECK(summary.participants == 2);
  CHECK(summary.referrals == 1);
  CHECK(summary.outbox_rewritten >= 3);  // both "created" payloads and the referral's notes
  check_same(before, counts(s, jan, mar));

  for (const auto& id : {quentin, never}) {
    const auto record = must(get_participant(*s, id));
    CHECK(record.first_name == kPurgedFirstName);
    CHECK(record.last_name == kPurgedLastName);
    CHECK_FALSE(record.phone);
    CHECK_FALSE(record.email);
    CHECK_FALSE(record.birth_date);
    CHECK_FALSE(record.has_pin);
    CHECK_FALSE(record.card_code);
    CHECK(record.created_at > 0);
  }
  CHECK(must(get_participant(*s, quentin)).first_visit_at);  // new-versus-returning still knows when they came
  CHECK(must(find_participants(*s, "quentin")).empty());
  CHECK(must(find_participants(*s, "former")).empty());  // purged rows are not offered at sign-in either
  CHECK(must(get_referral(*s, referral_id))->status == ReferralStatus::Connected);
  CHECK(s.count("SELECT count(*) FROM referral WHERE notes IS NOT NULL") == 0);
  CHECK(s.count("SELECT count(*) FROM referral_event WHERE note IS NOT NULL") == 0);

  // Rosa came this month: untouched, down to her PIN.
  const auto rosa = must(get_participant(*s, regular));
  CHECK(rosa.first_name == "Rosa");
  CHECK(rosa.phone);
  CHECK(rosa.has_pin);
  CHECK(must(confirm_by_pin(*s, regular, "4321")));

  // No payload, sent or queued, names them; each purge travels to the hub on its own.
  for (const auto& payload : texts_of(s.db(), "SELECT payload FROM outbox")) {
    for (const char* word : {"Quentin", "Zabriskie", "Ursula", "Neverland", "someone@example.org", "010-9999",
                             "1980-04-02", "sister"}) {
      CHECK_MESSAGE(!contains(payload, word), payload);
    }
  }
  CHECK(s.count("SELECT count(*) FROM outbox WHERE entity = 'participant' AND operation = 'purge' AND "
                "acked_at IS NULL") == 2);
  const auto entries = must(recent_audit(*s, 1));
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].action == "participant.purge");
  CHECK(entries[0].staff_id == staff);
  CHECK(contains(entries[0].detail, "2 participants"));
  CHECK_FALSE(contains(entries[0].detail, "Quentin"));
  CHECK(must(verify_audit_chain(*s)).intact);

  // The next day's run has nothing to do and changes nothing.
  const auto outbox_after = s.outbox();
  s.clock.advance(kDay);
  const auto again = must(purge_inactive_participants(*s, s->now(), std::nullopt));
  CHECK(again.participants == 0);
  CHECK(s.outbox() == outbox_after);
  CHECK(s.audit() == audit_before + 1);
  CHECK(s.count("SELECT count(*) FROM setting WHERE key = 'retention.scrub_pending'") == 0);
}

TEST_CASE("retention: someone registered recently but never seen is kept until the retention passes") {
  TestStore s(local(LocalDate{2026, 1, 5}, 10, 0));
  const auto id = add_person(*s, "Nadia", "Newcomer");
  s.clock.set(local(LocalDate{2026, 3, 5}, 10, 0));
  CHECK(must(purge_inactive_participants(*s, s->now(), std::nullopt, PurgeOptions{3, false})).participants == 0);
  CHECK(must(get_participant(*s, id)).first_name == "Nadia");
  CHECK(must(purge_inactive_participants(*s, s->now(), std::nullopt, PurgeOptions{1, false})).participants == 1);
  CHECK(must(get_participant(*s, id)).first_name == kPurgedFirstName);
}
