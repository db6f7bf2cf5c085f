// porchlight-admin calendar: import, sessions as JSON across a daylight-saving change, export and re-import,
// staff changes, joining a full group, the monthly report, and refusals that leave the database unchanged.
#include <doctest/doctest.h>

#include <fstream>

#include "support/checks.hpp"

using namespace porchlight::test;

namespace {

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

// CRLF and a folded line, as calendar programs write; a VTIMEZONE; one moved and one cancelled session.
const std::string kCalendar =
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//Test//Test//EN\r\n"
    "BEGIN:VTIMEZONE\r\n"
    "TZID:America/New_York\r\n"
    "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\nDTSTART:19700308T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\nEND:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\nDTSTART:19701101T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\nEND:STANDARD\r\n"
    "END:VTIMEZONE\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:wrap@test\r\n"
    "DTSTAMP:20260101T000000Z\r\n"
    "SUMMARY:WRAP\r\n"
    "DESCRIPTION:Wellness Recovery Action Plan\\, with peers. A long line that calendar programs fold\r\n"
    "  at seventy-five octets.\r\n"
    "LOCATION:Room B\r\n"
    "DTSTART;TZID=America/New_York:20260303T180000\r\n"
    "DTEND;TZID=America/New_York:20260303T193000\r\n"
    "RRULE:FREQ=WEEKLY;BYDAY=TU,TH\r\n"
    "EXDATE;TZID=America/New_York:20260305T180000\r\n"
    "X-PORCHLIGHT-CAPACITY:1\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:wrap@test\r\n"
    "DTSTAMP:20260101T000000Z\r\n"
    "SUMMARY:WRAP\r\n"
    "RECURRENCE-ID;TZID=America/New_York:20260310T180000\r\n"
    "DTSTART;TZID=America/New_York:20260311T170000\r\n"
    "DTEND;TZID=America/New_York:20260311T183000\r\n"
    "LOCATION:Library\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:wrap@test\r\n"
    "DTSTAMP:20260101T000000Z\r\n"
    "SUMMARY:WRAP\r\n"
    "RECURRENCE-ID;TZID=America/New_York:20260312T180000\r\n"
    "DTSTART;TZID=America/New_York:20260312T180000\r\n"
    "DTEND;TZID=America/New_York:20260312T193000\r\n"
    "STATUS:CANCELLED\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n";

std::vector<std::string> titles_and_times(const nlohmann::json& sessions) {
  std::vector<std::string> out;
  for (const auto& session : sessions) {
    out.push_back(session.at("title").get<std::string>() + " " + session.at("start").get<std::string>() + " " +
                  session.at("end").get<std::string>() + (session.at("cancelled").get<bool>() ? " cancelled" : ""));
  }
  return out;
}

}  // namespace

TEST_CASE("calendar: import, sessions as JSON across the spring change, export and import again") {
  TempDir dir;
  Admin admin(dir / "center.db");
  require_ok(admin({"init", "--time-zone", "America/New_York"}));
  write_file(dir / "groups.ics", kCalendar);
  const auto imported = single_line(admin({"calendar", "import", (dir / "groups.ics").string()}));
  CHECK(imported.find("1 groups") != std::string::npos);

  const auto sessions =
      parse_json(admin({"calendar", "sessions", "--from", "2026-03-03", "--to", "2026-03-12", "--format", "json"}));
  CHECK(titles_and_times(sessions) ==
        std::vector<std::string>{"WRAP 2026-03-03T18:00:00-05:00 2026-03-03T19:30:00-05:00",
                                 "WRAP 2026-03-11T17:00:00-04:00 2026-03-11T18:30:00-04:00",
                                 "WRAP 2026-03-12T18:00:00-04:00 2026-03-12T19:30:00-04:00 cancelled"});
  CHECK(sessions[1].at("room") == "Library");

  // Both dates are inclusive, in the center's zone.
  const auto one_day =
      parse_json(admin({"calendar", "sessions", "--from", "2026-03-03", "--to", "2026-03-03", "--format", "json"}));
  CHECK(one_day.size() == 1);

  require_ok(admin({"calendar", "export", (dir / "out.ics").string()}));
  const auto exported = read_file(dir / "out.ics");
  CHECK(exported.find("RRULE:FREQ=WEEKLY;BYDAY=TU,TH\r\n") != std::string::npos);
  CHECK(exported.find("EXDATE;TZID=America/New_York:20260305T180000") != std::string::npos);
  CHECK(exported.find("RECURRENCE-ID;TZID=America/New_York:20260310T180000") != std::string::npos);

  Admin second(dir / "second.db");
  require_ok(second({"init", "--time-zone", "America/New_York"}));
  require_ok(second({"calendar", "import", (dir / "out.ics").string()}));
  for (const auto& [from, to] : {std::pair{"2026-03-01", "2026-03-31"}, std::pair{"2026-10-25", "2026-11-10"}}) {
    const std::vector<std::string> args{"calendar", "sessions", "--from", from, "--to", to, "--format", "json"};
    CHECK(titles_and_times(parse_json(admin(args))) == titles_and_times(parse_json(second(args))));
  }
  // Importing the same file again updates rather than duplicates.
  require_ok(admin({"calendar", "import", (dir / "groups.ics").string()}));
  CHECK(parse_json(admin({"calendar", "groups", "--format", "json"})).size() == 1);
}

TEST_CASE("calendar: cancel a session, join a group of one, roster and the monthly report") {
  TempDir dir;
  Admin admin(dir / "center.db");
  require_ok(admin({"init", "--time-zone", "America/New_York"}));
  write_file(dir / "groups.ics", kCalendar);
  require_ok(admin({"calendar", "import", (dir / "groups.ics").string()}));
  const auto ana = single_line(admin({"participant", "add", "--first", "Ana", "--last", "Reyes", "--consent"}));
  const auto bo = single_line(admin({"participant", "add", "--first", "Bo", "--last", "Lee", "--consent"}));
  const auto sessions =
      parse_json(admin({"calendar", "sessions", "--from", "2026-03-17", "--to", "2026-03-19", "--format", "json"}));
  REQUIRE(sessions.size() == 2);
  const auto tuesday = sessions[0].at("session").get<std::string>();
  const auto thursday = sessions[1].at("session").get<std::string>();

  require_ok(admin({"calendar", "cancel", thursday}));
  const auto after =
      parse_json(admin({"calendar", "sessions", "--from", "2026-03-19", "--to", "2026-03-19", "--format", "json"}));
  CHECK(after[0].at("cancelled") == true);
  CHECK(after[0].at("status") == "cancelled");

  require_ok(admin({"calendar", "join", tuesday, "--participant", ana}));
  const auto before = dump_database(admin.db());
  const auto full = admin({"calendar", "join", tuesday, "--participant", bo});
  check_refused(full, 1);
  CHECK(full.err.find("full") != std::string::npos);
  CHECK(dump_database(admin.db()) == before);

  const auto roster = admin({"calendar", "roster", tuesday});
  require_ok(roster);
  CHECK(roster.out.find("Ana Reyes") != std::string::npos);
  CHECK(roster.out.find("Bo Lee") == std::string::npos);

  const auto csv = admin({"report", "groups", "--month", "2026-03", "--format", "csv"});
  require_ok(csv);
  CHECK(csv.out.rfind("month,group_id,group,sessions,cancelled_sessions,joined,attended,unique_people\r\n", 0) == 0);
  // March: Tuesdays 3-31 and Thursdays 12-26 (the 5th is an EXDATE): 8 sessions, the 12th and 19th cancelled.
  CHECK(csv.out.find(",WRAP,6,2,1,0,1\r\n") != std::string::npos);
}

TEST_CASE("calendar: bad input is refused with one line and leaves the database unchanged") {
  TempDir dir;
  Admin admin(dir / "center.db");
  require_ok(admin({"init", "--time-zone", "America/New_York"}));
  write_file(dir / "groups.ics", kCalendar);
  require_ok(admin({"calendar", "import", (dir / "groups.ics").string()}));
  const auto group_id =
      parse_json(admin({"calendar", "groups", "--format", "json"}))[0].at("id").get<std::string>();

  std::string broken = kCalendar;
  broken.replace(broken.find("RRULE:FREQ=WEEKLY;BYDAY=TU,TH"), 29, "RRULE:FREQ=FORTNIGHTLY");
  write_file(dir / "broken.ics", broken);
  std::string truncated = kCalendar.substr(0, kCalendar.find("END:VCALENDAR"));
  write_file(dir / "truncated.ics", truncated);
  std::string renamed = kCalendar;  // would add a second group if it were half-imported
  renamed.replace(renamed.find("UID:wrap@test"), 13, "UID:other@test");
  renamed.replace(renamed.find("X-PORCHLIGHT-CAPACITY:1"), 23, "X-PORCHLIGHT-CAPACITY:0");
  write_file(dir / "zero.ics", renamed);
  const auto before = dump_database(admin.db());

  struct Bad {
    std::vector<std::string> args;
    int exit_code;
    std::string mentions;
  };
  const std::vector<Bad> cases{
      {{"calendar", "import", (dir / "broken.ics").string()}, 1, "line 30: the RRULE"},
      {{"calendar", "import", (dir / "truncated.ics").string()}, 1, "line"},
      {{"calendar", "import", (dir / "zero.ics").string()}, 1, "line"},
      {{"calendar", "import", (dir / "absent.ics").string()}, 1, "absent.ics"},
      {{"calendar", "import"}, 2, "file"},
      {{"calendar", "sessions", "--from", "2026-03-01"}, 2, "--to"},
      {{"calendar", "sessions", "--from", "2026-03-01", "--to", "2026-02-30"}, 2, "2026-02-30"},
      {{"calendar", "sessions", "--from", "2026-03-10", "--to", "2026-03-01"}, 2, "before"},
      {{"calendar", "sessions", "--from", "2026-03-01", "--to", "2026-03-02", "--format", "xml"}, 2, "format"},
      {{"calendar", "cancel", "nonsense"}, 1, "nonsense"},
      {{"calendar", "cancel", group_id + "/20260304T180000"}, 1, "no session"},
      {{"calendar", "cancel", group_id + "/20260305T180000"}, 1, "no session"},  // EXDATE
      {{"calendar", "frobnicate"}, 2, "frobnicate"},
      {{"report", "groups", "--month", "2026-13"}, 2, "2026-13"},
  };
  for (const auto& bad : cases) {
    std::string joined;
    for (const auto& arg : bad.args) joined += arg + " ";
    CAPTURE(joined);
    const auto run = admin(bad.args);
    check_refused(run, bad.exit_code);
    CHECK(run.err.find(bad.mentions) != std::string::npos);
    CHECK(dump_database(admin.db()) == before);
  }
}

TEST_CASE("calendar: a rule that cannot be a group is refused at import - one stored before hides no other group") {
  TempDir dir;
  Admin admin(dir / "center.db");
  require_ok(admin({"init", "--time-zone", "America/New_York"}));
  write_file(dir / "groups.ics", kCalendar);
  require_ok(admin({"calendar", "import", (dir / "groups.ics").string()}));
  const auto before = dump_database(admin.db());
  for (const std::string rule : {"FREQ=SECONDLY", "FREQ=MINUTELY;COUNT=100000000", "FREQ=HOURLY"}) {
    CAPTURE(rule);
    std::string flood = kCalendar;
    flood.replace(flood.find("RRULE:FREQ=WEEKLY;BYDAY=TU,TH"), 29, "RRULE:" + rule);
    write_file(dir / "flood.ics", flood);
    const auto refused = admin({"calendar", "import", (dir / "flood.ics").string()});
    check_refused(refused, 1);
    CHECK(refused.err.find("line 30:") != std::string::npos);
    CHECK(refused.err.find("wrap@test") != std::string::npos);
    CHECK(dump_database(admin.db()) == before);
  }

  // Such groups in a database from before the check: left out and named, and every other group still shows.
  execute_sql(admin.db(),
              "INSERT INTO calendar_group (id, uid, title, starts_local, duration_minutes, rrule, center_id, device_id, "
              "created_at, updated_at) VALUES ('flood-1', 'flood-1@test', 'Flood one', '20260301T000000', 60, "
              "'FREQ=SECONDLY', 'c', 'd', 0, 0), ('flood-2', 'flood-2@test', 'Flood two', '20260301T000000', 60, "
              "'FREQ=MINUTELY;COUNT=100000000', 'c', 'd', 0, 0)");
  const auto sessions =
      admin({"calendar", "sessions", "--from", "2026-03-17", "--to", "2026-03-19", "--format", "json"});
  require_ok(sessions);
  const auto listed = parse_json(sessions);
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].at("title") == "WRAP");
  CHECK(sessions.err.find("Flood one") != std::string::npos);
  CHECK(sessions.err.find("Flood two") != std::string::npos);

  const auto csv = admin({"report", "groups", "--month", "2026-03", "--format", "csv"});
  require_ok(csv);
  CHECK(csv.out.find(",WRAP,") != std::string::npos);
  CHECK(csv.err.find("Flood one") != std::string::npos);
}
