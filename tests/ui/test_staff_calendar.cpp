// Staff keep the group calendar on the touchscreen: a new group, seen on Today's groups and This week, its room
// and seats edited, one session moved, the whole group cancelled; the database checked after each step.
#include <algorithm>

#include <doctest/doctest.h>

#include "harness.hpp"
#include "porchlight/core/calendar.hpp"
#include "porchlight/core/staff.hpp"

using porchlight::app::ScreenId;
namespace core = porchlight::core;
using porchlight::testing::Harness;

namespace {

void staff_sign_in(Harness& kiosk) {
  kiosk.hold("staff-corner", 2'100);
  REQUIRE(kiosk.app().screen() == ScreenId::StaffLogin);
  kiosk.tap_label("Sam Rivera");
  kiosk.type_on_number_pad("1234");
  kiosk.tap("num-done");
  REQUIRE(kiosk.app().staff_mode());
}

std::int64_t count(Harness& kiosk, const char* sql) {
  auto query = kiosk.store().db().query(sql);
  REQUIRE(query.ok());
  auto value = query->single_int();
  REQUIRE(value.ok());
  return value.value();
}

std::int64_t audited(Harness& kiosk, const std::string& action) {
  auto query = kiosk.store().db().query("SELECT count(*) FROM audit WHERE action = ?1");
  REQUIRE(query.ok());
  query->bind(1, action);
  auto value = query->single_int();
  REQUIRE(value.ok());
  return value.value();
}

void tap_times(Harness& kiosk, const std::string& id, int times) {
  for (int i = 0; i < times; ++i) kiosk.tap(id);
}

core::Group only_group(Harness& kiosk) {
  auto groups = core::list_groups(kiosk.store(), true);
  REQUIRE(groups.ok());
  REQUIRE(groups->size() == 1);
  return groups->front();
}

}  // namespace

TEST_CASE("staff calendar: create a group, see it, edit its room and seats, move a session, cancel the group") {
  Harness kiosk;  // Monday 2026-11-23, 10:00 in New York
  REQUIRE(core::add_staff(kiosk.store(), "Sam Rivera", core::StaffRole::Peer, "1234").ok());
  staff_sign_in(kiosk);
  kiosk.tap("staff-groups");
  CHECK(kiosk.shows("No groups"));  // nothing on the calendar yet
  kiosk.tap("new-group");
  CHECK(kiosk.shows("New group"));

  // Mondays are chosen (the day on the screen); Wednesdays too. Saving without a name is refused plainly, and
  // what was chosen stays.
  kiosk.tap("weekday-3");
  tap_times(kiosk, "group-seats-plus", 8);
  kiosk.tap("primary");
  CHECK(kiosk.shows("Give the group a name."));
  CHECK(count(kiosk, "SELECT count(*) FROM calendar_group") == 0);
  CHECK(kiosk.shows("8"));

  kiosk.tap("group-title");
  kiosk.type_on_screen_keyboard("art studio");
  kiosk.tap("key-done");  // on to the room: its keyboard has digits
  kiosk.type_on_screen_keyboard("room 2");
  kiosk.tap("key-done");
  kiosk.type_on_screen_keyboard("denise");
  kiosk.tap("key-done");
  tap_times(kiosk, "group-start-minus", 4);  // 6 PM -> 5 PM
  const auto outbox_before = count(kiosk, "SELECT count(*) FROM outbox");
  kiosk.tap("primary");
  CHECK(kiosk.shows("Groups and who joined"));
  CHECK(kiosk.shows("Art Studio"));

  auto group = only_group(kiosk);
  CHECK(group.title == "Art Studio");
  CHECK(group.room == "Room 2");
  CHECK(group.facilitator == "Denise");
  CHECK(group.capacity == 8);
  CHECK(group.rrule == "FREQ=WEEKLY;BYDAY=MO,WE");
  CHECK(group.start == core::LocalDateTime{core::LocalDate{2026, 11, 23}, 17, 0, 0});
  CHECK(group.check_in == core::CheckInWindow{15, 30});
  CHECK(audited(kiosk, "calendar.group.create") == 1);
  CHECK(count(kiosk, "SELECT count(*) FROM outbox") == outbox_before + 1);

  // Participants see it on Welcome's Today's groups and This week.
  kiosk.tap("primary");  // back to the day
  kiosk.tap("exit-staff");
  REQUIRE_FALSE(kiosk.app().staff_mode());
  kiosk.tap("todays-groups");
  CHECK(kiosk.shows("Art Studio"));
  CHECK(kiosk.shows("8 seats left"));
  kiosk.tap("primary");
  REQUIRE(kiosk.app().screen() == ScreenId::WeekGroups);
  CHECK(kiosk.shows("Wednesday, November 25"));
  CHECK(kiosk.shows("Art Studio"));
  kiosk.tap("back");
  kiosk.tap("back");

  // Edit: another room, 12 seats.
  staff_sign_in(kiosk);
  kiosk.tap("staff-groups");
  kiosk.tap("edit-group-0");
  CHECK(kiosk.shows("Edit the group"));
  CHECK(kiosk.shows("Room 2"));
  kiosk.tap("group-room");
  tap_times(kiosk, "key-backspace", 6);
  kiosk.type_on_screen_keyboard("studio b");
  kiosk.tap("key-done");
  kiosk.tap("key-done");  // past the facilitator: the keyboard goes away
  tap_times(kiosk, "group-seats-plus", 4);
  kiosk.tap("primary");
  group = only_group(kiosk);
  CHECK(group.room == "Studio B");
  CHECK(group.capacity == 12);
  CHECK(group.rrule == "FREQ=WEEKLY;BYDAY=MO,WE");
  CHECK(audited(kiosk, "calendar.group.edit") == 1);
  auto today = core::sessions_on(kiosk.store(), core::LocalDate{2026, 11, 23});
  REQUIRE(today.ok());
  REQUIRE(today->size() == 1);
  CHECK(today->front().room == "Studio B");
  CHECK(today->front().seats_left == 12);
  CHECK(kiosk.shows("Studio B"));

  // Move today's session to tomorrow at 4 PM in the library.
  kiosk.tap("move-0");
  CHECK(kiosk.shows("Move one session"));
  kiosk.tap("move-day-plus");
  tap_times(kiosk, "move-start-minus", 4);
  kiosk.tap("move-room");
  tap_times(kiosk, "key-backspace", 8);
  kiosk.type_on_screen_keyboard("library");
  kiosk.tap("key-done");
  kiosk.tap("primary");
  CHECK(kiosk.shows("Groups and who joined"));
  today = core::sessions_on(kiosk.store(), core::LocalDate{2026, 11, 23});
  REQUIRE(today.ok());
  CHECK(today->empty());
  auto moved = core::find_session(kiosk.store(), group.id + "/20261123T170000");
  REQUIRE(moved.ok());
  CHECK(moved->moved);
  CHECK(moved->start_local == core::LocalDateTime{core::LocalDate{2026, 11, 24}, 16, 0, 0});
  CHECK(moved->room == "Library");
  CHECK(audited(kiosk, "calendar.session.move") == 1);
  // Wednesday's session is where it was.
  auto wednesday = core::sessions_on(kiosk.store(), core::LocalDate{2026, 11, 25});
  REQUIRE(wednesday.ok());
  REQUIRE(wednesday->size() == 1);
  CHECK(wednesday->front().room == "Studio B");

  // Cancel the whole group from tomorrow's page, where the moved session is; a first tap only asks.
  kiosk.tap("groups-next-day");
  CHECK(kiosk.shows("Library"));
  kiosk.tap("edit-group-0");
  kiosk.tap("cancel-group");
  CHECK(kiosk.shows("Every session of this group leaves the calendar. Are you sure?"));
  CHECK_FALSE(only_group(kiosk).cancelled);
  const auto outbox_before_cancel = count(kiosk, "SELECT count(*) FROM outbox");
  kiosk.tap("cancel-group-confirm");
  CHECK(only_group(kiosk).cancelled);
  CHECK(audited(kiosk, "calendar.group.cancel") == 1);
  CHECK(count(kiosk, "SELECT count(*) FROM outbox WHERE entity = 'calendar_group'") >= 3);
  CHECK(count(kiosk, "SELECT count(*) FROM outbox") == outbox_before_cancel + 1);
  auto week = core::sessions_between(kiosk.store(), core::LocalDate{2026, 11, 23}, core::LocalDate{2026, 11, 29});
  REQUIRE(week.ok());
  CHECK(week->empty());
  CHECK(kiosk.shows("Groups and who joined"));
  CHECK_FALSE(kiosk.shows("Art Studio"));
}

TEST_CASE("staff calendar: a session that has ended offers no Cancel or Move") {
  Harness kiosk;
  REQUIRE(core::add_staff(kiosk.store(), "Sam Rivera", core::StaffRole::Peer, "1234").ok());
  core::GroupDefinition early;
  early.title = "Morning walk";
  early.start = core::LocalDateTime{core::LocalDate{2026, 11, 23}, 8, 0, 0};  // 8-9 AM: over at 10
  early.rrule = "FREQ=WEEKLY;BYDAY=MO";
  REQUIRE(core::save_group(kiosk.store(), early, std::nullopt).ok());
  staff_sign_in(kiosk);
  kiosk.tap("staff-groups");
  CHECK(kiosk.shows("Morning walk"));
  CHECK(kiosk.has_widget("add-person-0"));
  CHECK_FALSE(kiosk.has_widget("cancel-0"));
  CHECK_FALSE(kiosk.has_widget("move-0"));
}

TEST_CASE("staff calendar: a rule the form cannot show is kept as it is while the rest is edited") {
  Harness kiosk;
  REQUIRE(core::add_staff(kiosk.store(), "Sam Rivera", core::StaffRole::Peer, "1234").ok());
  core::GroupDefinition monthly;
  monthly.title = "Family night";
  monthly.room = "Hall";
  monthly.start = core::LocalDateTime{core::LocalDate{2026, 10, 26}, 18, 0, 0};
  monthly.rrule = "FREQ=MONTHLY;BYDAY=4MO";  // the fourth Monday: today, November 23
  const auto id = core::save_group(kiosk.store(), monthly, std::nullopt);
  REQUIRE(id.ok());
  staff_sign_in(kiosk);
  kiosk.tap("staff-groups");
  CHECK(kiosk.shows("Family night"));
  kiosk.tap("edit-group-0");
  CHECK(kiosk.shows("This group repeats in a way this form cannot show; its days stay as they are."));
  CHECK_FALSE(kiosk.has_widget("weekday-1"));
  tap_times(kiosk, "group-seats-plus", 3);
  kiosk.tap("primary");
  CHECK(kiosk.shows("Groups and who joined"));
  const auto group = core::get_group(kiosk.store(), id.value());
  REQUIRE(group.ok());
  CHECK(group->rrule == "FREQ=MONTHLY;BYDAY=4MO");
  CHECK(group->start == monthly.start);
  CHECK(group->capacity == 3);
  CHECK(audited(kiosk, "calendar.group.edit") == 1);

  // Back from the form writes nothing.
  kiosk.tap("edit-group-0");
  kiosk.tap("group-seats-plus");
  kiosk.tap("back");
  const auto unchanged = core::get_group(kiosk.store(), id.value());
  REQUIRE(unchanged.ok());
  CHECK(unchanged->capacity == 3);
  CHECK(audited(kiosk, "calendar.group.edit") == 1);
}
