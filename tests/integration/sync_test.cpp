// Sync with real processes on loopback: the real porchlight-admin (the kiosk's client) against a real
// porchlight-hub over SQLite, or over PostgreSQL when PORCHLIGHT_TEST_POSTGRES is set. Counts are read from the
// hub's own database, so nothing here trusts what the programs say about themselves.
#include <doctest/doctest.h>

#include <httplib.h>

#include <fstream>
#include <set>
#include <thread>

#include "support/checks.hpp"
#include "support/fault_proxy.hpp"
#include "support/hub.hpp"
#include "load_kiosks.hpp"

using namespace porchlight::test;
using nlohmann::json;

namespace {

const std::string kCenter = "Harbor Light";

std::vector<std::string> simulate(const Admin& kiosk, int signins) {
  const auto run = kiosk({"simulate", "--signins", std::to_string(signins), "--seed", "7"}, {});
  require_ok(run);
  auto ids = run.out_lines();
  REQUIRE(ids.size() == static_cast<std::size_t>(signins));
  return ids;
}

long long pending(const Admin& kiosk) {
  return count_rows(kiosk.db(), "SELECT count(*) FROM outbox WHERE acked_at IS NULL AND parked_at IS NULL AND ?1 = ?1",
                    "");
}

// Every mutation the kiosk ever queued, and the hub holds each exactly once.
void check_hub_holds_exactly(const HubStorage& hub, const Admin& kiosk) {
  const long long queued = count_rows(kiosk.db(), "SELECT count(*) FROM outbox WHERE ?1 = ?1", "");
  CHECK(pending(kiosk) == 0);
  CHECK(hub.count("SELECT count(*) FROM mutation") == queued);
  CHECK(hub.count("SELECT count(DISTINCT id) FROM mutation") == queued);
  const long long visits = count_rows(kiosk.db(), "SELECT count(*) FROM visit WHERE ?1 = ?1", "");
  CHECK(hub.count("SELECT count(*) FROM visit") == visits);
}

ProcessResult sync_now(const Admin& kiosk, int timeout_seconds = 20) {
  return kiosk({"sync", "now", "--timeout", std::to_string(timeout_seconds)});
}

}  // namespace

TEST_CASE("10k sign-ins made offline all arrive exactly once after the hub starts") {
  TempDir dir;
  HubStorage storage(dir);
  Hub hub(storage);
  hub.start();
  const auto kiosk = enrolled_kiosk(dir, "front-desk", hub, kCenter);
  hub.kill();  // the center's internet goes down

  const auto visit_ids = simulate(kiosk, 10'000);
  const auto offline = sync_now(kiosk, 5);
  check_refused(offline, 1);
  CHECK(offline.err.find("could not connect") != std::string::npos);
  CHECK(pending(kiosk) >= 10'000);  // nothing lost, nothing marked sent

  hub.start();
  require_ok(sync_now(kiosk));
  check_hub_holds_exactly(storage, kiosk);
  // Each printed visit id, once.
  const auto held = storage.column("SELECT id FROM visit");
  const std::set<std::string> at_hub(held.begin(), held.end());
  CHECK(at_hub.size() == held.size());
  for (const auto& id : visit_ids) {
    if (!at_hub.count(id)) FAIL_CHECK("visit " << id << " never reached the hub");
  }
  // The report across centers counts them on the center's own days.
  const auto report = hub.run({"report", "attendance", "--center", kCenter, "--format", "json"});
  require_ok(report);
  long long visits = 0;
  for (const auto& row : json::parse(report.out)) visits += row.at("visits").get<long long>();
  CHECK(visits == 10'000);
}

TEST_CASE("the hub killed with SIGKILL mid-batch and restarted: nothing lost, nothing duplicated") {
  TempDir dir;
  HubStorage storage(dir);
  Hub hub(storage);
  hub.start();
  const auto kiosk = enrolled_kiosk(dir, "front-desk", hub, kCenter);
  simulate(kiosk, 3'000);

  ChildProcess syncing({admin_binary(), "--db", kiosk.db().string(), "sync", "now", "--timeout", "5"});
  // Kill the hub as soon as some batches are in and others are not.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (storage.count("SELECT count(*) FROM mutation") == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  hub.kill();
  while (syncing.read_line(deadline)) {
  }
  syncing.kill_and_drain();
  const long long held_at_kill = storage.count("SELECT count(*) FROM mutation");
  CHECK(held_at_kill > 0);
  CHECK(pending(kiosk) > 0);  // the kill came mid-way

  hub.start();
  require_ok(sync_now(kiosk));
  check_hub_holds_exactly(storage, kiosk);
}

TEST_CASE("every batch replayed 5 times changes nothing at the hub") {
  TempDir dir;
  HubStorage storage(dir);
  Hub hub(storage);
  hub.start();
  const auto kiosk = enrolled_kiosk(dir, "front-desk", hub, kCenter);
  simulate(kiosk, 300);
  // What the kiosk's client would send, read from its outbox and config directly.
  const auto config = json::parse(read_file(kiosk.db().string() + ".sync.json"));
  const auto token = config.at("token").get<std::string>();
  require_ok(sync_now(kiosk));
  const long long mutations = storage.count("SELECT count(*) FROM mutation");
  const long long visits = storage.count("SELECT count(*) FROM visit");
  REQUIRE(mutations > 0);

  // The same records again, 5 times each: under their original key, and under new keys (a client that lost
  // its key), in batches of 100.
  json batch = {{"pending", 0}, {"mutations", json::array()}};
  const auto rows = count_rows(kiosk.db(), "SELECT count(*) FROM outbox WHERE ?1 = ?1", "");
  REQUIRE(rows == mutations);
  httplib::Client client("127.0.0.1", hub.port());
  for (int replay = 0; replay < 5; ++replay) {
    for (long long first = 1; first <= rows; first += 100) {
      json mutations_json = json::array();
      const auto rows_json = query_column(
          kiosk.db(), "SELECT json_object('id', mutation_id, 'seq', seq, 'entity', entity, 'entity_id', entity_id, "
                      "'operation', operation, 'created_at', created_at, 'payload', json(payload)) FROM outbox "
                      "WHERE seq >= " + std::to_string(first) + " AND seq < " + std::to_string(first + 100) +
                      " ORDER BY seq");
      for (const auto& row : rows_json) mutations_json.push_back(json::parse(row));
      const json body = {{"pending", 0}, {"mutations", mutations_json}};
      const std::string key = replay % 2 == 0 ? "replay-" + std::to_string(first) : "fresh-" + std::to_string(replay) + "-" + std::to_string(first);
      const auto answer = client.Post("/v1/sync/push", {{"Authorization", "Bearer " + token}, {"Idempotency-Key", key}},
                                      body.dump(), "application/json");
      REQUIRE(answer);
      REQUIRE(answer->status == 200);
      const auto reply = json::parse(answer->body);
      CHECK(reply.at("applied") == 0);
    }
  }
  CHECK(storage.count("SELECT count(*) FROM mutation") == mutations);
  CHECK(storage.count("SELECT count(*) FROM visit") == visits);
}

TEST_CASE("a hub answering 500, hanging or sending garbage: the sync fails plainly, loses nothing, and recovers") {
  TempDir dir;
  HubStorage storage(dir);
  Hub hub(storage);
  hub.start();
  FaultProxy proxy(hub.port());
  const auto kiosk = enrolled_kiosk(dir, "front-desk", hub, kCenter);
  // From here on the kiosk reaches the hub through the misbehaving network.
  require_ok(kiosk({"sync", "enroll", "--hub", proxy.url(), "--code", hub.enrollment_code(kCenter)}));
  simulate(kiosk, 700);
  const long long queued = pending(kiosk);

  struct Fault {
    FaultProxy::Mode mode;
    std::string says;
  };
  for (const auto& fault : {Fault{FaultProxy::Mode::Error500, "hub 500"}, Fault{FaultProxy::Mode::Garbage, "unreadable"},
                            Fault{FaultProxy::Mode::Unavailable503, "try again later"},
                            Fault{FaultProxy::Mode::Hang, "did not answer in time"}}) {
    CAPTURE(fault.says);
    proxy.set_mode(fault.mode);
    const auto run = sync_now(kiosk, 2);
    check_refused(run, 1);
    CHECK(run.err.find(fault.says) != std::string::npos);
    CHECK(pending(kiosk) == queued);
    const auto status = kiosk({"sync", "status"});
    CHECK(status.out.find(fault.says) != std::string::npos);  // staff see the last error
  }
  CHECK(storage.count("SELECT count(*) FROM visit") == 0);

  proxy.set_mode(FaultProxy::Mode::Pass);
  require_ok(sync_now(kiosk));
  check_hub_holds_exactly(storage, kiosk);
  const auto status = kiosk({"sync", "status"});
  CHECK(status.out.find("last error:     none") != std::string::npos);
}

TEST_CASE("the kiosk killed mid-sync recovers: nothing lost, nothing duplicated") {
  TempDir dir;
  HubStorage storage(dir);
  Hub hub(storage);
  hub.start();
  const auto kiosk = enrolled_kiosk(dir, "front-desk", hub, kCenter);
  simulate(kiosk, 3'000);

  ChildProcess syncing({admin_binary(), "--db", kiosk.db().string(), "sync", "now"});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (storage.count("SELECT count(*) FROM mutation") == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  syncing.kill_and_drain();
  CHECK(syncing.exit_signal() == SIGKILL);
  CHECK(pending(kiosk) > 0);

  require_ok(kiosk({"check"}));
  require_ok(sync_now(kiosk));
  check_hub_holds_exactly(storage, kiosk);
}

TEST_CASE("a revoked kiosk is told so plainly, keeps its records, and syncs again once enrolled again") {
  TempDir dir;
  HubStorage storage(dir);
  Hub hub(storage);
  hub.start();
  const auto kiosk = enrolled_kiosk(dir, "front-desk", hub, kCenter);
  simulate(kiosk, 50);
  require_ok(sync_now(kiosk));
  const auto device = storage.column("SELECT id FROM device").at(0);
  require_ok(hub.run({"devices", "revoke", device}));

  simulate(kiosk, 20);
  const auto refused = sync_now(kiosk);
  check_refused(refused, 1);
  CHECK(refused.err.find("revoked") != std::string::npos);
  CHECK(pending(kiosk) == 20);
  CHECK(kiosk({"sync", "status"}).out.find("revoked") != std::string::npos);

  require_ok(kiosk({"sync", "enroll", "--hub", hub.url(), "--code", hub.enrollment_code(kCenter)}));
  require_ok(sync_now(kiosk));
  check_hub_holds_exactly(storage, kiosk);
}

TEST_CASE("settings set on the hub reach the center's kiosks at their next sync, and only theirs") {
  TempDir dir;
  HubStorage storage(dir);
  Hub hub(storage);
  hub.start();
  const auto harbor = enrolled_kiosk(dir, "harbor", hub, kCenter);
  const auto eastside = enrolled_kiosk(dir, "eastside", hub, "Eastside Peer Center");
  require_ok(hub.run({"settings", "set", "--center", kCenter, "crisis_lines",
                      R"([{"label_en": "Harbor County crisis line", "label_es": "Línea de crisis", "number": "(555) 010-0143"}])"}));
  require_ok(hub.run({"settings", "set", "--center", kCenter, "center_name", R"("Harbor Light Peer Center")"}));

  const auto first = sync_now(harbor);
  require_ok(first);
  CHECK(first.out.find("pulled 2") != std::string::npos);
  const auto lines = harbor({"crisis-lines", "list"});
  CHECK(lines.out.find("Harbor County crisis line") != std::string::npos);
  CHECK(lines.out.find("(555) 010-0143") != std::string::npos);
  CHECK(count_rows(harbor.db(), "SELECT count(*) FROM setting WHERE key = 'center_name' AND value = ?1",
                   "Harbor Light Peer Center") == 1);
  // The cursor was saved with the data: the next sync brings nothing again.
  const auto second = sync_now(harbor);
  require_ok(second);
  CHECK(second.out.find("pulled 0") != std::string::npos);

  require_ok(sync_now(eastside));
  CHECK(eastside({"crisis-lines", "list"}).out.find("Harbor County") == std::string::npos);
}

TEST_CASE("enrollment codes are single-use and audited, and a wrong code is refused with a reason") {
  TempDir dir;
  HubStorage storage(dir);
  Hub hub(storage);
  hub.start();
  const auto code = hub.enrollment_code(kCenter);
  CHECK(code.size() == 14);  // XXXX-XXXX-XXXX
  Admin first(dir / "first.db");
  require_ok(first({"init", "--time-zone", "UTC"}));
  require_ok(first({"sync", "enroll", "--hub", hub.url(), "--code", code}));
  const auto permissions = std::filesystem::status(first.db().string() + ".sync.json").permissions();
  CHECK(permissions == (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));  // it holds the token
  // The enrollment is in the kiosk's audit log, with the hub it joined.
  CHECK(count_rows(first.db(), "SELECT count(*) FROM audit WHERE action = 'sync.enroll' AND detail = ?1", hub.url()) == 1);

  Admin second(dir / "second.db");
  require_ok(second({"init", "--time-zone", "UTC"}));
  const auto reused = second({"sync", "enroll", "--hub", hub.url(), "--code", code});
  check_refused(reused, 1);
  CHECK(reused.err.find("already been used") != std::string::npos);
  const auto wrong = second({"sync", "enroll", "--hub", hub.url(), "--code", "AAAA-BBBB-CCCC"});
  check_refused(wrong, 1);
  CHECK(wrong.err.find("unknown enrollment code") != std::string::npos);
  const auto plain = second({"sync", "enroll", "--hub", "http://hub.example.org", "--code", code});
  check_refused(plain, 2);
  CHECK(plain.err.find("https://") != std::string::npos);
  // Only the hash of a token is kept at the hub.
  const auto token = json::parse(read_file(first.db().string() + ".sync.json")).at("token").get<std::string>();
  CHECK(storage.count("SELECT count(*) FROM device WHERE token_hash = '" + token + "'") == 0);
  CHECK(storage.count("SELECT count(*) FROM device") == 1);
}

TEST_CASE("two hubs over one PostgreSQL, 50 kiosks pushing at once, one hub killed: the hub holds exactly what was acknowledged") {
  TempDir dir;
  HubStorage storage(dir);
  if (!storage.postgres()) {
    MESSAGE("needs PostgreSQL (tests/integration/with_postgres.sh runs it)");
    return;
  }
  Hub first(storage);
  Hub second(storage);
  first.start();
  second.start();
  std::vector<std::string> codes;
  for (int i = 0; i < 50; ++i) codes.push_back(first.enrollment_code(i % 2 ? kCenter : "Eastside Peer Center"));
  const auto kiosks = porchlight::load::enroll_kiosks("127.0.0.1", first.port(), codes);

  porchlight::load::LoadOptions options;
  options.hubs = {{"127.0.0.1", first.port()}, {"127.0.0.1", second.port()}};
  options.records_per_kiosk = 400;
  options.batch_size = 50;
  options.duplicate_every = 3;
  options.give_up_after = std::chrono::seconds(240);
  std::thread chaos([&] {
    // Mid-load, one hub dies without warning and comes back; kiosks on it fail over to the other.
    while (storage.count("SELECT count(*) FROM mutation") < 2'000) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    second.kill();
    std::this_thread::sleep_for(std::chrono::seconds(1));
    second.start();
  });
  const auto result = porchlight::load::run_load(kiosks, options);
  chaos.join();

  REQUIRE(result.complete);
  CHECK(result.failed_requests > 0);  // the kill was felt
  const std::set<std::string> sent(result.sent.begin(), result.sent.end());
  const std::set<std::string> acknowledged(result.acknowledged.begin(), result.acknowledged.end());
  CHECK(sent.size() == 50u * 400u);
  CHECK(acknowledged == sent);
  const auto held = storage.column("SELECT id FROM mutation");
  const std::set<std::string> at_hub(held.begin(), held.end());
  CHECK(held.size() == at_hub.size());  // nothing twice
  CHECK(at_hub == acknowledged);         // nothing lost, nothing extra
  CHECK(storage.count("SELECT count(*) FROM visit") == static_cast<long long>(sent.size()));
}

TEST_CASE("a directory and a calendar published on the hub reach the kiosks - a broken calendar is refused at the hub") {
  TempDir dir;
  HubStorage storage(dir);
  Hub hub(storage);
  hub.start();
  const auto kiosk = enrolled_kiosk(dir, "front-desk", hub, kCenter);
  const std::string source = PORCHLIGHT_SOURCE_DIR;

  const auto directory = hub.run({"directory", "import", source + "/assets/demo/directory"});
  require_ok(directory);
  CHECK(directory.out.find("Published 42 services") != std::string::npos);
  const auto calendar = hub.run({"calendar", "import", source + "/assets/demo/calendar.ics", "--center", kCenter});
  require_ok(calendar);

  // A calendar with a broken line is refused with the line named, and nothing is published.
  const auto broken_file = dir / "broken.ics";
  {
    std::ofstream out(broken_file);
    out << "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:2026133T250000\r\nEND:VEVENT\r\n"
           "END:VCALENDAR\r\n";
  }
  const auto broken = hub.run({"calendar", "import", broken_file.string(), "--center", kCenter});
  CHECK(broken.exit_code == 1);
  CHECK(broken.err.find("line ") != std::string::npos);
  CHECK(storage.count("SELECT count(*) FROM feed_item WHERE kind = 'calendar.ics'") == 1);

  require_ok(sync_now(kiosk));
  const auto found = kiosk({"directory", "search", "food"});
  require_ok(found);
  CHECK(found.out.find("Food") != std::string::npos);
  CHECK(count_rows(kiosk.db(), "SELECT count(*) FROM hsds_service WHERE ?1 = ?1", "") == 42);
  const auto groups = kiosk({"calendar", "groups"});
  require_ok(groups);
  CHECK(groups.out.find("WRAP") != std::string::npos);

  // Published again unchanged: the kiosk updates by id, nothing doubles.
  require_ok(hub.run({"directory", "import", source + "/assets/demo/directory"}));
  require_ok(sync_now(kiosk));
  CHECK(count_rows(kiosk.db(), "SELECT count(*) FROM hsds_service WHERE ?1 = ?1", "") == 42);
}

TEST_CASE("a calendar rule that cannot be a group is refused at the hub, naming line and event - kiosks keep their groups") {
  TempDir dir;
  HubStorage storage(dir);
  Hub hub(storage);
  hub.start();
  const auto kiosk = enrolled_kiosk(dir, "front-desk", hub, kCenter);
  const std::string source = PORCHLIGHT_SOURCE_DIR;
  require_ok(hub.run({"calendar", "import", source + "/assets/demo/calendar.ics", "--center", kCenter}));

  for (const std::string rule : {"FREQ=SECONDLY", "FREQ=MINUTELY;COUNT=100000000", "FREQ=HOURLY"}) {
    CAPTURE(rule);
    const auto flood_file = dir / "flood.ics";
    {
      std::ofstream out(flood_file, std::ios::trunc);
      out << "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:flood@test\r\nDTSTART:20260301T090000\r\n"
             "RRULE:"
          << rule << "\r\nSUMMARY:Flood\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    }
    const auto refused = hub.run({"calendar", "import", flood_file.string(), "--center", kCenter});
    CHECK(refused.exit_code == 1);
    CHECK(refused.err.find("line 6:") != std::string::npos);
    CHECK(refused.err.find("flood@test") != std::string::npos);
    CHECK(storage.count("SELECT count(*) FROM feed_item WHERE kind = 'calendar.ics'") == 1);
  }

  require_ok(sync_now(kiosk));
  const auto groups = kiosk({"calendar", "groups"});
  require_ok(groups);
  CHECK(groups.out.find("WRAP") != std::string::npos);
  CHECK(groups.out.find("Flood") == std::string::npos);
}
