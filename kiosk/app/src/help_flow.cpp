// "Find help" on the kiosk: category tiles and word search over the resource directory, a service's card with its
// take-away QR code, "I want this" (a self-referral) and "Print"; and "did you get help?" at the next sign-in.
#include <cstdio>

#include "porchlight/app/kiosk_app.hpp"
#include "porchlight/app/printing.hpp"
#include "porchlight/core/referrals.hpp"
#include "porchlight/core/text.hpp"
#include "porchlight/log.hpp"
#include "porchlight/ui/format.hpp"

namespace porchlight::app {

namespace {

std::string joined(const std::vector<std::string>& lines, const char* separator) {
  std::string text;
  for (const auto& line : lines) {
    if (line.empty()) continue;
    if (!text.empty()) text += separator;
    text += line;
  }
  return text;
}

}  // namespace

std::string KioskApp::clock_words(int minutes) const {
  return ui::clock_text(session_.language, minutes);
}

std::string KioskApp::open_status_words(const core::OpenStatus& status) const {
  using State = core::OpenStatus::State;
  const ui::Language language = session_.language;
  switch (status.state) {
    case State::Unknown:
      return ui::tr("help.no_hours", language);
    case State::Open:
      if (status.closes) return ui::tr_format("help.open_until", language, {{"time", clock_words(*status.closes)}});
      return ui::tr("help.open_now", language);
    case State::Closed:
      break;
  }
  if (!status.next) return ui::tr("help.closed_today", language);
  const std::string time = clock_words(status.next->minute);
  if (status.next->days_ahead == 0) return ui::tr_format("help.opens_today", language, {{"time", time}});
  const std::string day = ui::tr("weekday_short." + std::to_string(status.next->weekday), language);
  return ui::tr_format(status.hours_today ? "help.opens_day" : "help.closed_today_opens", language,
                       {{"day", day}, {"time", time}});
}

std::vector<ui::CategoryTile> KioskApp::category_tiles() const {
  std::vector<ui::CategoryTile> tiles;
  for (const auto category : core::all_categories()) {
    const std::string code(core::category_code(category));
    tiles.push_back({code, ui::tr("category." + code, session_.language)});
  }
  return tiles;
}

void KioskApp::open_find_help(ScreenId back_to) {
  session_.help = FindHelpState{};
  session_.help.back_to = back_to;
  go_to(ScreenId::FindHelp);
}

void KioskApp::show_results(const std::vector<core::ServiceSummary>& found) {
  auto& help = session_.help;
  help.items.clear();
  for (const auto& service : found) {
    help.items.push_back({service.id, service.name, service.organization, open_status_words(service.status)});
  }
}

void KioskApp::on_find_help(const ui::FindHelpAction& action) {
  auto& help = session_.help;
  switch (action.kind) {
    case ui::FindHelpAction::Kind::None:
      return;
    case ui::FindHelpAction::Kind::Back:
      if (help.back_to == ScreenId::Reasons && session_.participant_id) {
        load_open_groups();
        go_to(ScreenId::Reasons);
      } else {
        go_to(ScreenId::Welcome);
      }
      return;
    case ui::FindHelpAction::Kind::Category: {
      const auto& categories = core::all_categories();
      if (action.index >= categories.size()) return;
      help.category = categories[action.index];
      help.typing = false;
      break;
    }
    case ui::FindHelpAction::Kind::Search:
      help.category.reset();
      help.typing = false;
      if (core::tidy_spaces(help.query).empty()) return;
      break;
  }
  refresh_help_texts();
  auto found = core::search_directory(store_, help.category ? "" : core::tidy_spaces(help.query), help.category);
  if (!found) return fail(found.error());
  show_results(found.value());
  go_to(ScreenId::HelpList);
}

void KioskApp::on_help_list(const ui::HelpListAction& action) {
  switch (action.kind) {
    case ui::HelpListAction::Kind::None:
      break;
    case ui::HelpListAction::Kind::Back:
      go_to(ScreenId::FindHelp);
      break;
    case ui::HelpListAction::Kind::Open:
      if (action.index < session_.help.items.size()) open_service(session_.help.items[action.index].id);
      break;
  }
}

void KioskApp::open_service(const std::string& service_id) {
  auto& help = session_.help;
  auto detail = core::get_service(store_, service_id);
  if (!detail) return fail(detail.error());
  if (!detail.value()) return;  // gone since the list was read (a sync replaced the directory)
  help.detail = std::move(*detail.value());
  help.take_away_text = core::take_away_text(*help.detail);
  help.qr.reset();
  if (auto code = core::encode_qr(help.take_away_text)) {
    help.qr = std::move(code.value());
  } else {
    log::error("take-away code: " + code.error().message);
  }
  help.notice_key.clear();
  help.notice_is_problem = false;
  help.referred = false;
  refresh_help_texts();
  go_to(ScreenId::HelpDetail);
}

// Texts in the participant's language, made again after a language switch.
void KioskApp::refresh_help_texts() {
  auto& help = session_.help;
  if (help.category) {
    help.list_title = ui::tr("category." + std::string(core::category_code(*help.category)), session_.language);
  } else {
    help.list_title = ui::tr_format("help.results_for", session_.language, {{"words", core::tidy_spaces(help.query)}});
  }
  if (!help.items.empty()) {
    auto found = core::search_directory(store_, help.category ? "" : core::tidy_spaces(help.query), help.category);
    if (found) show_results(found.value());
  }
  if (!help.detail) return;
  const core::ServiceDetail& detail = *help.detail;
  help.status_text = open_status_words(detail.summary.status);
  std::vector<std::string> phones;
  for (const auto& phone : detail.phones) {
    phones.push_back(phone.extension.empty() ? phone.number : phone.number + " x" + phone.extension);
  }
  std::vector<std::string> hours = ui::opening_hours_text(session_.language, core::opening_hours(detail.schedules));
  hours.insert(hours.end(), detail.schedule_notes.begin(), detail.schedule_notes.end());
  help.sections = {{"help.what", detail.description},       {"help.who", detail.eligibility},
                   {"help.hours", joined(hours, "\n")},     {"help.address", joined(detail.addresses, "\n")},
                   {"help.phone", joined(phones, "\n")},    {"help.languages", joined(detail.languages, ", ")},
                   {"help.fees", detail.fees}};
}

void KioskApp::on_help_detail(ui::HelpDetailAction action) {
  auto& help = session_.help;
  switch (action) {
    case ui::HelpDetailAction::None:
      return;
    case ui::HelpDetailAction::Back:
      go_to(help.items.empty() ? ScreenId::FindHelp : ScreenId::HelpList);
      return;
    case ui::HelpDetailAction::WantThis: {
      if (!help.detail || help.referred) return;
      core::NewReferral referral;
      referral.service_id = help.detail->summary.id;
      // Tied to the participant only when they proved who they are in this session; otherwise anonymous.
      if (!session_.guest) referral.participant_id = session_.participant_id;
      auto made = core::make_referral(store_, referral);
      if (!made) return fail(made.error());
      help.referred = true;
      help.notice_key = referral.participant_id ? "help.referred" : "help.referred_anonymous";
      help.notice_is_problem = false;
      if (options_.sync_worker) options_.sync_worker->sync_now();
      return;
    }
    case ui::HelpDetailAction::Print:
      print_take_away();
      return;
  }
}

void KioskApp::print_take_away() {
  auto& help = session_.help;
  if (!help.detail) return;
  help.notice_is_problem = true;
  if (options_.printer.empty()) {
    help.notice_key = "help.no_printer";
    return;
  }
  auto printed = print_text(options_.printer, help.detail->summary.name, help.take_away_text);
  if (!printed) {
    log::error("print: " + printed.error().message);
    help.notice_key = "help.print_failed";
    return;
  }
  help.notice_key = "help.printed";
  help.notice_is_problem = false;
}

void KioskApp::continue_after_identifying() {
  session_.follow_up.reset();
  if (session_.participant_id) {
    auto pending = core::pending_follow_up(store_, *session_.participant_id);
    if (!pending) {
      fail(pending.error());  // the question can wait; signing in cannot
    } else if (pending.value()) {
      session_.follow_up = FollowUpQuestion{pending.value()->id, pending.value()->service_name};
      go_to(ScreenId::FollowUp);
      return;
    }
  }
  load_reasons();
  go_to(ScreenId::Reasons);
}

void KioskApp::on_follow_up(ui::FollowUpAction action) {
  if (action == ui::FollowUpAction::None) return;
  if (session_.follow_up && !session_.follow_up->referral_id.empty()) {
    const core::FollowUpAnswer answer = action == ui::FollowUpAction::Yes  ? core::FollowUpAnswer::Yes
                                        : action == ui::FollowUpAction::No ? core::FollowUpAnswer::No
                                                                           : core::FollowUpAnswer::Skip;
    if (auto answered = core::answer_follow_up(store_, session_.follow_up->referral_id, answer); !answered) {
      fail(answered.error());
    } else if (options_.sync_worker) {
      options_.sync_worker->sync_now();
    }
  }
  session_.follow_up.reset();
  load_reasons();
  go_to(ScreenId::Reasons);
}

}  // namespace porchlight::app
