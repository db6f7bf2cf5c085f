// The touch rules: targets at least 64 px, a drag never presses, the lists scroll under a finger, and the public
// screens never show a surname.
#include <doctest/doctest.h>

#include "harness.hpp"

using porchlight::app::ScreenId;
using porchlight::testing::Harness;

TEST_CASE("touch: a drag that starts on a button does not press it") {
  Harness kiosk;
  kiosk.drag("sign-in", 60.0f);  // ends still on the button: ImGui alone would click
  CHECK(kiosk.app().screen() == ScreenId::Welcome);
  kiosk.tap("sign-in");
  CHECK(kiosk.app().screen() == ScreenId::SignIn);
}

TEST_CASE("touch: a drag that starts on a reason tile scrolls instead of choosing it") {
  Harness kiosk;
  kiosk.tap("sign-in");
  kiosk.tap("guest");
  kiosk.drag("reason-drop-in", -25.0f);
  CHECK(kiosk.app().session().reasons.empty());
  kiosk.tap("reason-drop-in");
  CHECK(kiosk.app().session().reasons == std::vector<std::string>{"drop-in"});
}

TEST_CASE("touch: every widget on every screen is at least 64 px both ways") {
  Harness kiosk;
  kiosk.add_participant("Maria", "Gonzalez", "2468", nullptr);
  for (const auto screen : porchlight::app::all_screens()) {
    kiosk.app().prepare_demo_screen(screen);
    kiosk.run_frames(2);
    CAPTURE(std::string(porchlight::app::screen_name(screen)));
    CHECK(kiosk.app().probe().widgets().size() > 3);
    for (const auto& widget : kiosk.app().probe().widgets()) {
      CAPTURE(widget.id);
      CHECK(widget.max.x - widget.min.x >= 64.0f);
      CHECK(widget.max.y - widget.min.y >= 64.0f);
    }
  }
}

TEST_CASE("privacy: no public screen shows a surname beyond its initial") {
  Harness kiosk;
  kiosk.add_participant("Maria", "Gonzalez", "2468", "1985-03-14");
  kiosk.add_participant("Marcus", "Whitfield", nullptr, nullptr);
  for (const auto screen : porchlight::app::all_screens()) {
    kiosk.app().prepare_demo_screen(screen);
    kiosk.run_frames(2);
    CAPTURE(std::string(porchlight::app::screen_name(screen)));
    CHECK_FALSE(kiosk.shows("Gonzalez"));
    CHECK_FALSE(kiosk.shows("Whitfield"));
    CHECK_FALSE(kiosk.shows("1985"));
  }
}

TEST_CASE("touch: a finger drags a list to scroll it, and the field it started on is not chosen") {
  Harness kiosk;
  kiosk.tap("sign-in");
  kiosk.tap("new");
  kiosk.tap("last-name");  // the letter keyboard is up, so the form scrolls
  REQUIRE(kiosk.app().session().active_field == porchlight::ui::NewField::LastName);
  const auto before = kiosk.app().probe().find("consent");
  REQUIRE(before.has_value());
  kiosk.drag("first-name", -150.0f);
  const auto after = kiosk.app().probe().find("consent");
  REQUIRE(after.has_value());
  CHECK(after->min.y < before->min.y - 50.0f);
  CHECK(kiosk.app().session().active_field == porchlight::ui::NewField::LastName);
}

TEST_CASE("touch: a tap on the idle banner keeps the session and presses nothing under it") {
  Harness kiosk;
  kiosk.tap("sign-in");
  kiosk.tap("returning");
  kiosk.type_on_screen_keyboard("jo");
  const auto back = kiosk.app().probe().find("back");
  REQUIRE(back.has_value());
  kiosk.clock().advance(52'000);
  kiosk.run_frames(2);
  REQUIRE(kiosk.shows("Clearing in 8 s"));
  kiosk.tap("back");  // the Back button lies under the banner now
  CHECK(kiosk.app().screen() == ScreenId::Returning);
  CHECK_FALSE(kiosk.shows("Clearing in"));
  CHECK(kiosk.app().session().name_query == "Jo");
}
