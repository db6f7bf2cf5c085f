// The audit log: append-only, hash-chained, and a changed or deleted row shows where it happened.
#include "porchlight/core/audit.hpp"
#include "porchlight/core/ids.hpp"
#include "porchlight/core/staff.hpp"
#include "test_support.hpp"

using namespace porchlight::test;

namespace {

// Five entries made a minute apart; returns their seqs oldest first.
std::vector<std::int64_t> five_entries(TestStore& s, const std::optional<std::string>& staff) {
  for (int i = 0; i < 5; ++i) {
    s.clock.advance(kMinute);
    must(record_audit(*s, staff, "report.daily.view", "2026-03-1" + std::to_string(i), "entry " + std::to_string(i)));
  }
  std::vector<std::int64_t> seqs;
  for (const auto& e : must(recent_audit(*s, 5))) seqs.push_back(e.seq);
  std::sort(seqs.begin(), seqs.end());
  return seqs;
}

}  // namespace

TEST_CASE("audit: record_audit appends entries that recent_audit returns") {
  TestStore s;
  const auto staff = must(add_staff(*s, "Sam Rivera", StaffRole::Admin, "1234"));
  const auto before = s.audit();
  s.clock.set(local(kToday, 11, 0));
  must(record_audit(*s, staff, "export.daily.csv", "2026-03-10", "12 rows"));
  s.clock.set(local(kToday, 11, 5));
  must(record_audit(*s, std::nullopt, "staff.unlock", staff));
  CHECK(s.audit() == before + 2);

  const auto recent = must(recent_audit(*s, 2));
  REQUIRE(recent.size() == 2);
  const auto& newest = recent[0].seq > recent[1].seq ? recent[0] : recent[1];
  const auto& older = recent[0].seq > recent[1].seq ? recent[1] : recent[0];
  CHECK(older.action == "export.daily.csv");
  CHECK(older.subject == "2026-03-10");
  CHECK(older.detail == "12 rows");
  CHECK(older.staff_id == std::optional<std::string>(staff));
  CHECK(older.at == local(kToday, 11, 0));
  CHECK(is_uuid(older.id));
  CHECK(newest.action == "staff.unlock");
  CHECK(newest.subject == staff);
  CHECK(newest.detail.empty());
  CHECK_FALSE(newest.staff_id.has_value());
  CHECK(newest.at == local(kToday, 11, 5));

  // The most recent come first, and the limit holds.
  CHECK(recent[0].seq > recent[1].seq);
  CHECK(must(recent_audit(*s, 1)).size() == 1);
  CHECK(must(recent_audit(*s, 1))[0].action == "staff.unlock");
}

TEST_CASE("audit: rows cannot be changed or deleted with SQL") {
  TestStore s;
  must(record_audit(*s, std::nullopt, "report.daily.view", "2026-03-10"));
  const auto before = text_of(s.db(), "SELECT action || '|' || subject FROM audit ORDER BY seq DESC LIMIT 1");

  auto update = s.db().exec("UPDATE audit SET action = 'nothing.to.see'");
  REQUIRE_FALSE(update.ok());
  CHECK(contains(update.error().message, "append-only"));
  auto remove = s.db().exec("DELETE FROM audit");
  REQUIRE_FALSE(remove.ok());
  CHECK(contains(remove.error().message, "append-only"));

  CHECK(text_of(s.db(), "SELECT action || '|' || subject FROM audit ORDER BY seq DESC LIMIT 1") == before);
  CHECK(s.audit() >= 1);
  // Another program cannot do it either: the triggers live in the file.
  RawDb raw(s.path());
  CHECK_FALSE(raw.try_exec("DELETE FROM audit").empty());
}

TEST_CASE("audit: the chain verifies while untouched, and survives reopening") {
  TestStore s;
  auto empty = must(verify_audit_chain(*s));
  CHECK(empty.intact);
  CHECK(empty.entries == s.audit());

  five_entries(s, std::nullopt);
  auto checked = must(verify_audit_chain(*s));
  CHECK(checked.intact);
  CHECK(checked.entries == s.audit());
  CHECK_FALSE(checked.first_broken_seq.has_value());

  s.reopen();
  must(record_audit(*s, std::nullopt, "report.daily.view", "after restart"));
  checked = must(verify_audit_chain(*s));
  CHECK(checked.intact);
  CHECK(checked.entries == s.audit());
}

TEST_CASE("audit: a changed row breaks the chain at that row") {
  TestStore s;
  const auto staff = must(add_staff(*s, "Sam Rivera", StaffRole::Admin, "1234"));
  const auto other = must(add_staff(*s, "Pat Lee", StaffRole::Peer, "2222"));
  const auto seqs = five_entries(s, staff);
  REQUIRE(seqs.size() == 5);
  const auto target = std::to_string(seqs[2]);
  must(s.db().exec("DROP TRIGGER audit_is_append_only_update"));

  SUBCASE("detail") { must(s.db().exec("UPDATE audit SET detail = 'nothing happened' WHERE seq = " + target)); }
  SUBCASE("action") { must(s.db().exec("UPDATE audit SET action = 'report.other' WHERE seq = " + target)); }
  SUBCASE("subject") { must(s.db().exec("UPDATE audit SET subject = '2026-01-01' WHERE seq = " + target)); }
  SUBCASE("time") { must(s.db().exec("UPDATE audit SET at = at + 1 WHERE seq = " + target)); }
  SUBCASE("staff member") { must(s.db().exec("UPDATE audit SET staff_id = '" + other + "' WHERE seq = " + target)); }
  SUBCASE("staff member removed") { must(s.db().exec("UPDATE audit SET staff_id = NULL WHERE seq = " + target)); }

  const auto checked = must(verify_audit_chain(*s));
  CHECK_FALSE(checked.intact);
  CHECK(checked.first_broken_seq == std::optional<std::int64_t>(seqs[2]));
  CHECK_FALSE(checked.problem.empty());
}

TEST_CASE("audit: a deleted row breaks the chain where it was") {
  TestStore s;
  const auto seqs = five_entries(s, std::nullopt);
  must(s.db().exec("DROP TRIGGER audit_is_append_only_delete"));
  must(s.db().exec("DELETE FROM audit WHERE seq = " + std::to_string(seqs[2])));
  const auto checked = must(verify_audit_chain(*s));
  CHECK_FALSE(checked.intact);
  REQUIRE(checked.first_broken_seq.has_value());
  CHECK(*checked.first_broken_seq >= seqs[2]);
  CHECK(*checked.first_broken_seq <= seqs[3]);
  CHECK_FALSE(checked.problem.empty());
}

TEST_CASE("audit: a row rewritten with a recomputed-looking hash of its own is still caught by the next row") {
  TestStore s;
  const auto seqs = five_entries(s, std::nullopt);
  must(s.db().exec("DROP TRIGGER audit_is_append_only_update"));
  // Copy the hash of another row: the row no longer hashes to it, and the next row's prev_hash disagrees.
  must(s.db().exec("UPDATE audit SET hash = (SELECT hash FROM audit WHERE seq = " + std::to_string(seqs[1]) +
                   ") WHERE seq = " + std::to_string(seqs[3])));
  const auto checked = must(verify_audit_chain(*s));
  CHECK_FALSE(checked.intact);
  CHECK(checked.first_broken_seq == std::optional<std::int64_t>(seqs[3]));
}

TEST_CASE("audit: deleting the newest row is noticed too") {
  TestStore s;
  const auto seqs = five_entries(s, std::nullopt);
  must(s.db().exec("DROP TRIGGER audit_is_append_only_delete"));
  must(s.db().exec("DELETE FROM audit WHERE seq = " + std::to_string(seqs[4])));
  const auto checked = must(verify_audit_chain(*s));
  CHECK_FALSE(checked.intact);
  CHECK(checked.first_broken_seq == std::optional<std::int64_t>(seqs[4]));
}
