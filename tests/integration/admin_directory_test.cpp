// porchlight-admin directory and referral commands against the real binary: importing the official HSDS example
// and a messy package, search, export, referrals and their follow-up; bad input refused with one line and the
// database unchanged.
#include <doctest/doctest.h>

#include <fstream>

#include "support/checks.hpp"

using namespace porchlight::test;

namespace {

const std::string kData = PORCHLIGHT_TEST_DATA;
const std::string kCounselling = "ac148810-d857-441c-9679-408f346de14b";

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// Good rows, and three bad ones (no name; an unknown organization; an hour that does not exist).
std::filesystem::path messy_package(const TempDir& dir) {
  const auto folder = dir / "messy";
  std::filesystem::create_directories(folder);
  write(folder / "organizations.csv", "\xEF\xBB\xBFid,name,description\r\norg-1,Westside Pantry,\"Food,\r\nfor all\"\r\n");
  write(folder / "services.csv",
        "id,organization_id,name,status\r\nsvc-1,org-1,Westside Food Pantry,active\r\nsvc-2,org-1,,active\r\n"
        "svc-3,org-404,Lost Service,active\r\n");
  write(folder / "regular_schedules.csv", "id,service_id,weekday,opens_at,closes_at\nrs-1,svc-1,2,09:00,17:00\n"
                                          "rs-2,svc-1,3,9:75,17:00\n");
  return folder;
}

std::string joined(const std::vector<std::string>& args) {
  std::string text;
  for (const auto& arg : args) text += (text.empty() ? "" : " ") + arg;
  return text;
}

}  // namespace

TEST_CASE("directory: import, search, show, export, and referrals from the command line") {
  TempDir dir;
  Admin admin(dir / "center.db");
  require_ok(admin({"init", "--time-zone", "UTC"}));
  const auto imported = admin({"directory", "import", kData + "/hsds/example-csv"});
  require_ok(imported);
  CHECK(imported.out.find("The directory has 1 services. 0 rows were skipped.") != std::string::npos);
  CHECK(count_rows(admin.db(), "SELECT count(*) FROM hsds_schedule WHERE service_id = ?", kCounselling) == 1);
  CHECK(count_rows(admin.db(), "SELECT count(*) FROM hsds_phone WHERE service_id = ?", kCounselling) == 1);

  const auto found = parse_json(admin({"directory", "search", "couns", "--json"}));
  REQUIRE(found.size() == 1);
  CHECK(found[0]["id"] == kCounselling);
  CHECK(found[0]["categories"] == "mental-health");
  const auto shown = admin({"directory", "show", kCounselling});
  require_ok(shown);
  CHECK(shown.out.find("Hours: Thu, Fri 10:00-18:00") != std::string::npos);
  CHECK(shown.out.find("Address: 1-30 Main Street, MyVillage, MyCity, MyState ABC 1234") != std::string::npos);

  // The messy package: good rows in, each bad one named with file and line, exit 0.
  const auto messy = admin({"directory", "import", messy_package(dir).string()});
  require_ok(messy);
  CHECK(messy.out.find("skipped: services.csv line 3: no name") != std::string::npos);
  CHECK(messy.out.find("skipped: services.csv line 4: organization_id org-404") != std::string::npos);
  CHECK(messy.out.find("skipped: regular_schedules.csv line 3: opens_at '9:75'") != std::string::npos);
  CHECK(messy.out.find("The directory has 2 services. 3 rows were skipped.") != std::string::npos);
  // Again: updated by id, nothing doubled.
  require_ok(admin({"directory", "import", messy_package(dir).string()}));
  CHECK(count_rows(admin.db(), "SELECT count(*) FROM hsds_service WHERE id <> ?", "") == 2);

  // Referrals: a staff referral, due for follow-up, updated, and counted in the report.
  require_ok(admin({"staff", "add", "--name", "Dana Cruz", "--role", "peer", "--pin", "2580"}));
  const auto person = single_line(admin({"participant", "add", "--first", "Ana", "--last", "Reyes", "--consent"}));
  const auto referral = single_line(admin({"referral", "add", "--service", "svc-1", "--participant", person, "--staff",
                                           "Dana Cruz", "--due", "2020-01-01", "--note", "Call Tuesday"}));
  CHECK(looks_like_uuid(referral));
  const auto due = admin({"referral", "list", "--due"});
  require_ok(due);
  CHECK(due.out.find("Ana R.") != std::string::npos);
  CHECK(due.out.find("Westside Food Pantry") != std::string::npos);
  require_ok(admin({"referral", "update", referral, "--status", "connected", "--staff", "Dana Cruz", "--note", "Got food"}));
  CHECK(admin({"referral", "list", "--due"}).out.find("No referrals.") != std::string::npos);
  const auto report = admin({"referral", "report", "--from", "2000-01-01", "--to", "2100-01-01", "--format", "csv"});
  require_ok(report);
  CHECK(report.out.find("2000-01-01,2100-01-01,food,Food,1,1,0,0,0") != std::string::npos);
  CHECK(count_rows(admin.db(), "SELECT count(*) FROM outbox WHERE entity = ?", "referral") == 2);
  CHECK(count_rows(admin.db(), "SELECT count(*) FROM audit WHERE action LIKE ?", "referral.%") == 2);

  // Exports.
  require_ok(admin({"directory", "export", "--format", "json", (dir / "out.json").string()}));
  const auto exported = nlohmann::json::parse(std::ifstream(dir / "out.json"));
  CHECK(exported.size() == 2);
  require_ok(admin({"directory", "export", "--format", "csv", (dir / "package").string()}));
  CHECK(std::filesystem::exists(dir / "package" / "datapackage.json"));
  CHECK(std::filesystem::exists(dir / "package" / "services.csv"));
}

TEST_CASE("directory: bad input is refused with one line and leaves the database unchanged") {
  TempDir dir;
  Admin admin(dir / "center.db");
  require_ok(admin({"init", "--time-zone", "UTC"}));
  require_ok(admin({"directory", "import", kData + "/hsds/example-csv"}));
  require_ok(admin({"staff", "add", "--name", "Dana Cruz", "--role", "peer", "--pin", "2580"}));
  const auto referral = single_line(admin({"referral", "add", "--service", kCounselling}));
  const auto messy = messy_package(dir);
  std::filesystem::create_directories(dir / "empty");
  write(dir / "broken.json", "{\"id\": ");
  write(dir / "notes.txt", "not a directory");
  const auto before = dump_database(admin.db());

  const std::vector<std::pair<std::vector<std::string>, int>> cases{
      {{"directory", "import"}, 2},
      {{"directory", "import", (dir / "absent").string()}, 1},
      {{"directory", "import", (dir / "empty").string()}, 1},
      {{"directory", "import", (dir / "broken.json").string()}, 1},
      {{"directory", "import", (dir / "notes.txt").string()}, 1},
      {{"directory", "import", "--strict", messy.string()}, 1},
      {{"directory", "export", "--format", "xml", (dir / "x").string()}, 2},
      {{"directory", "export", "--format", "csv", "-"}, 2},
      {{"directory", "search", "food", "--category", "snacks"}, 2},
      {{"directory", "show", "no-such-service"}, 1},
      {{"referral", "add", "--service", "no-such-service"}, 1},
      {{"referral", "add", "--service", kCounselling, "--due", "2026-02-30"}, 2},
      {{"referral", "add", "--service", kCounselling, "--staff", "Nobody"}, 1},
      {{"referral", "add", "--service", kCounselling, "--note", "self-referrals have no notes"}, 1},
      {{"referral", "update", referral, "--status", "maybe", "--staff", "Dana Cruz"}, 2},
      {{"referral", "update", "no-such-referral", "--status", "connected", "--staff", "Dana Cruz"}, 1},
      {{"referral", "report", "--from", "2026-13-01", "--to", "2026-12-01"}, 2},
      {{"referral", "report", "--from", "2026-03-01", "--to", "2026-02-01"}, 2},
  };
  for (const auto& [args, code] : cases) {
    CAPTURE(joined(args));
    const auto run = admin(args);
    check_refused(run, code);
    CHECK(run.out.empty());
    CHECK(dump_database(admin.db()) == before);
  }
  CHECK_FALSE(std::filesystem::exists(dir / "x"));
}
