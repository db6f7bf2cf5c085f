// porchlight-hub's store over SQLite, in process: enrollment codes, device tokens, batches applied at most once,
// records refused for good, merges in the reports, and the pull feed. (The same over PostgreSQL, and over HTTP,
// is in tests/integration.)
#include "porchlight/hub/hub_store.hpp"
#include "test_support.hpp"

using namespace porchlight::test;
namespace hub = porchlight::hub;
namespace wire = porchlight::sync;
using nlohmann::json;

namespace {

struct TestHub {
  TestHub() {
    auto pool = hub::open_sqlite_pool((dir.path() / "hub.db").string());
    REQUIRE(pool);
    auto opened = hub::HubStore::open(std::move(pool.value()), [this] { return now; });
    REQUIRE(opened);
    store = std::move(opened.value());
  }
  hub::Device enroll(const std::string& center) {
    const auto code = store->create_enrollment_code(center, "cli:test");
    REQUIRE(code);
    auto enrolled = store->enroll(code->code, "kiosk", "kiosk@test");
    REQUIRE(enrolled);
    return enrolled->first;
  }
  TempDir dir;
  hub::Millis now = 1'795'446'000'000;
  std::unique_ptr<hub::HubStore> store;
};

wire::Mutation visit(const std::string& id, std::int64_t seq, const std::optional<std::string>& participant,
                     const std::string& date = "2026-11-23") {
  return {"m-" + id, seq, "visit", id, "signed_in", 0,
          json{{"id", id},
               {"participant_id", participant ? json(*participant) : json()},
               {"signed_in_at", date + "T15:00:00.000Z"},
               {"local_date", date},
               {"reasons", {"meal"}}}};
}

std::int64_t visits_on(TestHub& h, const std::string& date, std::int64_t hub::AttendanceRow::*field) {
  const auto rows = h.store->attendance_by_day({std::nullopt, date, date});
  REQUIRE(rows);
  std::int64_t total = 0;
  for (const auto& row : *rows) total += row.*field;
  return total;
}

}  // namespace

TEST_CASE("hub: an enrollment code works once, within 15 minutes, and typed loosely") {
  TestHub h;
  const auto code = h.store->create_enrollment_code("Harbor Light", "cli:test");
  REQUIRE(code);
  CHECK(code->code.size() == 14);
  std::string typed = code->code;
  for (auto& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  typed.erase(std::remove(typed.begin(), typed.end(), '-'), typed.end());
  const auto enrolled = h.store->enroll(typed, "front desk", "kiosk@test");
  REQUIRE(enrolled);
  CHECK(enrolled->first.center_name == "Harbor Light");
  CHECK(enrolled->second.size() >= 43);  // 256 bits in base64url
  const auto again = h.store->enroll(code->code, "second", "kiosk@test");
  REQUIRE_FALSE(again);
  CHECK(contains(again.error().message, "already been used"));

  const auto late = h.store->create_enrollment_code("Harbor Light", "cli:test");
  h.now += 15 * 60 * 1000 + 1;
  const auto expired = h.store->enroll(late->code, "late", "kiosk@test");
  REQUIRE_FALSE(expired);
  CHECK(contains(expired.error().message, "expired"));
}

TEST_CASE("hub: a token lets its device in until it is revoked - unknown tokens are not let in") {
  TestHub h;
  const auto code = h.store->create_enrollment_code("Harbor Light", "cli:test");
  const auto enrolled = h.store->enroll(code->code, "kiosk", "kiosk@test");
  REQUIRE(enrolled);
  const auto& [device, token] = *enrolled;
  CHECK(h.store->authenticate(token)->problem == hub::AuthProblem::None);
  CHECK(h.store->authenticate(token)->device.id == device.id);
  CHECK(h.store->authenticate("made-up")->problem == hub::AuthProblem::Unknown);
  CHECK(h.store->authenticate("")->problem == hub::AuthProblem::Unknown);
  REQUIRE(h.store->revoke_device(device.id, "cli:test"));
  CHECK(h.store->authenticate(token)->problem == hub::AuthProblem::Revoked);
  CHECK_FALSE(h.store->revoke_device(device.id, "cli:test"));
}

TEST_CASE("hub: a batch is applied once, however often it comes, under any key") {
  TestHub h;
  const auto device = h.enroll("Harbor Light");
  wire::PushRequest batch;
  batch.mutations = {visit("v1", 1, "p1"), visit("v2", 2, std::nullopt), visit("v3", 3, "p1")};
  const auto first = h.store->push(device, batch, "key-1");
  REQUIRE(first);
  CHECK(first->applied == 3);
  CHECK(first->through_seq == 3);
  for (const char* key : {"key-1", "key-2", ""}) {
    CAPTURE(key);
    const auto again = h.store->push(device, batch, key);
    REQUIRE(again);
    CHECK(again->through_seq == 3);
    CHECK(again->applied == (std::string(key) == "key-1" ? 3 : 0));  // the stored answer under the same key
  }
  CHECK(visits_on(h, "2026-11-23", &hub::AttendanceRow::visits) == 3);
  CHECK(visits_on(h, "2026-11-23", &hub::AttendanceRow::unique_people) == 1);
  CHECK(visits_on(h, "2026-11-23", &hub::AttendanceRow::guest_visits) == 1);
  CHECK(h.store->totals()->mutations == 3);
}

TEST_CASE("hub: a malformed record is refused for good and the rest of its batch is kept") {
  TestHub h;
  const auto device = h.enroll("Harbor Light");
  auto broken = visit("v2", 2, "p1");
  broken.payload.erase("signed_in_at");
  auto mismatched = visit("v3", 3, "p1");
  mismatched.payload["id"] = "someone-else";
  wire::PushRequest batch;
  batch.mutations = {visit("v1", 1, "p1"), broken, mismatched, visit("v4", 4, "p2")};
  const auto answer = h.store->push(device, batch, "k");
  REQUIRE(answer);
  CHECK(answer->applied == 2);
  CHECK(answer->through_seq == 4);
  REQUIRE(answer->rejected.size() == 2);
  CHECK(answer->rejected[0].id == "m-v2");
  CHECK(contains(answer->rejected[0].reason, "signed_in_at"));
  CHECK(answer->rejected[1].id == "m-v3");
  CHECK(visits_on(h, "2026-11-23", &hub::AttendanceRow::visits) == 2);
}

TEST_CASE("hub: a merge makes two registrations one person in the reports, also for visits that come later") {
  TestHub h;
  const auto device = h.enroll("Harbor Light");
  wire::PushRequest first;
  first.mutations = {visit("v1", 1, "keep"), visit("v2", 2, "dup")};
  REQUIRE(h.store->push(device, first, "a"));
  CHECK(visits_on(h, "2026-11-23", &hub::AttendanceRow::unique_people) == 2);
  wire::PushRequest merge;
  merge.mutations = {{"m-merge", 3, "participant", "dup", "merged", 0, json{{"id", "dup"}, {"merged_into", "keep"}}},
                     visit("v3", 4, "dup")};
  REQUIRE(h.store->push(device, merge, "b"));
  CHECK(visits_on(h, "2026-11-23", &hub::AttendanceRow::visits) == 3);
  CHECK(visits_on(h, "2026-11-23", &hub::AttendanceRow::unique_people) == 1);
  const auto months = h.store->unduplicated_by_month({});
  REQUIRE(months);
  REQUIRE(months->size() == 1);
  CHECK(months->at(0).month == "2026-11");
  CHECK(months->at(0).unique_people == 1);
}

TEST_CASE("hub: the feed gives a center's kiosks their items and the network's, newest change only, by cursor") {
  TestHub h;
  const auto harbor = h.enroll("Harbor Light");
  const auto eastside = h.enroll("Eastside");
  REQUIRE(h.store->publish(std::nullopt, "directory.service", "s1", json{{"name", "Food bank"}}));
  REQUIRE(h.store->publish(harbor.center_id, "setting", "center_name", json{{"value", "Harbor"}}));
  REQUIRE(h.store->publish(harbor.center_id, "setting", "center_name", json{{"value", "Harbor Light"}}));
  REQUIRE(h.store->publish(std::nullopt, "directory.service", "s2", std::nullopt));

  const auto page = h.store->pull(harbor, 0, 2);
  REQUIRE(page);
  REQUIRE(page->items.size() == 2);
  CHECK(page->more);
  CHECK(page->items[0].id == "s1");
  CHECK(page->items[1].payload["value"] == "Harbor Light");  // the older change is gone
  const auto rest = h.store->pull(harbor, page->next_cursor, 2);
  REQUIRE(rest);
  REQUIRE(rest->items.size() == 1);
  CHECK(rest->items[0].deleted);
  CHECK_FALSE(rest->more);
  CHECK(h.store->pull(harbor, rest->next_cursor, 2)->items.empty());

  const auto theirs = h.store->pull(eastside, 0, 10);
  REQUIRE(theirs);
  CHECK(theirs->items.size() == 2);  // the network's two, not Harbor's setting
}

TEST_CASE("hub: a feed page holds about 4 MB of payloads, and an item a kiosk should not hold is never published") {
  TestHub h;
  const auto harbor = h.enroll("Harbor Light");
  for (int i = 0; i < 6; ++i) {
    REQUIRE(h.store->publish(std::nullopt, "directory.service", "s" + std::to_string(i),
                             json{{"description", std::string(900'000, 'd')}}));
  }
  const auto page = h.store->pull(harbor, 0, 1000);
  REQUIRE(page);
  CHECK(page->items.size() == 5);  // 4.5 MB would pass the page's 4 MiB budget
  CHECK(page->more);
  const auto rest = h.store->pull(harbor, page->next_cursor, 1000);
  REQUIRE(rest);
  REQUIRE(rest->items.size() == 1);
  CHECK(rest->items[0].id == "s5");
  CHECK_FALSE(rest->more);

  const auto huge = h.store->publish(std::nullopt, "directory.service", "big", json{{"description", std::string(2 << 20, 'd')}});
  REQUIRE_FALSE(huge);
  CHECK(huge.error().message.find("1048576 bytes") != std::string::npos);
  const auto nul = h.store->publish(std::nullopt, "directory.service", "nul", json{{"name", std::string("a\0b", 3)}});
  REQUIRE_FALSE(nul);
  CHECK(nul.error().message.find("NUL") != std::string::npos);
  CHECK(h.store->pull(harbor, rest->next_cursor, 1000)->items.empty());
}

namespace {

// Changes the hub's database behind the hub's back, as someone with the file could: triggers dropped first.
void tamper(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  char* message = nullptr;
  const int rc = sqlite3_exec(db, ("DROP TRIGGER IF EXISTS hub_audit_no_update; DROP TRIGGER IF EXISTS hub_audit_no_delete; " + sql).c_str(),
                              nullptr, nullptr, &message);
  INFO((message ? message : ""));
  sqlite3_free(message);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

}  // namespace

TEST_CASE("the hub audit log chains enrolments, revocations, tokens, reports and publications, and tampering shows") {
  TestHub h;
  const auto device = h.enroll("Harbor Light");  // code made, device enrolled
  REQUIRE(h.store->revoke_device(device.id, "cli:test"));
  REQUIRE(h.store->create_admin_token("coordinator", "cli:test"));
  REQUIRE(h.store->record_audit({"cli:test", "report.view", "attendance", "center=(any)"}));
  REQUIRE(h.store->publish(std::nullopt, "setting", "center_name", json{{"value", "Harbor"}},
                           hub::HubAuditNote{"cli:test", "settings.set", "Harbor Light", "center_name"}));
  REQUIRE(h.store->publish(std::nullopt, "directory.service", "s1", json{{"name", "Food bank"}}));  // no note, no entry

  const auto entries = h.store->recent_audit(10);
  REQUIRE(entries);
  std::vector<std::string> actions;
  for (auto it = entries->rbegin(); it != entries->rend(); ++it) actions.push_back(it->action);
  CHECK(actions == std::vector<std::string>{"enrollment_code.create", "device.enroll", "device.revoke",
                                            "admin_token.create", "report.view", "settings.set"});
  CHECK(entries->front().seq == 6);
  CHECK(entries->back().actor == "cli:test");
  const auto intact = h.store->verify_audit();
  REQUIRE(intact);
  CHECK(intact->intact);
  CHECK(intact->entries == 6);
  CHECK(intact->head_hash.size() == 64);

  // The hub's own triggers refuse changes; the tamperer drops them first.
  const auto file = h.dir.path() / "hub.db";
  SUBCASE("an entry changed") {
    tamper(file, "UPDATE hub_audit SET detail = 'nothing to see' WHERE seq = 4");
    const auto broken = h.store->verify_audit();
    REQUIRE(broken);
    CHECK_FALSE(broken->intact);
    CHECK(broken->first_broken_seq == 4);
    CHECK(broken->problem == "audit entry 4 was changed after it was written");
  }
  SUBCASE("an entry removed from the middle") {
    tamper(file, "DELETE FROM hub_audit WHERE seq = 3");
    const auto broken = h.store->verify_audit();
    REQUIRE(broken);
    CHECK_FALSE(broken->intact);
    CHECK(broken->first_broken_seq == 3);
  }
  SUBCASE("the last entry removed") {
    tamper(file, "DELETE FROM hub_audit WHERE seq = 6");
    const auto broken = h.store->verify_audit();
    REQUIRE(broken);
    CHECK_FALSE(broken->intact);
    CHECK(broken->problem == "audit entries from number 6 on are missing");
  }
  SUBCASE("the hub refuses to change an entry itself") {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "UPDATE hub_audit SET detail = 'x'", nullptr, nullptr, nullptr) != SQLITE_OK);
    CHECK(sqlite3_exec(db, "DELETE FROM hub_audit", nullptr, nullptr, nullptr) != SQLITE_OK);
    sqlite3_close(db);
    CHECK(h.store->verify_audit()->intact);
  }
}
