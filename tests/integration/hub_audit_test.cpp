// The hub's own audit log, through the real porchlight-hub (CLI and HTTP) over SQLite, or PostgreSQL under
// with_postgres.sh: what coordinators and kiosks do is logged, `porchlight-hub audit verify` finds an entry changed
// or removed behind the hub's back, and two hub processes appending at once keep one unbroken chain.
#include <doctest/doctest.h>

#include <httplib.h>

#include <atomic>
#include <cstdlib>
#include <set>
#include <thread>

#include "support/checks.hpp"
#include "support/hub.hpp"

using namespace porchlight::test;

namespace {

const std::string kCenter = "Harbor Light";

// Triggers make the log append-only for the hub's own connections; someone with the database can drop them.
std::string without_guards(const HubStorage& storage, const std::string& sql) {
  if (storage.postgres()) return "ALTER TABLE hub_audit DISABLE TRIGGER USER; " + sql + "; ALTER TABLE hub_audit ENABLE TRIGGER USER";
  return "DROP TRIGGER IF EXISTS hub_audit_no_update; DROP TRIGGER IF EXISTS hub_audit_no_delete; " + sql;
}

ProcessResult verify(const Hub& hub) { return hub.run({"audit", "verify"}); }

void check_verify_fails(const Hub& hub, const std::string& problem) {
  const auto run = verify(hub);
  INFO("stdout: " << run.out);
  INFO("stderr: " << run.err);
  CHECK(run.exit_code == 1);
  CHECK(run.err.find("porchlight-hub: the audit log is broken: " + problem) != std::string::npos);
}

}  // namespace

TEST_CASE("a command run through sudo as the hub's user is logged with who ran it") {
  TempDir dir;
  HubStorage storage(dir);
  Hub hub(storage);
  ::setenv("SUDO_USER", "alice", 1);  // what sudo sets for "sudo -u porchlight-hub porchlight-hub ..."
  const auto set = hub.run({"settings", "set", "--center", kCenter, "share_sensitive_reasons", "false"});
  ::unsetenv("SUDO_USER");
  require_ok(set);
  const auto listed = hub.run({"audit", "--limit", "1"});
  require_ok(listed);
  CHECK(listed.out.find("(sudo by alice)") != std::string::npos);
  CHECK(listed.out.find("settings.set") != std::string::npos);
}

TEST_CASE("the hub logs enrolments, revocations, tokens, report views, settings and imports, and verify finds tampering") {
  TempDir dir;
  HubStorage storage(dir);
  Hub hub(storage);
  hub.start();
  const std::string source = PORCHLIGHT_SOURCE_DIR;

  enrolled_kiosk(dir, "front-desk", hub, kCenter);  // a code made on the command line, a kiosk enrolled over HTTP
  const auto device_id = storage.column("SELECT id FROM device").at(0);
  require_ok(hub.run({"devices", "revoke", device_id}));
  const auto token = hub.run({"admin-token", "--label", "coordinator"});
  require_ok(token);
  httplib::Client client("127.0.0.1", hub.port());
  client.set_connection_timeout(10);
  client.set_read_timeout(30);
  const auto viewed = client.Get("/v1/reports/unduplicated?format=csv&center=Harbor%20Light",
                                 {{"Authorization", "Bearer " + token.out_lines().at(0)}});
  REQUIRE(viewed);
  CHECK(viewed->status == 200);
  CHECK(client.Get("/v1/reports/attendance")->status == 401);  // refused views are not report views
  require_ok(hub.run({"report", "attendance", "--from", "2026-11-01", "--format", "csv"}));
  require_ok(hub.run({"settings", "set", "--center", kCenter, "share_sensitive_reasons", "true"}));
  require_ok(hub.run({"directory", "import", source + "/assets/demo/directory"}));
  require_ok(hub.run({"calendar", "import", source + "/assets/demo/calendar.ics", "--center", kCenter}));

  const auto listed = hub.run({"audit", "--limit", "100"});
  require_ok(listed);
  const auto lines = listed.out_lines();
  REQUIRE(lines.size() == 9);
  // Newest first: each action once, in the order they happened, with who did it.
  const std::vector<std::string> expected{"calendar.import", "directory.import", "settings.set",
                                          "report.view",     "report.view",      "admin_token.create",
                                          "device.revoke",   "device.enroll",    "enrollment_code.create"};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(lines[i]);
    CHECK(lines[i].find(" " + expected[i] + " ") != std::string::npos);
  }
  CHECK(lines[0].find("cli:") != std::string::npos);
  CHECK(lines[3].find("center=(any) from=2026-11-01") != std::string::npos);
  CHECK(lines[4].find("admin-token:coordinator@127.0.0.1") != std::string::npos);
  CHECK(lines[4].find("unduplicated") != std::string::npos);
  CHECK(lines[7].find("kiosk@127.0.0.1") != std::string::npos);
  CHECK(lines[7].find(device_id) != std::string::npos);
  CHECK(lines[2].find("share_sensitive_reasons = true") != std::string::npos);
  CHECK(lines[1].find("42 services published") != std::string::npos);
  CHECK(hub.run({"audit", "--limit", "2"}).out_lines().size() == 2);
  // No secret is written down: neither the admin token nor an enrollment code.
  CHECK(listed.out.find(token.out_lines().at(0)) == std::string::npos);

  const auto intact = verify(hub);
  require_ok(intact);
  CHECK(intact.out.find("The audit log is intact: 9 entries") != std::string::npos);

  // The hub's own connections cannot change the log at all.
  CHECK_THROWS(storage.execute("UPDATE hub_audit SET detail = 'x' WHERE seq = 5"));
  CHECK_THROWS(storage.execute("DELETE FROM hub_audit WHERE seq = 5"));

  // One entry changed, then put back: found exactly, and only while it is changed.
  const auto original = storage.column("SELECT detail FROM hub_audit WHERE seq = 5").at(0);
  storage.execute(without_guards(storage, "UPDATE hub_audit SET detail = 'center=Eastside' WHERE seq = 5"));
  check_verify_fails(hub, "audit entry 5 was changed after it was written");
  storage.execute(without_guards(storage, "UPDATE hub_audit SET detail = '" + original + "' WHERE seq = 5"));
  require_ok(verify(hub));
  // A change to who did it is found the same way.
  const auto actor = storage.column("SELECT actor FROM hub_audit WHERE seq = 4").at(0);
  storage.execute(without_guards(storage, "UPDATE hub_audit SET actor = 'cli:nobody' WHERE seq = 4"));
  check_verify_fails(hub, "audit entry 4 was changed after it was written");
  storage.execute(without_guards(storage, "UPDATE hub_audit SET actor = '" + actor + "' WHERE seq = 4"));
  require_ok(verify(hub));

  // Entries removed: from the middle, and from the end (the recorded head still names the last one).
  storage.execute(without_guards(storage, "DELETE FROM hub_audit WHERE seq = 9"));
  check_verify_fails(hub, "audit entries from number 9 on are missing");
  storage.execute(without_guards(storage, "DELETE FROM hub_audit WHERE seq = 3"));
  check_verify_fails(hub, "audit entries from number 3 to 3 are missing");
}

TEST_CASE("two hub processes appending to the audit log at once keep one unbroken chain") {
  TempDir dir;
  HubStorage storage(dir);
  Hub first(storage);
  Hub second(storage);
  first.start();
  second.start();
  const auto token = first.run({"admin-token", "--label", "dashboard"});
  require_ok(token);
  const httplib::Headers admin{{"Authorization", "Bearer " + token.out_lines().at(0)}};

  constexpr int kViewsPerClient = 60;
  std::atomic<int> answered{0};
  const auto view_reports = [&](int port) {
    httplib::Client client("127.0.0.1", port);
    client.set_connection_timeout(10);
    client.set_read_timeout(60);
    for (int i = 0; i < kViewsPerClient; ++i) {
      const auto res = client.Get("/v1/reports/attendance?format=json", admin);
      if (res && res->status == 200) ++answered;
    }
  };
  // Two clients on each hub, and the command line making codes, all at once.
  std::vector<std::thread> clients;
  for (int port : {first.port(), second.port(), first.port(), second.port()}) clients.emplace_back(view_reports, port);
  int codes = 0;
  for (int i = 0; i < 8; ++i) {
    if (first.run({"enroll", "--center", kCenter}).exit_code == 0) ++codes;
  }
  for (auto& client : clients) client.join();
  CHECK(answered == 4 * kViewsPerClient);
  CHECK(codes == 8);

  const long long expected = 1 + 4 * kViewsPerClient + 8;
  CHECK(storage.count("SELECT count(*) FROM hub_audit") == expected);
  CHECK(storage.count("SELECT count(DISTINCT prev_hash) FROM hub_audit") == expected);  // no two entries follow one
  CHECK(storage.count("SELECT max(seq) FROM hub_audit") == expected);
  const auto intact = verify(second);
  require_ok(intact);
  CHECK(intact.out.find("intact: " + std::to_string(expected) + " entries") != std::string::npos);
}
