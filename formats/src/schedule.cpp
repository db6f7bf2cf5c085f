#include "porchlight/formats/schedule.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <functional>
#include <map>
#include <set>

namespace porchlight::formats {

namespace {

constexpr int kDayMinutes = 24 * 60;
constexpr std::array<std::string_view, 7> kWeekdayCodes{"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
constexpr std::array<std::string_view, 7> kWeekdayAbbrev{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 7> kWeekdayNames{"sunday",   "monday", "tuesday", "wednesday",
                                                       "thursday", "friday", "saturday"};

std::string trimmed_upper(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> items;
  std::string current;
  for (char c : text) {
    if (c == ',' || c == ';' || c == ' ') {
      if (!current.empty()) items.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) items.push_back(std::move(current));
  return items;
}

std::optional<int> parse_weekday(std::string_view upper) {
  for (int i = 0; i < 7; ++i) {
    if (upper == kWeekdayCodes[static_cast<std::size_t>(i)]) return i;
  }
  for (int i = 0; i < 7; ++i) {
    const auto name = kWeekdayNames[static_cast<std::size_t>(i)];
    std::string lower;
    for (char c : upper) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // "Mon", "Tues", "Monday"
    if (lower.size() >= 3 && name.substr(0, lower.size()) == lower) return i;
  }
  return std::nullopt;
}

Result<std::optional<LocalDate>> optional_date(const std::string& text, const char* field) {
  if (text.empty()) return std::optional<LocalDate>();
  // Datetimes ("2026-01-01T00:00:00Z") count by their date.
  auto date = LocalDate::parse(std::string_view(text).substr(0, 10));
  if (!date) return make_error(std::string(field) + " '" + text + "' is not a date (YYYY-MM-DD)");
  return std::optional<LocalDate>(*date);
}

int days_in_month(int year, int month) {
  const LocalDate first{year, month, 1};
  const LocalDate next = month == 12 ? LocalDate{year + 1, 1, 1} : LocalDate{year, month + 1, 1};
  return next.days_since_epoch() - first.days_since_epoch();
}

// Monday-based week number since the epoch, for "every other week".
int week_index(LocalDate date) {
  const int days = date.days_since_epoch();
  const int since_monday = (date.weekday() + 6) % 7;
  return (days - since_monday) / 7;
}

bool matches_byday(const ScheduleRule& rule, LocalDate date) {
  const int weekday = date.weekday();
  for (const auto& day : rule.byday) {
    if (day.weekday != weekday) continue;
    if (day.ordinal == 0 || rule.freq != ScheduleRule::Frequency::Monthly) return true;
    if (day.ordinal > 0 && (date.day - 1) / 7 + 1 == day.ordinal) return true;
    if (day.ordinal < 0 && (days_in_month(date.year, date.month) - date.day) / 7 + 1 == -day.ordinal) return true;
  }
  return false;
}

struct Interval {
  int start = 0;  // minutes after the midnight of the day it starts
  int end = 0;    // may pass 1440
};

Interval interval_of(const ScheduleRule& rule) {
  if (rule.all_day) return {0, kDayMinutes};
  return {rule.opens, rule.closes > rule.opens ? rule.closes : rule.closes + kDayMinutes};
}

// Closing at midnight reads "24:00"; past midnight, the next day's clock time.
std::string end_text(int minutes) { return minutes == kDayMinutes ? std::string("24:00") : minutes_text(minutes); }

std::string ordinal_text(int ordinal) {
  switch (ordinal) {
    case 1: return "1st";
    case 2: return "2nd";
    case 3: return "3rd";
    case -1: return "last";
    default: return std::to_string(ordinal) + "th";
  }
}

// "Mon-Fri", "Mon, Wed, Fri", "Every day"; Monday first.
std::string days_text(const std::set<int>& days) {
  if (days.size() == 7) return "Every day";
  return weekday_runs(days, [](int weekday) { return std::string(weekday_abbrev(weekday)); });
}

}  // namespace

std::string weekday_runs(const std::set<int>& days, const std::function<std::string(int)>& day_name) {
  std::vector<int> order;
  for (int i = 1; i <= 7; ++i) {
    if (days.count(i % 7)) order.push_back(i);  // 1..7 = Mon..Sun
  }
  std::string out;
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && order[j + 1] == order[j] + 1) ++j;
    if (!out.empty()) out += ", ";
    out += day_name(order[i] % 7);
    if (j >= i + 2) {
      out += "-";
      out += day_name(order[j] % 7);
    } else if (j == i + 1) {
      out += ", ";
      out += day_name(order[j] % 7);
    }
    i = j + 1;
  }
  return out;
}

std::optional<int> parse_time_of_day(std::string_view text) {
  std::string t;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (t.empty()) return std::nullopt;
  int pm = -1;  // -1: 24-hour clock
  if (t.size() > 2 && (t.ends_with("am") || t.ends_with("pm"))) {
    pm = t.ends_with("pm") ? 1 : 0;
    t.resize(t.size() - 2);
  }
  // An offset or Z after the time ("10:00:00Z", "10:00+01:00"): hours are the center's local hours anyway.
  if (!t.empty() && t.back() == 'z') t.pop_back();
  if (auto sign = t.find_first_of("+-", 1); sign != std::string::npos) t.resize(sign);
  int hour = 0;
  int minute = 0;
  int second = 0;
  std::vector<std::string> parts;
  {
    std::string current;
    for (char c : t) {
      if (c == ':' || c == '.') {
        parts.push_back(current);
        current.clear();
      } else {
        current += c;
      }
    }
    parts.push_back(current);
  }
  if (parts.size() == 1 && (parts[0].size() == 3 || parts[0].size() == 4) && pm < 0) {
    // "0900"
    const auto hh = parse_int(parts[0].substr(0, parts[0].size() - 2));
    const auto mm = parse_int(parts[0].substr(parts[0].size() - 2));
    if (!hh || !mm) return std::nullopt;
    hour = *hh;
    minute = *mm;
  } else {
    if (parts.size() > 3 || parts[0].empty() || parts[0].size() > 2) return std::nullopt;
    const auto hh = parse_int(parts[0]);
    if (!hh) return std::nullopt;
    hour = *hh;
    if (parts.size() >= 2) {
      if (parts[1].size() != 2) return std::nullopt;
      const auto mm = parse_int(parts[1]);
      if (!mm) return std::nullopt;
      minute = *mm;
    } else if (pm < 0) {
      return std::nullopt;  // a bare "9" is too ambiguous without am/pm
    }
    if (parts.size() == 3) {
      // Fractions of a second do not matter for opening hours.
      const auto ss = parse_int(parts[2].substr(0, 2));
      if (!ss) return std::nullopt;
      second = *ss;
    }
  }
  if (pm >= 0) {
    if (hour < 1 || hour > 12) return std::nullopt;
    hour = hour % 12 + (pm == 1 ? 12 : 0);
  }
  if (minute < 0 || minute > 59 || second < 0 || second > 59 || hour < 0) return std::nullopt;
  if (hour == 24 && minute == 0) return kDayMinutes;
  if (hour > 23) return std::nullopt;
  return hour * 60 + minute;
}

Result<ScheduleRule> parse_schedule(const ScheduleFields& fields) {
  ScheduleRule rule;
  const std::string freq = trimmed_upper(fields.freq);
  if (freq.empty() || freq == "WEEKLY") {
    rule.freq = ScheduleRule::Frequency::Weekly;
  } else if (freq == "MONTHLY") {
    rule.freq = ScheduleRule::Frequency::Monthly;
  } else if (freq == "DAILY") {
    rule.freq = ScheduleRule::Frequency::Daily;
  } else {
    return make_error("freq '" + fields.freq + "' is not WEEKLY or MONTHLY");
  }
  if (!fields.interval.empty()) {
    // Numbers may come as "2" or "2.0".
    std::string whole = fields.interval;
    if (auto dot = whole.find('.'); dot != std::string::npos && whole.find_first_not_of('0', dot + 1) == std::string::npos)
      whole.resize(dot);
    const auto interval = parse_int(whole);
    if (!interval || *interval < 1 || *interval > 52) return make_error("interval '" + fields.interval + "' is not 1 to 52");
    rule.interval = *interval;
  }
  for (const auto& item : split_list(fields.byday)) {
    std::string upper = trimmed_upper(item);
    std::size_t digits = 0;
    while (digits < upper.size() && (std::isdigit(static_cast<unsigned char>(upper[digits])) || upper[digits] == '-' ||
                                     upper[digits] == '+'))
      ++digits;
    ScheduleDay day;
    if (digits > 0) {
      const auto ordinal = parse_int(upper.substr(0, digits));
      if (!ordinal || *ordinal == 0 || *ordinal < -5 || *ordinal > 5) return make_error("byday '" + item + "' is not a day");
      day.ordinal = *ordinal;
    }
    const auto weekday = parse_weekday(upper.substr(digits));
    if (!weekday) return make_error("byday '" + item + "' is not a day");
    day.weekday = *weekday;
    rule.byday.push_back(day);
  }
  for (const auto& item : split_list(fields.bymonthday)) {
    const auto day = parse_int(item);
    if (!day || *day == 0 || *day < -1 || *day > 31) return make_error("bymonthday '" + item + "' is not a day of the month");
    rule.bymonthday.push_back(*day);
  }
  PL_TRY_ASSIGN(valid_from, optional_date(fields.valid_from, "valid_from"));
  PL_TRY_ASSIGN(valid_to, optional_date(fields.valid_to, "valid_to"));
  PL_TRY_ASSIGN(dtstart, optional_date(fields.dtstart, "dtstart"));
  PL_TRY_ASSIGN(until, optional_date(fields.until, "until"));
  rule.valid_from = valid_from;
  rule.valid_to = valid_to;
  rule.dtstart = dtstart;
  rule.until = until;
  if (fields.opens_at.empty() && fields.closes_at.empty()) {
    rule.all_day = true;
  } else {
    const auto opens = fields.opens_at.empty() ? std::optional<int>(0) : parse_time_of_day(fields.opens_at);
    if (!opens) return make_error("opens_at '" + fields.opens_at + "' is not a time of day");
    const auto closes = fields.closes_at.empty() ? std::optional<int>(kDayMinutes) : parse_time_of_day(fields.closes_at);
    if (!closes) return make_error("closes_at '" + fields.closes_at + "' is not a time of day");
    rule.opens = *opens == kDayMinutes ? 0 : *opens;
    rule.closes = *closes;
  }
  return rule;
}

bool occurs_on(const ScheduleRule& rule, LocalDate date) {
  if (rule.valid_from && date < *rule.valid_from) return false;
  if (rule.valid_to && date > *rule.valid_to) return false;
  if (rule.until && date > *rule.until) return false;
  if (rule.dtstart && date < *rule.dtstart) return false;
  switch (rule.freq) {
    case ScheduleRule::Frequency::Daily:
      if (rule.interval > 1 && rule.dtstart &&
          (date.days_since_epoch() - rule.dtstart->days_since_epoch()) % rule.interval != 0)
        return false;
      return rule.byday.empty() || matches_byday(rule, date);
    case ScheduleRule::Frequency::Weekly:
      if (rule.interval > 1 && rule.dtstart && (week_index(date) - week_index(*rule.dtstart)) % rule.interval != 0)
        return false;
      if (!rule.byday.empty()) return matches_byday(rule, date);
      // RFC 5545: a weekly rule without BYDAY repeats on dtstart's weekday; without either, every day.
      return !rule.dtstart || rule.dtstart->weekday() == date.weekday();
    case ScheduleRule::Frequency::Monthly: {
      if (rule.interval > 1 && rule.dtstart) {
        const int months = (date.year - rule.dtstart->year) * 12 + (date.month - rule.dtstart->month);
        if (months % rule.interval != 0) return false;
      }
      if (!rule.bymonthday.empty()) {
        const int last = days_in_month(date.year, date.month);
        const bool day_matches = std::any_of(rule.bymonthday.begin(), rule.bymonthday.end(),
                                             [&](int d) { return d == date.day || (d == -1 && date.day == last); });
        if (!day_matches) return false;
        return rule.byday.empty() || matches_byday(rule, date);
      }
      if (!rule.byday.empty()) return matches_byday(rule, date);
      return !rule.dtstart || rule.dtstart->day == date.day;
    }
  }
  return false;
}

LocalMoment local_moment(const CenterTime& zone, Millis instant) {
  using std::chrono::milliseconds;
  try {
    const auto* tz = date::locate_zone(zone.zone_name());
    const auto local = tz->to_local(date::sys_time<milliseconds>{milliseconds{instant}});
    const auto day = date::floor<date::days>(local);
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(local - day).count();
    return {LocalDate::from_days_since_epoch(static_cast<int>(day.time_since_epoch().count())),
            static_cast<int>(minutes)};
  } catch (const std::exception&) {
    // CenterTime only exists for zones the system knows, so this does not happen; fall back to the date.
    return {zone.date_of(instant), zone.hour_of(instant) * 60};
  }
}

OpenStatus open_status(const std::vector<ScheduleRule>& rules, LocalMoment now) {
  OpenStatus status;
  if (rules.empty()) return status;
  status.state = OpenStatus::State::Closed;
  const LocalDate yesterday = now.date.plus_days(-1);
  for (const auto& rule : rules) {
    const Interval hours = interval_of(rule);
    if (occurs_on(rule, now.date)) {
      status.hours_today = true;
      if (now.minute >= hours.start && now.minute < hours.end) {
        status.state = OpenStatus::State::Open;
        status.closes = std::max(status.closes.value_or(0), hours.end);
      }
    }
    // Hours that started yesterday and run past midnight.
    if (hours.end > kDayMinutes && occurs_on(rule, yesterday) && now.minute < hours.end - kDayMinutes) {
      status.state = OpenStatus::State::Open;
      status.closes = std::max(status.closes.value_or(0), hours.end - kDayMinutes);
    }
  }
  if (status.state == OpenStatus::State::Open) return status;
  for (int ahead = 0; ahead <= 7 && !status.next; ++ahead) {
    const LocalDate day = now.date.plus_days(ahead);
    std::optional<int> earliest;
    for (const auto& rule : rules) {
      if (!occurs_on(rule, day)) continue;
      const int start = interval_of(rule).start;
      if (ahead == 0 && start <= now.minute) continue;
      if (!earliest || start < *earliest) earliest = start;
    }
    if (earliest) status.next = OpenStatus::Next{ahead, day.weekday(), *earliest};
  }
  return status;
}

std::string minutes_text(int minutes) {
  minutes = ((minutes % kDayMinutes) + kDayMinutes) % kDayMinutes;
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d", minutes / 60, minutes % 60);
  return buffer;
}

std::string_view weekday_abbrev(int weekday) { return kWeekdayAbbrev[static_cast<std::size_t>(((weekday % 7) + 7) % 7)]; }

std::string open_status_text(const OpenStatus& status) {
  switch (status.state) {
    case OpenStatus::State::Unknown:
      return "";
    case OpenStatus::State::Open:
      return "Open now";
    case OpenStatus::State::Closed:
      break;
  }
  if (status.next && status.next->days_ahead == 0) return "Opens today " + minutes_text(status.next->minute);
  const std::string next =
      status.next ? "Opens " + std::string(weekday_abbrev(status.next->weekday)) + " " + minutes_text(status.next->minute)
                  : std::string();
  if (!status.hours_today) return next.empty() ? "Closed today" : "Closed today · " + next;
  return next.empty() ? "Closed today" : next;
}

std::vector<OpeningHoursLine> opening_hours(const std::vector<ScheduleRule>& rules) {
  // Weekly hours grouped by their times; the others each on their own line, after them.
  std::map<std::pair<int, int>, std::set<int>> weekly;
  std::vector<OpeningHoursLine> others;
  for (const auto& rule : rules) {
    const Interval hours = interval_of(rule);
    const bool plain_weekly = rule.freq != ScheduleRule::Frequency::Monthly && rule.interval == 1;
    if (plain_weekly) {
      auto& days = weekly[{hours.start, rule.all_day ? -1 : hours.end}];
      if (rule.byday.empty()) {
        if (rule.dtstart && rule.freq == ScheduleRule::Frequency::Weekly) {
          days.insert(rule.dtstart->weekday());
        } else {
          for (int d = 0; d < 7; ++d) days.insert(d);
        }
      }
      for (const auto& day : rule.byday) days.insert(day.weekday);
      continue;
    }
    OpeningHoursLine line;
    line.all_day = rule.all_day;
    line.opens = hours.start;
    line.closes = hours.end;
    if (rule.freq == ScheduleRule::Frequency::Monthly) {
      line.kind = OpeningHoursLine::Kind::Monthly;
      line.byday = rule.byday;
      line.month_days = rule.bymonthday;
    } else {
      line.kind = OpeningHoursLine::Kind::Interval;
      std::set<int> days;
      for (const auto& day : rule.byday) days.insert(day.weekday);
      line.weekdays.assign(days.begin(), days.end());
      line.interval = rule.interval;
      line.daily = rule.freq == ScheduleRule::Frequency::Daily;
    }
    others.push_back(std::move(line));
  }
  // Order groups by their first day, Monday first; ties in the order of their English lines, as always.
  struct Ordered {
    int order = 0;
    std::string english;
    OpeningHoursLine line;
  };
  std::vector<Ordered> ordered;
  for (const auto& [key, days] : weekly) {
    int first = 8;
    for (int d : days) first = std::min(first, (d + 6) % 7);
    OpeningHoursLine line;
    line.weekdays.assign(days.begin(), days.end());
    line.all_day = key.second < 0;
    line.opens = key.first;
    line.closes = line.all_day ? kDayMinutes : key.second;
    const std::string times =
        line.all_day ? std::string("all day") : minutes_text(key.first) + "-" + end_text(key.second);
    ordered.push_back({first * kDayMinutes * 2 + key.first, days_text(days) + " " + times, std::move(line)});
  }
  std::sort(ordered.begin(), ordered.end(), [](const Ordered& a, const Ordered& b) {
    return a.order != b.order ? a.order < b.order : a.english < b.english;
  });
  std::vector<OpeningHoursLine> lines;
  for (auto& entry : ordered) lines.push_back(std::move(entry.line));
  for (auto& line : others) lines.push_back(std::move(line));
  return lines;
}

std::vector<std::string> hours_lines(const std::vector<ScheduleRule>& rules) {
  std::vector<std::string> lines;
  for (const auto& line : opening_hours(rules)) {
    const std::string times = line.all_day ? std::string("all day") : minutes_text(line.opens) + "-" + end_text(line.closes);
    const std::set<int> days(line.weekdays.begin(), line.weekdays.end());
    std::string when;
    switch (line.kind) {
      case OpeningHoursLine::Kind::Weekly:
        when = days_text(days);
        break;
      case OpeningHoursLine::Kind::Monthly:
        for (const auto& day : line.byday) {
          if (!when.empty()) when += ", ";
          when += (day.ordinal ? ordinal_text(day.ordinal) + " " : std::string()) + std::string(weekday_abbrev(day.weekday));
        }
        for (int d : line.month_days) {
          if (!when.empty()) when += ", ";
          when += d == -1 ? std::string("last day") : std::string("day ").append(std::to_string(d));
        }
        if (when.empty()) when = "monthly";
        when += " of the month";
        break;
      case OpeningHoursLine::Kind::Interval:
        when = (days.empty() ? std::string("Every") : days_text(days)) + ", every " + std::to_string(line.interval) +
               (line.daily ? " days" : " weeks");
        break;
    }
    lines.push_back(when + " " + times);
  }
  return lines;
}

}  // namespace porchlight::formats
