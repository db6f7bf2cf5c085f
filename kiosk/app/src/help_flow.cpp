// "Find help" on the kiosk: category tiles and word search over the resource directory, a service's card with its
// take-away QR code, "I want this" (a self-referral) and "Print"; and "did you get help?" at the next sign-in.
#include <cstdio>

#include "porchlight/app/participant_pages.hpp"
#include "porchlight/app/words.hpp"
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

Transition open_find_help(PageContext& context, ScreenId back_to) {
  context.session.help = FindHelpState{};
  context.session.help.back_to = back_to;
  auto page = std::make_unique<FindHelpPage>();
  return back_to == ScreenId::Reasons ? Transition::push(std::move(page)) : Transition::go(std::move(page));
}

static void show_results(PageContext& context, const std::vector<core::ServiceSummary>& found) {
  auto& help = context.session.help;
  help.items.clear();
  for (const auto& service : found) {
    help.items.push_back(
        {service.id, service.name, service.organization, open_status_words(service.status, context.language())});
  }
}

static void refresh_help_texts(PageContext& context);

Transition FindHelpPage::draw(PageContext& context) {
  auto& help = context.session.help;
  const auto tiles = category_tiles(context.language());
  return on_find_help(context, ui::find_help_screen(context.ui, {tiles, help.query, help.typing, help.keyboard}));
}

Transition FindHelpPage::on_find_help(PageContext& context, const ui::FindHelpAction& action) {
  auto& help = context.session.help;
  switch (action.kind) {
    case ui::FindHelpAction::Kind::None:
      return Transition::stay();
    case ui::FindHelpAction::Kind::Back:
      // Back to Reasons (under this page) reads the groups offered again.
      if (help.back_to == ScreenId::Reasons && context.session.participant_id) return Transition::back();
      return Transition::home();
    case ui::FindHelpAction::Kind::Category: {
      const auto& categories = core::all_categories();
      if (action.index >= categories.size()) return Transition::stay();
      help.category = categories[action.index];
      help.typing = false;
      break;
    }
    case ui::FindHelpAction::Kind::Search:
      help.category.reset();
      help.typing = false;
      if (core::tidy_spaces(help.query).empty()) return Transition::stay();
      break;
  }
  refresh_help_texts(context);
  auto found =
      core::search_directory(context.store, help.category ? "" : core::tidy_spaces(help.query), help.category);
  if (!found) {
    context.fail(found.error());
    return Transition::stay();
  }
  show_results(context, found.value());
  return Transition::go_to<HelpListPage>();
}

Transition HelpListPage::draw(PageContext& context) {
  const auto& help = context.session.help;
  const auto action = ui::help_list_screen(context.ui, {help.list_title, help.items});
  switch (action.kind) {
    case ui::HelpListAction::Kind::None:
      break;
    case ui::HelpListAction::Kind::Back:
      return Transition::go_to<FindHelpPage>();
    case ui::HelpListAction::Kind::Open:
      if (action.index < help.items.size()) return open_service(context, help.items[action.index].id);
      break;
  }
  return Transition::stay();
}

void HelpListPage::language_changed(PageContext& context) { refresh_help_texts(context); }

Transition open_service(PageContext& context, const std::string& service_id) {
  auto& help = context.session.help;
  auto detail = core::get_service(context.store, service_id);
  if (!detail) {
    context.fail(detail.error());
    return Transition::stay();
  }
  if (!detail.value()) return Transition::stay();  // gone since the list was read (a sync replaced the directory)
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
  refresh_help_texts(context);
  return Transition::go_to<HelpDetailPage>();
}

// Texts in the participant's language, made again after a language switch.
static void refresh_help_texts(PageContext& context) {
  auto& help = context.session.help;
  const ui::Language language = context.language();
  if (help.category) {
    help.list_title = ui::tr("category." + std::string(core::category_code(*help.category)), language);
  } else {
    help.list_title = ui::tr_format("help.results_for", language, {{"words", core::tidy_spaces(help.query)}});
  }
  if (!help.items.empty()) {
    auto found =
        core::search_directory(context.store, help.category ? "" : core::tidy_spaces(help.query), help.category);
    if (found) show_results(context, found.value());
  }
  if (!help.detail) return;
  const core::ServiceDetail& detail = *help.detail;
  help.status_text = open_status_words(detail.summary.status, language);
  std::vector<std::string> phones;
  for (const auto& phone : detail.phones) {
    phones.push_back(phone.extension.empty() ? phone.number : phone.number + " x" + phone.extension);
  }
  std::vector<std::string> hours = ui::opening_hours_text(language, core::opening_hours(detail.schedules));
  hours.insert(hours.end(), detail.schedule_notes.begin(), detail.schedule_notes.end());
  help.sections = {{"help.what", detail.description},       {"help.who", detail.eligibility},
                   {"help.hours", joined(hours, "\n")},     {"help.address", joined(detail.addresses, "\n")},
                   {"help.phone", joined(phones, "\n")},    {"help.languages", joined(detail.languages, ", ")},
                   {"help.fees", detail.fees}};
}

Transition HelpDetailPage::draw(PageContext& context) {
  const auto& help = context.session.help;
  if (!help.detail) return Transition::go_to<FindHelpPage>();
  ui::HelpDetailView view;
  view.name = help.detail->summary.name;
  view.organization = help.detail->summary.organization;
  view.status_text = help.status_text;
  view.open_now = help.detail->summary.status.state == core::OpenStatus::State::Open;
  view.sections = help.sections;
  view.qr = help.qr ? &*help.qr : nullptr;
  view.notice_key = help.notice_key;
  view.notice_is_problem = help.notice_is_problem;
  view.referred = help.referred;
  return on_help_detail(context, ui::help_detail_screen(context.ui, view));
}

void HelpDetailPage::language_changed(PageContext& context) { refresh_help_texts(context); }

Transition HelpDetailPage::on_help_detail(PageContext& context, ui::HelpDetailAction action) {
  ParticipantSession& session_ = context.session;
  auto& help = session_.help;
  switch (action) {
    case ui::HelpDetailAction::None:
      return Transition::stay();
    case ui::HelpDetailAction::Back:
      if (help.items.empty()) return Transition::go_to<FindHelpPage>();
      return Transition::go_to<HelpListPage>();
    case ui::HelpDetailAction::WantThis: {
      if (!help.detail || help.referred) return Transition::stay();
      core::NewReferral referral;
      referral.service_id = help.detail->summary.id;
      // Tied to the participant only when they proved who they are in this session; otherwise anonymous.
      if (!session_.guest) referral.participant_id = session_.participant_id;
      auto made = core::make_referral(context.store, referral);
      if (!made) {
        context.fail(made.error());
        return Transition::stay();
      }
      help.referred = true;
      help.notice_key = referral.participant_id ? "help.referred" : "help.referred_anonymous";
      help.notice_is_problem = false;
      context.sync_now();
      return Transition::stay();
    }
    case ui::HelpDetailAction::Print:
      print_take_away(context);
      return Transition::stay();
  }
  return Transition::stay();
}

void HelpDetailPage::print_take_away(PageContext& context) {
  auto& help = context.session.help;
  if (!help.detail) return;
  help.notice_is_problem = true;
  if (context.options.printer.empty()) {
    help.notice_key = "help.no_printer";
    return;
  }
  auto printed = print_text(context.options.printer, help.detail->summary.name, help.take_away_text);
  if (!printed) {
    log::error("print: " + printed.error().message);
    help.notice_key = "help.print_failed";
    return;
  }
  help.notice_key = "help.printed";
  help.notice_is_problem = false;
}

Transition continue_after_identifying(PageContext& context) {
  ParticipantSession& session_ = context.session;
  session_.follow_up.reset();
  if (session_.participant_id) {
    auto pending = core::pending_follow_up(context.store, *session_.participant_id);
    if (!pending) {
      context.fail(pending.error());  // the question can wait; signing in cannot
    } else if (pending.value()) {
      session_.follow_up = FollowUpQuestion{pending.value()->id, pending.value()->service_name};
      return Transition::go_to<FollowUpPage>();
    }
  }
  return Transition::go_to<ReasonsPage>(context);
}

Transition FollowUpPage::draw(PageContext& context) {
  ParticipantSession& session_ = context.session;
  const ui::FollowUpAction action =
      ui::follow_up_screen(context.ui, session_.follow_up ? session_.follow_up->service_name : std::string());
  if (action == ui::FollowUpAction::None) return Transition::stay();
  if (session_.follow_up && !session_.follow_up->referral_id.empty()) {
    const core::FollowUpAnswer answer = action == ui::FollowUpAction::Yes  ? core::FollowUpAnswer::Yes
                                        : action == ui::FollowUpAction::No ? core::FollowUpAnswer::No
                                                                           : core::FollowUpAnswer::Skip;
    if (auto answered = core::answer_follow_up(context.store, session_.follow_up->referral_id, answer); !answered) {
      context.fail(answered.error());
    } else {
      context.sync_now();
    }
  }
  session_.follow_up.reset();
  return Transition::go_to<ReasonsPage>(context);
}

}  // namespace porchlight::app
