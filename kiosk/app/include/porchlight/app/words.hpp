#pragma once
// Dates, times, opening hours and group cards in the participant's words: shared by participant and staff pages.
#include <string>
#include <vector>

#include "porchlight/core/calendar.hpp"
#include "porchlight/core/directory.hpp"
#include "porchlight/ui/screens.hpp"

namespace porchlight::app {

struct PageContext;

// "Monday, November 23".
[[nodiscard]] std::string day_text(core::LocalDate date, ui::Language language);
// "9:30 AM" from minutes after midnight.
[[nodiscard]] std::string clock_words(int minutes, ui::Language language);
// "Open until 5:00 PM", "Opens Tue 9:00 AM", ...
[[nodiscard]] std::string open_status_words(const core::OpenStatus& status, ui::Language language);
[[nodiscard]] std::vector<ui::CategoryTile> category_tiles(ui::Language language);
// A session as a card (times, seats, phase); `chosen` from the participant's chosen sessions.
[[nodiscard]] ui::GroupCard group_card_of(const PageContext& context, const core::Session& session, bool identified);

}  // namespace porchlight::app
