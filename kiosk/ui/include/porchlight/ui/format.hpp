#pragma once
// Core's numbers, times and codes in words, in the screen's language: the one place the kiosk writes a clock time,
// a date or opening hours. The words come from the language files (strings.hpp); core returns none.
#include <string>
#include <vector>

#include "porchlight/core/civil_time.hpp"
#include "porchlight/core/schedule.hpp"
#include "porchlight/ui/strings.hpp"

namespace porchlight::ui {

struct Ui;

// "6:15 PM" / "6:15 p. m." from minutes after midnight (past midnight wraps to the next day's clock).
[[nodiscard]] std::string clock_text(Language language, int minutes_of_day);
[[nodiscard]] std::string clock_text(const Ui& ui, int minutes_of_day);
// The same for an instant, on the center's clock.
[[nodiscard]] std::string clock_text(Language language, const core::CenterTime& time, core::Millis instant);

// "Tuesday, November 24" / "martes 24 de noviembre".
[[nodiscard]] std::string date_text(Language language, core::LocalDate date);
[[nodiscard]] std::string date_text(const Ui& ui, core::LocalDate date);
// "November 24" / "24 de noviembre".
[[nodiscard]] std::string month_day_text(Language language, core::LocalDate date);

// One line per opening_hours line: "Mon-Fri 09:00-17:00" / "lun-vie 09:00-17:00"; hours stay 24-hour.
[[nodiscard]] std::vector<std::string> opening_hours_text(Language language,
                                                          const std::vector<core::OpeningHoursLine>& lines);

}  // namespace porchlight::ui
