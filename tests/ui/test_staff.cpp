// Staff mode through the real screens: the hidden long press, sign-in with a PIN, the day's attendance with full
// names (and only there), sign-out, lock-out, unlock, crisis alerts and the staff idle timeout.
#include <algorithm>
#include <string>

#include <doctest/doctest.h>

#include "harness.hpp"
#include "porchlight/core/audit.hpp"
#include "porchlight/core/reports.hpp"
#include "porchlight/core/staff.hpp"
#include "porchlight/core/visits.hpp"

using porchlight::app::ScreenId;
namespace core = porchlight::core;
using porchlight::testing::Harness;

namespace {

const core::LocalDate kToday{2026, 11, 23};
constexpr core::Millis kLongPress = 2'100;
constexpr int kF12 = 301;  // GLFW_KEY_F12, as the kiosk's ImGui backend reports it

std::string add_staff(Harness& kiosk, const std::string& name, core::StaffRole role, const char* pin) {
  auto id = core::add_staff(kiosk.store(), name, role, pin);
  REQUIRE_MESSAGE(id.ok(), (id.ok() ? "" : id.error().message));
  return id.value();
}

std::string sign_in_visit(Harness& kiosk, const std::string& participant_id) {
  core::SignIn visit;
  visit.participant_id = participant_id;
  visit.reasons = {"meal"};
  auto id = core::sign_in(kiosk.store(), visit);
  REQUIRE(id.ok());
  return id.value();
}

core::StaffMember staff_member(Harness& kiosk, const std::string& id) {
  auto staff = core::list_staff(kiosk.store());
  REQUIRE(staff.ok());
  const auto found = std::find_if(staff.value().begin(), staff.value().end(),
                                  [&](const core::StaffMember& member) { return member.id == id; });
  REQUIRE(found != staff.value().end());
  return *found;
}

void enter_pin(Harness& kiosk, const char* pin) {
  kiosk.type_on_number_pad(pin);
  kiosk.tap("num-done");
}

void staff_sign_in(Harness& kiosk, const char* name, const char* pin) {
  kiosk.hold("staff-corner", kLongPress);
  REQUIRE(kiosk.app().screen() == ScreenId::StaffLogin);
  CHECK(kiosk.shows("Who are you?"));
  kiosk.tap_label(name);
  enter_pin(kiosk, pin);
  REQUIRE(kiosk.app().screen() == ScreenId::Staff);
  REQUIRE(kiosk.app().staff_mode());
}

}  // namespace

TEST_CASE("staff: long press, name and PIN show today's sign-ins with full names, and the view is audited") {
  Harness kiosk;
  const std::string sam = add_staff(kiosk, "Sam Rivera", core::StaffRole::Peer, "1234");
  sign_in_visit(kiosk, kiosk.add_participant("Maria", "Gonzalez", "2468", nullptr));
  kiosk.run_frames(1);
  CHECK_FALSE(kiosk.shows("Gonzalez"));
  CHECK_FALSE(kiosk.app().allow_close());

  staff_sign_in(kiosk, "Sam Rivera", "1234");
  CHECK(kiosk.shows("Maria Gonzalez"));
  CHECK(kiosk.shows("Meal"));
  CHECK(kiosk.shows("Visits: 1"));
  CHECK(kiosk.app().allow_close());

  auto audit = core::recent_audit(kiosk.store(), 20);
  REQUIRE(audit.ok());
  const bool viewed = std::any_of(audit.value().begin(), audit.value().end(), [&](const core::AuditEntry& entry) {
    return entry.action == "report.daily.view" && entry.staff_id == sam && entry.subject == kToday.iso();
  });
  CHECK(viewed);

  // The day before: audited too, and nobody came.
  kiosk.tap("previous-day");
  CHECK(kiosk.shows("Nobody signed in on this day."));
  CHECK_FALSE(kiosk.shows("Maria Gonzalez"));
  kiosk.tap("next-day");
  CHECK(kiosk.shows("Maria Gonzalez"));

  kiosk.tap("exit-staff");
  CHECK(kiosk.app().screen() == ScreenId::Welcome);
  CHECK_FALSE(kiosk.app().staff_mode());
  CHECK_FALSE(kiosk.shows("Gonzalez"));
  CHECK_FALSE(kiosk.app().allow_close());
}

TEST_CASE("staff: F12 opens staff sign-in for development") {
  Harness kiosk;
  add_staff(kiosk, "Sam Rivera", core::StaffRole::Peer, "1234");
  kiosk.press_key(kF12);
  CHECK(kiosk.app().screen() == ScreenId::StaffLogin);
  CHECK(kiosk.shows("Sam Rivera"));
  kiosk.tap("back");
  CHECK(kiosk.app().screen() == ScreenId::Welcome);
}

TEST_CASE("staff: a short press on the corner does not open staff mode") {
  Harness kiosk;
  add_staff(kiosk, "Sam Rivera", core::StaffRole::Peer, "1234");
  kiosk.hold("staff-corner", 1'500);
  CHECK(kiosk.app().screen() == ScreenId::Welcome);
  kiosk.hold("staff-corner", 1'500);  // two short presses do not add up
  CHECK(kiosk.app().screen() == ScreenId::Welcome);
  kiosk.tap("staff-corner");
  CHECK(kiosk.app().screen() == ScreenId::Welcome);
  kiosk.hold("staff-corner", 3'000, 30.0f);  // long, but the finger moved: a drag, not a press
  CHECK(kiosk.app().screen() == ScreenId::Welcome);
  CHECK_FALSE(kiosk.shows("Who are you?"));
}

TEST_CASE("staff: wrong PINs slow down after 5 and lock the account at 10") {
  Harness kiosk;
  const std::string sam = add_staff(kiosk, "Sam Rivera", core::StaffRole::Peer, "1234");
  kiosk.hold("staff-corner", kLongPress);
  kiosk.tap_label("Sam Rivera");
  enter_pin(kiosk, "9999");
  CHECK(kiosk.shows("Wrong PIN. 9 tries left"));
  for (int attempt = 2; attempt <= 5; ++attempt) enter_pin(kiosk, "9999");
  CHECK(kiosk.shows("Wrong PIN. 5 tries left"));

  // Straight away: too soon, and the right PIN does not get in either.
  enter_pin(kiosk, "1234");
  CHECK(kiosk.shows("Too many tries. Wait 30 seconds"));
  CHECK_FALSE(kiosk.app().staff_mode());

  for (int attempt = 6; attempt <= 10; ++attempt) {
    kiosk.clock().advance(20 * 60'000);  // past any wait; the tap itself keeps the sign-in screen up
    enter_pin(kiosk, "9999");
    REQUIRE(kiosk.app().screen() == ScreenId::StaffLogin);
  }
  CHECK(kiosk.shows("This account is locked. Ask an admin."));
  CHECK(staff_member(kiosk, sam).locked);

  kiosk.clock().advance(20 * 60'000);
  enter_pin(kiosk, "1234");
  CHECK(kiosk.shows("This account is locked. Ask an admin."));
  CHECK_FALSE(kiosk.app().staff_mode());
}

TEST_CASE("staff: an admin unlocks a locked account from the list") {
  Harness kiosk;
  const std::string sam = add_staff(kiosk, "Sam Rivera", core::StaffRole::Peer, "1234");
  add_staff(kiosk, "Alex Morgan", core::StaffRole::Admin, "4321");
  for (int attempt = 0; attempt < core::kLockAttempts; ++attempt) {
    kiosk.clock().advance(20 * 60'000);
    REQUIRE(core::staff_login(kiosk.store(), sam, "0000").ok());
  }
  REQUIRE(staff_member(kiosk, sam).locked);

  staff_sign_in(kiosk, "Alex Morgan", "4321");
  CHECK(kiosk.shows("Locked staff accounts"));
  CHECK(kiosk.shows("Sam Rivera"));
  kiosk.tap("unlock-0");
  CHECK_FALSE(staff_member(kiosk, sam).locked);
  CHECK(kiosk.shows("No locked accounts."));
}

TEST_CASE("staff: staff mode ends after 2 minutes without a touch") {
  Harness kiosk;
  add_staff(kiosk, "Sam Rivera", core::StaffRole::Peer, "1234");
  sign_in_visit(kiosk, kiosk.add_participant("Maria", "Gonzalez", nullptr, nullptr));
  staff_sign_in(kiosk, "Sam Rivera", "1234");

  kiosk.clock().advance(90'000);  // past the participant's 60 s: staff keep their screen
  kiosk.run_frames(2);
  CHECK(kiosk.app().screen() == ScreenId::Staff);
  kiosk.clock().advance(25'000);
  kiosk.run_frames(1);
  CHECK(kiosk.shows("Clearing in 5 s"));
  kiosk.clock().advance(6'000);
  kiosk.run_frames(2);
  CHECK(kiosk.app().screen() == ScreenId::Welcome);
  CHECK_FALSE(kiosk.app().staff_mode());
  CHECK_FALSE(kiosk.shows("Gonzalez"));
  CHECK_FALSE(kiosk.app().staff_session().report.has_value());
}

TEST_CASE("staff: Sign out on a visit in the list signs it out in the database") {
  Harness kiosk;
  add_staff(kiosk, "Sam Rivera", core::StaffRole::Peer, "1234");
  const std::string visit = sign_in_visit(kiosk, kiosk.add_participant("Maria", "Gonzalez", nullptr, nullptr));
  staff_sign_in(kiosk, "Sam Rivera", "1234");
  kiosk.clock().advance(30 * 60'000);
  kiosk.tap("sign-out-0");
  auto report = core::daily_attendance(kiosk.store(), kToday);
  REQUIRE(report.ok());
  REQUIRE(report.value().visits.size() == 1);
  CHECK(report.value().visits[0].visit_id == visit);
  CHECK(report.value().visits[0].signed_out_at.has_value());
  CHECK(kiosk.shows("Left 10:30"));
  CHECK_FALSE(kiosk.has_widget("sign-out-0"));
}

TEST_CASE("staff: the list of sign-ins drags to scroll, and a drag signs nobody out") {
  Harness kiosk;
  add_staff(kiosk, "Sam Rivera", core::StaffRole::Peer, "1234");
  const std::string maria = kiosk.add_participant("Maria", "Gonzalez", nullptr, nullptr);
  for (int i = 0; i < 12; ++i) sign_in_visit(kiosk, maria);
  staff_sign_in(kiosk, "Sam Rivera", "1234");
  const float before = kiosk.app().probe().find("sign-out-0")->min.y;
  kiosk.drag("sign-out-0", -200.0f);
  kiosk.run_frames(1);
  CHECK(kiosk.app().probe().find("sign-out-0")->min.y < before - 100.0f);
  auto report = core::daily_attendance(kiosk.store(), kToday);
  REQUIRE(report.ok());
  CHECK(std::none_of(report.value().visits.begin(), report.value().visits.end(),
                     [](const core::AttendanceRow& row) { return row.signed_out_at.has_value(); }));
}

TEST_CASE("staff: a crisis alert shows in staff mode until acknowledged") {
  Harness kiosk;
  const std::string sam = add_staff(kiosk, "Sam Rivera", core::StaffRole::Peer, "1234");
  kiosk.tap("crisis");
  kiosk.tap("primary");  // Close
  REQUIRE(kiosk.app().crisis_alerts().size() == 1);
  staff_sign_in(kiosk, "Sam Rivera", "1234");
  CHECK(kiosk.shows("Crisis button pressed at 10:00 (Welcome screen)"));
  kiosk.tap("ack-alerts");
  CHECK(kiosk.app().crisis_alerts()[0].acknowledged);
  CHECK_FALSE(kiosk.shows("Crisis button pressed"));
  auto audit = core::recent_audit(kiosk.store(), 20);
  REQUIRE(audit.ok());
  CHECK(std::any_of(audit.value().begin(), audit.value().end(), [&](const core::AuditEntry& entry) {
    return entry.action == "crisis.acknowledge" && entry.staff_id == sam;
  }));
}
