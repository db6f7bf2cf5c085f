// The group calendar on the kiosk: joining a group during sign-in with a capacity of one, the calendar screens.
#include <doctest/doctest.h>

#include "harness.hpp"
#include "porchlight/core/calendar.hpp"

using porchlight::app::ScreenId;
namespace core = porchlight::core;
using porchlight::testing::Harness;

namespace {

// Monday 2026-11-23 at 10:00 in New York is the harness's "now": check-in opened at 09:45.
std::string circle_of_one(Harness& kiosk) {
  core::GroupDefinition group;
  group.title = "Women's circle";
  group.room = "Room C";
  group.facilitator = "Denise Carter";
  group.capacity = 1;
  group.start = core::LocalDateTime{core::LocalDate{2026, 11, 16}, 10, 0, 0};
  group.duration_minutes = 90;
  group.rrule = "FREQ=WEEKLY;BYDAY=MO";
  const auto id = core::save_group(kiosk.store(), group, std::nullopt);
  REQUIRE(id.ok());
  return id.value() + "/20261123T100000";
}

void sign_in_with_pin(Harness& kiosk, const std::string& typed, const std::string& label, const std::string& pin) {
  kiosk.tap("sign-in");
  kiosk.tap("returning");
  kiosk.type_on_screen_keyboard(typed);
  kiosk.tap_label(label);
  REQUIRE(kiosk.app().screen() == ScreenId::Confirm);
  kiosk.type_on_number_pad(pin);
  kiosk.tap("num-done");
  REQUIRE(kiosk.app().screen() == ScreenId::Reasons);
}

}  // namespace

TEST_CASE("groups: two people, one seat: the first joins during sign-in, the second is told it is full") {
  Harness kiosk;
  const auto session = circle_of_one(kiosk);
  const std::string ana = kiosk.add_participant("Ana", "Reyes", "1357", nullptr);
  kiosk.add_participant("Beth", "Moore", "2468", nullptr);

  sign_in_with_pin(kiosk, "ana", "Ana R.", "1357");
  CHECK(kiosk.shows("Women's circle"));
  CHECK(kiosk.shows("1 seat left"));
  kiosk.tap("join-" + session);
  kiosk.tap("reason-meal");
  kiosk.tap("primary");
  REQUIRE(kiosk.app().screen() == ScreenId::Done);
  CHECK(kiosk.shows("You joined Women's circle."));
  kiosk.tap("primary");  // finished
  REQUIRE(kiosk.app().screen() == ScreenId::Welcome);

  sign_in_with_pin(kiosk, "beth", "Beth M.", "2468");
  CHECK(kiosk.shows("Women's circle"));
  CHECK(kiosk.shows("Full"));
  const auto join = kiosk.app().probe().find("join-" + session);
  REQUIRE(join.has_value());
  CHECK_FALSE(join->enabled);
  kiosk.tap("join-" + session);  // does nothing
  kiosk.tap("reason-drop-in");
  kiosk.tap("primary");
  REQUIRE(kiosk.app().screen() == ScreenId::Done);
  CHECK_FALSE(kiosk.shows("You joined"));

  const auto roster = core::session_roster(kiosk.store(), session);
  REQUIRE(roster.ok());
  REQUIRE(roster->size() == 1);
  CHECK(roster->front().participant_id == ana);
  CHECK(roster->front().display_name == "Ana R.");
}

TEST_CASE("groups: the last seat taken at another kiosk meanwhile is reported plainly") {
  Harness kiosk;
  const auto session = circle_of_one(kiosk);
  const std::string other = kiosk.add_participant("Carla", "Diaz", nullptr, nullptr);
  kiosk.add_participant("Beth", "Moore", "2468", nullptr);
  sign_in_with_pin(kiosk, "beth", "Beth M.", "2468");
  kiosk.tap("join-" + session);
  // Another kiosk (or the front desk) fills the seat before Beth finishes.
  const auto taken = core::join_session(kiosk.store(), {session, other, std::nullopt, std::nullopt, false});
  REQUIRE(taken.ok());
  kiosk.tap("primary");
  REQUIRE(kiosk.app().screen() == ScreenId::Done);
  CHECK(kiosk.shows("Sorry, Women's circle is full."));
  const auto roster = core::session_roster(kiosk.store(), session);
  REQUIRE(roster->size() == 1);
  CHECK(roster->front().participant_id == other);
}

TEST_CASE("groups: the sign-in and its joins are one unit - a join that fails saves nothing and Reasons says so") {
  Harness kiosk;
  const auto session = circle_of_one(kiosk);
  kiosk.add_participant("Beth", "Moore", "2468", nullptr);
  sign_in_with_pin(kiosk, "beth", "Beth M.", "2468");
  kiosk.tap("join-" + session);
  kiosk.tap("reason-meal");
  // The join's write fails (as a full disk would, inside the transaction).
  REQUIRE(kiosk.store().db().exec("CREATE TEMP TRIGGER refuse_joins BEFORE INSERT ON attendance "
                                  "BEGIN SELECT RAISE(ABORT, 'refused for the test'); END").ok());
  kiosk.tap("primary");
  REQUIRE(kiosk.app().screen() == ScreenId::Reasons);
  CHECK(kiosk.shows("Something went wrong. Please ask staff for help."));
  const auto visits = [&] {
    auto query = kiosk.store().db().query("SELECT count(*) FROM visit");
    REQUIRE(query.ok());
    return query->single_int().value();
  };
  CHECK(visits() == 0);
  // Everything chosen is still there: once the fault is gone, the same tap signs in and joins.
  REQUIRE(kiosk.store().db().exec("DROP TRIGGER refuse_joins").ok());
  kiosk.tap("primary");
  REQUIRE(kiosk.app().screen() == ScreenId::Done);
  CHECK(kiosk.shows("You joined Women's circle."));
  CHECK(visits() == 1);
}

TEST_CASE("groups: Today's groups and This week from Welcome, in Spanish too") {
  Harness kiosk;
  circle_of_one(kiosk);
  kiosk.tap("todays-groups");
  REQUIRE(kiosk.app().screen() == ScreenId::TodaysGroups);
  CHECK(kiosk.shows("Today's groups"));
  CHECK(kiosk.shows("Women's circle"));
  CHECK(kiosk.shows("In progress"));
  CHECK(kiosk.shows("Sign in to join a group."));
  for (const auto& widget : kiosk.app().probe().widgets()) CHECK(widget.id.rfind("join-", 0) != 0);  // no name, no Join
  kiosk.tap("primary");
  REQUIRE(kiosk.app().screen() == ScreenId::WeekGroups);
  CHECK(kiosk.shows("This week's groups"));
  CHECK(kiosk.shows("Tuesday, November 24"));
  CHECK(kiosk.shows("No groups"));
  kiosk.tap("language");
  CHECK(kiosk.shows("Grupos de esta semana"));
  kiosk.tap("back");
  REQUIRE(kiosk.app().screen() == ScreenId::TodaysGroups);
  kiosk.tap("back");
  CHECK(kiosk.app().screen() == ScreenId::Welcome);
}

TEST_CASE("groups: switching to Spanish redraws the cards and keeps the choice") {
  Harness kiosk;
  const auto session = circle_of_one(kiosk);
  kiosk.add_participant("Beth", "Moore", "2468", nullptr);
  sign_in_with_pin(kiosk, "beth", "Beth M.", "2468");
  kiosk.tap("join-" + session);
  kiosk.tap("language");
  CHECK(kiosk.shows("Queda 1 lugar"));
  CHECK(kiosk.shows("Me uno"));
  kiosk.tap("primary");
  REQUIRE(kiosk.app().screen() == ScreenId::Done);
  CHECK(kiosk.shows("Se unió a Women's circle."));
}

namespace {

void staff_sign_in(Harness& kiosk) {
  REQUIRE(core::add_staff(kiosk.store(), "Sam Rivera", core::StaffRole::Peer, "1234").ok());
  kiosk.hold("staff-corner", 2'100);
  REQUIRE(kiosk.app().screen() == ScreenId::StaffLogin);
  kiosk.tap_label("Sam Rivera");
  kiosk.type_on_number_pad("1234");
  kiosk.tap("num-done");
  REQUIRE(kiosk.app().staff_mode());
}

}  // namespace

TEST_CASE("groups: staff see the roster with full names, mark who came, add someone by name and cancel") {
  Harness kiosk;
  const auto session = circle_of_one(kiosk);
  const std::string ana = kiosk.add_participant("Ana", "Reyes", nullptr, nullptr);
  kiosk.add_participant("Beth", "Moore", nullptr, nullptr);
  REQUIRE(core::join_session(kiosk.store(), {session, ana, std::nullopt, std::nullopt, false}).ok());

  staff_sign_in(kiosk);
  kiosk.tap("staff-groups");
  CHECK(kiosk.shows("Groups and who joined"));
  CHECK(kiosk.shows("Women's circle"));
  CHECK(kiosk.shows("Ana Reyes"));
  kiosk.tap("came-0-0");
  auto roster = core::session_roster(kiosk.store(), session);
  REQUIRE(roster.ok());
  REQUIRE(roster->size() == 1);
  CHECK(roster->front().attended);

  // The one seat is taken: adding Beth is refused plainly.
  kiosk.tap("add-person-0");
  kiosk.type_on_screen_keyboard("beth");
  kiosk.tap_label("Beth M.");
  CHECK(kiosk.shows("That session is full."));
  kiosk.tap("back");

  kiosk.tap("cancel-0");
  CHECK(kiosk.shows("Cancelled today"));
  const auto found = core::find_session(kiosk.store(), session);
  REQUIRE(found.ok());
  CHECK(found->cancelled);
  kiosk.tap("primary");  // back to the day
  CHECK(kiosk.app().staff_mode());
}
