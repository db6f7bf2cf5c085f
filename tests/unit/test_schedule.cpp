// Opening hours: "Open now" / "Opens Tue 10:00" / "Closed today" from HSDS schedules in the center's zone,
// around midnight, across daylight-saving changes and on closed days.
#include "porchlight/core/schedule.hpp"
#include "test_support.hpp"

using namespace porchlight::test;

namespace {

ScheduleRule rule(std::string byday, std::string opens, std::string closes, std::string freq = "WEEKLY") {
  ScheduleFields fields;
  fields.byday = std::move(byday);
  fields.opens_at = std::move(opens);
  fields.closes_at = std::move(closes);
  fields.freq = std::move(freq);
  return must(parse_schedule(fields), "parse_schedule");
}

// The status at a local wall-clock time in New York.
std::string status_at(const std::vector<ScheduleRule>& rules, LocalDate date, int hour, int minute = 0) {
  return open_status_text(open_status(rules, local_moment(zone_time(), local(date, hour, minute))));
}

const LocalDate kMonday{2026, 3, 9};
const LocalDate kTuesday{2026, 3, 10};
const LocalDate kSaturday{2026, 3, 14};
const LocalDate kSunday{2026, 3, 15};

}  // namespace

TEST_CASE("schedule: times of day in the forms directories use") {
  CHECK(parse_time_of_day("09:00") == 540);
  CHECK(parse_time_of_day("9:00") == 540);
  CHECK(parse_time_of_day("09:00:00") == 540);
  CHECK(parse_time_of_day("0900") == 540);
  CHECK(parse_time_of_day("9am") == 540);
  CHECK(parse_time_of_day("5:30 PM") == 17 * 60 + 30);
  CHECK(parse_time_of_day("12:00 am") == 0);
  CHECK(parse_time_of_day("12pm") == 12 * 60);
  CHECK(parse_time_of_day("24:00") == 1440);
  CHECK(parse_time_of_day("10:00:00Z") == 600);
  CHECK(parse_time_of_day("10:00+01:00") == 600);
  CHECK_FALSE(parse_time_of_day("25:00"));
  CHECK_FALSE(parse_time_of_day("9"));
  CHECK_FALSE(parse_time_of_day("noon"));
  CHECK_FALSE(parse_time_of_day("10:7"));
  ScheduleFields yearly;
  yearly.freq = "YEARLY";
  CHECK_FALSE(parse_schedule(yearly).ok());
  ScheduleFields bad_day;
  bad_day.byday = "MO,XX";
  CHECK_FALSE(parse_schedule(bad_day).ok());
}

TEST_CASE("schedule: open, opening later today, closed for the day, closed today") {
  const std::vector<ScheduleRule> weekdays{rule("MO,TU,WE,TH,FR", "09:00", "17:00")};
  CHECK(status_at(weekdays, kTuesday, 8, 59) == "Opens today 09:00");
  CHECK(status_at(weekdays, kTuesday, 9, 0) == "Open now");
  CHECK(status_at(weekdays, kTuesday, 16, 59) == "Open now");
  CHECK(status_at(weekdays, kTuesday, 17, 0) == "Opens Wed 09:00");
  // Closed days: the weekend says so, and when it opens next.
  CHECK(status_at(weekdays, kSaturday, 12) == "Closed today · Opens Mon 09:00");
  CHECK(status_at(weekdays, kSunday, 23, 59) == "Closed today · Opens Mon 09:00");
  const auto saturday = open_status(weekdays, {kSaturday, 12 * 60});
  CHECK(saturday.state == OpenStatus::State::Closed);
  CHECK_FALSE(saturday.hours_today);
  REQUIRE(saturday.next);
  CHECK(saturday.next->days_ahead == 2);
  // No hours listed at all: nothing is claimed.
  CHECK(open_status({}, {kTuesday, 600}).state == OpenStatus::State::Unknown);
  CHECK(open_status_text(open_status({}, {kTuesday, 600})).empty());
  // A rule that has ended never opens again.
  ScheduleFields ended;
  ended.byday = "TU";
  ended.opens_at = "09:00";
  ended.closes_at = "17:00";
  ended.valid_to = "2026-03-01";
  CHECK(status_at({must(parse_schedule(ended))}, kTuesday, 10) == "Closed today");
}

TEST_CASE("schedule: around midnight, and hours that run past it") {
  // A shelter open 19:00 to 07:00 every night.
  const std::vector<ScheduleRule> overnight{rule("", "19:00", "07:00", "")};
  CHECK(status_at(overnight, kTuesday, 23, 59) == "Open now");
  CHECK(status_at(overnight, kTuesday, 0, 0) == "Open now");
  CHECK(status_at(overnight, kTuesday, 6, 59) == "Open now");
  CHECK(status_at(overnight, kTuesday, 7, 0) == "Opens today 19:00");
  // Friday and Saturday nights only, 20:00-02:00: open early Saturday and Sunday, not early Friday.
  const std::vector<ScheduleRule> weekend{rule("FR,SA", "20:00", "02:00")};
  CHECK(status_at(weekend, kSaturday, 1, 30) == "Open now");
  CHECK(status_at(weekend, kSunday, 1, 59) == "Open now");
  CHECK(status_at(weekend, kSunday, 2, 0) == "Closed today · Opens Fri 20:00");
  CHECK(status_at(weekend, LocalDate{2026, 3, 13}, 1, 0) == "Opens today 20:00");
  const auto open = open_status(weekend, {kSaturday, 90});
  REQUIRE(open.closes);
  CHECK(*open.closes == 120);
  // Open until midnight ("24:00" or "00:00") is open at 23:59 and closed at 00:00.
  const std::vector<ScheduleRule> late{rule("TU", "18:00", "24:00")};
  CHECK(status_at(late, kTuesday, 23, 59) == "Open now");
  CHECK(status_at(late, LocalDate{2026, 3, 11}, 0, 0) == "Closed today · Opens Tue 18:00");
  const std::vector<ScheduleRule> late2{rule("TU", "18:00", "00:00")};
  CHECK(status_at(late2, kTuesday, 23, 59) == "Open now");
  CHECK(status_at(late2, LocalDate{2026, 3, 11}, 0, 0) == "Closed today · Opens Tue 18:00");
}

TEST_CASE("schedule: hours are the center's wall-clock hours across daylight-saving changes") {
  const std::vector<ScheduleRule> sunday{rule("SU", "09:00", "17:00")};
  // Spring forward, Sunday 2026-03-08: 13:30 UTC is 09:30 EDT (it would be 08:30 in EST).
  const LocalDate spring{2026, 3, 8};
  CHECK(open_status_text(open_status(sunday, local_moment(zone_time(), utc(spring, 13, 30)))) == "Open now");
  CHECK(open_status_text(open_status(sunday, local_moment(zone_time(), utc(spring, 12, 59)))) == "Opens today 09:00");
  // The night of the change: a 22:00-06:00 shelter is open at 03:30 EDT (the hour 02:00-03:00 does not exist).
  const std::vector<ScheduleRule> nights{rule("", "22:00", "06:00", "")};
  CHECK(open_status_text(open_status(nights, local_moment(zone_time(), utc(spring, 7, 30)))) == "Open now");
  CHECK(open_status_text(open_status(nights, local_moment(zone_time(), utc(spring, 10, 0)))) == "Opens today 22:00");
  // Fall back, Sunday 2026-11-01: 01:30 happens twice; open 00:00-01:45 is open both times.
  const LocalDate fall{2026, 11, 1};
  const std::vector<ScheduleRule> early{rule("SU", "00:00", "01:45")};
  CHECK(open_status_text(open_status(early, local_moment(zone_time(), utc(fall, 5, 30)))) == "Open now");  // EDT
  CHECK(open_status_text(open_status(early, local_moment(zone_time(), utc(fall, 6, 30)))) == "Open now");  // EST
  CHECK(open_status_text(open_status(early, local_moment(zone_time(), utc(fall, 7, 0)))) == "Opens Sun 00:00");
  // 17:30 UTC is 12:30 EST after the change (13:30 before it would have been EDT).
  CHECK(local_moment(zone_time(), utc(fall, 17, 30)).minute == 12 * 60 + 30);
}

TEST_CASE("schedule: monthly and every-other-week rules") {
  ScheduleFields second_tuesday;
  second_tuesday.freq = "MONTHLY";
  second_tuesday.byday = "2TU";
  second_tuesday.opens_at = "18:00";
  second_tuesday.closes_at = "20:00";
  const auto rule2 = must(parse_schedule(second_tuesday));
  CHECK(occurs_on(rule2, LocalDate{2026, 3, 10}));
  CHECK_FALSE(occurs_on(rule2, LocalDate{2026, 3, 3}));
  ScheduleFields last_friday = second_tuesday;
  last_friday.byday = "-1FR";
  const auto rule3 = must(parse_schedule(last_friday));
  CHECK(occurs_on(rule3, LocalDate{2026, 3, 27}));
  CHECK_FALSE(occurs_on(rule3, LocalDate{2026, 3, 20}));
  ScheduleFields first_and_fifteenth = second_tuesday;
  first_and_fifteenth.byday = "";
  first_and_fifteenth.bymonthday = "1,15";
  const auto rule4 = must(parse_schedule(first_and_fifteenth));
  CHECK(occurs_on(rule4, LocalDate{2026, 3, 15}));
  CHECK_FALSE(occurs_on(rule4, LocalDate{2026, 3, 16}));
  ScheduleFields fortnightly;
  fortnightly.freq = "WEEKLY";
  fortnightly.interval = "2";
  fortnightly.byday = "WE";
  fortnightly.dtstart = "2026-03-04";
  const auto rule5 = must(parse_schedule(fortnightly));
  CHECK(occurs_on(rule5, LocalDate{2026, 3, 4}));
  CHECK_FALSE(occurs_on(rule5, LocalDate{2026, 3, 11}));
  CHECK(occurs_on(rule5, LocalDate{2026, 3, 18}));
  CHECK(hours_lines({rule2}) == std::vector<std::string>{"2nd Tue of the month 18:00-20:00"});
}

TEST_CASE("schedule: hours lines group days with the same hours, Monday first") {
  const std::vector<ScheduleRule> rules{rule("MO,TU,WE,TH,FR", "09:00", "17:00"), rule("SA", "10:00", "14:00"),
                                        rule("SU", "12:00", "15:00")};
  CHECK(hours_lines(rules) == std::vector<std::string>{"Mon-Fri 09:00-17:00", "Sat 10:00-14:00", "Sun 12:00-15:00"});
  CHECK(hours_lines({rule("", "00:00", "24:00", "")}) == std::vector<std::string>{"Every day 00:00-24:00"});
  CHECK(hours_lines({rule("MO,WE,FR", "09:00", "12:00")}) == std::vector<std::string>{"Mon, Wed, Fri 09:00-12:00"});
}
