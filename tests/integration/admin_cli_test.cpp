// porchlight-admin as a user runs it: the real binary, a real database file in a fresh folder.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "support/checks.hpp"

using namespace porchlight::test;
using nlohmann::json;

namespace {

// "label:   value" from the init output.
std::string field(const ProcessResult& run, const std::string& label) {
  for (const auto& line : run.out_lines()) {
    if (line.rfind(label + ":", 0) == 0) {
      const auto value = line.find_first_not_of(' ', label.size() + 1);
      return value == std::string::npos ? std::string() : line.substr(value);
    }
  }
  FAIL("no '" << label << "' in the output:\n" << run.out);
  return {};
}

Admin new_center(const TempDir& dir) {
  Admin admin(dir / "center.db");
  require_ok(admin({"init", "--center-name", "Harbor Peer Center", "--time-zone", "UTC"}));
  return admin;
}

std::string add_participant(const Admin& admin, const std::string& first, const std::string& last,
                            std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"participant", "add", "--first", first, "--last", last, "--consent"};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto id = single_line(admin(args));
  CHECK(looks_like_uuid(id));
  return id;
}

// RFC 4180 records, as a spreadsheet would read them.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records(1);
  std::string field_text;
  bool quoted = false;
  bool any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field_text += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field_text += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      records.back().push_back(std::move(field_text));
      field_text.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      records.back().push_back(std::move(field_text));
      field_text.clear();
      records.emplace_back();
      ++i;
    } else {
      field_text += c;
    }
    any = true;
  }
  if (!field_text.empty()) records.back().push_back(std::move(field_text));
  if (records.back().empty()) records.pop_back();
  if (!any) records.clear();
  return records;
}

}  // namespace

TEST_CASE("init creates the database and running it again keeps the center") {
  TempDir dir;
  Admin admin(dir / "center.db");
  const auto first = admin({"init", "--center-name", "Harbor Peer Center", "--time-zone", "America/Chicago"});
  require_ok(first);
  CHECK(std::filesystem::exists(admin.db()));
  CHECK(field(first, "center") == "Harbor Peer Center");
  CHECK(field(first, "time zone") == "America/Chicago");
  CHECK(looks_like_uuid(field(first, "center id")));
  CHECK(looks_like_uuid(field(first, "device id")));

  const auto again = admin({"init"});
  require_ok(again);
  CHECK(field(again, "center id") == field(first, "center id"));
  CHECK(field(again, "device id") == field(first, "device id"));
  CHECK(field(again, "time zone") == "America/Chicago");

  const auto moved = admin({"init", "--time-zone", "UTC", "--fiscal-year-start", "1"});
  require_ok(moved);
  CHECK(field(moved, "time zone") == "UTC");
  CHECK(field(moved, "fiscal year starts") == "January");
  CHECK(field(moved, "center id") == field(first, "center id"));
}

TEST_CASE("without --db the database lives under XDG_DATA_HOME or ~/.local/share") {
  TempDir dir;
  const auto home = (dir / "home").string();
  std::filesystem::create_directory(home);

  require_ok(run_admin({"init", "--time-zone", "UTC"}, {{"XDG_DATA_HOME", (dir / "xdg").string()}, {"HOME", home}}));
  CHECK(std::filesystem::exists(dir / "xdg/porchlight/porchlight.db"));

  require_ok(run_admin({"init", "--time-zone", "UTC"}, {{"XDG_DATA_HOME", std::nullopt}, {"HOME", home}}));
  CHECK(std::filesystem::exists(dir / "home/.local/share/porchlight/porchlight.db"));

  // Reading commands never create the default folder.
  const auto missing =
      run_admin({"report", "daily"}, {{"XDG_DATA_HOME", (dir / "elsewhere").string()}, {"HOME", home}});
  check_refused(missing, 1);
  CHECK(missing.err.find("init") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "elsewhere"));
}

TEST_CASE("participants are found without case or accents and listed as First L.") {
  TempDir dir;
  const auto admin = new_center(dir);
  const auto jose = add_participant(admin, "José", "García", {"--pin", "1234", "--language", "es"});
  add_participant(admin, "Maria", "Lopez");

  const auto table = admin({"participant", "find", "jose"});
  require_ok(table);
  CHECK(table.out.find("José G.") != std::string::npos);
  CHECK(table.out.find(jose) != std::string::npos);
  CHECK(table.out.find("García") == std::string::npos);  // a lookup never shows the surname

  for (const char* typed : {"JOSE", "garc", "jose garcia", "García José"}) {
    CAPTURE(typed);
    const auto found = parse_json(admin({"participant", "find", typed, "--format", "json"}));
    REQUIRE(found.size() == 1);
    CHECK(found[0]["id"] == jose);
    CHECK(found[0]["display_name"] == "José G.");
  }
  CHECK(parse_json(admin({"participant", "find", "pedro", "--format", "json"})).empty());

  const auto shown = admin({"participant", "show", jose});
  require_ok(shown);
  CHECK(shown.out.find("José García") != std::string::npos);
  const auto record = parse_json(admin({"participant", "show", jose, "--format", "json"}));
  CHECK(record["has_pin"] == true);
  CHECK(record["language"] == "es");
  CHECK(record["consent_record"] == true);
}

TEST_CASE("signin prints a visit id that the daily report then lists") {
  TempDir dir;
  const auto admin = new_center(dir);
  const auto started = utc_date_today();
  const auto jose = add_participant(admin, "José", "García");

  const auto visit =
      single_line(admin({"signin", "--participant", jose, "--reason", "meal", "--reason", "group", "--mood", "4"}));
  CHECK(looks_like_uuid(visit));
  const auto guest = single_line(admin({"signin", "--guest", "--reason", "drop-in"}));
  CHECK(looks_like_uuid(guest));
  CHECK(guest != visit);

  const auto card = single_line(admin({"participant", "card", jose}));
  const auto by_card = single_line(admin({"signin", "--card", card, "--reason", "computer"}));

  auto rows = sign_ins_since(admin, started);
  REQUIRE(rows.size() == 3);
  const auto* mine = find_visit(rows, visit);
  REQUIRE(mine != nullptr);
  CHECK((*mine)["name"] == "José G.");
  CHECK((*mine)["guest"] == false);
  CHECK((*mine)["mood"] == 4);
  CHECK((*mine)["signed_out"] == false);
  std::set<std::string> reasons((*mine)["reasons"].begin(), (*mine)["reasons"].end());
  CHECK(reasons == std::set<std::string>{"group", "meal"});
  const auto* anonymous = find_visit(rows, guest);
  REQUIRE(anonymous != nullptr);
  CHECK((*anonymous)["guest"] == true);
  CHECK((*anonymous)["name"] == "Guest");
  const auto* carded = find_visit(rows, by_card);
  REQUIRE(carded != nullptr);
  CHECK((*carded)["name"] == "José G.");

  // A new card replaces the old one.
  const auto new_card = single_line(admin({"participant", "card", jose}));
  CHECK(new_card != card);
  check_refused(admin({"signin", "--card", card, "--reason", "meal"}), 1);

  require_ok(admin({"signout", visit}));
  rows = sign_ins_since(admin, started);
  REQUIRE(find_visit(rows, visit) != nullptr);
  CHECK((*find_visit(rows, visit))["signed_out"] == true);
  CHECK((*find_visit(rows, guest))["signed_out"] == false);
  check_refused(admin({"signout", visit}), 1);  // already signed out

  const auto table = admin({"report", "daily"});
  require_ok(table);
  if (started == utc_date_today()) {
    CHECK(table.out.find("José G.") != std::string::npos);
    CHECK(table.out.find("García") == std::string::npos);
    CHECK(table.out.find("Guest") != std::string::npos);
    CHECK(table.out.find("By hour") != std::string::npos);
    CHECK(table.out.find("#") != std::string::npos);
  }
}

TEST_CASE("merging folds a duplicate registration into the kept one") {
  TempDir dir;
  const auto admin = new_center(dir);
  const auto started = utc_date_today();
  const auto keep = add_participant(admin, "Ana", "Reyes", {"--phone", "555-123-4567"});
  const auto duplicate = add_participant(admin, "Ana", "R", {"--email", "ana@example.org"});
  const auto visit = single_line(admin({"signin", "--participant", duplicate, "--reason", "meal"}));

  require_ok(admin({"participant", "merge", "--keep", keep, "--duplicate", duplicate}));
  const auto found = parse_json(admin({"participant", "find", "ana", "--format", "json"}));
  REQUIRE(found.size() == 1);
  CHECK(found[0]["id"] == keep);
  const auto kept = parse_json(admin({"participant", "show", keep, "--format", "json"}));
  CHECK(kept["email"] == "ana@example.org");
  CHECK(parse_json(admin({"participant", "show", duplicate, "--format", "json"}))["merged_into"] == keep);
  check_refused(admin({"signin", "--participant", duplicate, "--reason", "meal"}), 1);
  const auto rows = sign_ins_since(admin, started);
  REQUIRE(find_visit(rows, visit) != nullptr);
  CHECK((*find_visit(rows, visit))["name"] == "Ana R.");
}

TEST_CASE("staff PIN lock-out holds across separate processes") {
  TempDir dir;
  const auto admin = new_center(dir);
  require_ok(admin({"staff", "add", "--name", "Dana Cruz", "--role", "peer", "--pin", "2580"}));
  check_refused(admin({"staff", "add", "--name", "dana cruz", "--role", "admin", "--pin", "1111"}), 1);

  const auto good = admin({"staff", "login", "Dana Cruz", "--pin", "2580"});
  CHECK(good.exit_code == 0);
  CHECK(good.out.find("signed in") != std::string::npos);

  // Every try is a new process: the count lives in the database, not in memory.
  for (int attempt = 1; attempt <= 5; ++attempt) {
    CAPTURE(attempt);
    const auto wrong = admin({"staff", "login", "Dana Cruz", "--pin", "1111"});
    CHECK(wrong.exit_code == 1);
    CHECK(wrong.out == "wrong name or PIN\n");
  }
  // A name without an account gets the very same answer.
  const auto unknown = admin({"staff", "login", "Nobody Here", "--pin", "1111"});
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.out == "wrong name or PIN\n");
  CHECK(unknown.err.empty());
  // Now even the right PIN has to wait.
  const auto waiting = admin({"staff", "login", "Dana Cruz", "--pin", "2580"});
  CHECK(waiting.exit_code == 1);
  CHECK(waiting.out.find("wait") != std::string::npos);
  CHECK(waiting.out.find("signed in") == std::string::npos);

  const auto listed = admin({"staff", "list"});
  require_ok(listed);
  CHECK(listed.out.find("Dana Cruz") != std::string::npos);

  require_ok(admin({"staff", "unlock", "dana cruz"}));
  const auto after_unlock = admin({"staff", "login", "Dana Cruz", "--pin", "2580"});
  CHECK(after_unlock.exit_code == 0);
  CHECK(after_unlock.out.find("signed in") != std::string::npos);

  const auto audit = admin({"audit", "--limit", "50"});
  require_ok(audit);
  CHECK(audit.out.find("staff.unlock") != std::string::npos);
  CHECK(audit.out.find("staff.login") != std::string::npos);
}

TEST_CASE("staff login: a name without an account answers as a real one does, through the wait after 5 failures") {
  TempDir dir;
  const auto admin = new_center(dir);
  require_ok(admin({"staff", "add", "--name", "Dana Cruz", "--role", "peer", "--pin", "2580"}));
  // The seconds left in a wait depend on when each process ran; the rest of each answer must be the same.
  auto without_digits = [](std::string text) {
    text.erase(std::remove_if(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }), text.end());
    return text;
  };
  for (int attempt = 1; attempt <= 7; ++attempt) {
    CAPTURE(attempt);
    const auto real = admin({"staff", "login", "Dana Cruz", "--pin", "1111"});
    const auto unknown = admin({"staff", "login", "Dina Cruz", "--pin", "1111"});
    CAPTURE(real.out);
    CAPTURE(unknown.out);
    CHECK(unknown.exit_code == real.exit_code);
    CHECK(without_digits(unknown.out) == without_digits(real.out));
    if (attempt > 5) CHECK(unknown.out.find("wait") != std::string::npos);
  }
}

TEST_CASE("the unduplicated report counts each person once per period") {
  TempDir dir;
  const auto admin = new_center(dir);
  const auto started = utc_date_today();
  const auto ana = add_participant(admin, "Ana", "Reyes");
  const auto ben = add_participant(admin, "Ben", "Okafor");
  add_participant(admin, "Cy", "Never");  // registered, never came: not counted
  for (int i = 0; i < 3; ++i) single_line(admin({"signin", "--participant", ana, "--reason", "meal"}));
  single_line(admin({"signin", "--participant", ben, "--reason", "group"}));
  single_line(admin({"signin", "--guest", "--reason", "drop-in"}));
  single_line(admin({"signin", "--guest", "--reason", "resources"}));
  const auto today = utc_date_today();

  const auto period =
      parse_json(admin({"report", "unduplicated", "--from", started, "--to", today, "--format", "json"}));
  CHECK(period["visits"] == 6);
  CHECK(period["unique_people"] == 2);
  CHECK(period["guest_visits"] == 2);
  CHECK(period["new_people"] == 2);
  CHECK(period["returning_people"] == 0);
  CHECK(period["from"] == started);
  CHECK(period["to"] == today);

  // A period before anyone came is empty.
  const auto before =
      parse_json(admin({"report", "unduplicated", "--from", "2000-01-01", "--to", "2000-12-31", "--format", "json"}));
  CHECK(before["visits"] == 0);
  CHECK(before["unique_people"] == 0);

  const auto table = admin({"report", "unduplicated", "--from", started, "--to", today});
  require_ok(table);
  CHECK(table.out.find("Unduplicated people:  2") != std::string::npos);

  const auto csv =
      parse_csv(admin({"report", "unduplicated", "--from", started, "--to", today, "--format", "csv"}).out);
  REQUIRE(csv.size() == 2);
  const auto column = std::find(csv[0].begin(), csv[0].end(), "unique_people") - csv[0].begin();
  REQUIRE(static_cast<std::size_t>(column) < csv[1].size());
  CHECK(csv[1][static_cast<std::size_t>(column)] == "2");

  if (started == today) {  // the named periods hold today
    const auto year = today.substr(0, 4);
    const int month = std::stoi(today.substr(5, 2));
    const auto by_month =
        parse_json(admin({"report", "unduplicated", "--month", today.substr(0, 7), "--format", "json"}));
    CHECK(by_month["unique_people"] == 2);
    CHECK(by_month["from"] == today.substr(0, 7) + "-01");
    const auto quarter = year + "-Q" + std::to_string((month - 1) / 3 + 1);
    const auto by_quarter = parse_json(admin({"report", "unduplicated", "--quarter", quarter, "--format", "json"}));
    CHECK(by_quarter["unique_people"] == 2);
    // The default fiscal year starts in July.
    const int fiscal_start = month >= 7 ? std::stoi(year) : std::stoi(year) - 1;
    const auto fiscal = parse_json(
        admin({"report", "unduplicated", "--fiscal-year", std::to_string(fiscal_start), "--format", "json"}));
    CHECK(fiscal["unique_people"] == 2);
    CHECK(fiscal["from"] == std::to_string(fiscal_start) + "-07-01");
    CHECK(fiscal["to"] == std::to_string(fiscal_start + 1) + "-06-30");
  }
}

TEST_CASE("the CSV export neutralises cells a spreadsheet would run as formulas") {
  TempDir dir;
  const auto admin = new_center(dir);
  const auto started = utc_date_today();
  const std::vector<std::pair<std::string, std::string>> people{
      {"=cmd", "Calc"},
      {"=HYPERLINK(\"http://evil.example\",\"click\")", "Smith"},
      {"+SUM(A1)", "Lee"},
      {"@import", "Bar"},
      {"-2+3", "Minus"}};
  for (const auto& [first, last] : people) {
    const auto id = add_participant(admin, first, last);
    single_line(admin({"signin", "--participant", id, "--reason", "meal"}));
  }

  std::vector<std::vector<std::string>> records;
  std::string raw;
  for (const auto& date : utc_dates_between(started, utc_date_today())) {
    const auto run = admin({"report", "daily", "--date", date, "--format", "csv"});
    require_ok(run);
    raw += run.out;
    auto part = parse_csv(run.out);
    REQUIRE(!part.empty());
    records.insert(records.end(), part.begin() + (records.empty() ? 0 : 1), part.end());
  }
  REQUIRE(records.size() == people.size() + 1);  // header + one row per sign-in
  const auto& header = records.front();
  const auto name_column = static_cast<std::size_t>(std::find(header.begin(), header.end(), "name") - header.begin());
  REQUIRE(name_column < header.size());

  std::set<std::string> names;
  for (std::size_t r = 1; r < records.size(); ++r) {
    for (const auto& cell : records[r]) {
      CAPTURE(cell);
      CHECK((cell.empty() || std::string("=+-@\t\r").find(cell.front()) == std::string::npos));
    }
    names.insert(records[r].at(name_column));
  }
  CHECK(names.count("'=cmd C.") == 1);
  CHECK(names.count("'=HYPERLINK(\"http://evil.example\",\"click\") S.") == 1);
  CHECK(names.count("'+SUM(A1) L.") == 1);
  CHECK(names.count("'@import B.") == 1);
  CHECK(names.count("'-2+3 M.") == 1);
  // Quotes inside a field are doubled and the field is quoted, so the commas do not split it.
  CHECK(raw.find("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\") S.\"") != std::string::npos);

  // The summary export is CSV too.
  const auto summary = admin({"report", "daily", "--format", "csv", "--summary"});
  require_ok(summary);
  CHECK(summary.out.rfind("date,section,item,count\r\n", 0) == 0);
}

TEST_CASE("every report view and export is written to the audit log") {
  TempDir dir;
  const auto admin = new_center(dir);
  const auto today = utc_date_today();
  require_ok(admin({"report", "daily", "--date", today}));
  require_ok(admin({"report", "daily", "--date", today, "--format", "csv"}));
  require_ok(admin({"report", "daily", "--date", today, "--format", "json"}));
  require_ok(admin({"report", "unduplicated", "--from", today, "--to", today, "--format", "csv"}));

  const auto audit = admin({"audit", "--limit", "10"});
  require_ok(audit);
  for (const char* action : {"report.daily.view", "export.daily.csv", "export.daily.json", "export.unduplicated.csv"}) {
    CAPTURE(action);
    CHECK(audit.out.find(action) != std::string::npos);
  }
  CHECK(audit.out.find(today) != std::string::npos);
  const auto check = admin({"check"});
  CHECK(check.exit_code == 0);
  CHECK(check.out == "ok\n");
}

TEST_CASE("crisis-lines: the center's own lines are added, listed in order, removed, and audited") {
  TempDir dir;
  const auto admin = new_center(dir);
  const auto empty = admin({"crisis-lines", "list"});
  require_ok(empty);
  CHECK(empty.out.find("988") != std::string::npos);
  CHECK(empty.out.find("No local crisis lines yet") != std::string::npos);

  require_ok(admin({"crisis-lines", "add", "--label", "Harbor County crisis line", "--label-es",
                    "Línea de crisis del condado Harbor", "--number", "(555) 010-0143"}));
  require_ok(admin({"crisis-lines", "add", "--label", "Peer warmline", "--number", "(555) 010-0176"}));
  const auto listed = admin({"crisis-lines", "list"});
  require_ok(listed);
  const auto county = listed.out.find("Harbor County crisis line");
  const auto warmline = listed.out.find("Peer warmline");
  REQUIRE(county != std::string::npos);
  REQUIRE(warmline != std::string::npos);
  CHECK(county < warmline);
  CHECK(listed.out.find("Línea de crisis del condado Harbor") != std::string::npos);
  CHECK(listed.out.find("(555) 010-0176") != std::string::npos);

  require_ok(admin({"crisis-lines", "remove", "1"}));
  const auto after = admin({"crisis-lines", "list"});
  CHECK(after.out.find("Harbor County crisis line") == std::string::npos);
  CHECK(after.out.find("Peer warmline") != std::string::npos);

  const auto audit = admin({"audit", "--limit", "3"});
  CHECK(audit.out.find("settings.crisis_lines") != std::string::npos);
  require_ok(admin({"check"}));
}

TEST_CASE("check fails when the audit log has been tampered with") {
  TempDir dir;
  const auto admin = new_center(dir);
  require_ok(admin({"report", "daily"}));
  require_ok(admin({"report", "daily", "--format", "csv"}));
  require_ok(admin({"check"}));

  // Someone with the file hides that an export happened.
  execute_sql(admin.db(),
              "DROP TRIGGER audit_is_append_only_update; UPDATE audit SET action = 'report.daily.view' "
              "WHERE action = 'export.daily.csv'");
  const auto check = admin({"check"});
  check_refused(check, 1);
  CHECK(check.out.find("audit") != std::string::npos);
  CHECK(check.out != "ok\n");
}

TEST_CASE("demo fills an empty database once") {
  TempDir dir;
  Admin admin(dir / "demo.db");  // demo makes the database itself
  const auto demo = admin({"demo", "--seed", "7", "--participants", "40", "--weeks", "2"});
  require_ok(demo);
  CHECK(demo.out.find("Daily attendance") != std::string::npos);
  CHECK(demo.out.find("Sam Rivera") != std::string::npos);

  CHECK_FALSE(parse_json(admin({"participant", "find", "a", "--format", "json"})).empty());
  const auto staff = admin({"staff", "list"});
  require_ok(staff);
  CHECK(staff.out.find("Alex Morgan") != std::string::npos);
  CHECK(admin({"staff", "login", "Sam Rivera", "--pin", "1234"}).exit_code == 0);
  require_ok(admin({"report", "daily"}));
  CHECK(admin({"check"}).exit_code == 0);

  const auto before = dump_database(admin.db());
  const auto again = admin({"demo", "--seed", "8"});
  check_refused(again, 1);
  CHECK(again.err.find("already has participants") != std::string::npos);
  CHECK(dump_database(admin.db()) == before);
}

TEST_CASE("simulate prints one committed visit id per line") {
  TempDir dir;
  const auto admin = new_center(dir);
  const auto started = utc_date_today();
  const auto run = admin({"simulate", "--signins", "25", "--guest-ratio", "0.5", "--seed", "3"});
  require_ok(run);
  const auto ids = run.out_lines();
  REQUIRE(ids.size() == 25);
  const auto rows = sign_ins_since(admin, started);
  CHECK(rows.size() == 25);
  for (const auto& id : ids) {
    CAPTURE(id);
    CHECK(looks_like_uuid(id));
    CHECK(find_visit(rows, id) != nullptr);
  }
}
