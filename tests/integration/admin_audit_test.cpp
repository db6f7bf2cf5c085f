// The audit log as someone with the database file and the sqlite3 command line would attack it: plain SQL is
// refused by the append-only triggers, and with the triggers dropped `porchlight-admin audit verify` names the
// first entry that was changed or deleted. Also: which admin commands leave an entry.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "support/checks.hpp"

using namespace porchlight::test;

namespace {

// Whether this build found the sqlite3 shell; without it a tamper test says so and checks nothing (the dependency
// audit, static.dependencies_from_setup, fails CI when scripts/setup does not install it).
bool sqlite3_shell_found() {
  if (std::string(PORCHLIGHT_SQLITE3_SHELL).empty()) {
    MESSAGE("the sqlite3 shell is not installed (scripts/setup test installs it): tampering not checked");
    return false;
  }
  return true;
}

// The sqlite3 command-line shell, as an outsider would use it on the file.
ProcessResult sqlite3(const Admin& admin, const std::string& sql) {
  return run_process({PORCHLIGHT_SQLITE3_SHELL, admin.db().string(), sql});
}

// A center with a handful of audit entries: 1 staff.add, then views and exports.
Admin center_with_entries(const TempDir& dir) {
  Admin admin(dir / "center.db");
  require_ok(admin({"init", "--center-name", "Harbor Peer Center", "--time-zone", "UTC"}));
  require_ok(admin({"staff", "add", "--name", "Dana Cruz", "--role", "admin", "--pin", "2580"}));
  require_ok(admin({"report", "daily"}));
  require_ok(admin({"report", "daily", "--format", "csv"}));
  require_ok(admin({"report", "unduplicated", "--month", utc_date_today().substr(0, 7)}));
  return admin;
}

long long entries(const Admin& admin) { return std::stoll(query_column(admin.db(), "SELECT count(*) FROM audit").at(0)); }

void check_broken_at(const Admin& admin, const std::string& entry) {
  const auto verify = admin({"audit", "verify"});
  check_refused(verify, 1);
  INFO("stderr: " << verify.err);
  CHECK(verify.err.find("audit log broken at entry " + entry + ":") != std::string::npos);
}

}  // namespace

TEST_CASE("audit verify: an untouched log is intact") {
  TempDir dir;
  const auto admin = center_with_entries(dir);
  const auto verify = admin({"audit", "verify"});
  require_ok(verify);
  CHECK(verify.out == "audit log intact: " + std::to_string(entries(admin)) + " entries\n");
  // `audit` alone still lists the entries.
  const auto listed = admin({"audit", "--limit", "10"});
  require_ok(listed);
  CHECK(listed.out.find("export.daily.csv") != std::string::npos);
}

TEST_CASE("audit verify: plain UPDATE and DELETE are refused by the database itself") {
  if (!sqlite3_shell_found()) return;
  TempDir dir;
  const auto admin = center_with_entries(dir);
  const auto before = dump_database(admin.db());
  for (const char* sql : {"UPDATE audit SET detail = 'nothing' WHERE seq = 2;", "DELETE FROM audit WHERE seq = 2;",
                          "DELETE FROM audit;"}) {
    CAPTURE(sql);
    const auto run = sqlite3(admin, sql);
    CHECK(run.exit_code != 0);
    CHECK(run.err.find("the audit log is append-only") != std::string::npos);
  }
  CHECK(dump_database(admin.db()) == before);
  require_ok(admin({"audit", "verify"}));
}

TEST_CASE("audit verify: with the triggers dropped, a changed detail is named") {
  if (!sqlite3_shell_found()) return;
  TempDir dir;
  const auto admin = center_with_entries(dir);
  const auto run = sqlite3(admin, "DROP TRIGGER audit_is_append_only_update; "
                                  "UPDATE audit SET detail = 'nothing happened' WHERE seq = 3;");
  require_ok(run);
  check_broken_at(admin, "3");
  const auto verify = admin({"audit", "verify"});
  CHECK(verify.err.find("changed") != std::string::npos);
  check_refused(admin({"check"}), 1);
}

TEST_CASE("audit verify: a deleted middle entry is named") {
  if (!sqlite3_shell_found()) return;
  TempDir dir;
  const auto admin = center_with_entries(dir);
  REQUIRE(entries(admin) >= 4);
  require_ok(sqlite3(admin, "DROP TRIGGER audit_is_append_only_delete; DELETE FROM audit WHERE seq = 2;"));
  check_broken_at(admin, "2");
  CHECK(admin({"audit", "verify"}).err.find("missing") != std::string::npos);
}

TEST_CASE("audit verify: a deleted last entry is named") {
  if (!sqlite3_shell_found()) return;
  TempDir dir;
  const auto admin = center_with_entries(dir);
  const auto last = std::to_string(entries(admin));
  require_ok(sqlite3(admin, "DROP TRIGGER audit_is_append_only_delete; DELETE FROM audit WHERE seq = " + last + ";"));
  check_broken_at(admin, last);
}

TEST_CASE("audit coverage: admin commands that show, export or change things leave an entry") {
  TempDir dir;
  Admin admin(dir / "center.db");
  require_ok(admin({"init", "--center-name", "Harbor Peer Center", "--time-zone", "UTC"}));
  const auto month = utc_date_today().substr(0, 7);
  const auto keep = single_line(admin({"participant", "add", "--first", "Ana", "--last", "Reyes", "--consent"}));
  const auto duplicate =
      single_line(admin({"participant", "add", "--first", "Anna", "--last", "Reyes", "--consent"}));
  require_ok(admin({"staff", "add", "--name", "Dana Cruz", "--role", "peer", "--pin", "2580"}));

  struct Step {
    std::vector<std::string> args;
    std::string action;
    bool succeeds = true;
  };
  const std::vector<Step> steps{
      {{"staff", "login", "Dana Cruz", "--pin", "2580"}, "staff.login"},
      {{"staff", "login", "Dana Cruz", "--pin", "1111"}, "staff.login", false},
      {{"staff", "login", "Nobody Here", "--pin", "1111"}, "staff.login", false},
      {{"staff", "unlock", "Dana Cruz"}, "staff.unlock"},
      {{"report", "daily"}, "report.daily.view"},
      {{"report", "daily", "--format", "csv"}, "export.daily.csv"},
      {{"report", "unduplicated", "--month", month}, "report.unduplicated.view"},
      {{"report", "unduplicated", "--month", month, "--format", "csv"}, "export.unduplicated.csv"},
      {{"participant", "show", keep}, "participant.view"},
      {{"participant", "merge", "--keep", keep, "--duplicate", duplicate}, "participant.merge"},
      {{"crisis-lines", "add", "--label", "Harbor County crisis line", "--number", "(555) 010-0176"},
       "settings.crisis_lines"},
      {{"init", "--center-name", "Harbor Wellness Center"}, "settings.change"},
      {{"init", "--fiscal-year-start", "10"}, "settings.change"},
  };
  for (const auto& step : steps) {
    CAPTURE(step.action);
    std::string command;
    for (const auto& arg : step.args) command += arg + " ";
    CAPTURE(command);
    const auto before = entries(admin);
    const auto run = admin(step.args);
    INFO("stdout: " << run.out << "stderr: " << run.err);
    CHECK((run.exit_code == 0) == step.succeeds);
    CHECK(entries(admin) > before);
    const auto latest = query_column(admin.db(), "SELECT action FROM audit WHERE seq > " + std::to_string(before));
    CHECK(std::find(latest.begin(), latest.end(), step.action) != latest.end());
  }
  require_ok(admin({"audit", "verify"}));
}
