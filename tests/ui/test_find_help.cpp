// "Find help" on the kiosk: browse a category, open a service, refer yourself, answer the follow-up the next day.
#include <doctest/doctest.h>

#include "harness.hpp"
#include "porchlight/app/staff_pages.hpp"
#include "porchlight/core/demo.hpp"
#include "porchlight/core/referrals.hpp"
#include "porchlight/core/staff.hpp"

using porchlight::app::ScreenId;
namespace core = porchlight::core;
using porchlight::testing::Harness;

namespace {

constexpr core::Millis kDay = 24 * 60 * 60'000;

// The referrals the staff referrals page lists (none on another page).
std::vector<core::Referral> staff_referrals(Harness& kiosk) {
  const auto* page = dynamic_cast<const porchlight::app::StaffReferralsPage*>(&kiosk.app().page());
  return page ? page->referrals() : std::vector<core::Referral>{};
}

void load_directory(Harness& kiosk) {
  const auto loaded = core::load_demo_directory(kiosk.store());
  REQUIRE_MESSAGE(loaded.ok(), (loaded.ok() ? "" : loaded.error().message));
}

void sign_in_with_pin(Harness& kiosk, const std::string& typed, const std::string& label, const std::string& pin) {
  kiosk.tap("sign-in");
  kiosk.tap("returning");
  kiosk.type_on_screen_keyboard(typed);
  kiosk.tap_label(label);
  REQUIRE(kiosk.app().screen() == ScreenId::Confirm);
  kiosk.type_on_number_pad(pin);
  kiosk.tap("num-done");
}

void open_listed_service(Harness& kiosk, const std::string& name) {
  REQUIRE(kiosk.app().screen() == ScreenId::HelpList);
  for (const auto& item : kiosk.app().session().help.items) {
    if (item.name == name) {
      kiosk.tap("service-" + item.id);
      REQUIRE(kiosk.app().screen() == ScreenId::HelpDetail);
      return;
    }
  }
  FAIL("no '" << name << "' in the list");
}

std::vector<core::Referral> referrals_this_week(Harness& kiosk) {
  const auto listed = core::list_referrals(kiosk.store(), {core::LocalDate{2026, 11, 16}, core::LocalDate{2026, 11, 30}});
  REQUIRE(listed.ok());
  return listed.value();
}

}  // namespace

TEST_CASE("find help: browse Food, refer yourself, sign in the next day and answer the follow-up") {
  Harness kiosk;
  load_directory(kiosk);
  const std::string maria = kiosk.add_participant("Maria", "Gonzalez", "2468", nullptr);

  sign_in_with_pin(kiosk, "mar", "Maria G.", "2468");
  REQUIRE(kiosk.app().screen() == ScreenId::Reasons);  // no referral yet: no question
  kiosk.tap("find-help");
  REQUIRE(kiosk.app().screen() == ScreenId::FindHelp);
  CHECK(kiosk.has_widget("category-mental-health"));
  CHECK(kiosk.has_widget("category-crisis"));
  kiosk.tap("category-food");
  CHECK(kiosk.shows("Food"));
  open_listed_service(kiosk, "Eastside Food Bank");
  CHECK(kiosk.shows("Eastside Food Bank"));
  CHECK(kiosk.shows("Who it is for"));
  CHECK(kiosk.has_widget("take-away-qr"));
  CHECK(kiosk.app().session().help.take_away_text.find("Eastside Food Bank") != std::string::npos);
  kiosk.tap("primary");
  CHECK(kiosk.shows("Thank you. We will ask you next time if you got help."));
  CHECK_FALSE(kiosk.has_widget("primary"));  // once is enough

  auto referrals = referrals_this_week(kiosk);
  REQUIRE(referrals.size() == 1);
  CHECK(referrals.front().participant_id == maria);
  CHECK(referrals.front().service_name == "Eastside Food Bank");
  CHECK(referrals.front().self_referral);
  CHECK(referrals.front().status == core::ReferralStatus::Made);

  // Back through the list and the tiles to the sign-in, which goes on.
  kiosk.tap("back");
  REQUIRE(kiosk.app().screen() == ScreenId::HelpList);
  kiosk.tap("back");
  REQUIRE(kiosk.app().screen() == ScreenId::FindHelp);
  kiosk.tap("back");
  REQUIRE(kiosk.app().screen() == ScreenId::Reasons);
  kiosk.tap("reason-meal");
  kiosk.tap("primary");
  REQUIRE(kiosk.app().screen() == ScreenId::Done);
  kiosk.tap("primary");
  REQUIRE(kiosk.app().screen() == ScreenId::Welcome);

  kiosk.clock().advance(kDay);
  sign_in_with_pin(kiosk, "mar", "Maria G.", "2468");
  REQUIRE(kiosk.app().screen() == ScreenId::FollowUp);
  CHECK(kiosk.shows("Last time you were referred to Eastside Food Bank \xE2\x80\x94 did you get help?"));
  kiosk.tap("followup-yes");
  REQUIRE(kiosk.app().screen() == ScreenId::Reasons);

  referrals = referrals_this_week(kiosk);
  REQUIRE(referrals.size() == 1);
  CHECK(referrals.front().status == core::ReferralStatus::Connected);
  const auto pending = core::pending_follow_up(kiosk.store(), maria);
  REQUIRE(pending.ok());
  CHECK_FALSE(pending.value().has_value());  // asked once
}

TEST_CASE("find help: \"No\" and \"Skip\" set not connected and no answer") {
  for (const auto& [button, status] : {std::pair{"followup-no", core::ReferralStatus::NotConnected},
                                       std::pair{"followup-skip", core::ReferralStatus::NoAnswer}}) {
    CAPTURE(button);
    Harness kiosk;
    load_directory(kiosk);
    const std::string ana = kiosk.add_participant("Ana", "Reyes", "1357", nullptr);
    const auto found = core::search_directory(kiosk.store(), "food bank");
    REQUIRE(found.ok());
    REQUIRE_FALSE(found->empty());
    REQUIRE(core::make_referral(kiosk.store(), {found->front().id, ana, std::nullopt, std::nullopt, ""}).ok());
    kiosk.clock().advance(kDay);
    sign_in_with_pin(kiosk, "ana", "Ana R.", "1357");
    REQUIRE(kiosk.app().screen() == ScreenId::FollowUp);
    kiosk.tap("language");
    CHECK(kiosk.shows("\xC2\xBFRecibi\xC3\xB3 ayuda?"));
    kiosk.tap(button);
    REQUIRE(kiosk.app().screen() == ScreenId::Reasons);
    const auto referrals = referrals_this_week(kiosk);
    REQUIRE(referrals.size() == 1);
    CHECK(referrals.front().status == status);
  }
}

TEST_CASE("find help: from Welcome, a word search typed on the keyboard, accents ignored - an anonymous referral") {
  Harness kiosk;
  load_directory(kiosk);
  kiosk.tap("find-help");
  REQUIRE(kiosk.app().screen() == ScreenId::FindHelp);
  kiosk.tap("help-search");
  kiosk.type_on_screen_keyboard("educacion");
  kiosk.tap("key-done");
  REQUIRE(kiosk.app().screen() == ScreenId::HelpList);
  CHECK(kiosk.shows("Results for \xE2\x80\x9C" "Educacion\xE2\x80\x9D"));
  const auto items = kiosk.app().session().help.items;
  REQUIRE_FALSE(items.empty());
  kiosk.tap("service-" + items.front().id);
  REQUIRE(kiosk.app().screen() == ScreenId::HelpDetail);
  kiosk.tap("primary");
  CHECK(kiosk.shows("Thank you. Staff at the front desk can help you get there."));
  const auto referrals = referrals_this_week(kiosk);
  REQUIRE(referrals.size() == 1);
  CHECK_FALSE(referrals.front().participant_id.has_value());
  CHECK(referrals.front().service_id == items.front().id);
}

TEST_CASE("find help: open status in the participant's language") {
  Harness kiosk;
  load_directory(kiosk);
  kiosk.tap("find-help");
  kiosk.tap("category-food");
  const auto& items = kiosk.app().session().help.items;
  REQUIRE_FALSE(items.empty());
  auto starts = [](const std::string& text, std::initializer_list<const char*> prefixes) {
    for (const char* prefix : prefixes) {
      if (text.rfind(prefix, 0) == 0) return true;
    }
    return false;
  };
  for (const auto& item : items) {
    CAPTURE(item.name);
    CHECK(starts(item.status_text, {"Open now", "Opens ", "Closed today", "Call for hours"}));
  }
  kiosk.tap("language");
  for (const auto& item : kiosk.app().session().help.items) {
    CAPTURE(item.status_text);
    CHECK(starts(item.status_text, {"Abierto ahora", "Abre ", "Cerrado hoy", "Llame para"}));
  }
}

TEST_CASE("find help: Print with no printer set up says so plainly, in English and Spanish") {
  Harness kiosk;  // AppOptions::printer is empty
  load_directory(kiosk);
  kiosk.tap("find-help");
  kiosk.tap("category-food");
  open_listed_service(kiosk, "Eastside Food Bank");
  kiosk.tap("print");
  CHECK(kiosk.shows("No printer is set up here \xE2\x80\x94 ask at the front desk"));
  kiosk.tap("language");
  CHECK(kiosk.shows("Aqu\xC3\xAD no hay una impresora configurada: pregunte en la recepci\xC3\xB3n"));
  CHECK(kiosk.shows("lun-vie 10:00-16:00"));  // the card's hours, day names in Spanish too
}

TEST_CASE("find help: Print to a printer CUPS does not know says the printer did not answer") {
  porchlight::app::AppOptions options;
  options.printer = "porchlight-test-no-such-printer";
  Harness kiosk(options);
  load_directory(kiosk);
  kiosk.tap("find-help");
  kiosk.tap("category-food");
  open_listed_service(kiosk, "Eastside Food Bank");
  kiosk.tap("print");
  CHECK(kiosk.shows("The printer did not answer \xE2\x80\x94 ask at the front desk"));
  CHECK(kiosk.app().screen() == ScreenId::HelpDetail);
}

TEST_CASE("find help: the idle wipe forgets the search and returns to Welcome - crisis stays on every screen") {
  Harness kiosk;
  load_directory(kiosk);
  kiosk.tap("find-help");
  CHECK(kiosk.has_widget("crisis"));
  kiosk.tap("help-search");
  kiosk.type_on_screen_keyboard("food");
  kiosk.tap("key-done");
  CHECK(kiosk.has_widget("crisis"));
  const auto items = kiosk.app().session().help.items;
  REQUIRE_FALSE(items.empty());
  kiosk.tap("service-" + items.front().id);
  CHECK(kiosk.has_widget("crisis"));
  kiosk.clock().advance(61'000);
  kiosk.run_frames(2);
  CHECK(kiosk.app().screen() == ScreenId::Welcome);
  CHECK(kiosk.app().session().help.query.empty());
  CHECK(kiosk.app().session().help.items.empty());
  CHECK_FALSE(kiosk.app().session().help.detail.has_value());
}

TEST_CASE("find help: staff see referrals due for follow-up and record what the person said") {
  Harness kiosk;
  load_directory(kiosk);
  const std::string maria = kiosk.add_participant("Maria", "Gonzalez", nullptr, nullptr);
  const auto staff = core::add_staff(kiosk.store(), "Sam Rivera", core::StaffRole::Peer, "1234");
  REQUIRE(staff.ok());
  const auto found = core::search_directory(kiosk.store(), "Eastside Food Bank");
  REQUIRE(found.ok());
  REQUIRE_FALSE(found->empty());
  const core::LocalDate today{2026, 11, 23};
  // One due today (Maria), one anonymous due today, one not due until next week.
  REQUIRE(core::make_referral(kiosk.store(), {found->front().id, maria, std::nullopt, today, ""}).ok());
  REQUIRE(core::make_referral(kiosk.store(), {found->front().id, std::nullopt, std::nullopt, today, ""}).ok());
  REQUIRE(core::make_referral(kiosk.store(), {found->front().id, maria, std::nullopt, today.plus_days(7), ""}).ok());

  kiosk.hold("staff-corner", 2'100);
  REQUIRE(kiosk.app().screen() == ScreenId::StaffLogin);
  kiosk.tap_label("Sam Rivera");
  kiosk.type_on_number_pad("1234");
  kiosk.tap("num-done");
  REQUIRE(kiosk.app().staff_mode());
  kiosk.tap("staff-referrals");
  CHECK(kiosk.shows("Referrals due for follow-up"));
  CHECK(kiosk.shows("Maria G."));
  CHECK(kiosk.shows("Anonymous"));
  CHECK(staff_referrals(kiosk).size() == 2);
  REQUIRE_FALSE(staff_referrals(kiosk).empty());
  const std::string first = staff_referrals(kiosk).front().id;
  kiosk.tap("referral-connected-0");
  CHECK(staff_referrals(kiosk).size() == 1);
  const auto updated = core::get_referral(kiosk.store(), first);
  REQUIRE(updated.ok());
  REQUIRE(updated.value().has_value());
  CHECK(updated.value()->status == core::ReferralStatus::Connected);
  kiosk.tap("referral-no-answer-0");  // not reached: asked again in a week, off today's list
  CHECK(staff_referrals(kiosk).empty());
  CHECK(kiosk.shows("Nothing due"));
  kiosk.tap("primary");
  CHECK(dynamic_cast<const porchlight::app::StaffDayPage*>(&kiosk.app().page()) != nullptr);
}
