// What a kiosk's pushed records may do on a real porchlight-hub (SQLite, or PostgreSQL under with_postgres.sh):
// touch its own center's records only, reuse no Idempotency-Key for other records, carry only text every engine
// and kiosk can hold; and what a merge moves. The hub publishes nothing a kiosk should not hold.
#include <doctest/doctest.h>

#include <httplib.h>

#include <fstream>

#include "support/checks.hpp"
#include "support/hub.hpp"
#include "support/pushes.hpp"

using namespace porchlight::test;
using nlohmann::json;

namespace {

json stored_payload(const HubStorage& storage, const std::string& entity_id) {
  const auto rows = storage.column("SELECT payload FROM mutation WHERE entity_id = '" + entity_id + "'");
  REQUIRE(rows.size() == 1);
  return json::parse(rows[0]);
}

}  // namespace

TEST_CASE("a kiosk cannot change another center's records: each kind of write naming them is refused by name") {
  TempDir dir;
  HubStorage storage(dir);
  Hub hub(storage);
  hub.start();
  const auto harbor_kiosk = enrolled_kiosk(dir, "harbor-desk", hub, "Harbor Light");
  const auto eastside_kiosk = enrolled_kiosk(dir, "east-desk", hub, "Eastside");
  Pusher harbor(hub, harbor_kiosk);
  Pusher eastside(hub, eastside_kiosk);

  const auto honest = harbor.push(json::array(
      {mutation("m-h1", 1, "participant", "p-h1", "created", {{"id", "p-h1"}, {"first_name", "Ana"}}),
       mutation("m-h2", 2, "participant", "p-h2", "created", {{"id", "p-h2"}, {"first_name", "Bo"}}),
       sign_in("v-h1", 3, "p-h1"),
       mutation("m-h4", 4, "referral", "r-h1", "created", {{"id", "r-h1"}, {"participant_id", "p-h2"}})}));
  REQUIRE(honest.at("applied") == 4);
  REQUIRE(honest.at("rejected").empty());

  const auto hostile = eastside.push(json::array(
      {mutation("m-e1", 1, "participant", "p-e1", "created", {{"id", "p-e1"}, {"first_name", "Eve"}}),
       mutation("m-e2", 2, "participant", "p-h1", "created", {{"id", "p-h1"}, {"first_name", "Mallory"}}),
       mutation("m-e3", 3, "participant", "p-h2", "merged", {{"id", "p-h2"}, {"merged_into", "p-e1"}}),
       mutation("m-e4", 4, "participant", "p-e1", "merged", {{"id", "p-e1"}, {"merged_into", "p-h1"}}),
       mutation("m-e5", 5, "participant", "p-h1", "purge", {{"purged_at", "2026-11-24T00:00:00.000Z"}}),
       mutation("m-e6", 6, "visit", "v-h1", "signed_out", {{"signed_out_at", "2026-11-23T16:00:00.000Z"}}),
       sign_in("v-h1", 7, "p-e1"),
       sign_in("v-e1", 8, "p-h1"),
       mutation("m-e9", 9, "referral", "r-e1", "created", {{"id", "r-e1"}, {"participant_id", "p-h2"}})}));
  CHECK(hostile.at("applied") == 1);
  CHECK(refusal_of(hostile, "m-e1").empty());
  for (const char* id : {"m-e2", "m-e3", "m-e4", "m-e5", "m-e6", "m-v-h1", "m-v-e1", "m-e9"}) {
    CAPTURE(id);
    CHECK(refusal_of(hostile, id).find("is not a record of this kiosk's center") != std::string::npos);
  }

  // Nothing of Harbor Light changed, and none of the refused records is held.
  CHECK(storage.column("SELECT payload FROM participant WHERE id = 'p-h1'").at(0).find("Ana") != std::string::npos);
  CHECK(storage.count("SELECT count(*) FROM participant WHERE merged_into IS NOT NULL") == 0);
  CHECK(storage.count("SELECT count(*) FROM visit WHERE id = 'v-h1' AND signed_out_at IS NULL AND "
                      "participant_id = 'p-h1'") == 1);
  CHECK(storage.count("SELECT count(*) FROM visit") == 1);
  CHECK(storage.count("SELECT count(*) FROM mutation m JOIN device d ON d.id = m.device_id WHERE d.name = 'east-desk'") ==
        1);
  CHECK(stored_payload(storage, "r-h1").at("participant_id") == "p-h2");

  // The same writes from Harbor Light's own kiosk are its to make.
  const auto own = harbor.push(json::array(
      {mutation("m-h5", 5, "visit", "v-h1", "signed_out", {{"signed_out_at", "2026-11-23T16:00:00.000Z"}}),
       mutation("m-h6", 6, "participant", "p-h2", "merged", {{"id", "p-h2"}, {"merged_into", "p-h1"}})}));
  CHECK(own.at("rejected").empty());
  CHECK(storage.count("SELECT count(*) FROM visit WHERE signed_out_at IS NOT NULL") == 1);
  CHECK(storage.count("SELECT count(*) FROM participant WHERE id = 'p-h2' AND merged_into = 'p-h1'") == 1);
}

TEST_CASE("an Idempotency-Key sent again with other records is refused with 422, and the records stay unstored") {
  TempDir dir;
  HubStorage storage(dir);
  Hub hub(storage);
  hub.start();
  const auto kiosk = enrolled_kiosk(dir, "front-desk", hub, "Harbor Light");
  Pusher pusher(hub, kiosk);

  const auto first = pusher.push(json::array({sign_in("v1", 1, std::nullopt)}), "key-1");
  CHECK(first.at("applied") == 1);
  // The same records again, with a backlog that grew meanwhile: a retry, answered as before.
  const auto retried = pusher.post(json::array({sign_in("v1", 1, std::nullopt)}), "key-1", 40);
  REQUIRE(retried);
  CHECK(retried->status == 200);
  CHECK(json::parse(retried->body) == first);

  const auto reused = pusher.post(json::array({sign_in("v2", 2, std::nullopt)}), "key-1");
  REQUIRE(reused);
  CHECK(reused->status == 422);
  const auto body = json::parse(reused->body);
  CHECK(body.at("error") == "idempotency_key_reused");
  CHECK(body.at("message").get<std::string>().find("Idempotency-Key") != std::string::npos);
  CHECK(storage.count("SELECT count(*) FROM visit") == 1);
  CHECK(storage.count("SELECT count(*) FROM mutation WHERE entity_id = 'v2'") == 0);

  // Under a key of its own the second batch is stored.
  CHECK(pusher.push(json::array({sign_in("v2", 2, std::nullopt)}), "key-2").at("applied") == 1);
  CHECK(storage.count("SELECT count(*) FROM visit") == 2);
}

TEST_CASE("records with a NUL byte or oversized text are refused by name, and network-wide reports keep working") {
  TempDir dir;
  HubStorage storage(dir);
  Hub hub(storage);
  hub.start();
  const auto kiosk = enrolled_kiosk(dir, "front-desk", hub, "Harbor Light");
  Pusher pusher(hub, kiosk);

  const auto answer = pusher.push(json::array(
      {sign_in("v-nul", 1, std::nullopt, json::array({std::string("a\0b", 3)})),
       mutation("m-long", 2, "participant", "p-long", "created", {{"first_name", std::string(20'000, 'x')}}),
       mutation("m-key", 3, "referral", "r-key", "created", {{std::string("no\0te", 5), "x"}}),
       mutation("m-id", 4, "referral", std::string(300, 'r'), "created", json::object()),
       sign_in("v-ok", 5, std::nullopt)}));
  CHECK(answer.at("applied") == 1);
  CHECK(refusal_of(answer, "m-v-nul").find("NUL") != std::string::npos);
  CHECK(refusal_of(answer, "m-long").find("longer than") != std::string::npos);
  CHECK(refusal_of(answer, "m-key").find("NUL") != std::string::npos);
  CHECK(refusal_of(answer, "m-id").find("entity_id") != std::string::npos);
  CHECK(refusal_of(answer, "m-v-ok").empty());
  CHECK(storage.count("SELECT count(*) FROM mutation") == 1);

  // Raw bytes that are not UTF-8 never make it past the JSON parser.
  httplib::Client client("127.0.0.1", hub.port());
  const auto raw = client.Post("/v1/sync/push", {{"Authorization", "Bearer " + kiosk_token(kiosk)}},
                               std::string("{\"mutations\": [\"\xff\xfe\"]}"), "application/json");
  REQUIRE(raw);
  CHECK(raw->status == 400);

  const auto reasons = hub.run({"report", "reasons"});
  INFO(reasons.err);
  CHECK(reasons.exit_code == 0);
  CHECK(reasons.out.find("meal") != std::string::npos);
}

TEST_CASE("a directory service too large for a kiosk is not published, and the rest of the directory is") {
  TempDir dir;
  HubStorage storage(dir);
  Hub hub(storage);
  hub.start();
  const auto kiosk = enrolled_kiosk(dir, "front-desk", hub, "Harbor Light");
  const auto folder = dir / "directory";
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "organizations.csv") << "id,name\norg-1,Westside Pantry\n";
  std::ofstream(folder / "services.csv") << "id,organization_id,name,status,description\n"
                                            "svc-1,org-1,Westside Food Pantry,active,Groceries\n"
                                            "svc-big,org-1,Endless Pantry,active,"
                                         << std::string(3 << 20, 'd') << "\n";
  const auto imported = hub.run({"directory", "import", folder.string()});
  INFO(imported.out << imported.err);
  require_ok(imported);
  CHECK((imported.out + imported.err).find("svc-big") != std::string::npos);
  CHECK(storage.count("SELECT count(*) FROM feed_item WHERE kind = 'directory.service'") == 1);
  CHECK(storage.count("SELECT count(*) FROM feed_item WHERE item_id = 'svc-big'") == 0);

  require_ok(kiosk({"sync", "now"}));
  CHECK(count_rows(kiosk.db(), "SELECT count(*) FROM hsds_service WHERE ?1 = ?1", "") == 1);
}

TEST_CASE("a merge on the hub moves the duplicate's referrals and attendance, so purging the kept person reaches them") {
  TempDir dir;
  HubStorage storage(dir);
  Hub hub(storage);
  hub.start();
  const auto kiosk = enrolled_kiosk(dir, "front-desk", hub, "Harbor Light");
  Pusher pusher(hub, kiosk);

  pusher.push(json::array(
      {mutation("m-1", 1, "participant", "keep", "created", {{"id", "keep"}, {"first_name", "María"}}),
       mutation("m-2", 2, "participant", "dup", "created", {{"id", "dup"}, {"first_name", "Maria"}}),
       mutation("m-3", 3, "referral", "r-1", "created",
                {{"id", "r-1"}, {"participant_id", "dup"}, {"note", "call her on Tuesday"}}),
       mutation("m-4", 4, "attendance", "a-1", "joined", {{"id", "a-1"}, {"participant_id", "dup"}})}));
  pusher.push(json::array({mutation("m-5", 5, "participant", "dup", "merged", {{"id", "dup"}, {"merged_into", "keep"}})}));
  CHECK(stored_payload(storage, "r-1").at("participant_id") == "keep");
  CHECK(stored_payload(storage, "a-1").at("participant_id") == "keep");

  pusher.push(json::array({mutation("m-6", 6, "participant", "keep", "purge", {{"purged_at", "2027-01-01T00:00:00.000Z"}})}));
  CHECK_FALSE(stored_payload(storage, "r-1").contains("note"));

  // Ids are the kiosk's text: pattern characters and a trailing backslash are only characters.
  const std::string odd = "odd_%\\";
  pusher.push(json::array({mutation("m-7", 7, "participant", odd, "merged", {{"id", odd}, {"merged_into", "keep"}}),
                           mutation("m-8", 8, "participant", odd, "purge", json::object())}));
  CHECK(storage.count("SELECT count(*) FROM participant WHERE merged_into = 'keep'") == 2);
}

TEST_CASE("a kiosk whose batch key was already used for other records still gets its records to the hub") {
  TempDir dir;
  HubStorage storage(dir);
  Hub hub(storage);
  hub.start();
  const auto kiosk = enrolled_kiosk(dir, "front-desk", hub, "Harbor Light");
  require_ok(kiosk({"signin", "--guest", "--reason", "meal"}));
  const auto queued = query_column(kiosk.db(), "SELECT mutation_id FROM outbox");
  REQUIRE(queued.size() == 1);
  // The key the batch had when keys named only its first and last record and their count, taken by a batch of
  // other records: as when a purge changed a batch between a lost answer and its retry.
  Pusher(hub, kiosk).push(json::array({sign_in("v-other", 1, std::nullopt)}), queued[0] + "." + queued[0] + ".1");

  require_ok(kiosk({"sync", "now"}));
  CHECK(storage.count("SELECT count(*) FROM visit") == 2);
  CHECK(count_rows(kiosk.db(), "SELECT count(*) FROM outbox WHERE acked_at IS NULL AND ?1 = ?1", "") == 0);
}
