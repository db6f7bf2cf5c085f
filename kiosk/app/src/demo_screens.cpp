// Demo content for each screen, for --screenshot and tests: what a participant would see midway through.
#include <algorithm>

#include "porchlight/app/kiosk_app.hpp"

namespace porchlight::app {

namespace {

constexpr const char* kDemoStaffName = "Sam Rivera";  // core::generate_demo's peer staff member
constexpr const char* kDemoStaffPin = "1234";
constexpr const char* kDemoService = "Eastside Food Bank";  // in the demo directory, with phone and hours
constexpr core::Millis kDemoAlertAge = 3 * 60'000;

}  // namespace

void KioskApp::prepare_demo_screen(ScreenId screen) {
  wipe();
  switch (screen) {
    case ScreenId::Welcome:
      break;
    case ScreenId::SignIn:
      break;
    case ScreenId::Returning:
      session_.name_query = "Mar";
      refresh_matches();
      break;
    case ScreenId::Confirm:
      session_.name_query = "Mar";
      refresh_matches();
      if (!session_.matches.empty()) start_confirm(session_.matches.front());
      session_.confirm_method = ui::ConfirmMethod::Pin;
      session_.confirm_entry = "12";
      break;
    case ScreenId::New:
      session_.first_name = "María";
      session_.last_name = "G";
      session_.active_field = ui::NewField::None;  // the whole form: what is kept and why, and the consent
      break;
    case ScreenId::Reasons: {
      session_.greeting_name = "Maria";
      session_.reasons = {"drop-in", "meal"};
      session_.mood = 4;
      // Identified, so the groups whose check-in is open are offered.
      session_.name_query = "Mar";
      refresh_matches();
      if (!session_.matches.empty()) session_.participant_id = session_.matches.front().id;
      session_.name_query.clear();
      session_.matches.clear();
      load_reasons();
      break;
    }
    case ScreenId::Done:
      session_.greeting_name = "María";
      done_at_ = clock_.now();
      break;
    case ScreenId::Crisis:
      break;
    case ScreenId::OutOfService:
    case ScreenId::OutOfServiceStaff:
      return;  // drawn by an OutOfServiceScreen, not by the app (see main.cpp)
    case ScreenId::TodaysGroups:
      open_todays_groups(ScreenId::Welcome);
      return;
    case ScreenId::WeekGroups:
      load_week_groups();
      break;
    case ScreenId::FindHelp:
      open_find_help(ScreenId::Welcome);
      return;
    case ScreenId::HelpList:
    case ScreenId::HelpDetail: {
      open_find_help(ScreenId::Welcome);
      const auto& categories = core::all_categories();
      const auto food = std::find(categories.begin(), categories.end(), core::Category::Food);
      on_find_help({ui::FindHelpAction::Kind::Category, static_cast<std::size_t>(food - categories.begin())});
      if (screen == ScreenId::HelpList) return;
      for (const auto& item : session_.help.items) {
        if (item.name == kDemoService) open_service(item.id);
      }
      if (!session_.help.detail && !session_.help.items.empty()) open_service(session_.help.items.front().id);
      return;
    }
    case ScreenId::FollowUp:
      session_.greeting_name = "Maria";
      session_.follow_up = FollowUpQuestion{"", kDemoService};  // no referral behind it: answering changes nothing
      break;
    case ScreenId::StaffLogin:
      open_staff_login();  // "Who are you?"
      break;
    case ScreenId::StaffGroups:
    case ScreenId::StaffGroupForm:
    case ScreenId::StaffSessionMove:
      prepare_demo_screen(ScreenId::Staff);
      if (!staff_mode()) return;
      open_staff_groups();
      if (screen == ScreenId::StaffGroupForm && !staff_.group_ids.empty()) {
        open_group_form(staff_.group_ids.front());
      }
      if (screen == ScreenId::StaffSessionMove && !staff_.group_keys.empty()) {
        open_session_move(staff_.group_keys.size() - 1);
        staff_.session_move.day = staff_.session_move.day.plus_days(1);
        staff_.session_move.room = "Room 2";
      }
      return;
    case ScreenId::StaffReferrals:
    case ScreenId::StaffReferralForm: {
      prepare_demo_screen(ScreenId::Staff);
      if (!staff_mode()) return;
      open_staff_referrals();
      if (screen == ScreenId::StaffReferrals) return;
      // Midway through a referral for the demo's Maria: Food chosen, the food bank picked, a note typed.
      open_referral_who();
      staff_.sign_in.typed = "Mar";
      on_referral_who({ui::StaffSignInAction::Kind::Typed, 0});
      on_referral_who({staff_.sign_in.matches.empty() ? ui::StaffSignInAction::Kind::Guest
                                                      : ui::StaffSignInAction::Kind::Picked,
                       0});
      const auto& categories = core::all_categories();
      const auto food = std::find(categories.begin(), categories.end(), core::Category::Food);
      on_referral_form({ui::StaffReferralFormAction::Kind::Category, static_cast<std::size_t>(food - categories.begin())});
      const auto& found = staff_.referral_form.found;
      for (std::size_t i = 0; i < found.size(); ++i) {
        if (found[i].name == kDemoService) on_referral_form({ui::StaffReferralFormAction::Kind::Pick, i});
      }
      staff_.referral_form.note = "Bring ID and proof of address";
      return;
    }
    case ScreenId::Staff:
      // Sign in for real as the demo's peer staff member, with a crisis alert from a few minutes ago.
      crisis_alerts_.push_back({clock_.now() - kDemoAlertAge, ScreenId::Welcome});
      open_staff_login();
      for (std::size_t i = 0; i < staff_.staff.size(); ++i) {
        if (staff_.staff[i].name == kDemoStaffName) on_staff_login({ui::StaffLoginAction::Kind::Pick, i});
      }
      staff_.pin = kDemoStaffPin;
      on_staff_login({ui::StaffLoginAction::Kind::Submit, 0});
      return;  // on_staff_login chose the screen (Staff, or sign-in with the reason it failed)
  }
  screen_ = screen;
  before_crisis_ = ScreenId::Welcome;
}

}  // namespace porchlight::app
