// Attendance reports: the numbers that keep a center funded, in the center's local days and hours.
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>

#include "porchlight/core/reports.hpp"
#include "test_support.hpp"

using namespace porchlight::test;

namespace {

// A small week at the center (New York time; kToday is Tuesday 2026-03-10):
//   D-7 10:00  José registers and comes (his first visit)
//   D-1 23:30  José comes late in the evening      (D 03:30 UTC: not part of D)
//   D   00:25  Carlos registers, 00:30 comes       (D 04:30 UTC: hour 0 of D)
//   D   09:10  Maria registers, 09:15 comes (meal + drop-in, mood 4)
//   D   09:40  José comes (group)
//   D   13:05  Maria comes again (meal)
//   D   13:30  a guest comes (resources), signs out at 14:00
//   D+1 00:30  José comes                            (D+1 04:30 UTC: not part of D)
struct Week {
  TestStore s;
  std::string jose, carlos, maria;
  std::string maria_first_visit, maria_second_visit, guest_visit;

  Week() {
    const LocalDate d = kToday;
    at(d.plus_days(-7), 10, 0);
    jose = add_person(*s, "José", "García");
    visit(*s, jose, {"drop-in"});
    at(d.plus_days(-1), 23, 30);
    visit(*s, jose, {"drop-in"});
    at(d, 0, 25);
    carlos = add_person(*s, "Carlos", "Ruiz");
    at(d, 0, 30);
    visit(*s, carlos, {"drop-in"});
    at(d, 9, 10);
    maria = add_person(*s, "Maria", "Garcia");
    at(d, 9, 15);
    maria_first_visit = visit(*s, maria, {"meal", "drop-in"}, 4);
    at(d, 9, 40);
    visit(*s, jose, {"group"});
    at(d, 13, 5);
    maria_second_visit = visit(*s, maria, {"meal"});
    at(d, 13, 30);
    guest_visit = visit(*s, std::nullopt, {"resources"});
    at(d, 14, 0);
    must(sign_out(*s, guest_visit));
    at(d.plus_days(1), 0, 30);
    visit(*s, jose, {"group"});
    at(d.plus_days(1), 12, 0);
  }
  void at(LocalDate date, int hour, int minute) { s.clock.set(local(date, hour, minute)); }
};

std::int64_t reason_visits(const DailyAttendance& day, const std::string& code) {
  for (const auto& r : day.by_reason) {
    if (r.code == code) return r.visits;
  }
  FAIL("reason missing from the report: " << code);
  return -1;
}

}  // namespace

TEST_CASE("reports: daily attendance totals for a local day") {
  Week w;
  const auto day = must(daily_attendance(*w.s, kToday));
  CHECK(day.date == kToday);
  CHECK(day.visit_count == 5);
  CHECK(day.unique_people == 3);
  CHECK(day.guest_visits == 1);
  CHECK(day.new_registrations == 2);
  REQUIRE(day.visits.size() == 5);
}

TEST_CASE("reports: daily attendance by local hour") {
  Week w;
  const auto day = must(daily_attendance(*w.s, kToday));
  std::array<std::int64_t, 24> expected{};
  expected[0] = 1;
  expected[9] = 2;
  expected[13] = 2;
  CHECK(day.by_hour == expected);
  CHECK(std::accumulate(day.by_hour.begin(), day.by_hour.end(), std::int64_t{0}) == day.visit_count);

  const auto evening = must(daily_attendance(*w.s, kToday.plus_days(-1)));
  CHECK(evening.visit_count == 1);
  CHECK(evening.by_hour[23] == 1);
  const auto next = must(daily_attendance(*w.s, kToday.plus_days(1)));
  CHECK(next.visit_count == 1);
  CHECK(next.by_hour[0] == 1);
}

TEST_CASE("reports: daily attendance by hour on the day the clocks spring forward") {
  TestStore s;
  const LocalDate spring{2026, 3, 8};
  const auto id = add_person(*s, "Maria", "Garcia");
  s.clock.set(utc(spring, 6, 30));  // 01:30 EST
  visit(*s, id);
  s.clock.set(utc(spring, 7, 30));  // 03:30 EDT
  visit(*s, id);
  s.clock.set(utc(spring, 16, 0));  // 12:00 EDT
  visit(*s, id);
  const auto day = must(daily_attendance(*s, spring));
  CHECK(day.visit_count == 3);
  CHECK(day.by_hour[1] == 1);
  CHECK(day.by_hour[2] == 0);
  CHECK(day.by_hour[3] == 1);
  CHECK(day.by_hour[12] == 1);
}

TEST_CASE("reports: daily attendance by reason lists every reason in order") {
  Week w;
  const auto day = must(daily_attendance(*w.s, kToday));
  CHECK(reason_visits(day, "drop-in") == 2);
  CHECK(reason_visits(day, "meal") == 2);
  CHECK(reason_visits(day, "group") == 1);
  CHECK(reason_visits(day, "resources") == 1);
  CHECK(reason_visits(day, "recovery") == 0);
  const auto reasons = must(list_reasons(*w.s));
  REQUIRE(day.by_reason.size() >= reasons.size());
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    CAPTURE(i);
    CHECK(day.by_reason[i].code == reasons[i].code);
    CHECK(day.by_reason[i].sensitive == reasons[i].sensitive);
    CHECK(day.by_reason[i].label == reasons[i].label_en);
  }
  const auto spanish = must(daily_attendance(*w.s, kToday, "es"));
  CHECK(spanish.by_reason[0].label == reasons[0].label_es);
  CHECK(spanish.visits.back().guest);
  CHECK(spanish.visits.back().display_name.empty());  // core has no words: the reader's language names a guest
}

TEST_CASE("reports: daily attendance rows in sign-in order with public and staff names") {
  Week w;
  const auto day = must(daily_attendance(*w.s, kToday));
  REQUIRE(day.visits.size() == 5);
  std::vector<std::string> times;
  std::vector<std::string> shown;
  for (const auto& row : day.visits) {
    times.push_back(row.time);
    shown.push_back(row.guest ? "(guest)" : row.display_name);
  }
  CHECK(times == std::vector<std::string>{"00:30", "09:15", "09:40", "13:05", "13:30"});
  CHECK(shown == std::vector<std::string>{"Carlos R.", "Maria G.", "José G.", "Maria G.", "(guest)"});

  const auto& maria_first = day.visits[1];
  CHECK(maria_first.visit_id == w.maria_first_visit);
  CHECK(maria_first.full_name == "Maria Garcia");
  CHECK(maria_first.participant_id == std::optional<std::string>(w.maria));
  CHECK(maria_first.first_visit);
  CHECK_FALSE(maria_first.guest);
  CHECK(maria_first.mood == std::optional<int>(4));
  CHECK(maria_first.signed_in_at == local(kToday, 9, 15));
  CHECK(maria_first.reasons.size() == 2);
  CHECK(std::find(maria_first.reasons.begin(), maria_first.reasons.end(), "meal") != maria_first.reasons.end());

  CHECK(day.visits[0].first_visit);        // Carlos
  CHECK_FALSE(day.visits[2].first_visit);  // José came last week
  CHECK_FALSE(day.visits[3].first_visit);  // Maria's second visit
  const auto& guest = day.visits[4];
  CHECK(guest.guest);
  CHECK_FALSE(guest.participant_id.has_value());
  CHECK_FALSE(guest.first_visit);
  CHECK(guest.signed_out_at == std::optional<Millis>(local(kToday, 14, 0)));
  CHECK(guest.reasons == std::vector<std::string>{"resources"});
}

TEST_CASE("reports: an empty day is all zeros") {
  TestStore s;
  const auto day = must(daily_attendance(*s, kToday));
  CHECK(day.visit_count == 0);
  CHECK(day.unique_people == 0);
  CHECK(day.guest_visits == 0);
  CHECK(day.new_registrations == 0);
  CHECK(day.visits.empty());
  CHECK_FALSE(day.by_reason.empty());
  const auto period = must(period_attendance(*s, month_of(2026, 3)));
  CHECK(period.visits == 0);
  CHECK(period.unique_people == 0);
  CHECK(period.new_people == 0);
  CHECK(period.returning_people == 0);
}

TEST_CASE("reports: period attendance counts unique people apart from visits") {
  Week w;
  const auto week = must(period_attendance(*w.s, DateRange{kToday.plus_days(-7), kToday}));
  CHECK(week.visits == 7);
  CHECK(week.guest_visits == 1);
  CHECK(week.unique_people == 3);
  CHECK(week.new_people == 3);
  CHECK(week.returning_people == 0);

  const auto march = must(period_attendance(*w.s, month_of(2026, 3)));
  CHECK(march.visits == 8);
  CHECK(march.unique_people == 3);

  // A one-day period agrees with the daily report.
  const auto day = must(daily_attendance(*w.s, kToday));
  const auto one_day = must(period_attendance(*w.s, DateRange{kToday, kToday}));
  CHECK(one_day.visits == day.visit_count);
  CHECK(one_day.unique_people == day.unique_people);
  CHECK(one_day.guest_visits == day.guest_visits);
}

TEST_CASE("reports: new versus returning across a range boundary") {
  Week w;
  const auto today = must(period_attendance(*w.s, DateRange{kToday, kToday}));
  CHECK(today.unique_people == 3);
  CHECK(today.new_people == 2);        // Carlos and Maria
  CHECK(today.returning_people == 1);  // José, who first came last week

  const auto tomorrow = must(period_attendance(*w.s, DateRange{kToday.plus_days(1), kToday.plus_days(1)}));
  CHECK(tomorrow.unique_people == 1);
  CHECK(tomorrow.new_people == 0);
  CHECK(tomorrow.returning_people == 1);

  const auto first_day = must(period_attendance(*w.s, DateRange{kToday.plus_days(-7), kToday.plus_days(-7)}));
  CHECK(first_day.unique_people == 1);
  CHECK(first_day.new_people == 1);
  CHECK(first_day.returning_people == 0);

  // Yesterday late evening is yesterday, in local time.
  const auto yesterday = must(period_attendance(*w.s, DateRange{kToday.plus_days(-1), kToday.plus_days(-1)}));
  CHECK(yesterday.visits == 1);
  CHECK(yesterday.returning_people == 1);

  CHECK_FALSE(period_attendance(*w.s, DateRange{kToday, kToday.plus_days(-1)}).ok());
}

TEST_CASE("reports: guest visits before registering do not make a person returning") {
  // A participant registered after several guest visits is new on their first identified visit.
  TestStore s;
  s.clock.set(local(kToday, 9, 0));
  visit(*s, std::nullopt);
  s.clock.set(local(kToday.plus_days(1), 9, 0));
  const auto id = add_person(*s, "Ana", "Lopez");
  visit(*s, id);
  const auto day2 = must(period_attendance(*s, DateRange{kToday.plus_days(1), kToday.plus_days(1)}));
  CHECK(day2.unique_people == 1);
  CHECK(day2.new_people == 1);
  CHECK(day2.returning_people == 0);
  CHECK(day2.guest_visits == 0);
}

TEST_CASE("reports: summary and period CSV carry the right numbers") {
  Week w;
  const auto day = must(daily_attendance(*w.s, kToday));
  const auto rows = parse_csv(daily_summary_csv(day));
  REQUIRE(rows.size() > 4);
  std::map<std::string, std::string> totals;
  std::map<std::string, std::string> hours;
  std::map<std::string, std::string> reasons;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    REQUIRE(rows[i].size() == 4);
    CHECK(rows[i][0] == "2026-03-10");
    if (rows[i][1] == "total") totals[rows[i][2]] = rows[i][3];
    if (rows[i][1] == "by_hour") hours[rows[i][2]] = rows[i][3];
    if (rows[i][1] == "by_reason") reasons[rows[i][2]] = rows[i][3];
  }
  CHECK(totals["visits"] == "5");
  CHECK(totals["unique_people"] == "3");
  CHECK(totals["guest_visits"] == "1");
  CHECK(totals["new_registrations"] == "2");
  CHECK(hours["00:00"] == "1");
  CHECK(hours["09:00"] == "2");
  CHECK(hours["13:00"] == "2");
  CHECK(hours["12:00"] == "0");
  CHECK(hours.size() == 24);
  CHECK(reasons.size() == day.by_reason.size());

  const auto period = must(period_attendance(*w.s, DateRange{kToday, kToday}));
  const auto prow = parse_csv(period_attendance_csv(period));
  REQUIRE(prow.size() == 2);
  REQUIRE(prow[0].size() == prow[1].size());
  std::map<std::string, std::string> values;
  for (std::size_t i = 0; i < prow[0].size(); ++i) values[prow[0][i]] = prow[1][i];
  CHECK(values["from"] == "2026-03-10");
  CHECK(values["to"] == "2026-03-10");
  CHECK(values["visits"] == "5");
  CHECK(values["unique_people"] == "3");
  CHECK(values["guest_visits"] == "1");
  CHECK(values["new_people"] == "2");
  CHECK(values["returning_people"] == "1");
}

TEST_CASE("reports: the attendance CSV has one record per visit and no surnames") {
  Week w;
  const auto day = must(daily_attendance(*w.s, kToday));
  const auto csv = daily_attendance_csv(day, "Guest");
  CHECK(contains(csv, "\r\n"));
  const auto rows = parse_csv(csv);
  REQUIRE(rows.size() == 6);
  for (const auto& row : rows) CHECK(row.size() == rows[0].size());
  CHECK(contains(csv, "09:15"));
  CHECK(contains(csv, "Maria G."));
  CHECK_FALSE(contains(csv, "Garcia"));
  CHECK_FALSE(contains(csv, "García"));
}

TEST_CASE("reports: a name that looks like a formula is neutralised in the CSV") {
  TestStore s;
  const auto id = add_person(*s, "=HYPERLINK(\"http://x\")", "Evil");
  visit(*s, id);
  const auto csv = daily_attendance_csv(must(daily_attendance(*s, kToday)), "Guest");
  const auto rows = parse_csv(csv);
  REQUIRE(rows.size() == 2);
  bool found = false;
  for (const auto& field : rows[1]) {
    if (contains(field, "HYPERLINK")) {
      found = true;
      CHECK(field.front() == '\'');
    }
    CHECK(field.rfind("=", 0) == std::string::npos);
  }
  CHECK(found);
}

TEST_CASE("reports: JSON forms carry the right numbers") {
  Week w;
  const auto day = must(daily_attendance(*w.s, kToday));
  const auto json = daily_attendance_json(day, "Guest");
  CHECK(json.at("date") == "2026-03-10");
  CHECK(json.at("visits") == 5);
  CHECK(json.at("unique_people") == 3);
  CHECK(json.at("guest_visits") == 1);
  CHECK(json.at("new_registrations") == 2);
  CHECK(json.at("by_hour").at("9") == 2);
  CHECK(json.at("by_hour").at("13") == 2);
  CHECK(json.at("sign_ins").size() == 5);
  CHECK(json.at("sign_ins").at(1).at("name") == "Maria G.");
  std::int64_t meals = -1;
  for (const auto& r : json.at("by_reason")) {
    if (r.at("code") == "meal") meals = r.at("visits").get<std::int64_t>();
  }
  CHECK(meals == 2);
  CHECK_FALSE(contains(json.dump(), "Garcia"));

  const auto period = period_attendance_json(must(period_attendance(*w.s, DateRange{kToday, kToday})));
  CHECK(period.at("visits") == 5);
  CHECK(period.at("unique_people") == 3);
  CHECK(period.at("new_people") == 2);
  CHECK(period.at("returning_people") == 1);
  CHECK(period.at("guest_visits") == 1);
}
