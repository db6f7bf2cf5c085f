// One enrolled kiosk turned hostile, against a real porchlight-hub (SQLite, or PostgreSQL under with_postgres.sh):
// it sends every kind of record naming another center's people, visits, records and groups, oversized and
// malformed fields and bodies, round after round, while that center's honest kiosks keep signing people in and
// syncing with the real client. Nothing of the other center may change, and every honest sync must go through.
#include <doctest/doctest.h>
#include <httplib.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <limits>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "support/checks.hpp"
#include "support/hub.hpp"
#include "support/pushes.hpp"

using namespace porchlight::test;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kHostileRounds = 6;
constexpr int kBaselineSyncs = 4;

// Everything of one center the hub holds, row by row, as text (the time each record arrived and the devices'
// last-seen bookkeeping left out: honest syncs move those).
std::set<std::string> center_rows(const HubStorage& storage, const std::string& center_id) {
  const std::string where = " WHERE center_id = '" + center_id + "'";
  std::set<std::string> rows;
  const auto add = [&](const std::string& table, const std::string& columns) {
    for (auto& row : storage.column("SELECT '" + table + "|' || " + columns + " FROM " + table + where)) {
      rows.insert(std::move(row));
    }
  };
  add("participant", "id || '|' || COALESCE(merged_into, '') || '|' || payload || '|' || CAST(created_at AS TEXT)");
  add("visit",
      "id || '|' || device_id || '|' || COALESCE(participant_id, '') || '|' || CAST(guest AS TEXT) || '|' || "
      "signed_in_at || '|' || local_date || '|' || COALESCE(signed_out_at, '') || '|' || reasons");
  add("mutation",
      "id || '|' || device_id || '|' || CAST(seq AS TEXT) || '|' || entity || '|' || entity_id || '|' || operation "
      "|| '|' || CAST(created_at AS TEXT) || '|' || payload");
  add("device", "id || '|' || name || '|' || token_hash || '|' || COALESCE(CAST(revoked_at AS TEXT), '')");
  add("feed_item", "kind || '|' || item_id || '|' || CAST(deleted AS TEXT) || '|' || COALESCE(payload, '')");
  return rows;
}

std::string center_id_of(const HubStorage& storage, const std::string& name) {
  const auto ids = storage.column("SELECT id FROM center WHERE name = '" + name + "'");
  REQUIRE(ids.size() == 1);
  return ids[0];
}

std::vector<std::string> ids_of(const HubStorage& storage, const std::string& sql) {
  auto ids = storage.column(sql);
  REQUIRE(!ids.empty());
  return ids;
}

std::string gzip(const std::string& data) {
  z_stream stream{};
  REQUIRE(deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&stream, data.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&stream, Z_FINISH) == Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

// What the other center holds that a hostile record may name.
struct Targets {
  std::vector<std::string> people;
  std::string visit;
  std::string mutation_id;
  std::string referral;
  std::string group;
};

// Records of every kind the kiosk makes, each naming the other center's ids (prefix keeps each round's records
// new to the hub), and the hostile center's own person for merges to point at.
json records_naming(const Targets& target, const std::string& prefix, const std::string& own_person) {
  const std::string& person = target.people.at(0);
  const std::string& other_person = target.people.at(1);
  const json when = "2026-11-23T16:00:00.000Z";
  const json group = {{"id", target.group}, {"uid", "taken@hostile"}, {"title", "Taken over"},
                      {"center_id", "ignored"}};
  return json::array({
      mutation(prefix + "pc", 1, "participant", person, "created", {{"id", person}, {"first_name", "Mallory"}}),
      mutation(prefix + "pm1", 2, "participant", person, "merged", {{"id", person}, {"merged_into", own_person}}),
      mutation(prefix + "pm2", 3, "participant", own_person, "merged",
               {{"id", own_person}, {"merged_into", other_person}}),
      mutation(prefix + "pp", 4, "participant", person, "purge", {{"purged_at", when}}),
      mutation(prefix + "vi", 5, "visit", target.visit, "signed_in",
               {{"id", target.visit}, {"participant_id", own_person}, {"signed_in_at", when},
                {"local_date", "2026-11-23"}, {"reasons", {"meal"}}}),
      mutation(prefix + "vp", 6, "visit", prefix + "visit", "signed_in",
               {{"id", prefix + "visit"}, {"participant_id", person}, {"signed_in_at", when},
                {"local_date", "2026-11-23"}, {"reasons", {"meal"}}}),
      mutation(prefix + "vo", 7, "visit", target.visit, "signed_out", {{"signed_out_at", when}}),
      mutation(prefix + "rc", 8, "referral", target.referral, "created",
               {{"id", target.referral}, {"participant_id", other_person}, {"note", "hostile"}}),
      mutation(prefix + "rs", 9, "referral", target.referral, "status_changed",
               {{"id", target.referral}, {"participant_id", other_person}, {"status", "closed"}}),
      mutation(prefix + "aj", 10, "attendance", prefix + "a", "joined",
               {{"id", prefix + "a"}, {"participant_id", person}}),
      mutation(prefix + "aa", 11, "attendance", prefix + "a", "attended",
               {{"id", prefix + "a"}, {"participant_id", person}}),
      mutation(prefix + "an", 12, "attendance", prefix + "a", "not_attended",
               {{"id", prefix + "a"}, {"participant_id", other_person}}),
      // Groups and sessions name no person: a hostile kiosk's copies are its own records, never the other's.
      mutation(prefix + "gs", 13, "calendar_group", target.group, "saved", group),
      mutation(prefix + "gc", 14, "calendar_group", target.group, "cancelled", group),
      mutation(prefix + "cs", 15, "calendar_session", target.group + "|2026-11-23", "cancelled",
               {{"group_id", target.group}, {"occurrence", "2026-11-23"}, {"cancelled", true}}),
      // The other center's own record id, with a payload of the hostile kiosk's.
      mutation(target.mutation_id, 16, "participant", target.people.at(2), "created",
               {{"id", target.people.at(2)}, {"first_name", "Mallory"}}),
  });
}

// Every refusal the hub may give a hostile record that names another center's people or visits.
const std::vector<std::string> kNamingRecords = {"pc", "pm1", "pm2", "pp", "vi", "vp", "vo", "rc", "rs",
                                                 "aj", "aa", "an"};

// Bodies and records no honest kiosk sends. Each answer must be a 4xx or a 200 that refuses the bad records.
std::vector<std::pair<std::string, std::string>> malformed_bodies(const std::string& prefix) {
  const auto push_of = [](json mutations) { return json{{"pending", 0}, {"mutations", std::move(mutations)}}.dump(); };
  json many_reasons = json::array();
  for (int i = 0; i < 60'000; ++i) many_reasons.push_back("r" + std::to_string(i));
  json wide = json::object();
  for (int i = 0; i < 40; ++i) wide["f" + std::to_string(i)] = std::string(10'000, 'w');
  std::vector<std::pair<std::string, std::string>> bodies{
      {"not JSON", "{\"mutations\": [ {\"id\": "},
      {"mutations not a list", "{\"mutations\": \"all of them\"}"},
      {"invalid UTF-8", std::string("{\"mutations\": [\"\xc3\x28\xff\"]}")},
      {"nested 5000 deep", std::string(5000, '[') + std::string(5000, ']')},
      {"seq as text", push_of(json::array({json{{"id", prefix + "x1"}, {"seq", "one"}, {"entity", "visit"},
                                                {"entity_id", prefix + "x1"}, {"operation", "signed_in"},
                                                {"created_at", 1}, {"payload", json::object()}}}))},
      {"payload a list", push_of(json::array({mutation(prefix + "x2", 1, "participant", prefix + "x2", "created",
                                                       json::array({1, 2, 3}))}))},
      {"missing fields", push_of(json::array({json{{"id", prefix + "x3"}}}))},
      {"a 20 KB name", push_of(json::array({mutation(prefix + "x4", 1, "participant", prefix + "x4", "created",
                                                     {{"first_name", std::string(20'000, 'n')}})}))},
      {"a 400 KB record", push_of(json::array({mutation(prefix + "x5", 1, "participant", prefix + "x5", "created",
                                                        wide)}))},
      {"60,000 reasons", push_of(json::array({sign_in(prefix + "x6", 1, std::nullopt, many_reasons)}))},
      {"a 300-byte id", push_of(json::array({mutation(prefix + std::string(300, 'i'), 1, "participant", "p",
                                                      "created", json::object())}))},
      {"a NUL in a reason", push_of(json::array({sign_in(prefix + "x7", 1, std::nullopt,
                                                         json::array({std::string("a\0b", 3)}))}))},
      {"a bad sign-out time", push_of(json::array({mutation(prefix + "x8", 1, "visit", prefix + "x8", "signed_out",
                                                            {{"signed_out_at", "tomorrow"}})}))},
      {"a 5 MB body", "{\"pad\": \"" + std::string(5 << 20, 'x') + "\", \"mutations\": []}"},
  };
  return bodies;
}

struct HonestSyncs {
  std::mutex mutex;
  std::vector<double> seconds;
  std::vector<std::string> failures;
  int signins = 0;
};

// One honest kiosk's rounds: a few sign-ins with the real program, then `sync now`, until told to stop or
// `rounds` are done.
void sign_in_and_sync(const Admin& kiosk, int seed, const std::atomic<bool>& stop, HonestSyncs& out,
                      int rounds = std::numeric_limits<int>::max()) {
  for (int round = 0; round < rounds && !stop.load(); ++round) {
    const auto made = kiosk({"simulate", "--signins", "3", "--seed", std::to_string(seed * 1000 + round)});
    const auto started = Clock::now();
    const auto synced = kiosk({"sync", "now", "--timeout", "20"});
    const double took = std::chrono::duration<double>(Clock::now() - started).count();
    const std::lock_guard lock(out.mutex);
    if (made.exit_code != 0) out.failures.push_back("simulate: " + made.err);
    out.signins += static_cast<int>(made.out_lines().size());
    if (synced.exit_code != 0) out.failures.push_back("sync: " + synced.err);
    out.seconds.push_back(took);
  }
}

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

TEST_CASE("a hostile kiosk's records naming another center, oversized and malformed, change nothing of it - its honest kiosks sync throughout") {
  TempDir dir;
  HubStorage storage(dir);
  Hub hub(storage);
  hub.start();
  const auto harbor_front = enrolled_kiosk(dir, "harbor-front", hub, "Harbor Light");
  const auto harbor_back = enrolled_kiosk(dir, "harbor-back", hub, "Harbor Light");
  const auto harbor_staff = enrolled_kiosk(dir, "harbor-staff", hub, "Harbor Light");
  const auto hostile_kiosk = enrolled_kiosk(dir, "east-desk", hub, "Eastside");
  const std::string harbor = center_id_of(storage, "Harbor Light");

  // Harbor Light's real records: people and visits from its kiosks, and a referral and a group from its staff.
  for (const char* first : {"Ana", "Bo", "Cy"}) {
    require_ok(harbor_front({"participant", "add", "--first", first, "--last", "Reyes", "--consent", "--consent-share"}));
  }
  require_ok(harbor_front({"simulate", "--signins", "40", "--guest-ratio", "0.2", "--seed", "1"}));
  require_ok(harbor_front({"sync", "now"}));
  Targets target;
  target.people = ids_of(storage, "SELECT id FROM participant WHERE center_id = '" + harbor + "' ORDER BY id");
  REQUIRE(target.people.size() >= 3);
  target.visit = ids_of(storage, "SELECT id FROM visit WHERE center_id = '" + harbor + "' ORDER BY id").at(0);
  target.mutation_id = ids_of(storage, "SELECT id FROM mutation WHERE center_id = '" + harbor + "' ORDER BY id").at(0);
  target.referral = "harbor-referral-1";
  target.group = "harbor-group-wrap";
  Pusher(hub, harbor_staff)
      .push(json::array({mutation("hs-1", 1, "referral", target.referral, "created",
                                  {{"id", target.referral}, {"participant_id", target.people.at(1)}, {"note", "pantry"}}),
                         mutation("hs-2", 2, "calendar_group", target.group, "saved",
                                  {{"id", target.group}, {"uid", "wrap@harbor"}, {"title", "WRAP"}})}));
  const auto before = center_rows(storage, harbor);

  // The honest kiosks' syncs before the attack, for comparison.
  HonestSyncs baseline;
  const std::atomic<bool> never{false};
  sign_in_and_sync(harbor_back, 1, never, baseline, kBaselineSyncs);

  // The attack, with both honest kiosks signing people in and syncing until it ends.
  Pusher hostile(hub, hostile_kiosk);
  const std::string own_person = "east-own-person";
  hostile.push(json::array({mutation("e-own", 1, "participant", own_person, "created",
                                     {{"id", own_person}, {"first_name", "Eve"}})}));
  std::atomic<bool> attack_over{false};
  HonestSyncs during;
  std::thread front([&] { sign_in_and_sync(harbor_front, 2, attack_over, during); });
  std::thread back([&] { sign_in_and_sync(harbor_back, 3, attack_over, during); });
  // A gzip bomb: 64 KB that would inflate to 64 MB of zeros.
  const std::string bomb_body = gzip(std::string(64u << 20, '\0'));
  std::map<int, int> statuses;
  int transport_failures = 0;
  for (int round = 0; round < kHostileRounds; ++round) {
    const std::string prefix = "r" + std::to_string(round) + "-";
    const auto named = hostile.post(records_naming(target, prefix, own_person), prefix + "key");
    REQUIRE(named);
    ++statuses[named->status];
    REQUIRE(named->status == 200);
    const auto answer = json::parse(named->body);
    for (const auto& suffix : kNamingRecords) {
      CAPTURE(suffix);
      CHECK(refusal_of(answer, prefix + suffix).find("is not a record of this kiosk's center") != std::string::npos);
    }
    for (const auto& [what, body] : malformed_bodies(prefix)) {
      CAPTURE(what);
      const auto reply = hostile.post_body(body);
      if (!reply) {
        ++transport_failures;
        continue;
      }
      ++statuses[reply->status];
      CHECK(reply->status < 500);
      // A 200 takes none of the bad records.
      if (reply->status == 200) CHECK(json::parse(reply->body).at("applied") == 0);
    }
    const auto bomb = hostile.post_body(bomb_body, {{"Content-Encoding", "gzip"}});
    if (bomb) {
      ++statuses[bomb->status];
      CHECK(bomb->status == 413);
    } else {
      ++transport_failures;
    }
  }
  attack_over = true;
  front.join();
  back.join();

  // Nothing Harbor Light held before changed; it gained only its honest kiosks' records.
  const auto after = center_rows(storage, harbor);
  std::vector<std::string> changed;
  std::set_difference(before.begin(), before.end(), after.begin(), after.end(), std::back_inserter(changed));
  INFO("first changed row: " << (changed.empty() ? std::string() : changed.front().substr(0, 300)));
  CHECK(changed.empty());
  CHECK(storage.count("SELECT count(*) FROM mutation m JOIN device d ON d.id = m.device_id WHERE d.center_id = '" +
                      harbor + "' AND d.name NOT LIKE 'harbor-%'") == 0);
  const long long harbor_queued = count_rows(harbor_front.db(), "SELECT count(*) FROM outbox WHERE ?1 = ?1", "") +
                                  count_rows(harbor_back.db(), "SELECT count(*) FROM outbox WHERE ?1 = ?1", "") + 2;
  CHECK(storage.count("SELECT count(*) FROM mutation WHERE center_id = '" + harbor + "'") == harbor_queued);

  // Every honest sync went through, during the attack as before it.
  {
    INFO("first failure: " << (during.failures.empty() ? std::string() : during.failures.front()));
    CHECK(during.failures.empty());
    CHECK(baseline.failures.empty());
  }
  CHECK(during.seconds.size() >= 2);
  for (const auto* kiosk : {&harbor_front, &harbor_back}) {
    require_ok((*kiosk)({"sync", "now"}));
    CHECK(count_rows(kiosk->db(), "SELECT count(*) FROM outbox WHERE acked_at IS NULL AND ?1 = ?1", "") == 0);
  }
  // The hostile kiosk's own records are its own, and the hub still answers.
  CHECK(storage.count("SELECT count(*) FROM participant WHERE id = '" + own_person + "' AND merged_into IS NULL") == 1);
  httplib::Client client("127.0.0.1", hub.port());
  const auto health = client.Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
  CHECK(transport_failures == 0);

  std::string answered;
  for (const auto& [status, count] : statuses) answered += " " + std::to_string(status) + "x" + std::to_string(count);
  std::printf("hostile kiosk: %d rounds, answers%s; honest kiosks: %zu syncs and %d sign-ins during the attack, "
              "median sync %.0f ms (before the attack %.0f ms)\n",
              kHostileRounds, answered.c_str(), during.seconds.size(), during.signins, median(during.seconds) * 1000,
              median(baseline.seconds) * 1000);
}
