#pragma once
// Dates as the center lives them. Everything is stored in UTC; the center's IANA time zone turns
// that into local days and hours, correctly across daylight-saving changes.
#include <compare>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "porchlight/formats/clock.hpp"
#include "porchlight/result.hpp"

namespace porchlight::formats {

struct LocalDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31

  auto operator<=>(const LocalDate&) const = default;

  // Strict YYYY-MM-DD of a real calendar day; nullopt otherwise.
  static std::optional<LocalDate> parse(std::string_view text);
  std::string iso() const;
  LocalDate plus_days(int days) const;
  int weekday() const;  // 0 = Sunday
  int days_since_epoch() const;
  static LocalDate from_days_since_epoch(int days);
};

// [start, end) in UTC milliseconds.
struct TimeRange {
  Millis start = 0;
  Millis end = 0;
};

struct DateRange {
  LocalDate from;
  LocalDate to;  // inclusive
};

DateRange month_of(int year, int month);
DateRange quarter_of(int year, int quarter);  // calendar quarters 1..4
// The fiscal year that starts in `start_month` of `start_year` (July 2026 to June 2027 for 2026, 7).
DateRange fiscal_year_of(int start_year, int start_month);

class CenterTime {
 public:
  // An IANA zone name such as "America/New_York"; an error naming it when the system does not know it.
  static Result<CenterTime> for_zone(const std::string& zone_name);

  const std::string& zone_name() const { return zone_name_; }
  TimeRange day(LocalDate date) const;
  TimeRange days(DateRange range) const;
  LocalDate date_of(Millis instant) const;
  int hour_of(Millis instant) const;
  std::string clock_time(Millis instant) const;  // "14:05"
  std::string iso_local(Millis instant) const;   // "2026-11-23T14:05:00-05:00"
  Millis at_local(LocalDate date, int hour, int minute) const;

 private:
  explicit CenterTime(std::string zone_name, const void* zone) : zone_name_(std::move(zone_name)), zone_(zone) {}
  std::string zone_name_;
  const void* zone_;  // date::time_zone*, kept opaque so callers need not include the tz library
};

std::string iso_utc(Millis instant);  // "2026-11-23T19:05:00.123Z"

// The system's own zone name, or "UTC" when it cannot be told.
std::string system_zone_name();

}  // namespace porchlight::formats
