// Bad input to porchlight-admin: one line on stderr, a non-zero exit (2 for usage, 1 otherwise), and the
// database exactly as it was.
#include <doctest/doctest.h>

#include "support/checks.hpp"

using namespace porchlight::test;

namespace {

const std::string kAbsentId = "01900000-0000-7000-8000-000000000000";

struct BadInput {
  std::vector<std::string> args;
  int exit_code;
};

std::string joined(const std::vector<std::string>& args) {
  std::string text;
  for (const auto& arg : args) text += (text.empty() ? "" : " ") + arg;
  return text;
}

}  // namespace

TEST_CASE("bad input is refused with one line and leaves the database unchanged") {
  TempDir dir;
  Admin admin(dir / "center.db");
  require_ok(admin({"init", "--time-zone", "UTC"}));
  const auto person = single_line(admin({"participant", "add", "--first", "Ana", "--last", "Reyes", "--consent"}));
  single_line(admin({"signin", "--participant", person, "--reason", "meal"}));
  require_ok(admin({"staff", "add", "--name", "Dana Cruz", "--role", "peer", "--pin", "2580"}));
  const auto before = dump_database(admin.db());
  const auto files_before = list_directory(dir.path());

  const std::vector<BadInput> cases{
      // usage errors
      {{"frobnicate"}, 2},
      {{"participant", "frobnicate"}, 2},
      {{}, 2},
      {{"report", "daily", "--bogus"}, 2},
      {{"report", "daily", "--date", "2026-02-30"}, 2},
      {{"report", "daily", "--date", "2026-2-3"}, 2},
      {{"report", "daily", "--date", "yesterday"}, 2},
      {{"report", "daily", "--format", "xlsx"}, 2},
      {{"report", "unduplicated"}, 2},
      {{"report", "unduplicated", "--month", "2026-13"}, 2},
      {{"report", "unduplicated", "--quarter", "2026-Q5"}, 2},
      {{"report", "unduplicated", "--fiscal-year", "26"}, 2},
      {{"report", "unduplicated", "--from", "2026-03-01"}, 2},
      {{"report", "unduplicated", "--from", "2026-03-01", "--to", "2026-02-01"}, 2},
      {{"report", "unduplicated", "--month", "2026-03", "--quarter", "2026-Q1"}, 2},
      {{"staff", "add", "--name", "Pat", "--role", "peer", "--pin", "12a4"}, 2},
      {{"staff", "add", "--name", "Pat", "--role", "peer", "--pin", "123"}, 2},
      {{"staff", "add", "--name", "Pat", "--role", "peer", "--pin", "1234567"}, 2},
      {{"staff", "add", "--name", "Pat", "--role", "boss", "--pin", "1234"}, 2},
      {{"staff", "login", "Dana Cruz", "--pin", "abcd"}, 2},
      {{"participant", "add", "--first", "Bo", "--last", "Lee", "--consent", "--pin", "12"}, 2},
      {{"participant", "add", "--first", "Bo", "--last", "Lee", "--consent", "--birth-date", "1990-02-30"}, 2},
      {{"participant", "add", "--first", "Bo", "--last", "Lee", "--consent", "--language", "fr"}, 2},
      {{"participant", "add", "--first", "Bo", "--last", "Lee"}, 2},
      {{"participant", "find"}, 2},
      {{"signin", "--guest"}, 2},
      {{"signin", "--reason", "meal"}, 2},
      {{"signin", "--guest", "--participant", person, "--reason", "meal"}, 2},
      {{"signin", "--guest", "--reason", "meal", "--mood", "7"}, 2},
      {{"simulate", "--signins", "0"}, 2},
      {{"init", "--time-zone", "Mars/Olympus_Mons"}, 2},
      {{"crisis-lines", "add", "--label", "Warmline"}, 2},
      {{"crisis-lines", "add", "--label", "Warmline", "--number", "call us"}, 2},
      {{"crisis-lines", "add", "--label", "", "--number", "555-0100"}, 2},
      {{"crisis-lines", "remove", "0"}, 2},
      {{"crisis-lines", "remove", "one"}, 2},
      // well-formed, but not what the database holds
      {{"signin", "--guest", "--reason", "not-a-reason"}, 1},
      {{"signin", "--participant", person, "--reason", "meal", "--reason", "bogus"}, 1},
      {{"signin", "--participant", kAbsentId, "--reason", "meal"}, 1},
      {{"signin", "--participant", "42", "--reason", "meal"}, 1},
      {{"signin", "--card", "NO-SUCH-CARD", "--reason", "meal"}, 1},
      {{"signout", kAbsentId}, 1},
      {{"participant", "show", kAbsentId}, 1},
      {{"participant", "card", kAbsentId}, 1},
      {{"participant", "merge", "--keep", person, "--duplicate", kAbsentId}, 1},
      {{"participant", "add", "--first", "Bo", "--last", "Lee", "--consent", "--email", "not-an-email"}, 1},
      {{"staff", "add", "--name", "dana cruz", "--role", "peer", "--pin", "1234"}, 1},
      {{"staff", "unlock", "Nobody"}, 1},
      // (staff login with an unknown name is answered as a wrong PIN, and audited: admin_audit_test.cpp)
      {{"demo"}, 1},
      {{"crisis-lines", "remove", "1"}, 1},
  };
  for (const auto& bad : cases) {
    CAPTURE(joined(bad.args));
    const auto run = admin(bad.args);
    check_refused(run, bad.exit_code);
    CHECK(run.out.empty());
    CHECK(dump_database(admin.db()) == before);
  }
  CHECK(list_directory(dir.path()) == files_before);
}

TEST_CASE("a --db in a missing folder is refused and nothing is created") {
  TempDir dir;
  const Admin admin(dir / "no-such-folder" / "center.db");
  const std::vector<std::vector<std::string>> commands{
      {"init"},
      {"demo"},
      {"report", "daily"},
      {"participant", "add", "--first", "Ana", "--last", "Reyes", "--consent"},
      {"signin", "--guest", "--reason", "meal"},
      {"check"},
  };
  for (const auto& args : commands) {
    CAPTURE(joined(args));
    const auto run = admin(args);
    check_refused(run, 1);
    CHECK(run.err.find("no-such-folder") != std::string::npos);
  }
  CHECK(list_directory(dir.path()).empty());
}

TEST_CASE("commands other than init and demo need an existing database") {
  TempDir dir;
  const Admin admin(dir / "absent.db");
  for (const auto& args : {std::vector<std::string>{"report", "daily"},
                           {"check"},
                           {"reasons"},
                           {"participant", "find", "ana"},
                           {"signin", "--guest", "--reason", "meal"},
                           {"simulate", "--signins", "3"},
                           {"staff", "list"}}) {
    CAPTURE(joined(args));
    const auto run = admin(args);
    check_refused(run, 1);
    CHECK(run.err.find("init") != std::string::npos);
  }
  CHECK(list_directory(dir.path()).empty());
}

TEST_CASE("a database from a newer Porchlight is refused and left alone") {
  TempDir dir;
  const Admin admin(dir / "center.db");
  require_ok(admin({"init", "--time-zone", "UTC"}));
  single_line(admin({"signin", "--guest", "--reason", "meal"}));
  execute_sql(admin.db(), "PRAGMA user_version = 99");
  const auto before = dump_database(admin.db());

  for (const auto& args : {std::vector<std::string>{"init"},
                           {"report", "daily"},
                           {"check"},
                           {"signin", "--guest", "--reason", "meal"},
                           {"demo"},
                           {"staff", "add", "--name", "Pat", "--role", "peer", "--pin", "1234"}}) {
    CAPTURE(joined(args));
    const auto run = admin(args);
    check_refused(run, 1);
    CHECK(run.err.find("newer") != std::string::npos);
    CHECK(dump_database(admin.db()) == before);
  }
}
