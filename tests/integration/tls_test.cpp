// The kiosk refuses a hub it cannot trust: a real porchlight-hub serving HTTPS with an expired certificate, one
// for another host name, and a self-signed one, against the real sync client (porchlight-admin sync now and
// sync enroll). Each is refused before anything is sent, and staff read what is wrong in plain words. The
// certificates are made here with the openssl command line (Debian's openssl package), never kept.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <thread>

#include "support/checks.hpp"
#include "support/hub.hpp"
#include "support/raw_client.hpp"

using namespace porchlight::test;

namespace {

const std::string kCenter = "Harbor Light";

void run_openssl(const std::vector<std::string>& args) {
  std::vector<std::string> argv{"/usr/bin/openssl"};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto run = run_process(argv);
  INFO("openssl " << args.front() << ": " << run.err);
  REQUIRE(run.exit_code == 0);
}

// A test CA and certificates for the hub: one good, and the three a kiosk must refuse. EC keys: quick to make.
struct TestCertificates {
  explicit TestCertificates(const TempDir& dir) : dir_(dir) {
    run_openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                 p("ca.key"), "-out", p("ca.pem"), "-days", "2", "-subj", "/CN=Porchlight test CA"});
    std::ofstream(p("loopback.cnf")) << "subjectAltName=IP:127.0.0.1\n";
    std::ofstream(p("elsewhere.cnf")) << "subjectAltName=DNS:hub.example.org\n";

    request("good", "127.0.0.1");
    run_openssl({"x509", "-req", "-in", p("good.csr"), "-CA", p("ca.pem"), "-CAkey", p("ca.key"), "-CAcreateserial",
                 "-out", p("good.pem"), "-days", "2", "-extfile", p("loopback.cnf")});

    // Expired: `openssl ca` is the command of OpenSSL 3.0 that takes explicit validity dates.
    request("expired", "127.0.0.1");
    std::filesystem::create_directories(dir / "issued");
    std::ofstream(p("index.txt"));
    std::ofstream(p("serial")) << "1000\n";
    std::ofstream(p("ca.cnf")) << "[ca]\ndefault_ca = test_ca\n"
                               << "[test_ca]\ndatabase = " << p("index.txt") << "\nnew_certs_dir = " << p("issued")
                               << "\nserial = " << p("serial") << "\ncertificate = " << p("ca.pem")
                               << "\nprivate_key = " << p("ca.key")
                               << "\ndefault_md = sha256\npolicy = any_name\nunique_subject = no\n"
                               << "[any_name]\ncommonName = supplied\n";
    run_openssl({"ca", "-config", p("ca.cnf"), "-batch", "-notext", "-in", p("expired.csr"), "-out", p("expired.pem"),
                 "-startdate", "20240101000000Z", "-enddate", "20240201000000Z", "-extfile", p("loopback.cnf")});

    // Signed by the trusted CA and valid, but for another server's name.
    request("elsewhere", "hub.example.org");
    run_openssl({"x509", "-req", "-in", p("elsewhere.csr"), "-CA", p("ca.pem"), "-CAkey", p("ca.key"),
                 "-CAcreateserial", "-out", p("elsewhere.pem"), "-days", "2", "-extfile", p("elsewhere.cnf")});

    // For the right address and valid, but signed by nobody the kiosk trusts.
    run_openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                 p("selfsigned.key"), "-out", p("selfsigned.pem"), "-days", "2", "-subj", "/CN=127.0.0.1", "-addext",
                 "subjectAltName=IP:127.0.0.1"});
  }

  std::string p(const std::string& name) const { return (dir_ / name).string(); }
  std::filesystem::path pem(const std::string& name) const { return dir_ / (name + ".pem"); }
  std::filesystem::path key(const std::string& name) const { return dir_ / (name + ".key"); }

 private:
  void request(const std::string& name, const std::string& common_name) {
    run_openssl({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                 p(name + ".key"), "-out", p(name + ".csr"), "-subj", "/CN=" + common_name});
  }

  const TempDir& dir_;
};

std::string status_line(const ProcessResult& status, const std::string& label) {
  for (const auto& line : status.out_lines()) {
    if (line.rfind(label, 0) == 0) return line;
  }
  return {};
}

}  // namespace

TEST_CASE("a hub with an expired, a wrong-host or a self-signed certificate is refused, nothing is sent, staff read why") {
  TempDir dir;
  const TestCertificates certificates(dir);
  HubStorage storage(dir);
  Hub hub(storage);
  hub.use_tls(certificates.pem("good"), certificates.key("good"));
  hub.start();

  Admin kiosk(dir / "kiosk.db");
  require_ok(kiosk({"init", "--center-name", kCenter, "--time-zone", "UTC"}));
  require_ok(kiosk({"sync", "enroll", "--hub", hub.url(), "--code", hub.enrollment_code(kCenter), "--ca-file",
                    certificates.pem("ca").string()}));
  require_ok(kiosk({"signin", "--guest", "--reason", "meal"}));

  struct BadCertificate {
    std::string name;
    std::string plain_words;
  };
  for (const auto& bad : {BadCertificate{"expired", "the hub's certificate has expired"},
                          BadCertificate{"elsewhere", "the hub's certificate is for another server"},
                          BadCertificate{"selfsigned", "the hub's certificate is not trusted"}}) {
    CAPTURE(bad.name);
    hub.kill();
    hub.use_tls(certificates.pem(bad.name), certificates.key(bad.name));
    hub.start();  // the same address the kiosk enrolled with

    const auto refused = kiosk({"sync", "now", "--timeout", "10"});
    check_refused(refused, 1);
    CHECK(refused.err.find(bad.plain_words) != std::string::npos);
    const auto status = kiosk({"sync", "status"});
    require_ok(status);
    CHECK(status_line(status, "last error:").find(bad.plain_words) != std::string::npos);
    CHECK(status_line(status, "pending:") == "pending:        1");
    CHECK(status_line(status, "last success:") == "last success:   never");

    // A new kiosk enrolling there, with the center's CA, is refused the same way and the code stays unused.
    Admin newcomer(dir / (bad.name + ".db"));
    require_ok(newcomer({"init", "--center-name", kCenter, "--time-zone", "UTC"}));
    const auto enroll = newcomer({"sync", "enroll", "--hub", hub.url(), "--code", hub.enrollment_code(kCenter),
                                  "--ca-file", certificates.pem("ca").string()});
    check_refused(enroll, 1);
    CHECK(enroll.err.find(bad.plain_words) != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(newcomer.db().string() + ".sync.json"));

    // Nothing reached the hub: no record, no contact from the kiosk, no code used, no new device.
    CHECK(storage.count("SELECT count(*) FROM mutation") == 0);
    CHECK(storage.count("SELECT count(*) FROM device WHERE last_seen_at IS NOT NULL") == 0);
    CHECK(storage.count("SELECT count(*) FROM device") == 1);
    CHECK(storage.count("SELECT count(*) FROM enrollment_code WHERE used_at IS NOT NULL") == 1);
  }

  // The refusals were the certificates' doing: with the good one back, the waiting sign-in goes through.
  hub.kill();
  hub.use_tls(certificates.pem("good"), certificates.key("good"));
  hub.start();
  require_ok(kiosk({"sync", "now", "--timeout", "10"}));
  CHECK(storage.count("SELECT count(*) FROM mutation") == 1);
  CHECK(status_line(kiosk({"sync", "status"}), "last error:") == "last error:     none");
}

TEST_CASE("plain http:// to anything but this machine is refused before anything is sent") {
  TempDir dir;
  HubStorage storage(dir);
  Hub hub(storage);
  hub.start();
  Admin kiosk = enrolled_kiosk(dir, "front-desk", hub, kCenter);
  require_ok(kiosk({"signin", "--guest", "--reason", "meal"}));

  // Enrolment: a host on the network, and loopback in front of an '@' (libcurl would go to the host after it).
  const std::vector<std::pair<std::string, std::string>> refusals{
      {"http://hub.example.org", "plain http:// is allowed only to this machine"},
      {"http://localhost:" + std::to_string(hub.port()) + "@hub.example.org", "must not carry a user name or password"},
      {"http://127.0.0.2:8750", "plain http:// is allowed only to this machine"}};
  int tried = 0;
  for (const auto& [url, reason] : refusals) {
    CAPTURE(url);
    Admin other(dir / ("other-" + std::to_string(++tried) + ".db"));
    require_ok(other({"init", "--center-name", kCenter, "--time-zone", "UTC"}));
    const auto refused = other({"sync", "enroll", "--hub", url, "--code", hub.enrollment_code(kCenter)});
    check_refused(refused, 2);
    CHECK(refused.err.find(reason) != std::string::npos);
  }

  // A saved configuration pointing at plain http:// elsewhere (edited by hand, or from an older version) is
  // refused at every sync, and staff see why.
  const auto config_path = kiosk.db().string() + ".sync.json";
  auto config = nlohmann::json::parse(read_file(config_path));
  config["hub_url"] = "http://hub.example.org:" + std::to_string(hub.port());
  std::ofstream(config_path, std::ios::trunc) << config.dump();
  const auto refused = kiosk({"sync", "now", "--timeout", "5"});
  check_refused(refused, 1);
  CHECK(refused.err.find("plain http:// is allowed only to this machine") != std::string::npos);
  const auto status = kiosk({"sync", "status"});
  CHECK(status_line(status, "last error:").find("plain http:// is allowed only to this machine") != std::string::npos);
  CHECK(status_line(status, "pending:") == "pending:        1");
  CHECK(storage.count("SELECT count(*) FROM mutation") == 0);
}

TEST_CASE("over the hub's own HTTPS, slow handshakes are cut at their deadline and one address holds its share - kiosks sync meanwhile") {
  TempDir dir;
  const TestCertificates certificates(dir);
  HubStorage storage(dir);
  Hub hub(storage);
  hub.use_tls(certificates.pem("good"), certificates.key("good"));
  hub.start();
  Admin kiosk(dir / "kiosk.db");
  require_ok(kiosk({"init", "--center-name", kCenter, "--time-zone", "UTC"}));
  require_ok(kiosk({"sync", "enroll", "--hub", hub.url(), "--code", hub.enrollment_code(kCenter), "--ca-file",
                    certificates.pem("ca").string()}));

  // One address opens 100 connections: its share (64) is served, the rest are closed at once.
  constexpr int kFromOneAddress = 100;
  constexpr int kShare = 64;
  std::vector<RawConnection> slow;
  for (int i = 0; i < kFromOneAddress; ++i) {
    slow.emplace_back("127.0.0.9", hub.port());
    REQUIRE(slow.back().connected());
  }
  std::this_thread::sleep_for(std::chrono::seconds(1));
  int closed_at_once = 0;
  std::vector<RawConnection> admitted;
  for (auto& connection : slow) {
    if (connection.closed_by_hub()) {
      ++closed_at_once;
    } else {
      admitted.push_back(std::move(connection));
    }
  }
  CHECK(closed_at_once == kFromOneAddress - kShare);

  // The admitted ones send a TLS ClientHello a byte a second: a handshake that never completes.
  const std::string client_hello_start = std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) + std::string(64, 'r');
  std::vector<long long> closed_after_ms;
  std::atomic<bool> driving{true};
  std::thread driver([&] { closed_after_ms = trickle_until_closed(admitted, client_hello_start, 45, driving); });
  std::this_thread::sleep_for(std::chrono::seconds(2));
  require_ok(kiosk({"signin", "--guest", "--reason", "meal"}));
  const auto synced = kiosk({"sync", "now", "--timeout", "20"});
  driver.join();
  INFO("sync: " << synced.err);
  CHECK(synced.exit_code == 0);
  CHECK(storage.count("SELECT count(*) FROM mutation") == 1);
  long long latest_close_ms = 0;
  int still_open = 0;
  for (const long long closed : closed_after_ms) {
    if (closed < 0) ++still_open;
    latest_close_ms = std::max(latest_close_ms, closed);
  }
  MESSAGE(closed_at_once << " connections over the address's share closed at once; the hub cut " << admitted.size()
                         << " slow handshakes by " << latest_close_ms << " ms; " << still_open << " still open");
  // Each handshake has the request head's 10 s; 45 s leaves the machine time to be slow.
  CHECK(still_open == 0);
}
