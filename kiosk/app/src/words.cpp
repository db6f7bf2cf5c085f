// Dates, times, opening hours and group cards in the participant's words (moved from KioskApp: groups_flow.cpp and
// help_flow.cpp).
#include "porchlight/app/words.hpp"

#include <algorithm>
#include <cstdio>

#include "porchlight/app/page.hpp"
#include "porchlight/ui/format.hpp"

namespace porchlight::app {

namespace {

bool contains(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

}  // namespace

std::string day_text(core::LocalDate date, ui::Language language) { return ui::date_text(language, date); }

ui::GroupCard group_card_of(const PageContext& context, const core::Session& session, bool identified) {
  const core::Millis now = context.clock.now();
  const auto& time = context.store.center_time();
  const ui::Language language = context.language();
  auto clock_text = [&](core::Millis instant) { return ui::clock_text(language, time, instant); };
  ui::GroupCard card;
  card.id = session.key;
  card.time_text = session.all_day ? ui::tr("groups.all_day", language)
                                   : clock_text(session.start) + " \xE2\x80\x93 " + clock_text(session.end);
  card.title = session.title;
  card.room = session.room;
  card.facilitator = session.facilitator;
  card.full = session.full();
  if (session.seats_left) {
    card.seats_text = *session.seats_left <= 0   ? ui::tr("groups.full", language)
                      : *session.seats_left == 1 ? ui::tr("groups.one_seat_left", language)
                                                 : ui::tr_format("groups.seats_left", language,
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
  card.chosen = contains(context.session.chosen_sessions, session.key);
  card.joinable = identified && !session.cancelled && phase != core::SessionPhase::Ended && !card.full;
  return card;
}

std::string clock_words(int minutes, ui::Language language) { return ui::clock_text(language, minutes); }

std::string open_status_words(const core::OpenStatus& status, ui::Language language) {
  using State = core::OpenStatus::State;
  switch (status.state) {
    case State::Unknown:
      return ui::tr("help.no_hours", language);
    case State::Open:
      if (status.closes) return ui::tr_format("help.open_until", language, {{"time", clock_words(*status.closes, language)}});
      return ui::tr("help.open_now", language);
    case State::Closed:
      break;
  }
  if (!status.next) return ui::tr("help.closed_today", language);
  const std::string time = clock_words(status.next->minute, language);
  if (status.next->days_ahead == 0) return ui::tr_format("help.opens_today", language, {{"time", time}});
  const std::string day = ui::tr("weekday_short." + std::to_string(status.next->weekday), language);
  return ui::tr_format(status.hours_today ? "help.opens_day" : "help.closed_today_opens", language,
                       {{"day", day}, {"time", time}});
}

std::vector<ui::CategoryTile> category_tiles(ui::Language language) {
  std::vector<ui::CategoryTile> tiles;
  for (const auto category : core::all_categories()) {
    const std::string code(core::category_code(category));
    tiles.push_back({code, ui::tr("category." + code, language)});
  }
  return tiles;
}

}  // namespace porchlight::app
