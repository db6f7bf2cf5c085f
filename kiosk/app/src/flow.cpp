// What each screen's answer does: core calls and the next screen.
#include <algorithm>

#include "porchlight/app/kiosk_app.hpp"
#include "porchlight/core/participants.hpp"
#include "porchlight/core/pin.hpp"
#include "porchlight/core/text.hpp"
#include "porchlight/core/visits.hpp"

namespace porchlight::app {

namespace {

constexpr int kMatchLimit = 6;
constexpr std::size_t kMinimumTypedForMatches = 2;
constexpr int kConfirmTries = 3;

}  // namespace

void KioskApp::on_welcome(ui::WelcomeAction action) {
  switch (action) {
    case ui::WelcomeAction::None:
      break;
    case ui::WelcomeAction::SignIn:
      session_.card_notice_until = 0;
      go_to(ScreenId::SignIn);
      break;
    case ui::WelcomeAction::TodaysGroups:
      open_todays_groups(ScreenId::Welcome);
      break;
    case ui::WelcomeAction::FindHelp:
      open_find_help(ScreenId::Welcome);
      break;
  }
}

void KioskApp::on_sign_in(ui::SignInChoice choice) {
  switch (choice) {
    case ui::SignInChoice::None:
      break;
    case ui::SignInChoice::Back:
      go_to(ScreenId::Welcome);
      break;
    case ui::SignInChoice::Returning:
      go_to(ScreenId::Returning);
      break;
    case ui::SignInChoice::New:
      session_.active_field = ui::NewField::FirstName;
      go_to(ScreenId::New);
      break;
    case ui::SignInChoice::Guest:
      session_.guest = true;
      session_.participant_id.reset();
      session_.greeting_name.clear();
      load_reasons();
      go_to(ScreenId::Reasons);
      break;
  }
}

void KioskApp::refresh_matches() {
  session_.matches.clear();
  if (ui::character_count(session_.name_query) < kMinimumTypedForMatches) return;
  auto found = core::find_participants(store_, core::tidy_spaces(session_.name_query), kMatchLimit);
  if (!found) {
    fail(found.error());
    return;
  }
  session_.matches = std::move(found.value());
}

void KioskApp::on_returning(const ui::ReturningAction& action) {
  switch (action.kind) {
    case ui::ReturningAction::Kind::None:
      break;
    case ui::ReturningAction::Kind::Back:
      go_to(ScreenId::SignIn);
      break;
    case ui::ReturningAction::Kind::Typed:
      refresh_matches();
      break;
    case ui::ReturningAction::Kind::Picked:
      if (action.index < session_.matches.size()) start_confirm(session_.matches[action.index]);
      break;
  }
}

void KioskApp::start_confirm(const core::ParticipantMatch& match) {
  session_.chosen = match;
  session_.confirm_entry.clear();
  session_.failed_confirmations = 0;
  session_.confirm_method = match.has_pin          ? ui::ConfirmMethod::Pin
                            : match.has_birth_date ? ui::ConfirmMethod::BirthDate
                                                   : ui::ConfirmMethod::Nothing;
  go_to(ScreenId::Confirm);
}

void KioskApp::on_confirm(ui::ConfirmAction action) {
  if (!session_.chosen) return;
  switch (action) {
    case ui::ConfirmAction::None:
      return;
    case ui::ConfirmAction::Back:
      session_.chosen.reset();
      session_.confirm_entry.clear();
      go_to(ScreenId::Returning);
      return;
    case ui::ConfirmAction::SwitchMethod:
      session_.confirm_method =
          session_.confirm_method == ui::ConfirmMethod::Pin ? ui::ConfirmMethod::BirthDate : ui::ConfirmMethod::Pin;
      session_.confirm_entry.clear();
      session_.error_key.clear();
      return;
    case ui::ConfirmAction::Submit:
      break;
  }
  // Too many misses: no more tries on this screen; staff can help.
  if (session_.failed_confirmations >= kConfirmTries) return;
  const std::string& id = session_.chosen->id;
  bool confirmed = false;
  switch (session_.confirm_method) {
    case ui::ConfirmMethod::Nothing:
      confirmed = true;
      break;
    case ui::ConfirmMethod::Pin: {
      auto checked = core::confirm_by_pin(store_, id, session_.confirm_entry);
      if (!checked) return fail(checked.error());
      confirmed = checked.value();
      break;
    }
    case ui::ConfirmMethod::BirthDate: {
      const auto iso = birth_date_from_digits(session_.confirm_entry, session_.language);
      if (iso) {
        auto checked = core::confirm_by_birth_date(store_, id, *iso);
        if (!checked) return fail(checked.error());
        confirmed = checked.value();
      }
      break;
    }
  }
  session_.confirm_entry.clear();
  if (!confirmed) {
    ++session_.failed_confirmations;
    session_.error_key = session_.failed_confirmations >= kConfirmTries      ? "confirm.too_many"
                         : session_.confirm_method == ui::ConfirmMethod::Pin ? "confirm.wrong_pin"
                                                                             : "confirm.wrong_birth";
    return;
  }
  session_.participant_id = id;
  session_.guest = false;
  session_.greeting_name = first_word(session_.chosen->display_name);
  continue_after_identifying();
}

void KioskApp::on_new(ui::NewAction action) {
  if (action == ui::NewAction::Back) {
    go_to(ScreenId::SignIn);
    return;
  }
  if (action != ui::NewAction::Submit) return;
  core::NewParticipant person;
  person.first_name = core::tidy_spaces(session_.first_name);
  person.last_name = core::tidy_spaces(session_.last_name);
  person.language = std::string(ui::language_code(session_.language));
  person.consent_record = session_.consent;
  std::optional<std::string> birth_date;
  if (!session_.birth_digits.empty()) birth_date = birth_date_from_digits(session_.birth_digits, session_.language);

  if (person.first_name.empty() || person.last_name.empty()) {
    session_.error_key = "new.need_name";
  } else if (!session_.birth_digits.empty() && !birth_date) {
    session_.error_key = "new.bad_birth";
  } else if (!session_.pin.empty() && !core::is_valid_pin(session_.pin)) {
    session_.error_key = "new.bad_pin";
  } else if (!session_.consent) {
    session_.error_key = "new.need_consent";
  } else {
    person.birth_date = birth_date;
    if (!session_.pin.empty()) person.pin = session_.pin;
    auto id = core::register_participant(store_, person);
    if (!id) return fail(id.error());
    session_.participant_id = id.value();
    session_.guest = false;
    session_.greeting_name = first_word(person.first_name);
    session_.active_field = ui::NewField::None;
    load_reasons();
    go_to(ScreenId::Reasons);
    return;
  }
  session_.active_field = ui::NewField::None;  // show the whole form with the message
  session_.scroll_to_active_field = true;
}

void KioskApp::load_reasons() {
  auto reasons = core::list_reasons(store_);
  if (!reasons) return fail(reasons.error());
  reasons_ = std::move(reasons.value());
  load_open_groups();
}

void KioskApp::on_reasons(ui::ReasonsAction action) {
  remember_chosen(open_group_cards_);
  if (action == ui::ReasonsAction::Back) {
    session_.participant_id.reset();
    session_.guest = false;
    session_.welcome_back = false;
    session_.reasons.clear();
    session_.mood.reset();
    session_.chosen_sessions.clear();
    go_to(ScreenId::SignIn);
    return;
  }
  if (action == ui::ReasonsAction::AllGroups) {
    open_todays_groups(ScreenId::Reasons);
    return;
  }
  if (action == ui::ReasonsAction::FindHelp) {
    open_find_help(ScreenId::Reasons);
    return;
  }
  if (action != ui::ReasonsAction::Submit) return;
  // Joining a group is a reason to come; say so for them.
  if (!session_.chosen_sessions.empty() &&
      std::find(session_.reasons.begin(), session_.reasons.end(), "group") == session_.reasons.end()) {
    const bool offered = std::any_of(reasons_.begin(), reasons_.end(), [](const auto& r) { return r.code == "group"; });
    if (offered) session_.reasons.push_back("group");
  }
  if (session_.reasons.empty()) {
    session_.error_key = "reasons.need_one";
    return;
  }
  core::SignIn visit;
  visit.participant_id = session_.guest ? std::nullopt : session_.participant_id;
  visit.reasons = session_.reasons;
  visit.mood = session_.mood;
  auto id = core::sign_in(store_, visit);
  if (!id) return fail(id.error());
  join_chosen_sessions(id.value());
  if (options_.sync_worker) options_.sync_worker->sync_now();  // on its way to the hub while the center is online
  done_at_ = clock_.now();
  go_to(ScreenId::Done);
}

}  // namespace porchlight::app
