// Recurrence expansion (libical, in the center's wall clock) and wall clock <-> UTC (the tz database).
#include <date/date.h>
#include <date/tz.h>
#include <libical/ical.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>

#include "porchlight/formats/calendar_rules.hpp"

namespace porchlight::formats {

namespace {

bool digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int number(std::string_view text) {
  int value = 0;
  for (char c : text) value = value * 10 + (c - '0');
  return value;
}

// Upper bound on rule steps for one expansion: a rule that never reaches the range (a fuzzer's
// FREQ=SECONDLY) ends with an error instead of spinning.
constexpr int kMaxSteps = 200000;

}  // namespace

std::string LocalDateTime::key(bool all_day) const {
  char buffer[32];
  if (all_day) {
    std::snprintf(buffer, sizeof buffer, "%04d%02d%02d", date.year, date.month, date.day);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d%02d%02dT%02d%02d%02d", date.year, date.month, date.day, hour, minute,
                  second);
  }
  return buffer;
}

std::optional<LocalDateTime> LocalDateTime::parse_key(std::string_view text) {
  if (text.size() != 8 && text.size() != 15) return std::nullopt;
  if (!digits(text.substr(0, 8))) return std::nullopt;
  char iso[11];
  std::snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", text.data(), text.data() + 4, text.data() + 6);
  const auto date = LocalDate::parse(iso);
  if (!date) return std::nullopt;
  LocalDateTime result{*date, 0, 0, 0};
  if (text.size() == 15) {
    if (text[8] != 'T' || !digits(text.substr(9, 6))) return std::nullopt;
    result.hour = number(text.substr(9, 2));
    result.minute = number(text.substr(11, 2));
    result.second = number(text.substr(13, 2));
    if (result.hour > 23 || result.minute > 59 || result.second > 59) return std::nullopt;
  }
  return result;
}

std::string LocalDateTime::iso(bool all_day) const {
  if (all_day) return date.iso();
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d", date.iso().c_str(), hour, minute);
  return buffer;
}

std::int64_t LocalDateTime::minutes_since_epoch() const {
  return static_cast<std::int64_t>(date.days_since_epoch()) * 1440 + hour * 60 + minute;
}

LocalDateTime LocalDateTime::from_minutes_since_epoch(std::int64_t minutes) {
  std::int64_t days = minutes / 1440;
  std::int64_t rest = minutes % 1440;
  if (rest < 0) {
    rest += 1440;
    --days;
  }
  return LocalDateTime{LocalDate::from_days_since_epoch(static_cast<int>(days)), static_cast<int>(rest / 60),
                       static_cast<int>(rest % 60), 0};
}

// ---- zones --------------------------------------------------------------------------------------------

namespace {

Result<const date::time_zone*> find_zone(const std::string& zone_name) {
  try {
    return date::locate_zone(zone_name);
  } catch (const std::exception&) {
    return make_error("unknown time zone '" + zone_name + "'");
  }
}

date::local_seconds to_local_seconds(const LocalDateTime& local) {
  const date::year_month_day ymd{date::year{local.date.year}, date::month{static_cast<unsigned>(local.date.month)},
                                 date::day{static_cast<unsigned>(local.date.day)}};
  return date::local_days{ymd} + std::chrono::hours{local.hour} + std::chrono::minutes{local.minute} +
         std::chrono::seconds{local.second};
}

}  // namespace

bool known_zone(const std::string& zone_name) { return find_zone(zone_name).ok(); }

Result<Millis> local_to_utc(const std::string& zone_name, const LocalDateTime& local) {
  PL_TRY_ASSIGN(zone, find_zone(zone_name));
  const auto wall = to_local_seconds(local);
  const auto info = zone->get_info(wall);
  // Nonexistent (spring forward) and ambiguous (fall back) both take the offset in force before the change.
  const auto offset = info.first.offset;
  const auto instant = date::sys_seconds{wall.time_since_epoch()} - offset;
  return static_cast<Millis>(instant.time_since_epoch().count()) * 1000;
}

Result<LocalDateTime> utc_to_local(const std::string& zone_name, Millis instant) {
  PL_TRY_ASSIGN(zone, find_zone(zone_name));
  const auto seconds = date::floor<std::chrono::seconds>(date::sys_time<std::chrono::milliseconds>{
      std::chrono::milliseconds{instant}});
  const auto local = zone->to_local(seconds);
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const auto since_midnight = std::chrono::duration_cast<std::chrono::seconds>(local - day).count();
  return LocalDateTime{LocalDate{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                                 static_cast<int>(static_cast<unsigned>(ymd.day()))},
                       static_cast<int>(since_midnight / 3600), static_cast<int>(since_midnight / 60 % 60),
                       static_cast<int>(since_midnight % 60)};
}

// ---- libical ------------------------------------------------------------------------------------------

icaltimetype to_ical(const LocalDateTime& local, bool all_day) {
  icaltimetype time = icaltime_null_time();
  time.year = local.date.year;
  time.month = local.date.month;
  time.day = local.date.day;
  if (all_day) {
    time.is_date = 1;
  } else {
    time.hour = local.hour;
    time.minute = local.minute;
    time.second = local.second;
  }
  return time;
}

std::optional<LocalDateTime> from_ical(const icaltimetype& time) {
  if (icaltime_is_null_time(time) || time.year < 1 || time.year > 9999) return std::nullopt;
  LocalDateTime local{LocalDate{time.year, time.month, time.day}, 0, 0, 0};
  if (!time.is_date) {
    local.hour = time.hour;
    local.minute = time.minute;
    local.second = time.second;
  }
  return local;
}

Result<icalrecurrencetype> parse_rrule(std::string_view rrule) {
  const std::string text(rrule);
  icalerror_clear_errno();
  // libical reports a malformed rule through icalerrno and a rule without a frequency.
  const icalrecurrencetype rule = icalrecurrencetype_from_string(text.c_str());
  const bool failed = icalerrno != ICAL_NO_ERROR || rule.freq == ICAL_NO_RECURRENCE;
  icalerror_clear_errno();
  if (failed) return make_error("the repeat rule '" + text + "' is not a valid iCalendar RRULE");
  if (rule.interval < 1) return make_error("the repeat rule '" + text + "' has a bad INTERVAL");
  return rule;
}

namespace {

std::size_t set_size(const short* list, std::size_t capacity) {
  std::size_t size = 0;
  while (size < capacity && list[size] != ICAL_RECURRENCE_ARRAY_MAX) ++size;
  return size;
}

}  // namespace

Result<void> check_group_rule(const icalrecurrencetype& rule, std::string_view text) {
  const std::string shown(text);
  if (rule.freq == ICAL_SECONDLY_RECURRENCE || rule.freq == ICAL_MINUTELY_RECURRENCE ||
      rule.freq == ICAL_HOURLY_RECURRENCE) {
    return make_error("the repeat rule '" + shown + "' repeats more often than daily, which no group does");
  }
  if (rule.count > kMaxRuleCount) {
    return make_error("the repeat rule '" + shown + "' has COUNT " + std::to_string(rule.count) + " (at most " +
                      std::to_string(kMaxRuleCount) + " sessions)");
  }
  // BYHOUR, BYMINUTE and BYSECOND multiply the sessions of one day.
  const std::size_t per_day = std::max<std::size_t>(1, set_size(rule.by_hour, ICAL_BY_HOUR_SIZE)) *
                              std::max<std::size_t>(1, set_size(rule.by_minute, ICAL_BY_MINUTE_SIZE)) *
                              std::max<std::size_t>(1, set_size(rule.by_second, ICAL_BY_SECOND_SIZE));
  if (per_day > static_cast<std::size_t>(kMaxSessionsPerDay)) {
    return make_error("the repeat rule '" + shown + "' makes " + std::to_string(per_day) + " sessions a day (at most " +
                      std::to_string(kMaxSessionsPerDay) + ")");
  }
  return {};
}

Result<std::string> normalize_rrule(std::string_view rrule) {
  PL_TRY_ASSIGN(rule, parse_rrule(rrule));
  PL_TRY(check_group_rule(rule, rrule));
  char* text = icalrecurrencetype_as_string_r(&rule);
  if (!text) return make_error("the repeat rule '" + std::string(rrule) + "' cannot be written back");
  std::string normal(text);
  icalmemory_free_buffer(text);
  return normal;
}

namespace {

bool unset(const short* list) { return list[0] == ICAL_RECURRENCE_ARRAY_MAX; }

// A DAILY or WEEKLY rule whose only BY part is plain weekdays, and whose DTSTART is one of its own sessions:
// its sessions repeat every `interval` days or weeks, so expanding it from DTSTART moved forward by whole
// periods (in the wall clock, so daylight saving stays right) gives the same sessions after the new start.
std::optional<int> plain_period_days(const icalrecurrencetype& rule, const LocalDateTime& start) {
  if (rule.freq != ICAL_DAILY_RECURRENCE && rule.freq != ICAL_WEEKLY_RECURRENCE) return std::nullopt;
  if (rule.rscale != nullptr || !unset(rule.by_second) || !unset(rule.by_minute) || !unset(rule.by_hour) ||
      !unset(rule.by_month_day) || !unset(rule.by_year_day) || !unset(rule.by_week_no) || !unset(rule.by_month) ||
      !unset(rule.by_set_pos)) {
    return std::nullopt;
  }
  bool start_matches = unset(rule.by_day);
  for (int i = 0; i < ICAL_BY_DAY_SIZE && rule.by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i) {
    if (icalrecurrencetype_day_position(rule.by_day[i]) != 0) return std::nullopt;
    // libical numbers Sunday 1; LocalDate numbers it 0.
    if (static_cast<int>(icalrecurrencetype_day_day_of_week(rule.by_day[i])) - 1 == start.date.weekday()) {
      start_matches = true;
    }
  }
  if (!start_matches) return std::nullopt;
  return rule.interval * (rule.freq == ICAL_WEEKLY_RECURRENCE ? 7 : 1);
}

// Where a COUNT series ends (its last session), or nullopt when it makes none after DTSTART: walked once per
// rule and start, then remembered, so a COUNT rule can be expanded like one without COUNT that stops there.
struct SeriesEnds {
  std::mutex mutex;
  std::unordered_map<std::string, std::optional<LocalDateTime>> ends;
};

SeriesEnds& series_ends() {
  static SeriesEnds memo;  // process-wide: a pure function of the rule text and DTSTART
  return memo;
}

constexpr std::size_t kMaxRememberedSeries = 4096;

Result<std::optional<LocalDateTime>> count_series_end(const GroupDefinition& group, const icalrecurrencetype& rule) {
  const std::string name = group.rrule + "|" + group.start.key(group.all_day);
  {
    std::lock_guard<std::mutex> lock(series_ends().mutex);
    if (auto found = series_ends().ends.find(name); found != series_ends().ends.end()) return found->second;
  }
  icalrecur_iterator* iterator = icalrecur_iterator_new(rule, to_ical(group.start, group.all_day));
  if (!iterator) {
    icalerror_clear_errno();
    return make_error("the repeat rule '" + group.rrule + "' cannot be expanded from " + group.start.key());
  }
  std::optional<LocalDateTime> last;
  for (int step = 0;; ++step) {
    if (step >= kMaxSteps) {
      icalrecur_iterator_free(iterator);
      return make_error("the repeat rule '" + group.rrule + "' makes too many sessions");
    }
    const icaltimetype next = icalrecur_iterator_next(iterator);
    if (icaltime_is_null_time(next)) break;
    const auto local = from_ical(next);
    if (!local) break;
    last = *local;
  }
  icalrecur_iterator_free(iterator);
  icalerror_clear_errno();
  std::lock_guard<std::mutex> lock(series_ends().mutex);
  if (series_ends().ends.size() >= kMaxRememberedSeries) series_ends().ends.clear();
  series_ends().ends.emplace(name, last);
  return last;
}

// Wall-clock starts the rule (with DTSTART itself, RFC 5545 3.8.5.3) makes in [from, until).
Result<std::vector<LocalDateTime>> rule_starts(const GroupDefinition& group, const LocalDateTime& from,
                                               const LocalDateTime& until) {
  std::vector<LocalDateTime> starts;
  if (group.start >= from && group.start < until) starts.push_back(group.start);
  if (group.rrule.empty() || group.start >= until) return starts;
  PL_TRY_ASSIGN(rule, parse_rrule(group.rrule));
  // A rule stored before such rules were refused is not walked at all.
  PL_TRY(check_group_rule(rule, group.rrule));
  // A COUNT series is the same rule without COUNT, stopped at its last session.
  std::optional<LocalDateTime> series_end;
  if (rule.count > 0) {
    PL_TRY_ASSIGN(end, count_series_end(group, rule));
    if (!end || *end < from) return starts;
    series_end = end;
    rule.count = 0;
  }
  // Start near the range: by whole periods for plain daily/weekly rules (at least one period before it, so a
  // week's days before the new DTSTART are all before the range), else libical's own skip.
  LocalDateTime first = group.start;
  bool skip_with_libical = false;
  if (from > group.start) {
    if (const auto period = plain_period_days(rule, group.start)) {
      const int behind = from.date.days_since_epoch() - group.start.date.days_since_epoch();
      const int periods = behind / *period - 1;
      if (periods > 0) first.date = group.start.date.plus_days(periods * *period);
    } else {
      skip_with_libical = true;
    }
  }
  icalrecur_iterator* iterator = icalrecur_iterator_new(rule, to_ical(first, group.all_day));
  if (!iterator) {
    icalerror_clear_errno();
    return make_error("the repeat rule '" + group.rrule + "' cannot be expanded from " + group.start.key());
  }
  struct Free {
    icalrecur_iterator* it;
    ~Free() { icalrecur_iterator_free(it); }
  } free_iterator{iterator};
  // libical's skip is exact for rules without COUNT (checked against a full walk in the tests).
  if (skip_with_libical) icalrecur_iterator_set_start(iterator, to_ical(from, group.all_day));
  for (int step = 0;; ++step) {
    if (step >= kMaxSteps) return make_error("the repeat rule '" + group.rrule + "' makes too many sessions");
    const icaltimetype next = icalrecur_iterator_next(iterator);
    if (icaltime_is_null_time(next)) break;
    const auto local = from_ical(next);
    if (!local || *local >= until || (series_end && *local > *series_end)) break;
    if (*local >= from && *local != group.start) starts.push_back(*local);
  }
  icalerror_clear_errno();
  return starts;
}

}  // namespace

namespace {

// The rule's starts for a group whose rule repeats in a zone of its own: expanded in that zone's wall clock over
// the range widened by two days each side (zones differ by less than a day), then each brought to the center's
// wall clock and kept when it falls in [from, until).
Result<std::vector<LocalDateTime>> zoned_rule_starts(const GroupDefinition& group, const std::string& center_zone,
                                                     const LocalDateTime& from, const LocalDateTime& until) {
  PL_TRY_ASSIGN(first, local_to_utc(center_zone, group.start));
  GroupDefinition own = group;
  PL_TRY_ASSIGN(own_start, utc_to_local(group.time_zone, first));
  own.start = own_start;
  const LocalDateTime own_from{from.date.plus_days(-2), 0, 0, 0};
  const LocalDateTime own_until{until.date.plus_days(2), 0, 0, 0};
  PL_TRY_ASSIGN(own_starts, rule_starts(own, own_from, own_until));
  std::vector<LocalDateTime> starts;
  for (const auto& start : own_starts) {
    PL_TRY_ASSIGN(instant, local_to_utc(group.time_zone, start));
    PL_TRY_ASSIGN(center, utc_to_local(center_zone, instant));
    if (start == own.start) center = group.start;  // DTSTART keeps its name, even in a clock change
    if (center >= from && center < until) starts.push_back(center);
  }
  std::sort(starts.begin(), starts.end());
  return starts;
}

}  // namespace

Result<std::vector<Occurrence>> expand_group(const GroupDefinition& group, const std::vector<SessionOverride>& overrides,
                                             LocalDate from, LocalDate to, const std::string& center_zone) {
  if (to < from) return std::vector<Occurrence>{};
  const LocalDateTime range_start{from, 0, 0, 0};
  const LocalDateTime range_end{to.plus_days(1), 0, 0, 0};
  // Sessions are named by their original start; a session moved into the range from outside it comes from
  // its override, so originals are gathered over the range only.
  const bool own_zone = !group.time_zone.empty() && !center_zone.empty() && group.time_zone != center_zone &&
                        !group.all_day && !group.floating;
  PL_TRY_ASSIGN(starts, own_zone ? zoned_rule_starts(group, center_zone, range_start, range_end)
                                 : rule_starts(group, range_start, range_end));
  std::set<LocalDateTime> from_rule(starts.begin(), starts.end());
  std::set<LocalDateTime> all = from_rule;
  for (const auto& extra : group.rdates) {
    if (extra >= range_start && extra < range_end) all.insert(extra);
  }
  for (const auto& excluded : group.exdates) all.erase(excluded);

  std::map<LocalDateTime, const SessionOverride*> by_occurrence;
  for (const auto& change : overrides) by_occurrence[change.occurrence] = &change;

  std::vector<Occurrence> sessions;
  auto in_range = [&](const LocalDateTime& start) { return start >= range_start && start < range_end; };
  auto apply = [&](Occurrence& session, const SessionOverride& change) {
    session.cancelled = change.cancelled;
    if (change.start && *change.start != session.occurrence) {
      session.start = *change.start;
      session.moved = true;
    }
    if (change.duration_minutes) session.duration_minutes = *change.duration_minutes;
    if (change.room) session.room = change.room;
  };
  for (const auto& original : all) {
    Occurrence session;
    session.occurrence = original;
    session.start = original;
    session.duration_minutes = group.duration_minutes;
    session.added = from_rule.count(original) == 0;
    if (auto found = by_occurrence.find(original); found != by_occurrence.end()) apply(session, *found->second);
    if (in_range(session.start)) sessions.push_back(std::move(session));
  }
  // Moved here from a day outside the range.
  for (const auto& change : overrides) {
    if (!change.start || !in_range(*change.start) || in_range(change.occurrence)) continue;
    if (std::find(group.exdates.begin(), group.exdates.end(), change.occurrence) != group.exdates.end()) continue;
    Occurrence session;
    session.occurrence = change.occurrence;
    session.start = change.occurrence;
    session.duration_minutes = group.duration_minutes;
    session.added = std::find(group.rdates.begin(), group.rdates.end(), change.occurrence) != group.rdates.end();
    apply(session, change);
    sessions.push_back(std::move(session));
  }
  std::sort(sessions.begin(), sessions.end(), [](const Occurrence& a, const Occurrence& b) {
    return a.start != b.start ? a.start < b.start : a.occurrence < b.occurrence;
  });
  return sessions;
}

}  // namespace porchlight::formats
