// Staff mode's CSV exports to the configured folder and signing someone in on their behalf, through the real
// screens.
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <doctest/doctest.h>
#include <sqlite3.h>

#include "harness.hpp"
#include "porchlight/core/audit.hpp"
#include "porchlight/core/database.hpp"
#include "porchlight/core/staff.hpp"
#include "porchlight/core/visits.hpp"

using porchlight::app::ScreenId;
namespace core = porchlight::core;
namespace fs = std::filesystem;
using porchlight::testing::Harness;

namespace {

constexpr core::Millis kLongPress = 2'100;

// Exports are for admins, so the staff who export here are admins.
std::string add_staff(Harness& kiosk, const std::string& name, const char* pin,
                      core::StaffRole role = core::StaffRole::Admin) {
  auto id = core::add_staff(kiosk.store(), name, role, pin);
  REQUIRE(id.ok());
  return id.value();
}

void staff_sign_in(Harness& kiosk, const char* name, const char* pin) {
  kiosk.hold("staff-corner", kLongPress);
  REQUIRE(kiosk.app().screen() == ScreenId::StaffLogin);
  kiosk.tap_label(name);
  kiosk.type_on_number_pad(pin);
  kiosk.tap("num-done");
  REQUIRE(kiosk.app().staff_mode());
}

void sign_in_visit(Harness& kiosk, const std::string& participant_id) {
  core::SignIn visit;
  visit.participant_id = participant_id;
  visit.reasons = {"meal"};
  REQUIRE(core::sign_in(kiosk.store(), visit).ok());
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "porchlight-export-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

bool audited(Harness& kiosk, const std::string& staff_id, const std::string& action, const std::string& subject) {
  auto audit = core::recent_audit(kiosk.store(), 50);
  REQUIRE(audit.ok());
  return std::any_of(audit.value().begin(), audit.value().end(), [&](const core::AuditEntry& entry) {
    return entry.action == action && entry.staff_id == staff_id && entry.subject == subject;
  });
}

}  // namespace

TEST_CASE("staff export: the day and its month go to the folder as 0600 CSV files, neutralised and audited") {
  TempDir folder;
  porchlight::app::AppOptions options;
  options.export_dir = folder.path;
  Harness kiosk(options);
  const std::string sam = add_staff(kiosk, "Sam Rivera", "1234");
  sign_in_visit(kiosk, kiosk.add_participant("Maria", "Gonzalez", "2468", nullptr));
  sign_in_visit(kiosk, kiosk.add_participant("=cmd", "Smith", "1357", nullptr));
  staff_sign_in(kiosk, "Sam Rivera", "1234");

  kiosk.tap("export-day");
  const fs::path attendance = folder.path / "attendance-2026-11-23.csv";
  const fs::path summary = folder.path / "summary-2026-11-23.csv";
  CHECK(kiosk.shows("Saved to " + attendance.string() + " and summary-2026-11-23.csv"));
  REQUIRE(fs::exists(attendance));
  REQUIRE(fs::exists(summary));
  const std::string rows = read(attendance);
  CHECK(rows.find(",Maria G.,") != std::string::npos);  // the core export names people "First L."
  CHECK(rows.find("Gonzalez") == std::string::npos);
  CHECK(rows.find(",'=cmd S.,") != std::string::npos);
  CHECK(rows.find(",=cmd") == std::string::npos);
  CHECK_FALSE(read(summary).empty());
  for (const auto& path : {attendance, summary}) {
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
  }
  CHECK(audited(kiosk, sam, "export.daily.csv", "2026-11-23"));

  kiosk.tap("export-month");
  const fs::path month = folder.path / "unduplicated-2026-11.csv";
  CHECK(kiosk.shows("Saved to " + month.string()));
  REQUIRE(fs::exists(month));
  CHECK_FALSE(read(month).empty());
  const fs::path groups = folder.path / "groups-2026-11.csv";  // attendance per group, with the month
  REQUIRE(fs::exists(groups));
  CHECK(read(groups).rfind("month,group_id,group,sessions", 0) == 0);
  const fs::path referrals = folder.path / "referrals-2026-11.csv";  // referrals by category and outcome
  REQUIRE(fs::exists(referrals));
  CHECK(read(referrals).rfind("from,to,category,label,referrals,connected", 0) == 0);
  CHECK(kiosk.shows("groups-2026-11.csv, referrals-2026-11.csv"));
  CHECK(audited(kiosk, sam, "export.month.csv", "2026-11"));

  // Nothing but the finished files: no temporaries left behind.
  int files = 0;
  for (const auto& entry : fs::directory_iterator(folder.path)) {
    CHECK(entry.path().filename().string().front() != '.');
    ++files;
  }
  CHECK(files == 5);
}

TEST_CASE("staff export: without a folder, or with a missing one, it says so and writes nothing") {
  SUBCASE("no folder configured") {
    Harness kiosk;
    const std::string sam = add_staff(kiosk, "Sam Rivera", "1234");
    staff_sign_in(kiosk, "Sam Rivera", "1234");
    kiosk.tap("export-day");
    CHECK(kiosk.shows("No export folder: plug in the USB stick, or ask an admin to set one"));
    kiosk.tap("export-month");
    CHECK(kiosk.shows("No export folder: plug in the USB stick, or ask an admin to set one"));
    CHECK_FALSE(audited(kiosk, sam, "export.daily.csv", "2026-11-23"));
    CHECK(kiosk.app().screen() == ScreenId::Staff);
  }
  SUBCASE("the USB stick is not plugged in") {
    TempDir folder;
    porchlight::app::AppOptions options;
    options.export_dir = folder.path / "usb";
    Harness kiosk(options);
    add_staff(kiosk, "Sam Rivera", "1234");
    staff_sign_in(kiosk, "Sam Rivera", "1234");
    kiosk.tap("export-day");
    CHECK(kiosk.shows("No export folder: plug in the USB stick, or ask an admin to set one"));
    CHECK_FALSE(fs::exists(options.export_dir));
    CHECK(fs::is_empty(folder.path));
  }
}

TEST_CASE("staff sign-in on someone's behalf: the visit records the staff member and shows in the day's list") {
  Harness kiosk;
  const std::string sam = add_staff(kiosk, "Sam Rivera", "1234");
  const std::string maria = kiosk.add_participant("Maria", "Gonzalez", "2468", nullptr);
  staff_sign_in(kiosk, "Sam Rivera", "1234");
  CHECK(kiosk.shows("Nobody signed in on this day."));

  kiosk.tap("sign-someone-in");
  kiosk.type_on_screen_keyboard("mar");
  kiosk.tap_label("Maria G.");
  CHECK_FALSE(kiosk.shows("Maria Gonzalez"));  // the search and reasons show "First L." only
  kiosk.tap("primary");                        // no reason yet
  CHECK(kiosk.shows("Please choose at least one."));
  kiosk.tap("reason-meal");
  kiosk.tap("primary");
  REQUIRE(kiosk.app().screen() == ScreenId::Staff);
  CHECK(kiosk.shows("Maria Gonzalez"));

  // And a guest.
  kiosk.tap("sign-someone-in");
  kiosk.tap("sign-in-guest");
  kiosk.tap("reason-meal");
  kiosk.tap("primary");
  CHECK(kiosk.shows("Sign-ins (2)"));

  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(kiosk.store().db().handle(),
                             "SELECT participant_id, signed_in_by FROM visit ORDER BY signed_in_at, rowid", -1,
                             &statement, nullptr) == SQLITE_OK);
  int rows = 0;
  while (sqlite3_step(statement) == SQLITE_ROW) {
    const auto* participant = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    const auto* by = reinterpret_cast<const char*>(sqlite3_column_text(statement, 1));
    REQUIRE(by != nullptr);
    CHECK(std::string(by) == sam);
    if (rows == 0) {
      REQUIRE(participant != nullptr);
      CHECK(std::string(participant) == maria);
    } else {
      CHECK(participant == nullptr);
    }
    ++rows;
  }
  sqlite3_finalize(statement);
  CHECK(rows == 2);
}

TEST_CASE("staff export: peer staff see both exports disabled with the reason, in English and Spanish") {
  TempDir folder;
  porchlight::app::AppOptions options;
  options.export_dir = folder.path;
  Harness kiosk(options);
  const std::string sam = add_staff(kiosk, "Sam Rivera", "1234", core::StaffRole::Peer);
  sign_in_visit(kiosk, kiosk.add_participant("Maria", "Gonzalez", nullptr, nullptr));
  staff_sign_in(kiosk, "Sam Rivera", "1234");
  for (const char* id : {"export-day", "export-month"}) {
    const auto button = kiosk.app().probe().find(id);
    REQUIRE(button.has_value());
    CHECK_FALSE(button->enabled);
  }
  CHECK(kiosk.shows("Exports are for admins"));
  kiosk.tap("export-day");
  kiosk.tap("export-month");
  CHECK(fs::is_empty(folder.path));
  CHECK_FALSE(audited(kiosk, sam, "export.daily.csv", "2026-11-23"));
  CHECK_FALSE(audited(kiosk, sam, "export.month.csv", "2026-11"));

  kiosk.tap("language");
  CHECK(kiosk.shows("Solo un administrador puede exportar"));
}
