// .ics import and export: round trips, files as calendar programs write them, and broken files that are
// refused naming the line, with nothing stored.
#include <nlohmann/json.hpp>

#include "porchlight/core/calendar.hpp"
#include "porchlight/core/ical.hpp"
#include "test_support.hpp"

using namespace porchlight::test;

namespace {

std::string crlf(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

// As Google Calendar exports: CRLF, VTIMEZONE with yearly rules, UNTIL in UTC, an EXDATE, an override of
// one session by RECURRENCE-ID, a cancelled one, and a description folded over lines.
const char* const kGoogle = R"(BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-CALNAME:Harbor Light groups
X-WR-TIMEZONE:America/New_York
BEGIN:VTIMEZONE
TZID:America/New_York
X-LIC-LOCATION:America/New_York
BEGIN:DAYLIGHT
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
TZNAME:EDT
DTSTART:19700308T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
TZNAME:EST
DTSTART:19701101T020000
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
DTSTART;TZID=America/New_York:20260303T180000
DTEND;TZID=America/New_York:20260303T193000
RRULE:FREQ=WEEKLY;UNTIL=20260602T035959Z;BYDAY=TU,TH
EXDATE;TZID=America/New_York:20260312T180000
DTSTAMP:20261101T120000Z
UID:6k2q9bq1v0@google.com
CREATED:20260201T150000Z
DESCRIPTION:Wellness Recovery Action Plan: build your own plan with peers. 
 Bring a notebook\, we bring the coffee.
LOCATION:Room B
SEQUENCE:2
STATUS:CONFIRMED
SUMMARY:WRAP
TRANSP:OPAQUE
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:This is an event reminder
TRIGGER:-P0DT0H10M0S
END:VALARM
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID=America/New_York:20260320T140000
DTEND;TZID=America/New_York:20260320T153000
DTSTAMP:20261101T120000Z
UID:6k2q9bq1v0@google.com
RECURRENCE-ID;TZID=America/New_York:20260319T180000
LOCATION:Library
SEQUENCE:3
STATUS:CONFIRMED
SUMMARY:WRAP
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID=America/New_York:20260326T180000
DTEND;TZID=America/New_York:20260326T193000
DTSTAMP:20261101T120000Z
UID:6k2q9bq1v0@google.com
RECURRENCE-ID;TZID=America/New_York:20260326T180000
STATUS:CANCELLED
SUMMARY:WRAP
END:VEVENT
END:VCALENDAR
)";

// As Outlook writes: a Windows zone name with its VTIMEZONE, monthly by position, an all-day event.
const char* const kOutlook = R"(BEGIN:VCALENDAR
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
VERSION:2.0
METHOD:PUBLISH
X-MS-OLK-FORCEINSPECTOROPEN:TRUE
BEGIN:VTIMEZONE
TZID:Eastern Standard Time
BEGIN:STANDARD
DTSTART:16011104T020000
RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010311T020000
RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
CLASS:PUBLIC
CREATED:20260105T160000Z
DESCRIPTION:Second Tuesday of the month.\n
DTEND;TZID="Eastern Standard Time":20260113T143000
DTSTAMP:20260105T160000Z
DTSTART;TZID="Eastern Standard Time":20260113T130000
LAST-MODIFIED:20260105T160000Z
LOCATION:Main hall
ORGANIZER;CN="Alex Morgan":mailto:alex@example.org
PRIORITY:5
RRULE:FREQ=MONTHLY;COUNT=12;BYDAY=2TU
SEQUENCE:0
SUMMARY;LANGUAGE=en-us:Recovery dialogue
TRANSP:OPAQUE
UID:040000008200E00074C5B7101A82E00800000000D0B2E7C1A1D3DA01000000000000000010000000
X-MICROSOFT-CDO-BUSYSTATUS:BUSY
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20260418
DTEND;VALUE=DATE:20260419
DTSTAMP:20260105T160000Z
SUMMARY:Spring resource fair
UID:fair-2026@example.org
END:VEVENT
END:VCALENDAR
)";

// As Thunderbird writes: an IANA TZID with a libical-style VTIMEZONE, RDATE, and a floating event.
const char* const kThunderbird = R"(BEGIN:VCALENDAR
PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN
VERSION:2.0
BEGIN:VTIMEZONE
TZID:America/Chicago
X-LIC-LOCATION:America/Chicago
BEGIN:DAYLIGHT
TZOFFSETFROM:-0600
TZOFFSETTO:-0500
TZNAME:CDT
DTSTART:19700308T020000
RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:-0500
TZOFFSETTO:-0600
TZNAME:CST
DTSTART:19701101T020000
RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
CREATED:20260201T100000Z
LAST-MODIFIED:20260201T100000Z
DTSTAMP:20260201T100000Z
UID:0f1c2d3e-walk
SUMMARY:Walking group
RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR
RDATE;TZID=America/Chicago:20260307T090000
DTSTART;TZID=America/Chicago:20260302T090000
DTEND;TZID=America/Chicago:20260302T100000
LOCATION:Front porch
END:VEVENT
BEGIN:VEVENT
UID:floating-coffee
DTSTAMP:20260201T100000Z
SUMMARY:Coffee hour
DTSTART:20260309T080000
DURATION:PT45M
END:VEVENT
END:VCALENDAR
)";

struct SessionView {
  std::string title;
  std::string start;
  std::string end;
  std::string room;
  bool cancelled;
  auto operator<=>(const SessionView&) const = default;
};

std::vector<SessionView> view(Store& store, LocalDate from, LocalDate to) {
  std::vector<SessionView> out;
  for (const auto& session : must(sessions_between(store, from, to))) {
    out.push_back({session.title, store.center_time().iso_local(session.start),
                   store.center_time().iso_local(session.end), session.room, session.cancelled});
  }
  return out;
}

std::vector<std::string> starts_of(Store& store, LocalDate from, LocalDate to, const std::string& title) {
  std::vector<std::string> out;
  for (const auto& session : must(sessions_between(store, from, to))) {
    if (session.title == title) out.push_back(store.center_time().iso_local(session.start));
  }
  return out;
}

}  // namespace

TEST_CASE("ics: a Google Calendar export (CRLF, VTIMEZONE, folded lines, overrides) imports") {
  TestStore store;
  const auto summary = must(import_calendar(*store, crlf(kGoogle), std::nullopt));
  CHECK(summary.created == 1);
  CHECK(summary.overrides == 2);
  const auto groups = must(list_groups(*store));
  REQUIRE(groups.size() == 1);
  CHECK(groups[0].title == "WRAP");
  CHECK(groups[0].room == "Room B");
  CHECK(groups[0].duration_minutes == 90);
  CHECK(groups[0].description ==
        "Wellness Recovery Action Plan: build your own plan with peers. Bring a notebook, we bring the coffee.");
  // Week of the spring change: Tue 3rd EST, Thu 5th, Tue 10th EDT; the 12th is an EXDATE.
  CHECK(starts_of(*store, {2026, 3, 1}, {2026, 3, 14}, "WRAP") ==
        std::vector<std::string>{"2026-03-03T18:00:00-05:00", "2026-03-05T18:00:00-05:00",
                                 "2026-03-10T18:00:00-04:00"});
  // The 19th moved to Friday 20th 14:00 in the library; the 26th is cancelled.
  const auto later = must(sessions_between(*store, {2026, 3, 16}, {2026, 3, 28}));
  REQUIRE(later.size() == 4);
  CHECK(later[1].start == local({2026, 3, 20}, 14, 0));
  CHECK(later[1].room == "Library");
  CHECK(later[1].moved);
  CHECK(later[3].cancelled);
  // UNTIL=20260602T035959Z is 23:59:59 on June 1 in New York: the last session is Thursday May 28.
  CHECK(starts_of(*store, {2026, 5, 25}, {2026, 6, 30}, "WRAP") ==
        std::vector<std::string>{"2026-05-26T18:00:00-04:00", "2026-05-28T18:00:00-04:00"});
}

TEST_CASE("ics: an Outlook export (Windows zone name, ORGANIZER, monthly by position, all-day) imports") {
  TestStore store;
  must(import_calendar(*store, crlf(kOutlook), std::nullopt));
  const auto groups = must(list_groups(*store));
  REQUIRE(groups.size() == 2);
  const auto& dialogue = groups[0].title == "Recovery dialogue" ? groups[0] : groups[1];
  CHECK(dialogue.facilitator == "Alex Morgan");
  CHECK(starts_of(*store, {2026, 3, 1}, {2026, 4, 30}, "Recovery dialogue") ==
        std::vector<std::string>{"2026-03-10T13:00:00-04:00", "2026-04-14T13:00:00-04:00"});
  CHECK(starts_of(*store, {2026, 12, 1}, {2027, 2, 28}, "Recovery dialogue") ==
        std::vector<std::string>{"2026-12-08T13:00:00-05:00"});  // COUNT=12 ends in December
  const auto fair = must(sessions_on(*store, {2026, 4, 18}));
  REQUIRE(fair.size() == 1);
  CHECK(fair[0].all_day);
}

TEST_CASE("ics: a Thunderbird export in another zone is brought to the center's wall clock") {
  TestStore store;  // New York
  must(import_calendar(*store, kThunderbird, std::nullopt));
  // 09:00 Chicago is 10:00 New York; the RDATE adds Saturday the 7th.
  CHECK(starts_of(*store, {2026, 3, 2}, {2026, 3, 7}, "Walking group") ==
        std::vector<std::string>{"2026-03-02T10:00:00-05:00", "2026-03-04T10:00:00-05:00",
                                 "2026-03-06T10:00:00-05:00", "2026-03-07T10:00:00-05:00"});
  const auto coffee = must(sessions_on(*store, {2026, 3, 9}));
  const auto found = std::find_if(coffee.begin(), coffee.end(), [](const Session& s) { return s.title == "Coffee hour"; });
  REQUIRE(found != coffee.end());
  CHECK(found->start == local({2026, 3, 9}, 8, 0));
  CHECK(found->end - found->start == 45 * kMinute);
  CHECK(must(list_groups(*store))[0].floating == (must(list_groups(*store))[0].title == "Coffee hour"));
}

TEST_CASE("ics: import, export, import again gives the same sessions") {
  TestStore first;
  must(import_calendar(*first, crlf(kGoogle), std::nullopt));
  must(import_calendar(*first, crlf(kOutlook), std::nullopt));
  must(import_calendar(*first, kThunderbird, std::nullopt));
  // Staff changes on top: a one-off session and a cancelled one.
  const auto groups = must(list_groups(*first));
  const auto walking = std::find_if(groups.begin(), groups.end(), [](const Group& g) { return g.title == "Walking group"; });
  REQUIRE(walking != groups.end());
  must(add_session(*first, walking->id, LocalDateTime{LocalDate{2026, 3, 14}, 11, 0, 0}, std::nullopt));
  must(cancel_session(*first, walking->id + "/20260309T100000", std::nullopt));

  const auto exported = must(export_calendar(*first));
  CHECK(contains(exported, "\r\n"));
  CHECK(contains(exported, "RRULE:FREQ=WEEKLY"));
  CHECK(contains(exported, "EXDATE;TZID=America/New_York:20260312T180000"));
  // The walking group came with TZID=America/Chicago: it repeats there, so it is written there (11:00 in New York).
  CHECK(contains(exported, "RDATE;TZID=America/Chicago:20260314T100000"));
  CHECK(contains(exported, "RECURRENCE-ID;TZID=America/New_York:20260319T180000"));
  CHECK(contains(exported, "BEGIN:VTIMEZONE"));
  CHECK(contains(exported, "UNTIL=20260602T035959Z"));

  TestStore second;
  const auto summary = must(import_calendar(*second, exported, std::nullopt));
  CHECK(summary.created == 5);
  for (const auto& [from, to] : {std::pair{LocalDate{2026, 3, 1}, LocalDate{2026, 3, 31}},
                                 std::pair{LocalDate{2026, 4, 1}, LocalDate{2026, 6, 30}},
                                 std::pair{LocalDate{2026, 10, 25}, LocalDate{2026, 11, 7}}}) {
    INFO(from << " to " << to);
    CHECK(view(*first, from, to) == view(*second, from, to));
    CHECK_FALSE(view(*first, from, to).empty());
  }
  // And the second export equals the first (apart from the stamp, which both take from the same clock).
  CHECK(must(export_calendar(*second)) == exported);
}

TEST_CASE("ics: importing the same file again updates by UID instead of duplicating") {
  TestStore store;
  must(import_calendar(*store, kThunderbird, std::nullopt));
  std::string changed = kThunderbird;
  changed.replace(changed.find("Front porch"), 11, "Back garden");
  const auto summary = must(import_calendar(*store, changed, std::nullopt));
  CHECK(summary.created == 0);
  CHECK(summary.updated == 2);
  CHECK(store.count("SELECT count(*) FROM calendar_group") == 2);
  CHECK(text_of(store.db(), "SELECT room FROM calendar_group WHERE uid = '0f1c2d3e-walk'") == "Back garden");
}

TEST_CASE("ics: a broken file is refused naming the line, and nothing is stored") {
  struct Broken {
    std::string what;
    std::string find;
    std::string replace;
    std::string line;
  };
  // Line numbers in kThunderbird: RRULE is on line 28, DTSTART on 30, DTEND on 31, the first END:VEVENT on 33.
  const std::vector<Broken> cases{
      {"bad RRULE", "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR", "RRULE:FREQ=SOMETIMES", "line 28:"},
      {"bad DTSTART", "DTSTART;TZID=America/Chicago:20260302T090000", "DTSTART;TZID=America/Chicago:tomorrow",
       "line 30:"},
      {"unknown zone", "DTSTART;TZID=America/Chicago:", "DTSTART;TZID=Mars/Olympus:", "line 30:"},
      {"missing END", "END:VEVENT\nBEGIN:VEVENT\nUID:floating", "BEGIN:VEVENT\nUID:floating", "line 33:"},
      {"not a content line", "LOCATION:Front porch", "Front porch", "line 32:"},
      {"bad capacity", "LOCATION:Front porch", "X-PORCHLIGHT-CAPACITY:many", "line 32:"},
      {"ends before it starts", "DTEND;TZID=America/Chicago:20260302T100000",
       "DTEND;TZID=America/Chicago:20260302T080000", "line 31:"},
  };
  TestStore store;
  for (const auto& broken : cases) {
    CAPTURE(broken.what);
    std::string text = kThunderbird;
    const auto at = text.find(broken.find);
    REQUIRE(at != std::string::npos);
    text.replace(at, broken.find.size(), broken.replace);
    auto imported = import_calendar(*store, crlf(text), std::nullopt);
    REQUIRE_FALSE(imported.ok());
    INFO(imported.error().message);
    CHECK(imported.error().message.rfind(broken.line, 0) == 0);
    CHECK(store.count("SELECT count(*) FROM calendar_group") == 0);
    CHECK(store.outbox() == 0);
    CHECK(store.audit() == 0);
  }
  CHECK(parse_ics("", kZone).error().message.rfind("line 1:", 0) == 0);
  CHECK_FALSE(parse_ics("BEGIN:VCALENDAR\r\nEND:VEVENT\r\n", kZone).ok());
  CHECK_FALSE(parse_ics("\xff\xfe garbage", kZone).ok());
}

TEST_CASE("ics: a file that fails half-way leaves the groups imported before it as they were") {
  TestStore store;
  must(import_calendar(*store, kOutlook, std::nullopt));
  const auto before = texts_of(store.db(), "SELECT uid || title || updated_at FROM calendar_group ORDER BY uid");
  std::string text = kThunderbird;
  text.replace(text.find("DURATION:PT45M"), 14, "DURATION:soon");
  auto imported = import_calendar(*store, text, std::nullopt);
  REQUIRE_FALSE(imported.ok());
  CHECK(texts_of(store.db(), "SELECT uid || title || updated_at FROM calendar_group ORDER BY uid") == before);
}

TEST_CASE("ics: a rule that cannot be a group is refused at import, naming its line and event") {
  // Line numbers in kThunderbird: the walking group's RRULE is on line 28.
  const std::vector<std::string> rules{"FREQ=SECONDLY", "FREQ=MINUTELY;COUNT=100000000", "FREQ=HOURLY;BYDAY=MO",
                                       "FREQ=DAILY;COUNT=100000000", "FREQ=DAILY;BYHOUR=8,9,10,11;BYMINUTE=0,15,30,45"};
  TestStore store;
  for (const auto& rule : rules) {
    CAPTURE(rule);
    std::string text = kThunderbird;
    const std::string plain = "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR";
    text.replace(text.find(plain), plain.size(), "RRULE:" + rule);
    auto imported = import_calendar(*store, crlf(text), std::nullopt);
    REQUIRE_FALSE(imported.ok());
    INFO(imported.error().message);
    CHECK(imported.error().message.rfind("line 28:", 0) == 0);
    CHECK(contains(imported.error().message, "0f1c2d3e-walk"));
    CHECK(store.count("SELECT count(*) FROM calendar_group") == 0);
    CHECK(store.outbox() == 0);
  }
  // Twice a day, or ten thousand sessions, can be a group.
  for (const std::string rule : {"FREQ=DAILY;BYHOUR=10,18", "FREQ=WEEKLY;COUNT=10000"}) {
    CAPTURE(rule);
    std::string text = kThunderbird;
    const std::string plain = "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR";
    text.replace(text.find(plain), plain.size(), "RRULE:" + rule);
    CHECK(parse_ics(crlf(text), kZone).ok());
  }
}

namespace {

// A store holding the Thunderbird groups and two groups with rules no group has, written as a database from
// before such rules were refused holds them.
void store_flood_groups(TestStore& store) {
  must(import_calendar(*store, crlf(kThunderbird), std::nullopt));
  for (const auto& [id, rule] :
       {std::pair{"flood-1", "FREQ=SECONDLY"}, std::pair{"flood-2", "FREQ=MINUTELY;COUNT=100000000"}}) {
    RawDb raw(store.path());
    raw.exec(std::string("INSERT INTO calendar_group (id, uid, title, starts_local, duration_minutes, rrule, "
                         "center_id, device_id, created_at, updated_at) VALUES ('") +
             id + "', '" + id + "@test', 'Flood " + id + "', '20260301T000000', 60, '" + rule +
             "', 'center', 'device', 0, 0)");
  }
}

}  // namespace

TEST_CASE("ics: a group stored with a rule that cannot be expanded hides no other group") {
  TestStore clean;
  must(import_calendar(*clean, crlf(kThunderbird), std::nullopt));
  const auto good = view(*clean, {2026, 3, 2}, {2026, 3, 8});
  REQUIRE_FALSE(good.empty());

  TestStore store;
  store_flood_groups(store);
  const auto sessions = sessions_between(*store, {2026, 3, 2}, {2026, 3, 8});
  REQUIRE_MESSAGE(sessions.ok(), (sessions.ok() ? std::string() : sessions.error().message));
  CHECK(view(*store, {2026, 3, 2}, {2026, 3, 8}) == good);
  CHECK(must(sessions_on(*store, {2026, 3, 4})).size() == 1);  // today's groups still show

  const auto report = group_attendance_for_month(*store, 2026, 3);
  REQUIRE_MESSAGE(report.ok(), (report.ok() ? std::string() : report.error().message));
  CHECK(std::any_of(report->groups.begin(), report->groups.end(),
                    [](const GroupMonthAttendance& row) { return row.title == "Walking group"; }));
}

namespace {

// A weekly group kept in London's clock, read by a center in New York: the US changes its clocks on 8 March
// 2026, the UK on 29 March, so for three weeks the two are four hours apart instead of five.
const char* const kLondon = R"(BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Test//Test//EN
BEGIN:VEVENT
UID:london-weekly
DTSTAMP:20260201T100000Z
SUMMARY:London call
DTSTART;TZID=Europe/London:20260302T180000
DTEND;TZID=Europe/London:20260302T190000
RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20260406T170000Z
END:VEVENT
END:VCALENDAR
)";

std::vector<Millis> session_starts(Store& store, LocalDate from, LocalDate to) {
  std::vector<Millis> out;
  for (const auto& session : must(sessions_between(store, from, to))) out.push_back(session.start);
  return out;
}

}  // namespace

TEST_CASE("ics: an event with a TZID repeats in its own zone, not the center's (RFC 5545)") {
  TestStore store;
  must(import_calendar(*store, crlf(kLondon), std::nullopt));
  // 18:00 in London every Monday: 18:00 UTC until the UK's change on 29 March, 17:00 UTC after it; UNTIL is
  // the 6 April session itself.
  const std::vector<Millis> expected{utc({2026, 3, 2}, 18), utc({2026, 3, 9}, 18), utc({2026, 3, 16}, 18),
                                     utc({2026, 3, 23}, 18), utc({2026, 3, 30}, 17), utc({2026, 4, 6}, 17)};
  CHECK(session_starts(*store, {2026, 3, 1}, {2026, 4, 30}) == expected);
  // In the center's clock: 13:00, then 14:00 for the three weeks the zones' changes differ, then 13:00.
  const auto sessions = must(sessions_between(*store, {2026, 3, 9}, {2026, 3, 9}));
  REQUIRE(sessions.size() == 1);
  CHECK(sessions[0].start_local.hour == 14);
  const auto found = find_session(*store, sessions[0].key);
  REQUIRE_MESSAGE(found.ok(), (found.ok() ? std::string() : found.error().message));
  CHECK(found->start == utc({2026, 3, 9}, 18));

  // Exported and imported again, it still repeats in London.
  const auto exported = must(export_calendar(*store));
  CHECK(contains(exported, "TZID=Europe/London"));
  TestStore second;
  must(import_calendar(*second, exported, std::nullopt));
  CHECK(session_starts(*second, {2026, 3, 1}, {2026, 4, 30}) == expected);
}

TEST_CASE("ics: groups left out of lists and reports are named, with the reason") {
  TestStore store;
  store_flood_groups(store);
  std::vector<SkippedGroup> skipped;
  REQUIRE(sessions_between(*store, {2026, 3, 2}, {2026, 3, 8}, &skipped).ok());
  REQUIRE(skipped.size() == 2);
  std::sort(skipped.begin(), skipped.end());
  CHECK(skipped[0].group_id == "flood-1");
  CHECK(skipped[1].group_id == "flood-2");
  CHECK(contains(skipped[0].reason, "FREQ=SECONDLY"));
  // Asked again (the kept sessions): still named.
  skipped.clear();
  REQUIRE(sessions_between(*store, {2026, 3, 3}, {2026, 3, 4}, &skipped).ok());
  CHECK(skipped.size() == 2);
  const auto report = must(group_attendance_for_month(*store, 2026, 3));
  CHECK(report.skipped.size() == 2);
  CHECK(group_attendance_json(report).at("skipped").size() == 2);
}
