// What the logs say about a sync, end to end with the real kiosk client and a real hub logging at debug: the lines
// an operator needs (where the hub listens, each exchange's counts, refused tokens, one line per request, that it
// stopped), and none of what participants gave the center: names, birth dates, PINs, notes, card codes, the
// device token or the enrollment code.
#include <doctest/doctest.h>

#include <httplib.h>

#include <filesystem>
#include <fstream>

#include "support/checks.hpp"
#include "support/hub.hpp"

using namespace porchlight::test;
using nlohmann::json;

namespace {

const std::string kCenter = "Harbor Light";

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// One service to refer people to.
std::filesystem::path small_directory(const TempDir& dir) {
  const auto folder = dir / "directory";
  std::filesystem::create_directories(folder);
  write(folder / "organizations.csv", "id,name\norg-1,Westside Pantry\n");
  write(folder / "services.csv", "id,organization_id,name,status\nsvc-1,org-1,Westside Food Pantry,active\n");
  return folder;
}

std::string everything(const ProcessResult& run) { return run.out + run.err; }

void check_absent(const std::string& text, const std::vector<std::string>& secrets, const char* where) {
  for (const auto& secret : secrets) {
    INFO(where << " must not contain '" << secret << "':\n" << text);
    CHECK(text.find(secret) == std::string::npos);
  }
}

bool has_line_with(const std::string& text, const std::vector<std::string>& parts) {
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    bool all = true;
    for (const auto& part : parts) all = all && line.find(part) != std::string::npos;
    if (all) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

TEST_CASE("logs: the hub and the sync client log the exchange at debug, and no personal data") {
  TempDir dir;
  HubStorage storage(dir);
  Hub hub(storage);
  hub.set_log_level("debug");
  hub.start();

  // Enrolled by hand, so the test knows the code and every line of the client's output.
  const std::string code = hub.enrollment_code(kCenter);
  Admin kiosk(dir / "front-desk.db");
  std::string client_output = everything(kiosk({"init", "--center-name", kCenter, "--time-zone", "UTC"}));
  const auto enrolled = kiosk({"sync", "enroll", "--hub", hub.url(), "--code", code, "--name", "front-desk"});
  require_ok(enrolled);
  client_output += everything(enrolled);
  const auto config = json::parse(read_file(kiosk.db().string() + ".sync.json"));
  const std::string token = config.at("token").get<std::string>();
  const std::string device = config.at("device_id").get<std::string>();
  REQUIRE(token.size() >= 16);

  // People who share their profile with the hub, so their names and birth dates travel in the batches.
  require_ok(kiosk({"directory", "import", small_directory(dir).string()}));
  require_ok(kiosk({"staff", "add", "--name", "Quillon Staffperson", "--role", "peer", "--pin", "864297"}));
  const auto first = single_line(kiosk({"participant", "add", "--first", "Zephyrine", "--last", "Oakenshaw", "--pin",
                                        "975318", "--birth-date", "1961-07-23", "--phone", "(555) 014-7788", "--consent",
                                        "--consent-share", "--consent-contact"}));
  const auto second = single_line(kiosk({"participant", "add", "--first", "Thaddeus", "--last", "Quimbleworth",
                                         "--birth-date", "1977-11-05", "--consent", "--consent-share"}));
  const auto card = kiosk({"participant", "card", second});
  require_ok(card);
  const std::string card_code = card.out_lines().back();
  REQUIRE_FALSE(card_code.empty());
  require_ok(kiosk({"signin", "--participant", first, "--reason", "meal"}));
  require_ok(kiosk({"signin", "--card", card_code, "--reason", "drop-in"}));
  require_ok(kiosk({"signin", "--guest", "--reason", "meal"}));
  require_ok(kiosk({"referral", "add", "--service", "svc-1", "--participant", first, "--staff", "Quillon Staffperson",
                    "--note", "Xylophonic note about housing"}));

  const auto synced = kiosk({"sync", "now", "--timeout", "20"});
  require_ok(synced);
  client_output += everything(synced);
  CHECK(storage.count("SELECT count(*) FROM visit") == 3);
  // Sent again, as a kiosk does when the hub's answer was lost: the hub counts duplicates, applies nothing twice.
  execute_sql(kiosk.db(), "UPDATE outbox SET acked_at = NULL");
  const auto again = kiosk({"sync", "now", "--timeout", "20"});
  require_ok(again);
  client_output += everything(again);

  // A stranger's token is refused, and the warning names where it came from, not the token.
  const std::string stranger_token = "Strangertoken0123456789abcdefXYZ";
  httplib::Client client("127.0.0.1", hub.port());
  const auto refused = client.Get("/v1/sync/pull?since=0", {{"Authorization", "Bearer " + stranger_token}});
  REQUIRE(refused);
  CHECK(refused->status == 401);

  CHECK(hub.stop() == 0);
  const std::string log = hub.log();
  INFO("hub log:\n" << log);

  // What an operator needs.
  CHECK(has_line_with(log, {"porchlight-hub: listening on http://127.0.0.1:" + std::to_string(hub.port())}));
  CHECK(has_line_with(log, {"push from device " + device + ":", " records accepted, 0 duplicates"}));
  CHECK(has_line_with(log, {"push from device " + device + ": a batch sent again (", "nothing applied twice"}));
  CHECK(has_line_with(log, {"porchlight-hub: warning: request with an unknown or revoked device token from 127.0.0.1"}));
  CHECK(has_line_with(log, {"porchlight-hub: debug: POST /v1/sync/push 200 ", " ms"}));
  CHECK(has_line_with(log, {"porchlight-hub: debug: GET /v1/sync/pull 401"}));
  CHECK(has_line_with(log, {"porchlight-hub: debug: POST /v1/enroll 200"}));
  CHECK(has_line_with(log, {"porchlight-hub: stopped"}));
  CHECK(log.find("since=") == std::string::npos);  // paths without their query string

  // And nothing about the people, nor the secrets that open the hub.
  std::string code_without_dashes = code;
  std::erase(code_without_dashes, '-');
  const std::vector<std::string> secrets{"Zephyrine", "Oakenshaw", "Thaddeus", "Quimbleworth", "1961-07-23",
                                         "1977-11-05", "975318", "014-7788", "Xylophonic", "Quillon", "864297",
                                         card_code, token, code, code_without_dashes, stranger_token};
  check_absent(log, secrets, "the hub's log");
  check_absent(client_output, secrets, "the sync client's output");
}
