// Whole sign-in flows through the real screens, asserting on the database afterwards.
#include <algorithm>

#include <doctest/doctest.h>

#include "harness.hpp"
#include "porchlight/core/crisis_lines.hpp"
#include "porchlight/core/participants.hpp"
#include "porchlight/core/reports.hpp"

using porchlight::app::ScreenId;
namespace core = porchlight::core;
namespace app = porchlight::app;
namespace ui = porchlight::ui;
using porchlight::testing::Harness;

namespace {

const core::LocalDate kToday{2026, 11, 23};

core::DailyAttendance today(Harness& kiosk) {
  auto report = core::daily_attendance(kiosk.store(), kToday);
  REQUIRE(report.ok());
  return report.value();
}

void choose_reasons_and_sign_in(Harness& kiosk) {
  REQUIRE(kiosk.app().screen() == ScreenId::Reasons);
  kiosk.tap("reason-group");
  kiosk.tap("reason-meal");
  kiosk.tap("mood-4");
  kiosk.tap("primary");
  REQUIRE(kiosk.app().screen() == ScreenId::Done);
}

}  // namespace

TEST_CASE("flow: a new participant registers and signs in with reasons") {
  Harness kiosk;
  kiosk.tap("sign-in");
  kiosk.tap("new");
  REQUIRE(kiosk.app().screen() == ScreenId::New);
  kiosk.type_on_screen_keyboard("maría");
  kiosk.tap("key-done");  // on to the last name
  kiosk.type_on_screen_keyboard("lópez");
  kiosk.tap("key-done");
  kiosk.tap("consent");
  kiosk.tap("primary");
  choose_reasons_and_sign_in(kiosk);
  CHECK(kiosk.shows("Welcome, María!"));
  CHECK_FALSE(kiosk.shows("López"));

  auto found = core::find_participants(kiosk.store(), "maria lopez");
  REQUIRE(found.ok());
  REQUIRE(found.value().size() == 1);
  CHECK(found.value()[0].display_name == "María L.");
  const auto report = today(kiosk);
  REQUIRE(report.visits.size() == 1);
  CHECK(report.visits[0].participant_id == found.value()[0].id);
  CHECK(report.visits[0].reasons == std::vector<std::string>{"group", "meal"});
  CHECK(report.visits[0].mood == 4);
  CHECK(report.new_registrations == 1);

  // "Welcome, María!" goes away by itself.
  kiosk.clock().advance(7'000);
  kiosk.run_frames(2);
  CHECK(kiosk.app().screen() == ScreenId::Welcome);
  CHECK(kiosk.app().session().first_name.empty());
}

TEST_CASE("flow: a new participant must consent before the name is kept") {
  Harness kiosk;
  kiosk.tap("sign-in");
  kiosk.tap("new");
  kiosk.type_on_screen_keyboard("ana");
  kiosk.tap("key-done");
  kiosk.type_on_screen_keyboard("r");
  kiosk.tap("key-done");
  kiosk.tap("primary");
  CHECK(kiosk.app().screen() == ScreenId::New);
  CHECK(kiosk.shows("we need your OK"));
  auto found = core::find_participants(kiosk.store(), "ana");
  REQUIRE(found.ok());
  CHECK(found.value().empty());
}

TEST_CASE("flow: a returning participant signs in with a PIN") {
  Harness kiosk;
  const std::string maria = kiosk.add_participant("Maria", "Gonzalez", "2468", "1985-03-14");
  kiosk.add_participant("Mark", "Lee", nullptr, nullptr);
  kiosk.tap("sign-in");
  kiosk.tap("returning");
  kiosk.type_on_screen_keyboard("mar");
  CHECK(kiosk.shows("Maria G."));
  CHECK(kiosk.shows("Mark L."));
  CHECK_FALSE(kiosk.shows("Gonzalez"));
  kiosk.tap_label("Maria G.");
  REQUIRE(kiosk.app().screen() == ScreenId::Confirm);
  kiosk.type_on_number_pad("2468");
  CHECK_FALSE(kiosk.shows("2468"));  // the PIN is shown as dots
  kiosk.tap("num-done");
  choose_reasons_and_sign_in(kiosk);
  CHECK(kiosk.shows("Welcome, Maria!"));
  const auto report = today(kiosk);
  REQUIRE(report.visits.size() == 1);
  CHECK(report.visits[0].participant_id == maria);
}

TEST_CASE("flow: a returning participant signs in with a birth date") {
  Harness kiosk;
  const std::string rosa = kiosk.add_participant("Rosa", "Diaz", nullptr, "1990-07-04");
  kiosk.tap("sign-in");
  kiosk.tap("returning");
  kiosk.type_on_screen_keyboard("rosa");
  kiosk.tap_label("Rosa D.");
  REQUIRE(kiosk.app().screen() == ScreenId::Confirm);
  CHECK(kiosk.app().session().confirm_method == porchlight::ui::ConfirmMethod::BirthDate);
  kiosk.type_on_number_pad("07041990");  // month, day, year in English
  kiosk.tap("primary");
  choose_reasons_and_sign_in(kiosk);
  const auto report = today(kiosk);
  REQUIRE(report.visits.size() == 1);
  CHECK(report.visits[0].participant_id == rosa);
}

TEST_CASE("flow: a guest signs in without a name") {
  Harness kiosk;
  kiosk.tap("sign-in");
  kiosk.tap("guest");
  kiosk.tap("primary");  // no reason chosen yet
  CHECK(kiosk.app().screen() == ScreenId::Reasons);
  CHECK(kiosk.shows("Please choose at least one."));
  choose_reasons_and_sign_in(kiosk);
  CHECK(kiosk.shows("Welcome!"));
  const auto report = today(kiosk);
  REQUIRE(report.visits.size() == 1);
  CHECK(report.visits[0].guest);
  CHECK(report.guest_visits == 1);
}

TEST_CASE("flow: a wrong PIN records no visit and says so") {
  Harness kiosk;
  kiosk.add_participant("Maria", "Gonzalez", "2468", nullptr);
  kiosk.tap("sign-in");
  kiosk.tap("returning");
  kiosk.type_on_screen_keyboard("maria");
  kiosk.tap_label("Maria G.");
  kiosk.type_on_number_pad("1111");
  kiosk.tap("num-done");
  CHECK(kiosk.app().screen() == ScreenId::Confirm);
  CHECK(kiosk.shows("That PIN does not match"));
  CHECK(kiosk.app().session().confirm_entry.empty());
  CHECK(today(kiosk).visits.empty());

  // After three misses this screen stops trying and sends them to staff.
  for (int attempt = 0; attempt < 2; ++attempt) {
    kiosk.type_on_number_pad("1357");
    kiosk.tap("num-done");
  }
  CHECK(kiosk.shows("ask staff at the front desk"));
  kiosk.type_on_number_pad("2468");
  kiosk.tap("num-done");
  CHECK(kiosk.app().screen() == ScreenId::Confirm);
  CHECK(today(kiosk).visits.empty());
}

TEST_CASE("flow: the idle wipe forgets a half-typed name and returns to Welcome") {
  Harness kiosk;
  kiosk.add_participant("Maria", "Gonzalez", "2468", nullptr);
  kiosk.tap("sign-in");
  kiosk.tap("returning");
  kiosk.type_on_screen_keyboard("mari");
  REQUIRE(kiosk.app().session().name_query == "Mari");
  CHECK(kiosk.shows("Maria G."));

  kiosk.clock().advance(51'000);
  kiosk.run_frames(1);
  CHECK(kiosk.app().screen() == ScreenId::Returning);
  CHECK(kiosk.shows("Clearing in 9 s"));

  kiosk.clock().advance(9'000);
  kiosk.run_frames(2);
  CHECK(kiosk.app().screen() == ScreenId::Welcome);
  CHECK(kiosk.app().session().name_query.empty());
  CHECK(kiosk.app().session().matches.empty());
  CHECK_FALSE(kiosk.shows("Mari"));
  CHECK_FALSE(kiosk.shows("Clearing in"));
}

TEST_CASE("flow: a touch during the countdown keeps what was typed") {
  Harness kiosk;
  kiosk.tap("sign-in");
  kiosk.tap("returning");
  kiosk.type_on_screen_keyboard("jo");
  kiosk.clock().advance(55'000);
  kiosk.run_frames(1);
  CHECK(kiosk.shows("Clearing in 5 s"));
  kiosk.type_on_screen_keyboard("e");
  kiosk.clock().advance(30'000);
  kiosk.run_frames(1);
  CHECK(kiosk.app().screen() == ScreenId::Returning);
  CHECK(kiosk.app().session().name_query == "Joe");
}

TEST_CASE("flow: the crisis button works from every step and raises an alert") {
  Harness kiosk;
  kiosk.tap("sign-in");
  kiosk.tap("returning");
  kiosk.type_on_screen_keyboard("ma");
  kiosk.tap("crisis");
  CHECK(kiosk.app().screen() == ScreenId::Crisis);
  CHECK(kiosk.shows("988"));
  REQUIRE(kiosk.app().crisis_alerts().size() == 1);
  CHECK(kiosk.app().crisis_alerts()[0].from == ScreenId::Returning);
  kiosk.tap("primary");  // Close
  CHECK(kiosk.app().screen() == ScreenId::Returning);
  CHECK(kiosk.app().session().name_query == "Ma");
}

TEST_CASE("flow: the crisis screen shows the center's own lines under 988, in the chosen language") {
  Harness kiosk;
  REQUIRE(core::set_crisis_lines(kiosk.store(), {{"Harbor County crisis line", "Línea de crisis del condado Harbor",
                                                  "(555) 010-0143"}}));
  kiosk.tap("crisis");
  CHECK(kiosk.shows("988"));
  CHECK(kiosk.shows("Harbor County crisis line:  (555) 010-0143"));
  kiosk.tap("language");
  CHECK(kiosk.shows("Línea de crisis del condado Harbor:  (555) 010-0143"));
  kiosk.tap("primary");

  // A line the center adds while the kiosk runs shows the next time someone opens the crisis screen.
  REQUIRE(core::set_crisis_lines(kiosk.store(), {{"Harbor County crisis line", "", "(555) 010-0143"},
                                                 {"Peer warmline", "", "(555) 010-0176"}}));
  kiosk.tap("crisis");
  CHECK(kiosk.shows("Harbor County crisis line:  (555) 010-0143"));  // no Spanish label: the English one
  CHECK(kiosk.shows("Peer warmline:  (555) 010-0176"));
}

TEST_CASE("flow: the language switch changes every screen to Spanish") {
  Harness kiosk;
  kiosk.tap("language");
  CHECK(kiosk.shows("Registrar mi entrada"));
  kiosk.tap("sign-in");
  CHECK(kiosk.shows("Es mi primera vez"));
  kiosk.tap("language");
  CHECK(kiosk.shows("First time here"));
}

TEST_CASE("flow: a kiosk set to start in Spanish with larger text returns to them for the next person") {
  app::AppOptions options;
  options.start_language = ui::Language::Spanish;
  options.start_large_text = true;
  Harness kiosk(options);
  CHECK(kiosk.shows("Registrar mi entrada"));
  CHECK(kiosk.app().session().large_text);
  kiosk.tap("language");
  kiosk.tap("larger-text");
  CHECK(kiosk.shows("Sign in"));
  CHECK_FALSE(kiosk.app().session().large_text);

  kiosk.clock().advance(60'000);
  kiosk.run_frames(2);
  CHECK(kiosk.app().screen() == ScreenId::Welcome);
  CHECK(kiosk.shows("Registrar mi entrada"));
  CHECK(kiosk.app().session().large_text);
}

TEST_CASE("flow: the idle wipe clears what was typed but leaves the crisis numbers up") {
  Harness kiosk;
  kiosk.tap("sign-in");
  kiosk.tap("returning");
  kiosk.type_on_screen_keyboard("ana");
  kiosk.tap("language");
  kiosk.tap("crisis");
  kiosk.clock().advance(55'000);
  kiosk.run_frames(1);
  CHECK_FALSE(kiosk.shows("Se borrará"));
  kiosk.clock().advance(10'000);
  kiosk.run_frames(2);
  CHECK(kiosk.app().screen() == ScreenId::Crisis);
  CHECK(kiosk.app().session().name_query.empty());
  CHECK(kiosk.shows("988"));
  CHECK(kiosk.shows("Llame"));
  kiosk.tap("primary");
  CHECK(kiosk.app().screen() == ScreenId::Welcome);
}

TEST_CASE("flow: in Spanish a birth date is typed day, month, year - larger text is a toggle") {
  Harness kiosk;
  const std::string rosa = kiosk.add_participant("Rosa", "Diaz", nullptr, "1990-07-04");
  kiosk.tap("language");
  kiosk.tap("larger-text");
  CHECK(kiosk.app().large_text());
  kiosk.tap("sign-in");
  kiosk.tap("returning");
  kiosk.type_on_screen_keyboard("rosa");
  kiosk.tap_label("Rosa D.");
  kiosk.type_on_number_pad("04071990");
  kiosk.tap("num-done");
  choose_reasons_and_sign_in(kiosk);
  CHECK(kiosk.shows("¡Qué gusto verle, Rosa!"));
  REQUIRE(today(kiosk).visits.size() == 1);
  CHECK(today(kiosk).visits[0].participant_id == rosa);
  kiosk.tap("primary");  // Listo
  CHECK(kiosk.app().screen() == ScreenId::Welcome);
  CHECK_FALSE(kiosk.app().large_text());  // the next person starts with the defaults
}

TEST_CASE("flow: Done on the keyboard picks the only name shown") {
  Harness kiosk;
  kiosk.add_participant("Maria", "Gonzalez", "2468", nullptr);
  kiosk.add_participant("Mark", "Lee", "1357", nullptr);
  kiosk.tap("sign-in");
  kiosk.tap("returning");
  kiosk.type_on_screen_keyboard("mar");
  kiosk.tap("key-done");  // two names: nothing picked
  CHECK(kiosk.app().screen() == ScreenId::Returning);
  kiosk.type_on_screen_keyboard("i");
  kiosk.tap("key-done");
  REQUIRE(kiosk.app().screen() == ScreenId::Confirm);
  CHECK(kiosk.shows("Maria G."));
}

TEST_CASE("flow: a full disk at sign-in says so, in plain words, and keeps what was chosen") {
  Harness kiosk;
  // The file may grow no further (SQLite then fails with SQLITE_FULL, as on a full disk); sign-ins through core
  // fill the pages' last room, so the kiosk's own sign-in, the same rows, needs a page it cannot have.
  REQUIRE(kiosk.store().db().exec("PRAGMA max_page_count = 1").ok());  // clamped to the current size
  core::SignIn filler;
  filler.reasons = {"group", "meal"};
  filler.mood = 4;
  int saved = 0;
  for (;; ++saved) {
    auto id = core::sign_in(kiosk.store(), filler);
    if (!id) {
      CHECK(id.error().kind == core::ErrorKind::disk_full);
      CHECK(id.error().message.find("the disk is full") != std::string::npos);
      break;
    }
    REQUIRE(saved < 100000);
  }
  kiosk.tap("sign-in");
  kiosk.tap("guest");
  kiosk.tap("reason-group");
  kiosk.tap("reason-meal");
  kiosk.tap("mood-4");
  kiosk.tap("primary");
  CHECK(kiosk.app().screen() == ScreenId::Reasons);
  CHECK(kiosk.shows("Your sign-in was not saved: this kiosk's disk is full. Please ask staff for help. What you "
                    "entered is still here."));
  CHECK_FALSE(kiosk.shows("Something went wrong. Please ask staff for help."));
  const auto& session = kiosk.app().session();
  CHECK(std::find(session.reasons.begin(), session.reasons.end(), "meal") != session.reasons.end());
  CHECK(session.mood == 4);
  CHECK(today(kiosk).visits.size() == static_cast<std::size_t>(saved));

  // Space again: the same screen, tapped again, saves the visit.
  REQUIRE(kiosk.store().db().exec("PRAGMA max_page_count = 1073741823").ok());
  kiosk.tap("primary");
  CHECK(kiosk.app().screen() == ScreenId::Done);
  CHECK(today(kiosk).visits.size() == static_cast<std::size_t>(saved) + 1);
}
