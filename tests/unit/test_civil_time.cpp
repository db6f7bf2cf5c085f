// Local days and hours of the center, correct across daylight-saving changes.
#include "test_support.hpp"

using namespace porchlight::test;

namespace {

LocalDate date(int y, int m, int d) { return LocalDate{y, m, d}; }

}  // namespace

TEST_CASE("civil time: LocalDate::parse accepts only real days in strict YYYY-MM-DD") {
  CHECK(LocalDate::parse("2024-02-29") == std::optional<LocalDate>(date(2024, 2, 29)));
  CHECK(LocalDate::parse("2000-02-29") == std::optional<LocalDate>(date(2000, 2, 29)));
  CHECK(LocalDate::parse("2026-12-31") == std::optional<LocalDate>(date(2026, 12, 31)));
  CHECK(LocalDate::parse("2026-01-01") == std::optional<LocalDate>(date(2026, 1, 1)));

  for (const char* bad : {"2026-02-30",  "2026-13-01",  "2026-1-1",    "2026-00-10", "2026-01-00",
                          "2026-04-31",  "2025-02-29",  "1900-02-29",  "2100-02-29", "",
                          "2026-01-01x", " 2026-01-01", "2026-01-01 ", "2026/01/01", "abcd-ef-gh",
                          "26-01-01",    "+2026-01-01", "2026-01-1",   "2026-+1-01", "2026-01--1"}) {
    CAPTURE(bad);
    CHECK_FALSE(LocalDate::parse(bad).has_value());
  }
}

TEST_CASE("civil time: iso, plus_days, weekday and epoch days") {
  CHECK(date(2026, 1, 5).iso() == "2026-01-05");
  CHECK(LocalDate::parse("2026-03-08")->iso() == "2026-03-08");
  CHECK(date(2026, 2, 28).plus_days(1) == date(2026, 3, 1));
  CHECK(date(2024, 2, 28).plus_days(1) == date(2024, 2, 29));
  CHECK(date(2026, 12, 31).plus_days(1) == date(2027, 1, 1));
  CHECK(date(2026, 3, 1).plus_days(-1) == date(2026, 2, 28));
  CHECK(date(2026, 3, 10).plus_days(-365) == date(2025, 3, 10));
  CHECK(date(2026, 3, 8).weekday() == 0);   // Sunday
  CHECK(date(2026, 3, 10).weekday() == 2);  // Tuesday
  CHECK(date(1970, 1, 1).weekday() == 4);   // Thursday
  CHECK(date(1970, 1, 1).days_since_epoch() == 0);
  CHECK(date(1969, 12, 31).days_since_epoch() == -1);
  CHECK(date(2026, 3, 10).days_since_epoch() == 20522);
  CHECK(LocalDate::from_days_since_epoch(0) == date(1970, 1, 1));
  CHECK(LocalDate::from_days_since_epoch(-1) == date(1969, 12, 31));
  for (int days : {-30000, -1, 0, 59, 10956, 20522, 40000}) {
    CAPTURE(days);
    CHECK(LocalDate::from_days_since_epoch(days).days_since_epoch() == days);
  }
  CHECK(date(2026, 3, 9) < date(2026, 3, 10));
  CHECK(date(2025, 12, 31) < date(2026, 1, 1));
}

TEST_CASE("civil time: day bounds follow daylight saving in New York") {
  const auto& ny = zone_time();
  const auto spring = ny.day(date(2026, 3, 8));
  CHECK(spring.start == utc(date(2026, 3, 8), 5));  // midnight EST
  CHECK(spring.end == utc(date(2026, 3, 9), 4));    // midnight EDT
  CHECK(spring.end - spring.start == 23 * kHour);

  const auto autumn = ny.day(date(2026, 11, 1));
  CHECK(autumn.start == utc(date(2026, 11, 1), 4));
  CHECK(autumn.end == utc(date(2026, 11, 2), 5));
  CHECK(autumn.end - autumn.start == 25 * kHour);

  const auto plain = ny.day(date(2026, 3, 10));
  CHECK(plain.end - plain.start == 24 * kHour);
  CHECK(ny.day(date(2026, 3, 9)).end == ny.day(date(2026, 3, 10)).start);

  const auto march = ny.days(DateRange{date(2026, 3, 1), date(2026, 3, 31)});
  CHECK(march.start == ny.day(date(2026, 3, 1)).start);
  CHECK(march.end == ny.day(date(2026, 3, 31)).end);
  CHECK(march.end - march.start == 31 * kDay - kHour);
}

TEST_CASE("civil time: hour_of, date_of and clock_time are local") {
  const auto& ny = zone_time();
  CHECK(ny.hour_of(utc(date(2026, 3, 8), 6, 59)) == 1);   // 01:59 EST
  CHECK(ny.hour_of(utc(date(2026, 3, 8), 7, 0)) == 3);    // 03:00 EDT: 2 am never happened
  CHECK(ny.hour_of(utc(date(2026, 11, 1), 5, 30)) == 1);  // 01:30 EDT
  CHECK(ny.hour_of(utc(date(2026, 11, 1), 6, 30)) == 1);  // 01:30 EST, the repeated hour
  CHECK(ny.hour_of(utc(date(2026, 7, 1), 16)) == 12);
  CHECK(ny.hour_of(utc(date(2026, 1, 15), 17)) == 12);

  CHECK(ny.date_of(utc(date(2026, 3, 11), 3, 30)) == date(2026, 3, 10));  // 23:30 the evening before
  CHECK(ny.date_of(utc(date(2026, 3, 11), 4, 0)) == date(2026, 3, 11));
  CHECK(ny.clock_time(utc(date(2026, 7, 1), 18, 5)) == "14:05");
  CHECK(ny.clock_time(utc(date(2026, 7, 1), 4, 5)) == "00:05");
  CHECK(ny.iso_local(utc(date(2026, 11, 23), 19, 5)) == "2026-11-23T14:05:00-05:00");
  CHECK(ny.iso_local(utc(date(2026, 7, 1), 18, 5)) == "2026-07-01T14:05:00-04:00");
  CHECK(iso_utc(utc(date(2026, 11, 23), 19, 5) + 123) == "2026-11-23T19:05:00.123Z");
  CHECK(iso_utc(0) == "1970-01-01T00:00:00.000Z");
}

TEST_CASE("civil time: at_local turns wall-clock times into instants") {
  const auto& ny = zone_time();
  CHECK(ny.at_local(date(2026, 7, 1), 12, 0) == utc(date(2026, 7, 1), 16));
  CHECK(ny.at_local(date(2026, 1, 15), 9, 30) == utc(date(2026, 1, 15), 14, 30));
  // In the spring gap and the repeated autumn hour it still lands on that day.
  const auto gap = ny.at_local(date(2026, 3, 8), 2, 30);
  CHECK(ny.date_of(gap) == date(2026, 3, 8));
  const auto repeated = ny.at_local(date(2026, 11, 1), 1, 30);
  CHECK(ny.date_of(repeated) == date(2026, 11, 1));
  CHECK(ny.hour_of(repeated) == 1);
}

TEST_CASE("civil time: month, quarter and fiscal year ranges") {
  auto same = [](DateRange r, LocalDate from, LocalDate to) { return r.from == from && r.to == to; };
  CHECK(same(month_of(2026, 2), date(2026, 2, 1), date(2026, 2, 28)));
  CHECK(same(month_of(2024, 2), date(2024, 2, 1), date(2024, 2, 29)));
  CHECK(same(month_of(2026, 12), date(2026, 12, 1), date(2026, 12, 31)));
  CHECK(same(month_of(2026, 4), date(2026, 4, 1), date(2026, 4, 30)));
  CHECK(same(quarter_of(2026, 1), date(2026, 1, 1), date(2026, 3, 31)));
  CHECK(same(quarter_of(2026, 2), date(2026, 4, 1), date(2026, 6, 30)));
  CHECK(same(quarter_of(2026, 3), date(2026, 7, 1), date(2026, 9, 30)));
  CHECK(same(quarter_of(2026, 4), date(2026, 10, 1), date(2026, 12, 31)));
  CHECK(same(fiscal_year_of(2026, 7), date(2026, 7, 1), date(2027, 6, 30)));
  CHECK(same(fiscal_year_of(2026, 1), date(2026, 1, 1), date(2026, 12, 31)));
  CHECK(same(fiscal_year_of(2025, 10), date(2025, 10, 1), date(2026, 9, 30)));
  CHECK(same(fiscal_year_of(2023, 3), date(2023, 3, 1), date(2024, 2, 29)));
}

TEST_CASE("civil time: an unknown zone is an error naming it") {
  auto unknown = CenterTime::for_zone("Mars/Olympus_Mons");
  REQUIRE_FALSE(unknown.ok());
  CHECK(contains(unknown.error().message, "Mars/Olympus_Mons"));
  CHECK_FALSE(CenterTime::for_zone("").ok());

  auto utc_zone = must(CenterTime::for_zone("UTC"));
  CHECK(utc_zone.zone_name() == "UTC");
  const auto day = utc_zone.day(date(2026, 3, 8));
  CHECK(day.end - day.start == 24 * kHour);
  CHECK(day.start == utc(date(2026, 3, 8), 0));

  auto berlin = must(CenterTime::for_zone("Europe/Berlin"));
  CHECK(berlin.hour_of(utc(date(2026, 7, 1), 10)) == 12);
  CHECK(berlin.day(date(2026, 3, 29)).end - berlin.day(date(2026, 3, 29)).start == 23 * kHour);
  CHECK_FALSE(system_zone_name().empty());
}

TEST_CASE("civil time: the store keeps the center's zone and refuses unknown ones") {
  TestStore s;
  CHECK(s->center().time_zone == kZone);
  CHECK(s->center_time().zone_name() == kZone);
  auto bad = s->set_time_zone("Nowhere/Land");
  REQUIRE_FALSE(bad.ok());
  CHECK(contains(bad.error().message, "Nowhere/Land"));
  CHECK(s->center().time_zone == kZone);

  must(s->set_time_zone("America/Chicago"));
  CHECK(s->center_time().hour_of(utc(date(2026, 7, 1), 17)) == 12);
  s.reopen();
  CHECK(s->center().time_zone == "America/Chicago");
  CHECK(s->center_time().zone_name() == "America/Chicago");

  must(s->set_fiscal_year_start_month(10));
  CHECK_FALSE(s->set_fiscal_year_start_month(13).ok());
  CHECK_FALSE(s->set_fiscal_year_start_month(0).ok());
  must(s->set_center_name("Harbor Light"));
  s.reopen();
  CHECK(s->center().fiscal_year_start_month == 10);
  CHECK(s->center().center_name == "Harbor Light");
  CHECK_FALSE(s->center().center_id.empty());
  CHECK_FALSE(s->center().device_id.empty());
  // Who this center and device are never changes across restarts.
  const auto center_id = s->center().center_id;
  const auto device_id = s->center().device_id;
  s.reopen();
  CHECK(s->center().center_id == center_id);
  CHECK(s->center().device_id == device_id);
}

TEST_CASE("civil time: a new store with an unknown zone is refused") {
  TempDir dir;
  StoreOptions options;
  options.pin_cost = PinHashCost::Fast;
  options.initial_time_zone = "Nowhere/Land";
  auto opened = Store::open(dir.file("k.db"), options);
  REQUIRE_FALSE(opened.ok());
  CHECK(contains(opened.error().message, "Nowhere/Land"));
}
