// porchlight-hub's HTTP API as anything on the network sees it: HTTPS with a center's own CA, the report API
// behind an admin token, /healthz and /metrics, and refusals of malformed, oversized and hostile bodies.
#include <doctest/doctest.h>

#include <httplib.h>

#include <fstream>

#include "support/checks.hpp"
#include "support/hub.hpp"
#include "support/pushes.hpp"

using namespace porchlight::test;
using nlohmann::json;

namespace {

const std::string kCenter = "Harbor Light";

void run_openssl(const std::vector<std::string>& args) {
  std::vector<std::string> argv{"/usr/bin/openssl"};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto run = run_process(argv);
  INFO("openssl: " << run.err);
  REQUIRE(run.exit_code == 0);
}

// A CA of the center's own and a certificate for 127.0.0.1 signed by it.
void make_certificates(const TempDir& dir) {
  const auto p = [&](const char* name) { return (dir / name).string(); };
  run_openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", p("ca.key"), "-out", p("ca.pem"), "-days",
               "2", "-subj", "/CN=Porchlight test CA"});
  run_openssl({"req", "-newkey", "rsa:2048", "-nodes", "-keyout", p("hub.key"), "-out", p("hub.csr"), "-subj",
               "/CN=127.0.0.1"});
  std::ofstream(p("san.cnf")) << "subjectAltName=IP:127.0.0.1\n";
  run_openssl({"x509", "-req", "-in", p("hub.csr"), "-CA", p("ca.pem"), "-CAkey", p("ca.key"), "-CAcreateserial",
               "-out", p("hub.pem"), "-days", "2", "-extfile", p("san.cnf")});
}

}  // namespace

TEST_CASE("HTTPS: a kiosk that trusts the center's CA syncs, and one that does not is refused with a plain reason") {
  TempDir dir;
  make_certificates(dir);
  HubStorage storage(dir);
  Hub hub(storage);
  hub.use_tls(dir / "hub.pem", dir / "hub.key");
  hub.start();
  const std::string url = hub.url();
  const Hub& cli = hub;  // enrollment codes from the command line, against the same storage

  Admin trusting(dir / "trusting.db");
  require_ok(trusting({"init", "--time-zone", "UTC"}));
  require_ok(trusting({"sync", "enroll", "--hub", url, "--code", cli.enrollment_code(kCenter), "--ca-file",
                       (dir / "ca.pem").string()}));
  require_ok(trusting({"signin", "--guest", "--reason", "meal"}));
  require_ok(trusting({"sync", "now"}));
  CHECK(storage.count("SELECT count(*) FROM visit") == 1);

  Admin stranger(dir / "stranger.db");
  require_ok(stranger({"init", "--time-zone", "UTC"}));
  const auto refused = stranger({"sync", "enroll", "--hub", url, "--code", cli.enrollment_code(kCenter)});
  check_refused(refused, 1);
  CHECK(refused.err.find("the hub's certificate is not trusted") != std::string::npos);
}

TEST_CASE("reports across centers over HTTP need an admin token, as JSON and CSV") {
  TempDir dir;
  HubStorage storage(dir);
  Hub hub(storage);
  hub.start();
  const auto harbor = enrolled_kiosk(dir, "harbor", hub, kCenter);
  const auto eastside = enrolled_kiosk(dir, "eastside", hub, "Eastside Peer Center");
  for (int i = 0; i < 3; ++i) require_ok(harbor({"signin", "--guest", "--reason", "meal"}));
  require_ok(eastside({"signin", "--guest", "--reason", "meal"}));
  require_ok(harbor({"sync", "now"}));
  require_ok(eastside({"sync", "now"}));

  httplib::Client client("127.0.0.1", hub.port());
  const auto anonymous = client.Get("/v1/reports/attendance");
  REQUIRE(anonymous);
  CHECK(anonymous->status == 401);
  const auto with_kiosk_token = client.Get("/v1/reports/attendance", {{"Authorization", "Bearer " + kiosk_token(harbor)}});
  CHECK(with_kiosk_token->status == 401);  // a kiosk's token is not a coordinator's

  const auto token = hub.run({"admin-token", "--label", "coordinator"});
  require_ok(token);
  const httplib::Headers admin{{"Authorization", "Bearer " + token.out_lines().at(0)}};
  const auto all = client.Get("/v1/reports/attendance?format=json", admin);
  REQUIRE(all);
  REQUIRE(all->status == 200);
  const auto rows = json::parse(all->body);
  REQUIRE(rows.size() == 2);
  long long harbor_visits = 0;
  for (const auto& row : rows) {
    CHECK(row.contains("date"));
    CHECK(row.contains("unique_people"));
    if (row.at("center") == kCenter) harbor_visits = row.at("visits").get<long long>();
  }
  CHECK(harbor_visits == 3);
  const auto one = client.Get("/v1/reports/attendance?format=csv&center=Eastside%20Peer%20Center", admin);
  REQUIRE(one);
  CHECK(one->status == 200);
  CHECK(one->body.rfind("center,date,visits,unique_people,guest_visits\r\n", 0) == 0);
  CHECK(one->body.find("Eastside Peer Center") != std::string::npos);
  CHECK(one->body.find(kCenter) == std::string::npos);
  const auto monthly = client.Get("/v1/reports/unduplicated?format=json", admin);
  REQUIRE(monthly);
  CHECK(monthly->status == 200);
  CHECK(json::parse(monthly->body).size() == 2);
  CHECK(client.Get("/v1/reports/attendance?format=xlsx", admin)->status == 400);
}

TEST_CASE("/healthz answers and /metrics counts batches, records and each kiosk's backlog") {
  TempDir dir;
  HubStorage storage(dir);
  Hub hub(storage);
  hub.start();
  const auto kiosk = enrolled_kiosk(dir, "front-desk", hub, kCenter);
  for (int i = 0; i < 4; ++i) require_ok(kiosk({"signin", "--guest", "--reason", "meal"}));
  require_ok(kiosk({"sync", "now"}));
  httplib::Client client("127.0.0.1", hub.port());
  const auto health = client.Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
  const auto metrics = client.Get("/metrics");
  REQUIRE(metrics);
  CHECK(metrics->status == 200);
  CHECK(metrics->body.find("porchlight_hub_push_batches_total 1\n") != std::string::npos);
  CHECK(metrics->body.find("porchlight_hub_records_ingested_total 4\n") != std::string::npos);
  CHECK(metrics->body.find("porchlight_hub_device_pending_records{device=\"") != std::string::npos);
  CHECK(metrics->body.find("center=\"Harbor Light\"} 0\n") != std::string::npos);
  CHECK(metrics->body.find("porchlight_hub_device_last_contact_seconds{") != std::string::npos);
}

TEST_CASE("malformed, oversized and hostile pushes get a 4xx with a reason and change nothing") {
  TempDir dir;
  HubStorage storage(dir);
  Hub hub(storage);
  hub.start();
  const auto kiosk = enrolled_kiosk(dir, "front-desk", hub, kCenter);
  httplib::Client client("127.0.0.1", hub.port());
  const httplib::Headers auth{{"Authorization", "Bearer " + kiosk_token(kiosk)}};

  CHECK(client.Post("/v1/sync/push", "{\"mutations\": []}", "application/json")->status == 401);
  struct Bad {
    std::string body;
    int status;
    std::string says;
  };
  const std::vector<Bad> cases{
      {"not json at all", 400, "not valid JSON"},
      {"{\"mutations\": {}}", 400, "'mutations' must be an array"},
      {R"({"mutations": [{"id": "m1", "seq": 1, "entity": "visit"}]})", 400, "mutation 0:"},
      {std::string(200, '[') + std::string(200, ']'), 400, "nested deeper"},
      {"{\"pad\": \"" + std::string(5 << 20, 'x') + "\", \"mutations\": []}", 413, ""},
  };
  for (const auto& bad : cases) {
    CAPTURE(bad.says);
    const auto answer = client.Post("/v1/sync/push", auth, bad.body, "application/json");
    REQUIRE(answer);
    CHECK(answer->status == bad.status);
    if (!bad.says.empty()) CHECK(json::parse(answer->body).at("message").get<std::string>().find(bad.says) != std::string::npos);
  }
  CHECK(storage.count("SELECT count(*) FROM mutation") == 0);
  CHECK(client.Get("/v1/sync/pull?since=abc", auth)->status == 400);
  CHECK(client.Get("/v1/sync/pull?since=-1", auth)->status == 400);
  // The hub still serves well-formed work afterwards.
  require_ok(kiosk({"signin", "--guest", "--reason", "meal"}));
  require_ok(kiosk({"sync", "now"}));
  CHECK(storage.count("SELECT count(*) FROM visit") == 1);
}
