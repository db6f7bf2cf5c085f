// Staff mode: signing someone in on their behalf. Find them by name (or a guest), pick the reasons on the
// participant's reasons screen, and the visit is committed with signed_in_by = the staff member; then the day's
// list (today's) shows it.
#include <cstdio>
#include <string>

#include <imgui.h>

#include "porchlight/app/kiosk_app.hpp"
#include "porchlight/core/text.hpp"
#include "porchlight/core/visits.hpp"
#include "porchlight/log.hpp"

namespace porchlight::app {

namespace {

constexpr std::size_t kMinimumTypedForMatches = 2;
constexpr int kMatchLimit = 12;

}  // namespace

// Staff mode's name search (signing in, adding to a group, referring): matches once two letters are typed.
void KioskApp::find_staff_matches(StaffSignIn& find) {
  find.matches.clear();
  find.error_key.clear();
  if (ui::character_count(find.typed) < kMinimumTypedForMatches) return;
  auto found = core::find_participants(store_, core::tidy_spaces(find.typed), kMatchLimit);
  if (!found) {
    log::error(found.error().message);
    find.error_key = "error.generic";
    return;
  }
  find.matches = std::move(found.value());
}

void KioskApp::open_staff_sign_in() {
  staff_.notice = {};
  staff_.sign_in = StaffSignIn{};
  staff_.page = StaffPage::SignInFind;
}

void KioskApp::draw_staff_sign_in(ui::Ui& ui) {
  StaffSignIn& sign_in = staff_.sign_in;
  if (staff_.page == StaffPage::SignInFind) {
    on_staff_sign_in(
        ui::staff_sign_in_screen(ui, {sign_in.typed, sign_in.keyboard, sign_in.matches, sign_in.error_key}));
    return;
  }
  on_staff_reasons(ui::reasons_screen(ui, {sign_in.reasons, sign_in.chosen_reasons, sign_in.mood, sign_in.error_key}));
}

void KioskApp::on_staff_sign_in(const ui::StaffSignInAction& action) {
  using Kind = ui::StaffSignInAction::Kind;
  StaffSignIn& sign_in = staff_.sign_in;
  switch (action.kind) {
    case Kind::None:
      return;
    case Kind::Back:
      staff_.sign_in = StaffSignIn{};
      staff_.page = StaffPage::Day;
      return;
    case Kind::Typed:
      find_staff_matches(sign_in);
      return;
    case Kind::Picked:
      if (action.index >= sign_in.matches.size()) return;
      sign_in.chosen = sign_in.matches[action.index];
      break;
    case Kind::Guest:
      sign_in.chosen.reset();
      break;
  }
  auto reasons = core::list_reasons(store_);
  if (!reasons) {
    log::error(reasons.error().message);
    sign_in.error_key = "error.generic";
    return;
  }
  sign_in.reasons = std::move(reasons.value());
  sign_in.chosen_reasons.clear();
  sign_in.mood.reset();
  sign_in.error_key.clear();
  staff_.page = StaffPage::SignInReasons;
}

void KioskApp::on_staff_reasons(ui::ReasonsAction action) {
  StaffSignIn& sign_in = staff_.sign_in;
  if (action == ui::ReasonsAction::None || !staff_.member) return;
  if (action == ui::ReasonsAction::Back) {
    sign_in.error_key.clear();
    staff_.page = StaffPage::SignInFind;
    return;
  }
  if (sign_in.chosen_reasons.empty()) {
    sign_in.error_key = "reasons.need_one";
    return;
  }
  core::SignIn visit;
  if (sign_in.chosen) visit.participant_id = sign_in.chosen->id;
  visit.reasons = sign_in.chosen_reasons;
  visit.mood = sign_in.mood;
  visit.signed_in_by = staff_.member->id;
  if (auto done = core::sign_in(store_, visit); !done) {
    log::error(done.error().message);
    sign_in.error_key = "error.generic";
    return;
  }
  // Back to the day's list, on today, where the new sign-in shows.
  staff_.sign_in = StaffSignIn{};
  staff_.page = StaffPage::Day;
  staff_.date = store_.center_time().date_of(clock_.now());
  load_staff_day();
}

}  // namespace porchlight::app
