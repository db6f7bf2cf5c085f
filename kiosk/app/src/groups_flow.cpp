// The group calendar on the kiosk: Today's groups, This week, groups offered during sign-in, and joining the
// chosen sessions once the sign-in is saved.
#include <algorithm>
#include <cstdio>

#include "porchlight/app/kiosk_app.hpp"
#include "porchlight/core/calendar.hpp"
#include "porchlight/ui/format.hpp"

namespace porchlight::app {

namespace {

constexpr int kWeekDays = 7;

bool contains(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

}  // namespace

std::string KioskApp::day_text(core::LocalDate date) const {
  return ui::date_text(session_.language, date);
}

ui::GroupCard KioskApp::group_card_of(const core::Session& session, bool identified) const {
  const core::Millis now = clock_.now();
  const auto& time = store_.center_time();
  auto clock_text = [&](core::Millis instant) { return ui::clock_text(session_.language, time, instant); };
  ui::GroupCard card;
  card.id = session.key;
  card.time_text = session.all_day ? ui::tr("groups.all_day", session_.language)
                                   : clock_text(session.start) + " \xE2\x80\x93 " + clock_text(session.end);
  card.title = session.title;
  card.room = session.room;
  card.facilitator = session.facilitator;
  card.full = session.full();
  if (session.seats_left) {
    card.seats_text = *session.seats_left <= 0   ? ui::tr("groups.full", session_.language)
                      : *session.seats_left == 1 ? ui::tr("groups.one_seat_left", session_.language)
                                                 : ui::tr_format("groups.seats_left", session_.language,
                                                                 {{"seats", std::to_string(*session.seats_left)}});
  }
  const auto phase = core::session_phase(session, now);
  switch (phase) {
    case core::SessionPhase::Upcoming: card.status = ui::GroupCard::Status::None; break;
    case core::SessionPhase::StartingSoon: card.status = ui::GroupCard::Status::StartingSoon; break;
    case core::SessionPhase::InProgress: card.status = ui::GroupCard::Status::InProgress; break;
    case core::SessionPhase::Ended: card.status = ui::GroupCard::Status::Ended; break;
    case core::SessionPhase::Cancelled: card.status = ui::GroupCard::Status::Cancelled; break;
  }
  card.chosen = contains(session_.chosen_sessions, session.key);
  card.joinable = identified && !session.cancelled && phase != core::SessionPhase::Ended && !card.full;
  return card;
}

void KioskApp::load_todays_groups() {
  const core::LocalDate today = store_.center_time().date_of(clock_.now());
  auto sessions = core::sessions_on(store_, today);
  if (!sessions) return fail(sessions.error());
  group_cards_.clear();
  for (const auto& session : *sessions) {
    group_cards_.push_back(group_card_of(session, session_.participant_id.has_value()));
  }
}

void KioskApp::load_week_groups() {
  const core::LocalDate today = store_.center_time().date_of(clock_.now());
  auto sessions = core::sessions_between(store_, today, today.plus_days(kWeekDays - 1));
  if (!sessions) return fail(sessions.error());
  week_days_.clear();
  for (int offset = 0; offset < kWeekDays; ++offset) {
    const core::LocalDate day = today.plus_days(offset);
    ui::WeekDay entry;
    entry.day_text = day_text(day);
    for (const auto& session : *sessions) {
      if (store_.center_time().date_of(session.start) == day) entry.cards.push_back(group_card_of(session, false));
    }
    week_days_.push_back(std::move(entry));
  }
}

void KioskApp::load_open_groups() {
  open_group_cards_.clear();
  if (!session_.participant_id) return;  // guests see the calendar, but joining needs a name
  auto open = core::sessions_open_for_check_in(store_, clock_.now());
  if (!open) return fail(open.error());
  for (const auto& session : *open) open_group_cards_.push_back(group_card_of(session, true));
}

void KioskApp::remember_chosen(const std::vector<ui::GroupCard>& cards) {
  auto& keys = session_.chosen_sessions;
  for (const auto& card : cards) {
    if (card.chosen && !contains(keys, card.id)) keys.push_back(card.id);
    if (!card.chosen) keys.erase(std::remove(keys.begin(), keys.end(), card.id), keys.end());
  }
}

void KioskApp::refresh_group_texts() {
  if (!group_cards_.empty()) load_todays_groups();
  if (!week_days_.empty()) load_week_groups();
  if (!open_group_cards_.empty()) load_open_groups();
}

void KioskApp::open_todays_groups(ScreenId back_to) {
  session_.groups_back_to = back_to;
  load_todays_groups();
  go_to(ScreenId::TodaysGroups);
}

void KioskApp::on_todays_groups(ui::GroupsAction action) {
  switch (action) {
    case ui::GroupsAction::None:
      break;
    case ui::GroupsAction::Changed:
      remember_chosen(group_cards_);
      break;
    case ui::GroupsAction::Week:
      load_week_groups();
      go_to(ScreenId::WeekGroups);
      break;
    case ui::GroupsAction::Back:
      if (session_.groups_back_to == ScreenId::Reasons && session_.participant_id) {
        load_open_groups();
        go_to(ScreenId::Reasons);
      } else {
        go_to(ScreenId::Welcome);
      }
      break;
  }
}

void KioskApp::join_chosen_sessions(const std::string& visit_id) {
  if (!session_.participant_id) return;
  session_.done_notes.clear();
  for (const auto& key : session_.chosen_sessions) {
    auto session = core::find_session(store_, key);
    if (!session) {
      fail(session.error());
      continue;
    }
    // Capacity is checked again inside the write: someone else may have taken the last seat meanwhile.
    auto outcome = core::join_session(store_, {key, *session_.participant_id, visit_id, std::nullopt, false});
    if (!outcome) {
      fail(outcome.error());
      continue;
    }
    const char* note = "done.joined";
    if (*outcome == core::JoinOutcome::Full) note = "done.group_full";
    if (*outcome == core::JoinOutcome::Cancelled) note = "done.group_cancelled";
    session_.done_notes.push_back(ui::tr_format(note, session_.language, {{"group", session->title}}));
  }
  session_.chosen_sessions.clear();
}

}  // namespace porchlight::app
