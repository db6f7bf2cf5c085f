// Member-card sign-in: a USB barcode scanner types the card's code and Enter on Welcome.
#include <doctest/doctest.h>

#include "harness.hpp"
#include "porchlight/core/participants.hpp"
#include "porchlight/core/reports.hpp"

using porchlight::app::ScreenId;
namespace core = porchlight::core;
using porchlight::testing::Harness;

namespace {

const core::LocalDate kToday{2026, 11, 23};

std::string card_of(Harness& kiosk, const std::string& participant_id) {
  auto record = core::get_participant(kiosk.store(), participant_id);
  REQUIRE(record.ok());
  REQUIRE(record.value().card_code.has_value());
  return *record.value().card_code;
}

std::size_t visits_today(Harness& kiosk) {
  auto report = core::daily_attendance(kiosk.store(), kToday);
  REQUIRE(report.ok());
  return report.value().visits.size();
}

}  // namespace

TEST_CASE("card scan: a known card goes straight to Reasons and signs that participant in") {
  Harness kiosk;
  const std::string id = kiosk.add_participant("Maria", "Gonzalez", "1234", nullptr);
  kiosk.scan_card(card_of(kiosk, id));
  REQUIRE(kiosk.app().screen() == ScreenId::Reasons);
  CHECK(kiosk.shows("Welcome back, Maria!"));
  CHECK_FALSE(kiosk.shows("Gonzalez"));

  kiosk.tap("reason-meal");
  kiosk.tap("primary");
  REQUIRE(kiosk.app().screen() == ScreenId::Done);
  auto report = core::daily_attendance(kiosk.store(), kToday);
  REQUIRE(report.ok());
  REQUIRE(report.value().visits.size() == 1);
  CHECK(report.value().visits[0].participant_id == id);
  CHECK(report.value().visits[0].reasons == std::vector<std::string>{"meal"});
}

TEST_CASE("card scan: the greeting is in Spanish too") {
  Harness kiosk;
  const std::string id = kiosk.add_participant("Maria", "Gonzalez", nullptr, nullptr);
  kiosk.tap("language");
  kiosk.scan_card(card_of(kiosk, id));
  REQUIRE(kiosk.app().screen() == ScreenId::Reasons);
  CHECK(kiosk.shows("¡Qué gusto verle de nuevo, Maria!"));
}

TEST_CASE("card scan: an unknown card says so on Welcome for a few seconds and signs nobody in") {
  Harness kiosk;
  kiosk.add_participant("Maria", "Gonzalez", nullptr, nullptr);
  kiosk.scan_card("PLNOSUCHX1");
  CHECK(kiosk.app().screen() == ScreenId::Welcome);
  const char* message = "We don't know that card. Please sign in with your name, or ask at the front desk.";
  CHECK(kiosk.shows(message));
  CHECK(kiosk.app().next_timer_in() <= 6'000);
  kiosk.clock().advance(7'000);
  kiosk.run_frames(1);
  CHECK_FALSE(kiosk.shows(message));
  CHECK(visits_today(kiosk) == 0);
}

TEST_CASE("card scan: characters typed slowly, as a person types, do not combine into a code") {
  Harness kiosk;
  const std::string id = kiosk.add_participant("Maria", "Gonzalez", nullptr, nullptr);
  const std::string code = card_of(kiosk, id);
  kiosk.scan_card(code, 1'500);
  CHECK(kiosk.app().screen() == ScreenId::Welcome);
  CHECK(visits_today(kiosk) == 0);

  // A slow start then a fast scan: only the scan counts.
  kiosk.scan_card("ZZ", 1'500);
  kiosk.clock().advance(1'500);
  kiosk.scan_card(code);
  CHECK(kiosk.app().screen() == ScreenId::Reasons);
}

TEST_CASE("card scan: the idle wipe forgets half a code") {
  Harness kiosk;
  const std::string id = kiosk.add_participant("Maria", "Gonzalez", nullptr, nullptr);
  const std::string code = card_of(kiosk, id);
  kiosk.tap("larger-text");  // something touched on Welcome, so the idle wipe runs
  for (const char character : code.substr(0, 4)) {
    ImGui::GetIO().AddInputCharacter(static_cast<unsigned char>(character));
    kiosk.run_frames(1);
  }
  CHECK_FALSE(kiosk.app().session().card_scan.code.empty());
  kiosk.clock().advance(61'000);
  kiosk.run_frames(1);
  CHECK(kiosk.app().session().card_scan.code.empty());
}
