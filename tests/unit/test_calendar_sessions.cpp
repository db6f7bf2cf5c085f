// Sessions as the kiosk sees them: status, check-in windows, joining with a capacity, rosters, staff
// edits with audit records, the outbox and its privacy rule, and the monthly attendance report.
#include <nlohmann/json.hpp>

#include "porchlight/core/audit.hpp"
#include "porchlight/core/calendar.hpp"
#include "porchlight/core/outbox.hpp"
#include "porchlight/core/staff.hpp"
#include "test_support.hpp"

using namespace porchlight::test;

namespace {

// kToday is Tuesday 2026-03-10; the store's clock starts at 10:00 that day.
GroupDefinition tuesday_group(const std::string& title, int hour, std::optional<int> capacity = std::nullopt) {
  GroupDefinition group;
  group.title = title;
  group.room = "Room A";
  group.facilitator = "Sam Rivera";
  group.start = LocalDateTime{LocalDate{2026, 3, 3}, hour, 0, 0};
  group.duration_minutes = 60;
  group.rrule = "FREQ=WEEKLY;BYDAY=TU";
  group.capacity = capacity;
  group.check_in = CheckInWindow{15, 30};
  return group;
}

Session only_session_today(TestStore& store) {
  const auto sessions = must(sessions_on(*store, kToday));
  REQUIRE(sessions.size() == 1);
  return sessions.front();
}

std::string staff_member(TestStore& store) {
  must(add_staff(*store, "Dana Cruz", StaffRole::Peer, "2580"));
  return text_of(store.db(), "SELECT id FROM staff WHERE name = 'Dana Cruz'");
}

}  // namespace

TEST_CASE("sessions: phases and the check-in window follow the clock") {
  TestStore store;
  must(save_group(*store, tuesday_group("Peer Support 101", 11), std::nullopt));
  auto session = only_session_today(store);
  CHECK(session.title == "Peer Support 101");
  CHECK(session.room == "Room A");
  CHECK(session.facilitator == "Sam Rivera");
  CHECK_FALSE(session.seats_left.has_value());

  CHECK(session_phase(session, local(kToday, 9, 59)) == SessionPhase::Upcoming);
  CHECK(session_phase(session, local(kToday, 10, 0)) == SessionPhase::StartingSoon);
  CHECK(session_phase(session, local(kToday, 11, 0)) == SessionPhase::InProgress);
  CHECK(session_phase(session, local(kToday, 12, 0)) == SessionPhase::Ended);
  CHECK_FALSE(check_in_open(session, local(kToday, 10, 44)));
  CHECK(check_in_open(session, local(kToday, 10, 45)));
  CHECK(check_in_open(session, local(kToday, 11, 30)));
  CHECK_FALSE(check_in_open(session, local(kToday, 11, 31)));

  CHECK(must(sessions_open_for_check_in(*store, local(kToday, 10, 0))).empty());
  const auto open = must(sessions_open_for_check_in(*store, local(kToday, 10, 50)));
  REQUIRE(open.size() == 1);
  CHECK(open[0].key == session.key);
}

TEST_CASE("sessions: capacity 1, two people: one gets in, the other is told it is full - nobody joins twice") {
  TestStore store;
  must(save_group(*store, tuesday_group("Women's circle", 11, 1), std::nullopt));
  const auto maria = add_person(*store, "Maria", "García");
  const auto james = add_person(*store, "James", "Smith");
  const auto visit_id = visit(*store, maria, {"group"});
  const auto session = only_session_today(store);
  CHECK(session.seats_left == std::optional<int>(1));

  CHECK(must(join_session(*store, {session.key, maria, visit_id, std::nullopt, false})) == JoinOutcome::Joined);
  CHECK(must(join_session(*store, {session.key, maria, std::nullopt, std::nullopt, false})) ==
        JoinOutcome::AlreadyJoined);
  CHECK(must(join_session(*store, {session.key, james, std::nullopt, std::nullopt, false})) == JoinOutcome::Full);

  const auto after = only_session_today(store);
  CHECK(after.joined == 1);
  CHECK(after.seats_left == std::optional<int>(0));
  CHECK(after.full());
  const auto roster = must(session_roster(*store, session.key));
  REQUIRE(roster.size() == 1);
  CHECK(roster[0].participant_id == maria);
  CHECK(roster[0].display_name == "Maria G.");
  CHECK(store.count("SELECT count(*) FROM attendance") == 1);
  CHECK(text_of(store.db(), "SELECT visit_id FROM attendance") == visit_id);
  // The UNIQUE constraint backs the rule up.
  RawDb raw(store.path());
  CHECK_FALSE(raw.try_exec("INSERT INTO attendance (id, session_id, participant_id, joined_at, center_id, device_id, "
                           "created_at, updated_at) SELECT 'x', session_id, participant_id, 1, 'c', 'd', 1, 1 FROM "
                           "attendance")
                  .empty());
}

TEST_CASE("sessions: a second connection cannot take the last seat at the same time") {
  TestStore store;
  must(save_group(*store, tuesday_group("Art", 11, 1), std::nullopt));
  const auto maria = add_person(*store, "Maria", "García");
  const auto james = add_person(*store, "James", "Smith");
  const auto key = only_session_today(store).key;
  // Another kiosk process on the same file.
  StoreOptions options;
  options.clock = &store.clock;
  options.pin_cost = PinHashCost::Fast;
  auto other = must(Store::open(store.path(), options));
  CHECK(must(join_session(*other, {key, james, std::nullopt, std::nullopt, false})) == JoinOutcome::Joined);
  CHECK(must(join_session(*store, {key, maria, std::nullopt, std::nullopt, false})) == JoinOutcome::Full);
  CHECK(store.count("SELECT count(*) FROM attendance") == 1);
}

TEST_CASE("sessions: joining writes an outbox row - a sensitive group's row does not say who") {
  TestStore store;
  must(save_group(*store, tuesday_group("Walking group", 11), std::nullopt));
  auto recovery = tuesday_group("Recovery dialogue", 14);
  recovery.sensitive = true;
  must(save_group(*store, recovery, std::nullopt));
  const auto maria = add_person(*store, "Maria", "García");
  const auto sessions = must(sessions_on(*store, kToday));
  REQUIRE(sessions.size() == 2);
  const auto before = store.outbox();
  for (const auto& session : sessions) {
    CHECK(must(join_session(*store, {session.key, maria, std::nullopt, std::nullopt, false})) == JoinOutcome::Joined);
  }
  CHECK(store.outbox() == before + 2);
  const auto payloads = texts_of(store.db(), "SELECT payload FROM outbox WHERE entity = 'attendance' ORDER BY seq");
  REQUIRE(payloads.size() == 2);
  const auto walking = nlohmann::json::parse(payloads[0]);
  const auto sensitive = nlohmann::json::parse(payloads[1]);
  CHECK(walking["participant_id"] == maria);
  CHECK(walking["session"] == sessions[0].key);
  CHECK(sensitive["participant_id"].is_null());
  CHECK_FALSE(contains(payloads[0], "García"));
  CHECK_FALSE(contains(payloads[1], "García"));
  // A center that shares sensitive reasons shares sensitive groups too.
  must(store->set_share_sensitive_reasons(true));
  const auto james = add_person(*store, "James", "Smith");
  must(join_session(*store, {sessions[1].key, james, std::nullopt, std::nullopt, false}));
  CHECK(contains(text_of(store.db(), "SELECT payload FROM outbox ORDER BY seq DESC LIMIT 1"), james));
}

TEST_CASE("sessions: staff cancel, move and add sessions, each audited - cancelled sessions refuse joins") {
  TestStore store;
  const auto staff = staff_member(store);
  const auto group_id = must(save_group(*store, tuesday_group("WRAP", 11, 10), staff));
  const auto maria = add_person(*store, "Maria", "García");
  const auto key = only_session_today(store).key;
  const auto audits = store.audit();

  must(cancel_session(*store, key, staff));
  auto cancelled = only_session_today(store);
  CHECK(cancelled.cancelled);
  CHECK(session_phase(cancelled, store->now()) == SessionPhase::Cancelled);
  CHECK_FALSE(check_in_open(cancelled, local(kToday, 11, 0)));
  CHECK(must(join_session(*store, {key, maria, std::nullopt, std::nullopt, false})) == JoinOutcome::Cancelled);
  CHECK_FALSE(cancel_session(*store, key, staff).ok());
  must(restore_session(*store, key, staff));
  CHECK_FALSE(only_session_today(store).cancelled);

  // Next week's session moves to Wednesday 15:00 in the library.
  const std::string next = group_id + "/20260317T110000";
  must(move_session(*store, next, LocalDateTime{LocalDate{2026, 3, 18}, 15, 0, 0}, 90, std::string("Library"), staff));
  CHECK(must(sessions_on(*store, {2026, 3, 17})).empty());
  const auto moved = must(sessions_on(*store, {2026, 3, 18}));
  REQUIRE(moved.size() == 1);
  CHECK(moved[0].key == next);
  CHECK(moved[0].moved);
  CHECK(moved[0].room == "Library");
  CHECK(moved[0].start == local({2026, 3, 18}, 15, 0));
  CHECK(moved[0].end - moved[0].start == 90 * kMinute);
  CHECK(must(find_session(*store, next)).start == moved[0].start);

  const auto extra = must(add_session(*store, group_id, LocalDateTime{LocalDate{2026, 3, 14}, 10, 0, 0}, staff));
  const auto saturday = must(sessions_on(*store, {2026, 3, 14}));
  REQUIRE(saturday.size() == 1);
  CHECK(saturday[0].key == extra);
  CHECK(saturday[0].added);
  CHECK_FALSE(add_session(*store, group_id, LocalDateTime{LocalDate{2026, 3, 14}, 10, 0, 0}, staff).ok());

  CHECK(store.audit() == audits + 4);
  const auto actions = texts_of(store.db(), "SELECT action FROM audit ORDER BY seq");
  CHECK(std::count(actions.begin(), actions.end(), "calendar.session.cancel") == 1);
  CHECK(std::count(actions.begin(), actions.end(), "calendar.session.move") == 1);
  CHECK(std::count(actions.begin(), actions.end(), "calendar.session.add") == 1);
  CHECK(std::count(actions.begin(), actions.end(), "calendar.group.create") == 1);
  CHECK(must(verify_audit_chain(*store)).intact);

  CHECK_FALSE(find_session(*store, group_id + "/20260311T110000").ok());  // a Wednesday: no such session
  CHECK_FALSE(find_session(*store, "not-a-key").ok());
}

TEST_CASE("sessions: staff add someone by name and mark attendance - the staff roster has full names") {
  TestStore store;
  const auto staff = staff_member(store);
  must(save_group(*store, tuesday_group("Job club", 11, 5), staff));
  const auto maria = add_person(*store, "Maria", "García");
  const auto james = add_person(*store, "James", "Smith");
  const auto key = only_session_today(store).key;
  must(join_session(*store, {key, maria, std::nullopt, std::nullopt, false}));
  CHECK(must(join_session(*store, {key, james, std::nullopt, staff, true})) == JoinOutcome::Joined);
  must(mark_attended(*store, key, maria, true, staff));

  const auto roster = must(session_roster_for_staff(*store, key, staff));
  REQUIRE(roster.size() == 2);
  CHECK(roster[0].full_name == "Maria García");
  CHECK(roster[0].attended);
  CHECK_FALSE(roster[0].added_by_staff);
  CHECK(roster[1].full_name == "James Smith");
  CHECK(roster[1].added_by_staff);
  CHECK(roster[1].attended);
  CHECK(text_of(store.db(), "SELECT action FROM audit ORDER BY seq DESC LIMIT 1") == "calendar.roster.view");
  const auto public_roster = must(session_roster(*store, key));
  CHECK(public_roster[1].display_name == "James S.");

  must(mark_attended(*store, key, maria, false, staff));
  CHECK_FALSE(must(session_roster(*store, key))[0].attended);
  const auto stranger = add_person(*store, "Linda", "Moore");
  CHECK_FALSE(mark_attended(*store, key, stranger, true, staff).ok());
}

TEST_CASE("sessions: attendance per group per month, with its CSV") {
  TestStore store;
  const auto staff = staff_member(store);
  const auto wrap = must(save_group(*store, tuesday_group("WRAP", 11), staff));
  must(save_group(*store, tuesday_group("=HYPERLINK(\"x\")", 14), staff));
  const auto maria = add_person(*store, "Maria", "García");
  const auto james = add_person(*store, "James", "Smith");
  // March 2026 has Tuesdays 3 (first), 10, 17, 24, 31; one is cancelled.
  must(cancel_session(*store, wrap + "/20260324T110000", staff));
  for (const auto& day : {"20260303T110000", "20260310T110000"}) {
    const std::string key = wrap + "/" + day;
    must(join_session(*store, {key, maria, std::nullopt, std::nullopt, false}));
    must(join_session(*store, {key, james, std::nullopt, std::nullopt, false}));
    must(mark_attended(*store, key, maria, true, staff));
  }
  const auto report = must(group_attendance_for_month(*store, 2026, 3));
  REQUIRE(report.groups.size() == 2);
  const auto& row = report.groups[1].title == "WRAP" ? report.groups[1] : report.groups[0];
  CHECK(row.title == "WRAP");
  CHECK(row.sessions == 4);
  CHECK(row.cancelled_sessions == 1);
  CHECK(row.joined == 4);
  CHECK(row.attended == 2);
  CHECK(row.unique_people == 2);

  const auto csv = parse_csv(group_attendance_csv(report));
  REQUIRE(csv.size() == 3);
  CHECK(csv[0][0] == "month");
  bool neutralised = false;
  for (const auto& line : csv) {
    if (contains(line[2], "HYPERLINK")) neutralised = line[2].front() == '\'';
  }
  CHECK(neutralised);
  CHECK(group_attendance_json(report)["groups"].size() == 2);
  CHECK(must(group_attendance_for_month(*store, 2026, 2)).groups.empty());
}

TEST_CASE("sessions: editing a group keeps who joined and moves its stored times with it") {
  TestStore store;
  auto definition = tuesday_group("Art", 11, 3);
  definition.uid = "art@center";
  const auto id = must(save_group(*store, definition, std::nullopt));
  const auto maria = add_person(*store, "Maria", "García");
  const auto key = only_session_today(store).key;
  must(join_session(*store, {key, maria, std::nullopt, std::nullopt, false}));
  definition.room = "Studio";
  definition.duration_minutes = 120;
  CHECK(must(save_group(*store, definition, std::nullopt)) == id);  // same uid: the same group
  const auto session = only_session_today(store);
  CHECK(session.room == "Studio");
  CHECK(session.joined == 1);
  CHECK(store.count("SELECT ends_at - starts_at FROM calendar_session") == 120 * kMinute);

  must(cancel_group(*store, id, std::nullopt));
  CHECK(must(sessions_on(*store, kToday)).empty());
  CHECK(must(list_groups(*store)).empty());
  CHECK(must(list_groups(*store, true)).size() == 1);
}

TEST_CASE("sessions: a group whose sessions carry records keeps its days and time - the refusal says what to do") {
  TestStore store;
  auto definition = tuesday_group("Art", 11, 3);
  definition.uid = "art@center";
  const auto id = must(save_group(*store, definition, std::nullopt));
  CHECK_FALSE(must(group_has_session_records(*store, id)));
  const auto maria = add_person(*store, "Maria", "García");
  must(join_session(*store, {only_session_today(store).key, maria, std::nullopt, std::nullopt, false}));
  CHECK(must(group_has_session_records(*store, id)));
  const auto outbox_before = store.outbox();
  auto later = definition;
  later.start.hour = 14;
  const auto refused = save_group(*store, later, std::nullopt);
  REQUIRE_FALSE(refused);
  CHECK(contains(refused.error().message, "cancel it and make a new group"));
  auto other_days = definition;
  other_days.rrule = "FREQ=WEEKLY;BYDAY=WE";
  CHECK_FALSE(save_group(*store, other_days, std::nullopt));
  // Nothing changed: Maria is still on today's session, at the old time.
  const auto session = only_session_today(store);
  CHECK(session.joined == 1);
  CHECK(store->center_time().clock_time(session.start) == "11:00");
  CHECK(store.outbox() == outbox_before);
  // The room may still change.
  definition.room = "Studio";
  CHECK(must(save_group(*store, definition, std::nullopt)) == id);
}

TEST_CASE("sessions: what another program changes shows at the next look (the kept sessions follow revisions)") {
  TestStore store;
  const auto id = must(save_group(*store, tuesday_group("WRAP", 11, 4), std::nullopt));
  CHECK_FALSE(only_session_today(store).cancelled);  // now kept in memory
  StoreOptions options;
  options.clock = &store.clock;
  options.pin_cost = PinHashCost::Fast;
  auto admin_tool = must(Store::open(store.path(), options));
  must(cancel_session(*admin_tool, id + "/20260310T110000", std::nullopt));
  CHECK(only_session_today(store).cancelled);
  auto changed = tuesday_group("WRAP", 11, 4);
  changed.uid = must(get_group(*admin_tool, id)).uid;
  changed.room = "Garden";
  must(save_group(*admin_tool, changed, std::nullopt));
  CHECK(only_session_today(store).room == "Garden");
  // A far-away range is expanded afresh, not cut from the kept weeks.
  CHECK(must(sessions_between(*store, {2027, 3, 1}, {2027, 3, 7})).size() == 1);
  // A change to the center's zone moves the UTC times.
  must(store->set_time_zone("America/Los_Angeles"));
  const auto pacific = must(sessions_on(*store, kToday));
  REQUIRE(pacific.size() == 1);
  CHECK(store->center_time().clock_time(pacific[0].start) == "11:00");
}

TEST_CASE("sessions: staff edit a group's days, room and seats and cancel it - each step audited and queued") {
  TestStore store;
  const auto staff = staff_member(store);
  const auto outbox_before = store.outbox();
  auto definition = tuesday_group("Art studio", 14, 8);
  const auto id = must(save_group(*store, definition, staff));
  CHECK(store.outbox() == outbox_before + 1);

  // The form reads the group back (uid and all) and writes it with the same uid: the same group, changed.
  auto edited = static_cast<GroupDefinition>(must(get_group(*store, id)));
  const auto read_back = parse_weekly_rrule(edited.rrule);
  REQUIRE(read_back.has_value());
  WeeklyPattern pattern = *read_back;
  pattern.weekdays[4] = true;  // Thursdays too
  pattern.interval = 2;
  edited.rrule = weekly_rrule(pattern);
  edited.room = "Studio B";
  edited.capacity = 12;
  CHECK(must(save_group(*store, edited, staff)) == id);
  CHECK(store.outbox() == outbox_before + 2);
  const auto week = must(sessions_between(*store, kToday, kToday.plus_days(13)));
  std::vector<std::string> keys;
  for (const auto& session : week) {
    keys.push_back(session.occurrence.key());
    CHECK(session.room == "Studio B");
    CHECK(session.capacity == 12);
  }
  // Every other week from the week of the first Tuesday (March 3): the week of the 9th is skipped.
  CHECK(keys == std::vector<std::string>{"20260317T140000", "20260319T140000"});

  must(cancel_group(*store, id, staff));
  CHECK(store.outbox() == outbox_before + 3);
  CHECK(must(sessions_between(*store, kToday, kToday.plus_days(13))).empty());
  const auto actions = texts_of(store.db(), "SELECT action FROM audit ORDER BY seq");
  CHECK(std::count(actions.begin(), actions.end(), "calendar.group.create") == 1);
  CHECK(std::count(actions.begin(), actions.end(), "calendar.group.edit") == 1);
  CHECK(std::count(actions.begin(), actions.end(), "calendar.group.cancel") == 1);
  CHECK(must(verify_audit_chain(*store)).intact);
}
