// Recurrence expansion: the RRULE forms a center uses, exceptions, and wall-clock times that stay put
// across daylight-saving changes (checked against CenterTime, which the rest of the core uses).
#include <nlohmann/json.hpp>

#include "porchlight/core/calendar.hpp"
#include "test_support.hpp"

using namespace porchlight::test;

namespace {

LocalDateTime at(int year, int month, int day, int hour = 0, int minute = 0) {
  return LocalDateTime{LocalDate{year, month, day}, hour, minute, 0};
}

GroupDefinition weekly(const std::string& rrule, LocalDateTime start, int minutes = 90) {
  GroupDefinition group;
  group.title = "WRAP";
  group.start = start;
  group.duration_minutes = minutes;
  group.rrule = rrule;
  return group;
}

std::vector<std::string> starts(const std::vector<Occurrence>& sessions) {
  std::vector<std::string> out;
  for (const auto& session : sessions) out.push_back(session.start.key());
  return out;
}

std::vector<std::string> expand_keys(const GroupDefinition& group, LocalDate from, LocalDate to,
                                     const std::vector<SessionOverride>& overrides = {}) {
  return starts(must(expand_group(group, overrides, from, to), "expand_group"));
}

}  // namespace

TEST_CASE("calendar: weekly on several days") {
  // Tuesday 2026-11-03 18:00; Tuesdays and Thursdays.
  const auto group = weekly("FREQ=WEEKLY;BYDAY=TU,TH", at(2026, 11, 3, 18));
  CHECK(expand_keys(group, {2026, 11, 1}, {2026, 11, 14}) ==
        std::vector<std::string>{"20261103T180000", "20261105T180000", "20261110T180000", "20261112T180000"});
  // Nothing before the first session.
  CHECK(expand_keys(group, {2026, 10, 1}, {2026, 11, 2}).empty());
}

TEST_CASE("calendar: every other week keeps its phase from the first session") {
  const auto group = weekly("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", at(2026, 1, 5, 10));
  // 2026-01-05 plus whole fortnights: ... Oct 26, Nov 9, Nov 23 (never Nov 2 or Nov 16).
  CHECK(expand_keys(group, {2026, 11, 1}, {2026, 11, 30}) ==
        std::vector<std::string>{"20261109T100000", "20261123T100000"});
}

TEST_CASE("calendar: monthly by position (second Tuesday, last Friday)") {
  const auto second_tuesday = weekly("FREQ=MONTHLY;BYDAY=2TU", at(2026, 1, 13, 13));
  CHECK(expand_keys(second_tuesday, {2026, 9, 1}, {2026, 12, 31}) ==
        std::vector<std::string>{"20260908T130000", "20261013T130000", "20261110T130000", "20261208T130000"});
  const auto last_friday = weekly("FREQ=MONTHLY;BYDAY=-1FR", at(2026, 1, 30, 15));
  CHECK(expand_keys(last_friday, {2026, 10, 1}, {2026, 12, 31}) ==
        std::vector<std::string>{"20261030T150000", "20261127T150000", "20261225T150000"});
}

TEST_CASE("calendar: UNTIL and COUNT end a series") {
  const auto until = weekly("FREQ=WEEKLY;BYDAY=WE;UNTIL=20261118T235959", at(2026, 11, 4, 12));
  CHECK(expand_keys(until, {2026, 11, 1}, {2026, 12, 31}) ==
        std::vector<std::string>{"20261104T120000", "20261111T120000", "20261118T120000"});
  const auto count = weekly("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=3", at(2026, 11, 2, 9));
  CHECK(expand_keys(count, {2026, 11, 1}, {2026, 12, 31}) ==
        std::vector<std::string>{"20261102T090000", "20261104T090000", "20261109T090000"});
  // A COUNT series read from the middle still counts from its first session.
  CHECK(expand_keys(count, {2026, 11, 5}, {2026, 12, 31}) == std::vector<std::string>{"20261109T090000"});
}

TEST_CASE("calendar: EXDATE removes a session, RDATE adds one") {
  auto group = weekly("FREQ=WEEKLY;BYDAY=TH", at(2026, 11, 5, 17));
  group.exdates = {at(2026, 11, 26, 17)};  // Thanksgiving
  group.rdates = {at(2026, 11, 28, 11)};   // a Saturday make-up
  const auto sessions = must(expand_group(group, {}, {2026, 11, 20}, {2026, 11, 30}));
  REQUIRE(sessions.size() == 1);
  CHECK(sessions[0].start == at(2026, 11, 28, 11));
  CHECK(sessions[0].added);
}

TEST_CASE("calendar: a moved session appears on its new day under its old name - a cancelled one is marked") {
  const auto group = weekly("FREQ=WEEKLY;BYDAY=TU", at(2026, 11, 3, 18));
  SessionOverride moved;
  moved.occurrence = at(2026, 11, 10, 18);
  moved.start = at(2026, 11, 16, 14);  // to the next Monday afternoon
  moved.room = "Library";
  SessionOverride cancelled;
  cancelled.occurrence = at(2026, 11, 17, 18);
  cancelled.cancelled = true;
  const std::vector<SessionOverride> overrides{moved, cancelled};

  const auto week_of_10th = must(expand_group(group, overrides, {2026, 11, 9}, {2026, 11, 15}));
  CHECK(week_of_10th.empty());  // moved out of this week
  const auto week_of_16th = must(expand_group(group, overrides, {2026, 11, 16}, {2026, 11, 22}));
  REQUIRE(week_of_16th.size() == 2);
  CHECK(week_of_16th[0].occurrence == at(2026, 11, 10, 18));
  CHECK(week_of_16th[0].start == at(2026, 11, 16, 14));
  CHECK(week_of_16th[0].moved);
  CHECK(week_of_16th[0].room == std::optional<std::string>("Library"));
  CHECK(week_of_16th[1].occurrence == at(2026, 11, 17, 18));
  CHECK(week_of_16th[1].cancelled);
}

TEST_CASE("calendar: sessions keep their wall-clock time across both daylight-saving changes") {
  TestStore store;
  auto group = weekly("FREQ=WEEKLY;BYDAY=SU,MO", at(2026, 2, 22, 18), 60);
  group.title = "Evening group";
  const auto id = must(save_group(*store, group, std::nullopt));
  // US changes: spring forward 2026-03-08, fall back 2026-11-01 (both Sundays).
  for (const auto& [from, to] : {std::pair{LocalDate{2026, 3, 1}, LocalDate{2026, 3, 10}},
                                 std::pair{LocalDate{2026, 10, 25}, LocalDate{2026, 11, 3}}}) {
    const auto sessions = must(sessions_between(*store, from, to));
    REQUIRE(sessions.size() == 4);
    for (const auto& session : sessions) {
      CHECK(session.group_id == id);
      CHECK(zone_time().clock_time(session.start) == "18:00");
      CHECK(session.start == zone_time().at_local(session.occurrence.date, 18, 0));
      CHECK(session.end - session.start == kHour);
    }
  }
  // The UTC hour moves with the offset: 23:00Z in winter, 22:00Z in summer.
  const auto march = must(sessions_between(*store, {2026, 3, 1}, {2026, 3, 10}));
  CHECK(march[0].start == utc({2026, 3, 1}, 23));  // Sunday before: EST
  CHECK(march[2].start == utc({2026, 3, 8}, 22));  // the day of the change: EDT
  const auto fall = must(sessions_between(*store, {2026, 10, 25}, {2026, 11, 3}));
  CHECK(fall[1].start == utc({2026, 10, 26}, 22));  // EDT
  CHECK(fall[2].start == utc({2026, 11, 1}, 23));   // EST from the day of the change
}

TEST_CASE("calendar: a session at a time the spring change skips starts an hour later, as RFC 5545 says") {
  auto instant = must(local_to_utc(kZone, at(2026, 3, 8, 2, 30)));
  CHECK(instant == utc({2026, 3, 8}, 7, 30));  // 03:30 EDT
  CHECK(must(utc_to_local(kZone, instant)) == at(2026, 3, 8, 3, 30));
  // The repeated hour in the fall takes its first instance (EDT).
  CHECK(must(local_to_utc(kZone, at(2026, 11, 1, 1, 30))) == utc({2026, 11, 1}, 5, 30));
}

TEST_CASE("calendar: an all-day event covers the center's whole day") {
  TestStore store;
  GroupDefinition fair;
  fair.title = "Resource fair";
  fair.all_day = true;
  fair.start = at(2026, 11, 14);
  fair.duration_minutes = 1440;
  must(save_group(*store, fair, std::nullopt));
  const auto sessions = must(sessions_on(*store, {2026, 11, 14}));
  REQUIRE(sessions.size() == 1);
  CHECK(sessions[0].all_day);
  CHECK(sessions[0].start == zone_time().day({2026, 11, 14}).start);
  CHECK(sessions[0].end == zone_time().day({2026, 11, 14}).end);
  CHECK(sessions[0].key.ends_with("/20261114"));
  CHECK(must(sessions_on(*store, {2026, 11, 15})).empty());
}

TEST_CASE("calendar: a floating-time event is read in the center's wall clock") {
  TestStore store;
  auto group = weekly("FREQ=DAILY;COUNT=2", at(2026, 11, 10, 9, 30), 30);
  group.floating = true;
  must(save_group(*store, group, std::nullopt));
  const auto sessions = must(sessions_between(*store, {2026, 11, 10}, {2026, 11, 11}));
  REQUIRE(sessions.size() == 2);
  CHECK(sessions[0].start == zone_time().at_local({2026, 11, 10}, 9, 30));
  CHECK(sessions[1].start == zone_time().at_local({2026, 11, 11}, 9, 30));
}

TEST_CASE("calendar: skipping ahead gives the same sessions as walking from the first one") {
  // expand_group skips to the range for rules without COUNT; compare with a rule walked from the start
  // (COUNT set high enough never to end it).
  const std::vector<std::string> rules{"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR", "FREQ=MONTHLY;BYDAY=2TU",
                                       "FREQ=MONTHLY;BYMONTHDAY=15", "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY;INTERVAL=3"};
  for (const auto& rule : rules) {
    const auto skipping = weekly(rule, at(2025, 1, 14, 18));
    const auto walking = weekly(rule + ";COUNT=5000", at(2025, 1, 14, 18));
    for (LocalDate from{2026, 1, 1}; from < LocalDate{2027, 1, 1}; from = from.plus_days(11)) {
      INFO(rule << " from " << from);
      CHECK(expand_keys(skipping, from, from.plus_days(6)) == expand_keys(walking, from, from.plus_days(6)));
    }
  }
}

TEST_CASE("calendar: bad definitions are refused with a reason") {
  TestStore store;
  auto bad_rule = weekly("FREQ=SOMETIMES", at(2026, 11, 3, 18));
  auto saved = save_group(*store, bad_rule, std::nullopt);
  REQUIRE_FALSE(saved.ok());
  CHECK(contains(saved.error().message, "RRULE"));
  auto no_title = weekly("", at(2026, 11, 3, 18));
  no_title.title = "  ";
  CHECK_FALSE(save_group(*store, no_title, std::nullopt).ok());
  auto no_seats = weekly("", at(2026, 11, 3, 18));
  no_seats.capacity = 0;
  CHECK_FALSE(save_group(*store, no_seats, std::nullopt).ok());
  CHECK(store.count("SELECT count(*) FROM calendar_group") == 0);
  CHECK(store.outbox() == 0);
}

TEST_CASE("calendar: the staff form's weekly patterns become rules and are read back") {
  WeeklyPattern pattern;
  CHECK_FALSE(pattern.any_day());
  CHECK(weekly_rrule(pattern).empty());
  pattern.weekdays[1] = pattern.weekdays[3] = pattern.weekdays[0] = true;  // Monday, Wednesday, Sunday
  CHECK(weekly_rrule(pattern) == "FREQ=WEEKLY;BYDAY=MO,WE,SU");
  pattern.interval = 2;
  CHECK(weekly_rrule(pattern) == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,SU");
  // What the form writes goes through libical's normal form and comes back the same.
  const auto normal = normalize_rrule(weekly_rrule(pattern));
  REQUIRE(normal.ok());
  CHECK(parse_weekly_rrule(normal.value()) == pattern);
  CHECK(parse_weekly_rrule("FREQ=WEEKLY;BYDAY=TU;WKST=MO") == WeeklyPattern{{false, false, true}, 1});

  // Shapes the form cannot show are left alone.
  for (const char* rule : {"", "FREQ=DAILY", "FREQ=WEEKLY", "FREQ=WEEKLY;BYDAY=TU;COUNT=4", "FREQ=MONTHLY;BYDAY=2TU",
                           "FREQ=WEEKLY;INTERVAL=3;BYDAY=TU", "FREQ=WEEKLY;BYDAY=1TU", "FREQ=WEEKLY;BYDAY=XX"}) {
    INFO(rule);
    CHECK_FALSE(parse_weekly_rrule(rule).has_value());
  }

  WeeklyPattern thursdays;
  thursdays.weekdays[4] = true;
  CHECK(first_day_of(thursdays, LocalDate{2026, 11, 23}) == LocalDate{2026, 11, 26});
  CHECK(first_day_of(thursdays, LocalDate{2026, 11, 26}) == LocalDate{2026, 11, 26});
  CHECK(first_day_of(WeeklyPattern{}, LocalDate{2026, 11, 23}) == LocalDate{2026, 11, 23});
}

TEST_CASE("calendar: starting near the range (whole periods, remembered COUNT ends) gives what a walk from DTSTART gives") {
  // The reference expands from DTSTART's own day, where nothing is skipped, and keeps the asked-for week.
  const auto walked = [](const GroupDefinition& group, LocalDate from, LocalDate to) {
    std::vector<std::string> keys;
    for (const auto& session : must(expand_group(group, {}, group.start.date, to), "expand_group")) {
      if (session.start.date >= from) keys.push_back(session.start.key(group.all_day));
    }
    return keys;
  };
  const std::vector<std::string> rules{
      "FREQ=WEEKLY;BYDAY=TU",        "FREQ=WEEKLY;BYDAY=MO,WE,FR",  // DTSTART (a Tuesday) not among its days
      "FREQ=WEEKLY;BYDAY=TU,TH",     "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,FR", "FREQ=WEEKLY;INTERVAL=3",
      "FREQ=DAILY",                  "FREQ=DAILY;INTERVAL=3",        "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
      "FREQ=WEEKLY;BYDAY=TU;COUNT=30", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=41", "FREQ=DAILY;COUNT=500",
      "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260601T000000", "FREQ=MONTHLY;BYDAY=-1FR;COUNT=10",
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,TU;WKST=SU"};
  for (const bool all_day : {false, true}) {
    for (const auto& rule : rules) {
      auto group = weekly(rule, at(2025, 1, 14, 18, 30));
      group.all_day = all_day;
      for (LocalDate from{2025, 1, 10}; from < LocalDate{2027, 3, 1}; from = from.plus_days(17)) {
        INFO(rule << (all_day ? " all day" : "") << " from " << from);
        std::vector<std::string> fast;
        for (const auto& session : must(expand_group(group, {}, from, from.plus_days(6)), "expand_group")) {
          fast.push_back(session.start.key(all_day));
        }
        CHECK(fast == walked(group, from, from.plus_days(6)));
      }
    }
  }
}
