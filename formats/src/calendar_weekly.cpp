// The weekly rules the staff form writes and reads back: the only shape a touchscreen form needs to show.
#include <array>
#include <string>
#include <string_view>

#include "porchlight/formats/calendar.hpp"

namespace porchlight::formats {

namespace {

constexpr std::array<std::string_view, 7> kDayCodes{"SU", "MO", "TU", "WE", "TH", "FR", "SA"};

std::optional<int> day_index(std::string_view code) {
  for (std::size_t i = 0; i < kDayCodes.size(); ++i) {
    if (kDayCodes[i] == code) return static_cast<int>(i);
  }
  return std::nullopt;
}

// Monday first, as RFC 5545's default week start and as people at a center read a week.
constexpr std::array<int, 7> kWeekOrder{1, 2, 3, 4, 5, 6, 0};

}  // namespace

bool WeeklyPattern::any_day() const {
  for (const bool day : weekdays) {
    if (day) return true;
  }
  return false;
}

std::string weekly_rrule(const WeeklyPattern& pattern) {
  if (!pattern.any_day()) return {};
  std::string rule = "FREQ=WEEKLY";
  if (pattern.interval == 2) rule += ";INTERVAL=2";
  rule += ";BYDAY=";
  bool first = true;
  for (const int day : kWeekOrder) {
    if (!pattern.weekdays[static_cast<std::size_t>(day)]) continue;
    if (!first) rule += ',';
    rule += kDayCodes[static_cast<std::size_t>(day)];
    first = false;
  }
  return rule;
}

std::optional<WeeklyPattern> parse_weekly_rrule(std::string_view rrule) {
  WeeklyPattern pattern;
  bool weekly = false;
  bool has_days = false;
  while (!rrule.empty()) {
    const auto end = rrule.find(';');
    const std::string_view part = rrule.substr(0, end);
    rrule = end == std::string_view::npos ? std::string_view() : rrule.substr(end + 1);
    const auto equals = part.find('=');
    if (equals == std::string_view::npos) return std::nullopt;
    const std::string_view name = part.substr(0, equals);
    std::string_view value = part.substr(equals + 1);
    if (name == "FREQ") {
      if (value != "WEEKLY") return std::nullopt;
      weekly = true;
    } else if (name == "INTERVAL") {
      if (value == "1") {
        pattern.interval = 1;
      } else if (value == "2") {
        pattern.interval = 2;
      } else {
        return std::nullopt;
      }
    } else if (name == "BYDAY") {
      while (!value.empty()) {
        const auto comma = value.find(',');
        const auto day = day_index(value.substr(0, comma));
        if (!day) return std::nullopt;  // "1MO", "-1FR": not a plain weekday
        pattern.weekdays[static_cast<std::size_t>(*day)] = true;
        has_days = true;
        value = comma == std::string_view::npos ? std::string_view() : value.substr(comma + 1);
      }
    } else if (name == "WKST") {
      if (!day_index(value)) return std::nullopt;
    } else {
      return std::nullopt;
    }
  }
  if (!weekly || !has_days) return std::nullopt;
  return pattern;
}

LocalDate first_day_of(const WeeklyPattern& pattern, LocalDate from) {
  for (int ahead = 0; ahead < 7; ++ahead) {
    const LocalDate day = from.plus_days(ahead);
    if (pattern.weekdays[static_cast<std::size_t>(day.weekday())]) return day;
  }
  return from;
}

}  // namespace porchlight::formats
