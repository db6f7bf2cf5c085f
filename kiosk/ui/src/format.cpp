#include "porchlight/ui/format.hpp"

#include <cstdio>
#include <set>

#include "porchlight/ui/touch.hpp"

namespace porchlight::ui {

namespace {

constexpr int kDayMinutes = 24 * 60;

std::string weekday_short(Language language, int weekday) {
  return tr("weekday_short." + std::to_string(((weekday % 7) + 7) % 7), language);
}

// "Mon-Fri", "Mon, Wed, Fri", "Every day"; Monday first. Three days or more in a row are a range.
std::string days_text(Language language, const std::set<int>& days) {
  if (days.size() == 7) return tr("hours.every_day", language);
  return core::weekday_runs(days, [language](int weekday) { return weekday_short(language, weekday); });
}

std::string ordinal_text(Language language, int ordinal) {
  if (ordinal == -1) return tr("hours.ordinal_last", language);
  if (ordinal >= 1 && ordinal <= 3) return tr("hours.ordinal_" + std::to_string(ordinal), language);
  return tr_format("hours.ordinal_nth", language, {{"n", std::to_string(ordinal)}});
}

// "09:00": opening hours keep the 24-hour clock in every language.
std::string hours_clock(int minutes) {
  minutes = ((minutes % kDayMinutes) + kDayMinutes) % kDayMinutes;
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", minutes / 60, minutes % 60);
  return text;
}

// Closing at midnight reads "24:00"; past midnight, the next day's clock time.
std::string closing_clock(int minutes) { return minutes == kDayMinutes ? std::string("24:00") : hours_clock(minutes); }

}  // namespace

std::string clock_text(Language language, int minutes_of_day) {
  minutes_of_day = ((minutes_of_day % kDayMinutes) + kDayMinutes) % kDayMinutes;
  const int hour = minutes_of_day / 60;
  const int hour12 = hour % 12 == 0 ? 12 : hour % 12;
  char text[8];
  std::snprintf(text, sizeof text, "%d:%02d", hour12, minutes_of_day % 60);
  return std::string(text) + " " + tr(hour < 12 ? "time.am" : "time.pm", language);
}

std::string clock_text(const Ui& ui, int minutes_of_day) { return clock_text(ui.language, minutes_of_day); }

std::string clock_text(Language language, const core::CenterTime& time, core::Millis instant) {
  const std::string clock = time.clock_time(instant);  // "14:05"
  return clock_text(language, std::stoi(clock.substr(0, 2)) * 60 + std::stoi(clock.substr(3, 2)));
}

std::string date_text(Language language, core::LocalDate date) {
  return tr_format("date.format", language,
                   {{"weekday", tr("weekday." + std::to_string(date.weekday()), language)},
                    {"month", tr("month." + std::to_string(date.month), language)},
                    {"day", std::to_string(date.day)}});
}

std::string date_text(const Ui& ui, core::LocalDate date) { return date_text(ui.language, date); }

std::string month_day_text(Language language, core::LocalDate date) {
  return tr_format("date.month_day", language,
                   {{"month", tr("month." + std::to_string(date.month), language)}, {"day", std::to_string(date.day)}});
}

std::vector<std::string> opening_hours_text(Language language, const std::vector<core::OpeningHoursLine>& lines) {
  using Kind = core::OpeningHoursLine::Kind;
  std::vector<std::string> texts;
  for (const auto& line : lines) {
    const std::string times =
        line.all_day ? tr("hours.all_day", language) : hours_clock(line.opens) + "-" + closing_clock(line.closes);
    const std::set<int> days(line.weekdays.begin(), line.weekdays.end());
    std::string when;
    switch (line.kind) {
      case Kind::Weekly:
        when = days_text(language, days);
        break;
      case Kind::Monthly: {
        std::string which;
        for (const auto& day : line.byday) {
          if (!which.empty()) which += ", ";
          which += (day.ordinal ? ordinal_text(language, day.ordinal) + " " : std::string()) +
                   weekday_short(language, day.weekday);
        }
        for (int d : line.month_days) {
          if (!which.empty()) which += ", ";
          which += d == -1 ? tr("hours.last_day", language)
                           : tr_format("hours.month_day", language, {{"day", std::to_string(d)}});
        }
        if (which.empty()) which = tr("hours.monthly", language);
        when = tr_format("hours.of_the_month", language, {{"days", which}});
        break;
      }
      case Kind::Interval:
        when = tr_format(line.daily ? "hours.every_n_days" : "hours.every_n_weeks", language,
                         {{"days", days.empty() ? tr("hours.every", language) : days_text(language, days)},
                          {"count", std::to_string(line.interval)}});
        break;
    }
    texts.push_back(tr_format("hours.line", language, {{"days", when}, {"times", times}}));
  }
  return texts;
}

}  // namespace porchlight::ui
