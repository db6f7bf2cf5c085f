// The group calendar on the kiosk: Today's groups, This week, groups offered during sign-in, and joining the
// chosen sessions with the sign-in.
#include <algorithm>
#include <cstdio>

#include "porchlight/app/participant_pages.hpp"
#include "porchlight/app/words.hpp"
#include "porchlight/core/calendar.hpp"
#include "porchlight/core/sign_in_with_groups.hpp"

namespace porchlight::app {

namespace {

constexpr int kWeekDays = 7;

bool contains(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

}  // namespace

void TodaysGroupsPage::load_todays_groups(PageContext& context) {
  const core::LocalDate today = context.today();
  auto sessions = core::sessions_on(context.store, today);
  if (!sessions) return context.fail(sessions.error());
  group_cards_.clear();
  for (const auto& session : *sessions) {
    group_cards_.push_back(group_card_of(context, session, context.session.participant_id.has_value()));
  }
}

void WeekGroupsPage::load_week_groups(PageContext& context) {
  const core::LocalDate today = context.today();
  auto sessions = core::sessions_between(context.store, today, today.plus_days(kWeekDays - 1));
  if (!sessions) return context.fail(sessions.error());
  week_days_.clear();
  for (int offset = 0; offset < kWeekDays; ++offset) {
    const core::LocalDate day = today.plus_days(offset);
    ui::WeekDay entry;
    entry.day_text = day_text(day, context.language());
    for (const auto& session : *sessions) {
      if (context.store.center_time().date_of(session.start) == day) {
        entry.cards.push_back(group_card_of(context, session, false));
      }
    }
    week_days_.push_back(std::move(entry));
  }
}

void ReasonsPage::load_open_groups(PageContext& context) {
  open_group_cards_.clear();
  if (!context.session.participant_id) return;  // guests see the calendar, but joining needs a name
  auto open = core::sessions_open_for_check_in(context.store, context.clock.now());
  if (!open) return context.fail(open.error());
  for (const auto& session : *open) open_group_cards_.push_back(group_card_of(context, session, true));
}

void remember_chosen(ParticipantSession& session, const std::vector<ui::GroupCard>& cards) {
  auto& keys = session.chosen_sessions;
  for (const auto& card : cards) {
    if (card.chosen && !contains(keys, card.id)) keys.push_back(card.id);
    if (!card.chosen) keys.erase(std::remove(keys.begin(), keys.end(), card.id), keys.end());
  }
}

// Group cards hold ready texts: after a language switch they are made again (choices are kept).
void ReasonsPage::language_changed(PageContext& context) {
  if (!open_group_cards_.empty()) load_open_groups(context);
}

void TodaysGroupsPage::language_changed(PageContext& context) {
  if (!group_cards_.empty()) load_todays_groups(context);
}

void WeekGroupsPage::language_changed(PageContext& context) {
  if (!week_days_.empty()) load_week_groups(context);
}

Transition open_todays_groups(PageContext& context, ScreenId back_to) {
  auto page = std::make_unique<TodaysGroupsPage>(context, back_to);
  return back_to == ScreenId::Reasons ? Transition::push(std::move(page)) : Transition::go(std::move(page));
}

Transition TodaysGroupsPage::draw(PageContext& context) {
  const std::string date = day_text(context.today(), context.language());
  return on_todays_groups(context, ui::todays_groups_screen(context.ui, {date, group_cards_,
                                                                         context.session.participant_id.has_value()}));
}

Transition TodaysGroupsPage::on_todays_groups(PageContext& context, ui::GroupsAction action) {
  switch (action) {
    case ui::GroupsAction::None:
      break;
    case ui::GroupsAction::Changed:
      remember_chosen(context.session, group_cards_);
      break;
    case ui::GroupsAction::Week:
      return Transition::go_to<WeekGroupsPage>(context, back_to_);
    case ui::GroupsAction::Back:
      // Back to Reasons (under this page) reads the groups offered again.
      if (back_to_ == ScreenId::Reasons && context.session.participant_id) return Transition::back();
      return Transition::home();
  }
  return Transition::stay();
}

Transition WeekGroupsPage::draw(PageContext& context) {
  if (ui::week_groups_screen(context.ui, week_days_) == ui::WeekAction::Back) {
    return Transition::go_to<TodaysGroupsPage>(context, back_to_);
  }
  return Transition::stay();
}

bool sign_in_with_chosen_sessions(PageContext& context, const core::SignIn& visit) {
  ParticipantSession& session_ = context.session;
  // Guests do not join: joining needs a name.
  const std::vector<std::string> keys =
      session_.participant_id ? session_.chosen_sessions : std::vector<std::string>{};
  std::vector<std::string> titles;
  for (const auto& key : keys) {
    auto session = core::find_session(context.store, key);
    if (!session) {
      context.fail(session.error());
      return false;
    }
    titles.push_back(session->title);
  }
  // Capacity is checked again inside the write: someone else may have taken the last seat meanwhile.
  auto saved = core::sign_in_with_groups(context.store, visit, keys);
  if (!saved) {
    context.fail(saved.error());
    return false;
  }
  if (!session_.participant_id) return true;
  session_.done_notes.clear();
  for (std::size_t i = 0; i < titles.size() && i < saved->joins.size(); ++i) {
    const char* note = "done.joined";
    if (saved->joins[i] == core::JoinOutcome::Full) note = "done.group_full";
    if (saved->joins[i] == core::JoinOutcome::Cancelled) note = "done.group_cancelled";
    session_.done_notes.push_back(ui::tr_format(note, session_.language, {{"group", titles[i]}}));
  }
  session_.chosen_sessions.clear();
  return true;
}

}  // namespace porchlight::app
