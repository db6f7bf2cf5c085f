// The participant's sign-in pages: what each screen's answer does (core calls) and the next page.
#include <algorithm>

#include "porchlight/ui/format.hpp"
#include "porchlight/app/participant_pages.hpp"
#include "porchlight/app/words.hpp"
#include "porchlight/core/calendar.hpp"
#include "porchlight/core/participants.hpp"
#include "porchlight/core/pin.hpp"
#include "porchlight/core/text.hpp"
#include "porchlight/core/visits.hpp"
#include "porchlight/log.hpp"

namespace porchlight::app {

namespace {

constexpr int kMatchLimit = 6;
constexpr std::size_t kMinimumTypedForMatches = 2;
constexpr int kConfirmTries = 3;

ui::WelcomeView welcome_view(const PageContext& context) {
  const core::Millis now = context.clock.now();
  const auto& time = context.store.center_time();
  const core::LocalDate date = time.date_of(now);
  const ui::Language language = context.language();
  ui::WelcomeView view;
  view.center_name = context.store.center().center_name;
  view.date_text = ui::date_text(language, date);
  view.time_text = ui::clock_text(language, time, now);
  view.unknown_card = context.session.card_notice_until != 0;
  return view;
}

}  // namespace

void PageContext::fail(const core::Error& error) const {
  log::error(error.message);
  // The session stays as it was (the screen, what was typed and chosen), so a retry after the fix loses nothing.
  switch (error.kind) {
    case core::ErrorKind::disk_full:
      session.error_key = "error.disk_full";
      break;
    case core::ErrorKind::io_error:
    case core::ErrorKind::damaged:
      session.error_key = "error.storage";
      break;
    default:
      session.error_key = "error.generic";
  }
}

Transition WelcomePage::draw(PageContext& context) {
  switch (ui::welcome_screen(context.ui, welcome_view(context))) {
    case ui::WelcomeAction::None:
      break;
    case ui::WelcomeAction::SignIn:
      context.session.card_notice_until = 0;
      return Transition::go_to<SignInPage>();
    case ui::WelcomeAction::TodaysGroups:
      return open_todays_groups(context, ScreenId::Welcome);
    case ui::WelcomeAction::FindHelp:
      return open_find_help(context, ScreenId::Welcome);
  }
  return Transition::stay();
}

Transition SignInPage::draw(PageContext& context) {
  ParticipantSession& session_ = context.session;
  switch (ui::sign_in_screen(context.ui)) {
    case ui::SignInChoice::None:
      break;
    case ui::SignInChoice::Back:
      return Transition::home();
    case ui::SignInChoice::Returning:
      return Transition::go_to<ReturningPage>();
    case ui::SignInChoice::New:
      session_.active_field = ui::NewField::FirstName;
      return Transition::go_to<NewParticipantPage>();
    case ui::SignInChoice::Guest:
      session_.guest = true;
      session_.participant_id.reset();
      session_.greeting_name.clear();
      return Transition::go_to<ReasonsPage>(context);
  }
  return Transition::stay();
}

void refresh_matches(PageContext& context) {
  ParticipantSession& session_ = context.session;
  session_.matches.clear();
  if (ui::character_count(session_.name_query) < kMinimumTypedForMatches) return;
  auto found = core::find_participants(context.store, core::tidy_spaces(session_.name_query), kMatchLimit);
  if (!found) {
    context.fail(found.error());
    return;
  }
  session_.matches = std::move(found.value());
}

Transition ReturningPage::draw(PageContext& context) {
  ParticipantSession& session_ = context.session;
  const auto action = ui::returning_screen(context.ui, {session_.name_query, session_.keyboard, session_.matches});
  switch (action.kind) {
    case ui::ReturningAction::Kind::None:
      break;
    case ui::ReturningAction::Kind::Back:
      return Transition::go_to<SignInPage>();
    case ui::ReturningAction::Kind::Typed:
      refresh_matches(context);
      break;
    case ui::ReturningAction::Kind::Picked:
      if (action.index < session_.matches.size()) return start_confirm(context, session_.matches[action.index]);
      break;
  }
  return Transition::stay();
}

Transition start_confirm(PageContext& context, const core::ParticipantMatch& match) {
  ParticipantSession& session_ = context.session;
  session_.chosen = match;
  session_.confirm_entry.clear();
  session_.failed_confirmations = 0;
  session_.confirm_method = match.has_pin          ? ui::ConfirmMethod::Pin
                            : match.has_birth_date ? ui::ConfirmMethod::BirthDate
                                                   : ui::ConfirmMethod::Nothing;
  return Transition::go_to<ConfirmPage>();
}

Transition ConfirmPage::draw(PageContext& context) {
  ParticipantSession& session_ = context.session;
  const std::string name = session_.chosen ? session_.chosen->display_name : std::string();
  const bool can_switch = session_.chosen && session_.chosen->has_pin && session_.chosen->has_birth_date;
  const ui::ConfirmAction action = ui::confirm_screen(
      context.ui, {name, session_.confirm_method, can_switch, session_.confirm_entry, session_.error_key});
  if (!session_.chosen) return Transition::stay();
  switch (action) {
    case ui::ConfirmAction::None:
      return Transition::stay();
    case ui::ConfirmAction::Back:
      session_.chosen.reset();
      session_.confirm_entry.clear();
      return Transition::go_to<ReturningPage>();
    case ui::ConfirmAction::SwitchMethod:
      session_.confirm_method =
          session_.confirm_method == ui::ConfirmMethod::Pin ? ui::ConfirmMethod::BirthDate : ui::ConfirmMethod::Pin;
      session_.confirm_entry.clear();
      session_.error_key.clear();
      return Transition::stay();
    case ui::ConfirmAction::Submit:
      break;
  }
  // Too many misses: no more tries on this screen; staff can help.
  if (session_.failed_confirmations >= kConfirmTries) return Transition::stay();
  const std::string& id = session_.chosen->id;
  bool confirmed = false;
  switch (session_.confirm_method) {
    case ui::ConfirmMethod::Nothing:
      confirmed = true;
      break;
    case ui::ConfirmMethod::Pin: {
      auto checked = core::confirm_by_pin(context.store, id, session_.confirm_entry);
      if (!checked) {
        context.fail(checked.error());
        return Transition::stay();
      }
      confirmed = checked.value();
      break;
    }
    case ui::ConfirmMethod::BirthDate: {
      const auto iso = birth_date_from_digits(session_.confirm_entry, session_.language);
      if (iso) {
        auto checked = core::confirm_by_birth_date(context.store, id, *iso);
        if (!checked) {
          context.fail(checked.error());
          return Transition::stay();
        }
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
    return Transition::stay();
  }
  session_.participant_id = id;
  session_.guest = false;
  session_.greeting_name = first_word(session_.chosen->display_name);
  return continue_after_identifying(context);
}

Transition NewParticipantPage::draw(PageContext& context) {
  ParticipantSession& session_ = context.session;
  const ui::NewAction action = ui::new_participant_screen(
      context.ui, {session_.first_name, session_.last_name, session_.birth_digits, session_.pin, session_.consent,
                   session_.active_field, session_.scroll_to_active_field, session_.keyboard, session_.error_key});
  if (action == ui::NewAction::Back) return Transition::go_to<SignInPage>();
  if (action != ui::NewAction::Submit) return Transition::stay();
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
    auto id = core::register_participant(context.store, person);
    if (!id) {
      context.fail(id.error());
      return Transition::stay();
    }
    session_.participant_id = id.value();
    session_.guest = false;
    session_.greeting_name = first_word(person.first_name);
    session_.active_field = ui::NewField::None;
    return Transition::go_to<ReasonsPage>(context);
  }
  session_.active_field = ui::NewField::None;  // show the whole form with the message
  session_.scroll_to_active_field = true;
  return Transition::stay();
}

void ReasonsPage::load_reasons(PageContext& context) {
  auto reasons = core::list_reasons(context.store);
  if (!reasons) return context.fail(reasons.error());
  reasons_ = std::move(reasons.value());
  load_open_groups(context);
}

Transition ReasonsPage::draw(PageContext& context) {
  ParticipantSession& session_ = context.session;
  return on_reasons(context, ui::reasons_screen(context.ui, {reasons_, session_.reasons, session_.mood,
                                                             session_.error_key,
                                                             session_.welcome_back ? session_.greeting_name
                                                                                   : std::string_view(),
                                                             open_group_cards_, session_.participant_id.has_value(),
                                                             true}));
}

Transition ReasonsPage::on_reasons(PageContext& context, ui::ReasonsAction action) {
  ParticipantSession& session_ = context.session;
  remember_chosen(session_, open_group_cards_);
  if (action == ui::ReasonsAction::Back) {
    session_.participant_id.reset();
    session_.guest = false;
    session_.welcome_back = false;
    session_.reasons.clear();
    session_.mood.reset();
    session_.chosen_sessions.clear();
    return Transition::go_to<SignInPage>();
  }
  if (action == ui::ReasonsAction::AllGroups) return open_todays_groups(context, ScreenId::Reasons);
  if (action == ui::ReasonsAction::FindHelp) return open_find_help(context, ScreenId::Reasons);
  if (action != ui::ReasonsAction::Submit) return Transition::stay();
  // Joining a group is a reason to come; say so for them.
  if (!session_.chosen_sessions.empty() &&
      std::find(session_.reasons.begin(), session_.reasons.end(), "group") == session_.reasons.end()) {
    const bool offered = std::any_of(reasons_.begin(), reasons_.end(), [](const auto& r) { return r.code == "group"; });
    if (offered) session_.reasons.push_back("group");
  }
  if (session_.reasons.empty()) {
    session_.error_key = "reasons.need_one";
    return Transition::stay();
  }
  core::SignIn visit;
  visit.participant_id = session_.guest ? std::nullopt : session_.participant_id;
  visit.reasons = session_.reasons;
  visit.mood = session_.mood;
  // The visit and the groups chosen with it are saved together or not at all: a failure keeps this page, with
  // everything chosen, and says why.
  if (!sign_in_with_chosen_sessions(context, visit)) return Transition::stay();
  context.sync_now();  // on its way to the hub while the center is online
  return Transition::go_to<DonePage>();
}

Transition DonePage::draw(PageContext& context) {
  if (ui::done_screen(context.ui, context.session.greeting_name, context.session.done_notes) == ui::DoneAction::Finish) {
    return Transition::end();
  }
  return Transition::stay();
}

Transition CrisisPage::draw(PageContext& context) {
  std::vector<ui::CrisisLine> lines;
  for (const auto& line : context.local_crisis_lines) {
    const bool spanish = context.language() == ui::Language::Spanish && !line.label_es.empty();
    lines.push_back({spanish ? line.label_es : line.label_en, line.number});
  }
  if (ui::crisis_screen(context.ui, lines) == ui::CrisisAction::Close) return Transition::close();
  return Transition::stay();
}

}  // namespace porchlight::app
