#include "porchlight/formats/civil_time.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace porchlight::formats {

namespace {

using std::chrono::milliseconds;
using SysMillis = date::sys_time<milliseconds>;

date::year_month_day to_ymd(LocalDate d) {
  return date::year{d.year} / date::month{static_cast<unsigned>(d.month)} / date::day{static_cast<unsigned>(d.day)};
}

LocalDate from_ymd(date::year_month_day ymd) {
  return LocalDate{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                   static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

const date::time_zone* zone_of(const void* opaque) { return static_cast<const date::time_zone*>(opaque); }

bool parse_fixed_digits(std::string_view text, int& out) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

// The UTC instant of local midnight starting `date`. Where midnight does not exist (a DST jump at 00:00,
// as in some zones) the first instant after the gap is taken; where it happens twice, the earlier.
Millis local_midnight(const date::time_zone* zone, LocalDate day) {
  const date::local_days local{to_ymd(day)};
  const auto info = zone->get_info(local);
  date::sys_seconds instant;
  switch (info.result) {
    case date::local_info::unique:
      instant = date::sys_seconds{local.time_since_epoch()} - info.first.offset;
      break;
    case date::local_info::nonexistent:
      instant = info.first.end;
      break;
    case date::local_info::ambiguous:
      instant = date::sys_seconds{local.time_since_epoch()} - info.first.offset;
      break;
  }
  return std::chrono::duration_cast<milliseconds>(instant.time_since_epoch()).count();
}

}  // namespace

std::optional<LocalDate> LocalDate::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int year = 0, month = 0, day = 0;
  if (!parse_fixed_digits(text.substr(0, 4), year) || !parse_fixed_digits(text.substr(5, 2), month) ||
      !parse_fixed_digits(text.substr(8, 2), day)) {
    return std::nullopt;
  }
  const LocalDate candidate{year, month, day};
  if (month < 1 || month > 12 || day < 1 || !to_ymd(candidate).ok()) return std::nullopt;
  return candidate;
}

std::string LocalDate::iso() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

int LocalDate::days_since_epoch() const {
  return static_cast<int>(date::sys_days{to_ymd(*this)}.time_since_epoch().count());
}

LocalDate LocalDate::from_days_since_epoch(int days) {
  return from_ymd(date::year_month_day{date::sys_days{date::days{days}}});
}

LocalDate LocalDate::plus_days(int days) const { return from_days_since_epoch(days_since_epoch() + days); }

int LocalDate::weekday() const { return static_cast<int>(date::weekday{date::sys_days{to_ymd(*this)}}.c_encoding()); }

DateRange month_of(int year, int month) {
  const auto last =
      date::year_month_day_last{date::year{year} / date::month{static_cast<unsigned>(month)} / date::last};
  return {LocalDate{year, month, 1}, from_ymd(date::year_month_day{last})};
}

DateRange quarter_of(int year, int quarter) {
  const int first_month = (quarter - 1) * 3 + 1;
  return {month_of(year, first_month).from, month_of(year, first_month + 2).to};
}

DateRange fiscal_year_of(int start_year, int start_month) {
  const LocalDate from{start_year, start_month, 1};
  const LocalDate next{start_year + 1, start_month, 1};
  return {from, next.plus_days(-1)};
}

Result<CenterTime> CenterTime::for_zone(const std::string& zone_name) {
  try {
    const auto* zone = date::locate_zone(zone_name);
    return CenterTime(zone_name, zone);
  } catch (const std::exception&) {
    return make_error("unknown time zone '" + zone_name + "' (use a name like America/New_York)");
  }
}

TimeRange CenterTime::day(LocalDate date) const { return days(DateRange{date, date}); }

TimeRange CenterTime::days(DateRange range) const {
  return {local_midnight(zone_of(zone_), range.from), local_midnight(zone_of(zone_), range.to.plus_days(1))};
}

LocalDate CenterTime::date_of(Millis instant) const {
  const auto local = zone_of(zone_)->to_local(SysMillis{milliseconds{instant}});
  return from_ymd(date::year_month_day{date::floor<date::days>(local)});
}

int CenterTime::hour_of(Millis instant) const {
  const auto local = zone_of(zone_)->to_local(SysMillis{milliseconds{instant}});
  const auto since_midnight = local - date::floor<date::days>(local);
  return static_cast<int>(std::chrono::duration_cast<std::chrono::hours>(since_midnight).count());
}

std::string CenterTime::clock_time(Millis instant) const {
  const auto local = zone_of(zone_)->to_local(SysMillis{milliseconds{instant}});
  return date::format("%H:%M", date::floor<std::chrono::minutes>(local));
}

std::string CenterTime::iso_local(Millis instant) const {
  const auto zoned =
      date::make_zoned(zone_of(zone_), date::floor<std::chrono::seconds>(SysMillis{milliseconds{instant}}));
  // %Ez writes the offset as +hh:mm, the ISO 8601 extended form.
  return date::format("%FT%T%Ez", zoned);
}

Millis CenterTime::at_local(LocalDate date, int hour, int minute) const {
  const auto local = date::local_days{to_ymd(date)} + std::chrono::hours{hour} + std::chrono::minutes{minute};
  const auto instant = zone_of(zone_)->to_sys(local, date::choose::earliest);
  return std::chrono::duration_cast<milliseconds>(instant.time_since_epoch()).count();
}

std::string iso_utc(Millis instant) { return date::format("%FT%TZ", SysMillis{milliseconds{instant}}); }

std::string system_zone_name() {
  if (const char* tz = std::getenv("TZ"); tz && *tz) {
    std::string name = *tz == ':' ? tz + 1 : tz;
    if (CenterTime::for_zone(name)) return name;
  }
  try {
    return std::string(date::current_zone()->name());
  } catch (const std::exception&) {
    return "UTC";
  }
}

}  // namespace porchlight::formats
