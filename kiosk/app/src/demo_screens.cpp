// Demo content for each screen, for --screenshot and tests: what a participant would see midway through.
#include <algorithm>

#include "porchlight/app/kiosk_app.hpp"
#include "porchlight/app/participant_pages.hpp"
#include "porchlight/app/staff_pages.hpp"

namespace porchlight::app {

namespace {

constexpr const char* kDemoStaffName = "Sam Rivera";  // core::generate_demo's peer staff member
constexpr const char* kDemoStaffPin = "1234";
constexpr const char* kDemoService = "Eastside Food Bank";  // in the demo directory, with phone and hours
constexpr core::Millis kDemoAlertAge = 3 * 60'000;

}  // namespace

void KioskApp::prepare_demo_screen(ScreenId screen) {
  wipe();
  ui::Ui ui;
  ui.language = session_.language;
  PageContext here = context(ui);
  switch (screen) {
    case ScreenId::Welcome:
      return;
    case ScreenId::SignIn:
      return apply(here, Transition::go_to<SignInPage>());
    case ScreenId::Returning:
      session_.name_query = "Mar";
      refresh_matches(here);
      return apply(here, Transition::go_to<ReturningPage>());
    case ScreenId::Confirm:
      session_.name_query = "Mar";
      refresh_matches(here);
      if (!session_.matches.empty()) apply(here, start_confirm(here, session_.matches.front()));
      session_.confirm_method = ui::ConfirmMethod::Pin;
      session_.confirm_entry = "12";
      return apply(here, Transition::go_to<ConfirmPage>());
    case ScreenId::New:
      session_.first_name = "María";
      session_.last_name = "G";
      session_.active_field = ui::NewField::None;  // the whole form: what is kept and why, and the consent
      return apply(here, Transition::go_to<NewParticipantPage>());
    case ScreenId::Reasons: {
      session_.greeting_name = "Maria";
      session_.reasons = {"drop-in", "meal"};
      session_.mood = 4;
      // Identified, so the groups whose check-in is open are offered.
      session_.name_query = "Mar";
      refresh_matches(here);
      if (!session_.matches.empty()) session_.participant_id = session_.matches.front().id;
      session_.name_query.clear();
      session_.matches.clear();
      return apply(here, Transition::go_to<ReasonsPage>(here));
    }
    case ScreenId::Done:
      session_.greeting_name = "María";
      return apply(here, Transition::go_to<DonePage>());
    case ScreenId::Crisis:
      return apply(here, Transition::push(std::make_unique<CrisisPage>()));
    case ScreenId::OutOfService:
    case ScreenId::OutOfServiceStaff:
      return;  // drawn by an OutOfServiceScreen, not by the app (see main.cpp)
    case ScreenId::TodaysGroups:
      return apply(here, open_todays_groups(here, ScreenId::Welcome));
    case ScreenId::WeekGroups:
      return apply(here, Transition::go_to<WeekGroupsPage>(here, ScreenId::Welcome));
    case ScreenId::FindHelp:
      return apply(here, open_find_help(here, ScreenId::Welcome));
    case ScreenId::HelpList:
    case ScreenId::HelpDetail: {
      apply(here, open_find_help(here, ScreenId::Welcome));
      const auto& categories = core::all_categories();
      const auto food = std::find(categories.begin(), categories.end(), core::Category::Food);
      auto& find_help = dynamic_cast<FindHelpPage&>(*pages_.back());
      apply(here, find_help.on_find_help(
                      here, {ui::FindHelpAction::Kind::Category, static_cast<std::size_t>(food - categories.begin())}));
      if (screen == ScreenId::HelpList) return;
      std::string service_id;
      for (const auto& item : session_.help.items) {
        if (item.name == kDemoService) service_id = item.id;
      }
      if (service_id.empty() && !session_.help.items.empty()) service_id = session_.help.items.front().id;
      if (!service_id.empty()) apply(here, open_service(here, service_id));
      return;
    }
    case ScreenId::FollowUp:
      session_.greeting_name = "Maria";
      session_.follow_up = FollowUpQuestion{"", kDemoService};  // no referral behind it: answering changes nothing
      return apply(here, Transition::go_to<FollowUpPage>());
    case ScreenId::StaffLogin:
      open_staff_login();  // "Who are you?"
      return;
    case ScreenId::StaffGroups:
    case ScreenId::StaffGroupForm:
    case ScreenId::StaffSessionMove: {
      prepare_demo_screen(ScreenId::Staff);
      if (!staff_mode()) return;
      apply(here, Transition::go_to<StaffGroupsPage>(here));
      auto& groups = dynamic_cast<StaffGroupsPage&>(*pages_.back());
      if (screen == ScreenId::StaffGroupForm && !groups.group_ids().empty()) {
        const std::string group_id = groups.group_ids().front();
        apply(here, groups.edit_group(here, group_id));
      }
      if (screen == ScreenId::StaffSessionMove && !groups.group_keys().empty()) {
        apply(here, groups.move_session(here, groups.group_keys().size() - 1));
        if (auto* move = dynamic_cast<SessionMovePage*>(pages_.back().get())) {
          move->move().day = move->move().day.plus_days(1);
          move->move().room = "Room 2";
        }
      }
      return;
    }
    case ScreenId::StaffReferrals:
    case ScreenId::StaffReferralForm: {
      prepare_demo_screen(ScreenId::Staff);
      if (!staff_mode()) return;
      apply(here, Transition::go_to<StaffReferralsPage>(here));
      if (screen == ScreenId::StaffReferrals) return;
      // Midway through a referral for the demo's Maria: Food chosen, the food bank picked, a note typed.
      apply(here, Transition::go_to<ReferralWhoPage>());
      auto& who = dynamic_cast<ReferralWhoPage&>(*pages_.back());
      who.picker().type(store_, "Mar");
      PersonPicker::Answer answer{PersonPicker::Answer::Kind::NoName, std::nullopt};
      if (!who.picker().matches().empty()) answer = {PersonPicker::Answer::Kind::Picked, who.picker().matches().front()};
      apply(here, who.answer(here, answer));
      auto* form = dynamic_cast<ReferralFormPage*>(pages_.back().get());
      if (!form) return;
      const auto& categories = core::all_categories();
      const auto food = std::find(categories.begin(), categories.end(), core::Category::Food);
      (void)form->on_referral_form(
          here, {ui::StaffReferralFormAction::Kind::Category, static_cast<std::size_t>(food - categories.begin())});
      const auto& found = form->form().found;
      for (std::size_t i = 0; i < found.size(); ++i) {
        if (found[i].name == kDemoService) (void)form->on_referral_form(here, {ui::StaffReferralFormAction::Kind::Pick, i});
      }
      form->form().note = "Bring ID and proof of address";
      return;
    }
    case ScreenId::Staff: {
      // Sign in for real as the demo's peer staff member, with a crisis alert from a few minutes ago.
      crisis_alerts_.push_back({clock_.now() - kDemoAlertAge, ScreenId::Welcome});
      open_staff_login();
      auto& login = dynamic_cast<StaffLoginPage&>(*pages_.back());
      for (std::size_t i = 0; i < login.staff().size(); ++i) {
        if (login.staff()[i].name == kDemoStaffName) (void)login.pick(i);
      }
      // The login page chooses the screen (Staff, or sign-in with the reason it failed).
      return apply(here, login.submit(here, kDemoStaffPin));
    }
  }
}

}  // namespace porchlight::app
