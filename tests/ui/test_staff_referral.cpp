// Staff make a referral from staff mode: whom (or nobody by name), the service by category or words, when to ask how
// it went and a note. The referral is stored as staff-made, audited and queued for the hub, and the participant is
// asked about it at their next sign-in.
#include <doctest/doctest.h>

#include "harness.hpp"
#include "porchlight/app/staff_pages.hpp"
#include "porchlight/core/audit.hpp"
#include "porchlight/core/demo.hpp"
#include "porchlight/core/outbox.hpp"
#include "porchlight/core/referrals.hpp"
#include "porchlight/core/staff.hpp"

using porchlight::app::ScreenId;
namespace app = porchlight::app;
namespace core = porchlight::core;
using porchlight::testing::Harness;

namespace {

template <class Page>
bool on_page(Harness& kiosk) {
  return dynamic_cast<const Page*>(&kiosk.app().page()) != nullptr;
}

const app::StaffReferralForm& referral_form(Harness& kiosk) {
  const auto* page = dynamic_cast<const app::ReferralFormPage*>(&kiosk.app().page());
  REQUIRE(page != nullptr);
  return page->form();
}

constexpr core::Millis kDay = 24 * 60 * 60'000;

std::string staff_with_directory(Harness& kiosk) {
  const auto loaded = core::load_demo_directory(kiosk.store());
  REQUIRE_MESSAGE(loaded.ok(), (loaded.ok() ? "" : loaded.error().message));
  const auto staff = core::add_staff(kiosk.store(), "Sam Rivera", core::StaffRole::Peer, "1234");
  REQUIRE(staff.ok());
  return staff.value();
}

void open_new_referral(Harness& kiosk) {
  kiosk.hold("staff-corner", 2'100);
  REQUIRE(kiosk.app().screen() == ScreenId::StaffLogin);
  kiosk.tap_label("Sam Rivera");
  kiosk.type_on_number_pad("1234");
  kiosk.tap("num-done");
  REQUIRE(kiosk.app().staff_mode());
  kiosk.tap("staff-referrals");
  kiosk.tap("referral-new");
  REQUIRE(on_page<app::ReferralWhoPage>(kiosk));
  CHECK(kiosk.shows("New referral: type their name"));
}

void pick_service(Harness& kiosk, const std::string& name) {
  const auto& rows = referral_form(kiosk).rows;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].name == name) {
      kiosk.tap("referral-service-" + std::to_string(i));
      return;
    }
  }
  FAIL("no '" << name << "' among the services listed");
}

std::vector<core::Referral> referrals_this_month(Harness& kiosk) {
  const auto listed = core::list_referrals(kiosk.store(), {core::LocalDate{2026, 11, 1}, core::LocalDate{2026, 11, 30}});
  REQUIRE(listed.ok());
  return listed.value();
}

}  // namespace

TEST_CASE("staff referral: for a participant, by category, with a later follow-up and a note - asked at next sign-in") {
  Harness kiosk;
  const std::string sam = staff_with_directory(kiosk);
  const std::string maria = kiosk.add_participant("Maria", "Gonzalez", "2468", nullptr);
  const auto queued_before = core::outbox_status(kiosk.store());
  REQUIRE(queued_before.ok());

  open_new_referral(kiosk);
  kiosk.type_on_screen_keyboard("mar");
  kiosk.tap_label("Maria G.");
  REQUIRE(on_page<app::ReferralFormPage>(kiosk));
  CHECK(kiosk.shows("New referral for Maria G."));
  CHECK(kiosk.shows("Choose a service on the left."));
  kiosk.tap("category-food");
  pick_service(kiosk, "Eastside Food Bank");
  kiosk.tap("referral-follow-up-plus");
  kiosk.tap("referral-follow-up-plus");  // a week from Monday the 23rd, then two days on: Wednesday, December 2
  CHECK(kiosk.shows("Wednesday, December 2"));
  kiosk.tap("referral-note");
  kiosk.type_on_screen_keyboard("call first");
  kiosk.tap("key-done");
  kiosk.tap("primary");

  REQUIRE(on_page<app::StaffReferralsPage>(kiosk));
  CHECK(kiosk.shows("Referral made: Maria G. to Eastside Food Bank. Follow up on Wednesday, December 2."));
  auto referrals = referrals_this_month(kiosk);
  REQUIRE(referrals.size() == 1);
  const core::Referral& made = referrals.front();
  CHECK(made.participant_id == maria);
  CHECK(made.service_name == "Eastside Food Bank");
  CHECK_FALSE(made.self_referral);
  CHECK(made.made_by == sam);
  CHECK(made.follow_up_due == core::LocalDate{2026, 12, 2});
  CHECK(made.notes == "Call first");  // a sentence: one capital, not one per word as in names
  CHECK(made.status == core::ReferralStatus::Made);

  // Audited under Sam's name, and on its way to the hub.
  const auto audit = core::recent_audit(kiosk.store(), 10);
  REQUIRE(audit.ok());
  bool audited = false;
  for (const auto& entry : audit.value()) {
    audited = audited || (entry.action == "referral.create" && entry.subject == made.id && entry.staff_id == sam);
  }
  CHECK(audited);
  const auto queued_after = core::outbox_status(kiosk.store());
  REQUIRE(queued_after.ok());
  CHECK(queued_after->pending == queued_before->pending + 1);

  // Maria comes back the next day: she is asked whether she got help there.
  kiosk.tap("primary");  // back to the day
  kiosk.tap("exit-staff");
  REQUIRE_FALSE(kiosk.app().staff_mode());
  kiosk.clock().advance(kDay);
  kiosk.tap("sign-in");
  kiosk.tap("returning");
  kiosk.type_on_screen_keyboard("mar");
  kiosk.tap_label("Maria G.");
  kiosk.type_on_number_pad("2468");
  kiosk.tap("num-done");
  REQUIRE(kiosk.app().screen() == ScreenId::FollowUp);
  CHECK(kiosk.shows("Last time you were referred to Eastside Food Bank \xE2\x80\x94 did you get help?"));
  kiosk.tap("followup-yes");
  referrals = referrals_this_month(kiosk);
  REQUIRE(referrals.size() == 1);
  CHECK(referrals.front().status == core::ReferralStatus::Connected);
}

TEST_CASE("staff referral: without a service it says so and keeps the note - without a name it is anonymous") {
  Harness kiosk;
  staff_with_directory(kiosk);
  open_new_referral(kiosk);
  kiosk.tap("sign-in-guest");
  REQUIRE(on_page<app::ReferralFormPage>(kiosk));
  CHECK(kiosk.shows("New referral for Anonymous"));

  kiosk.tap("referral-note");
  kiosk.type_on_screen_keyboard("walk in");
  kiosk.tap("key-done");
  kiosk.tap("primary");
  CHECK(kiosk.shows("Choose the service first: search or tap a category, then tap it."));
  CHECK(on_page<app::ReferralFormPage>(kiosk));
  CHECK(referral_form(kiosk).note.find("alk") != std::string::npos);
  CHECK(referrals_this_month(kiosk).empty());

  // Words nothing matches say so; accents do not matter, as on the participant's search.
  kiosk.tap("referral-search");
  kiosk.type_on_screen_keyboard("zzqx");
  kiosk.tap("key-done");
  CHECK(kiosk.shows("Nothing found. Try other words or a category."));
  kiosk.tap("referral-search");
  for (int i = 0; i < 4; ++i) kiosk.tap("key-backspace");
  kiosk.type_on_screen_keyboard("food bank");
  kiosk.tap("key-done");
  pick_service(kiosk, "Eastside Food Bank");
  kiosk.tap("primary");

  REQUIRE(on_page<app::StaffReferralsPage>(kiosk));
  const auto referrals = referrals_this_month(kiosk);
  REQUIRE(referrals.size() == 1);
  CHECK_FALSE(referrals.front().participant_id.has_value());
  CHECK_FALSE(referrals.front().self_referral);
  CHECK(referrals.front().follow_up_due == core::LocalDate{2026, 11, 30});  // a week, unless staff choose otherwise
  CHECK(referrals.front().notes.find("alk") != std::string::npos);
}

TEST_CASE("staff referral: the follow-up day cannot go before today, and Back returns to the name search") {
  Harness kiosk;
  staff_with_directory(kiosk);
  open_new_referral(kiosk);
  kiosk.tap("sign-in-guest");
  for (int i = 0; i < 10; ++i) kiosk.tap("referral-follow-up-minus");
  CHECK(referral_form(kiosk).follow_up == core::LocalDate{2026, 11, 23});
  kiosk.tap("back");
  CHECK(on_page<app::ReferralWhoPage>(kiosk));
  kiosk.tap("back");
  CHECK(on_page<app::StaffReferralsPage>(kiosk));
}
