// Staff mode's groups page: the day's sessions with full-name rosters, marking who came, cancelling or restoring a
// session, and adding someone by name (they are in the room, so they are marked as come).
#include <cstdio>

#include "porchlight/app/kiosk_app.hpp"
#include "porchlight/core/calendar.hpp"
#include "porchlight/log.hpp"

namespace porchlight::app {

void KioskApp::open_staff_groups() {
  staff_.notice = {};
  staff_.groups_error_key.clear();
  staff_.page = StaffPage::Groups;
  load_staff_groups();
}

void KioskApp::load_staff_groups() {
  staff_.groups.clear();
  staff_.group_keys.clear();
  staff_.group_ids.clear();
  staff_.roster_ids.clear();
  staff_.groups_language = std::string(ui::language_code(session_.language));
  if (!staff_.member) return;
  auto sessions = core::sessions_on(store_, staff_.date);
  if (!sessions) {
    log::error(sessions.error().message);
    staff_.groups_error_key = "error.generic";
    return;
  }
  for (const auto& session : *sessions) {
    ui::StaffGroupSession view;
    const auto card = group_card_of(session, false);
    view.time_text = card.time_text;
    view.title = session.title;
    view.room = session.room;
    view.seats_text = card.seats_text;
    view.cancelled = session.cancelled;
    view.ended = core::session_phase(session, clock_.now()) == core::SessionPhase::Ended;
    // Full names: read under this staff member's name in the audit log.
    auto roster = core::session_roster_for_staff(store_, session.key, staff_.member->id);
    if (!roster) {
      log::error(roster.error().message);
      staff_.groups_error_key = "error.generic";
      return;
    }
    std::vector<std::string> ids;
    for (const auto& entry : *roster) {
      view.roster.push_back({entry.full_name, entry.attended, entry.added_by_staff});
      ids.push_back(entry.participant_id);
    }
    staff_.groups.push_back(std::move(view));
    staff_.group_keys.push_back(session.key);
    staff_.group_ids.push_back(session.group_id);
    staff_.roster_ids.push_back(std::move(ids));
  }
}

void KioskApp::draw_staff_groups(ui::Ui& ui) {
  if (staff_.page == StaffPage::GroupForm) return draw_group_form(ui);
  if (staff_.page == StaffPage::SessionMove) return draw_session_move(ui);
  if (staff_.page == StaffPage::GroupsAdd) {
    StaffSignIn& find = staff_.sign_in;
    on_staff_groups_add(ui::staff_sign_in_screen(ui, {find.typed, find.keyboard, find.matches, find.error_key}));
    return;
  }
  // The language was switched: times and seats are put in words again in it.
  if (staff_.groups_language != ui::language_code(session_.language)) load_staff_groups();
  const core::LocalDate today = store_.center_time().date_of(clock_.now());
  ui::StaffGroupsView view;
  view.date_text = day_text(staff_.date) + " " + std::to_string(staff_.date.year);
  view.can_go_forward = staff_.date < today.plus_days(6);  // the week ahead, to cancel in advance
  view.sessions = staff_.groups;
  view.error_key = staff_.groups_error_key;
  on_staff_groups(ui::staff_groups_screen(ui, view));
}

void KioskApp::on_staff_groups(const ui::StaffGroupsAction& action) {
  using Kind = ui::StaffGroupsAction::Kind;
  if (!staff_.member) return;
  const auto report = [this](const core::Result<void>& done) {
    if (!done) {
      log::error(done.error().message);
      staff_.groups_error_key = "error.generic";
    } else {
      staff_.groups_error_key.clear();
    }
  };
  const bool valid = action.session < staff_.group_keys.size();
  switch (action.kind) {
    case Kind::None:
      return;
    case Kind::Back:
      staff_.page = StaffPage::Day;
      staff_.groups.clear();  // full names go with the page
      staff_.roster_ids.clear();
      load_staff_day();
      return;
    case Kind::PreviousDay:
      staff_.date = staff_.date.plus_days(-1);
      break;
    case Kind::NextDay:
      staff_.date = staff_.date.plus_days(1);
      break;
    case Kind::ToggleAttended: {
      if (!valid || action.row >= staff_.roster_ids[action.session].size()) return;
      const bool came = !staff_.groups[action.session].roster[action.row].attended;
      report(core::mark_attended(store_, staff_.group_keys[action.session], staff_.roster_ids[action.session][action.row],
                                 came, staff_.member->id));
      break;
    }
    case Kind::CancelSession:
      if (!valid) return;
      report(core::cancel_session(store_, staff_.group_keys[action.session], staff_.member->id));
      break;
    case Kind::RestoreSession:
      if (!valid) return;
      report(core::restore_session(store_, staff_.group_keys[action.session], staff_.member->id));
      break;
    case Kind::NewGroup:
      open_group_form({});
      return;
    case Kind::EditGroup:
      if (!valid) return;
      open_group_form(staff_.group_ids[action.session]);
      return;
    case Kind::MoveSession:
      if (!valid) return;
      open_session_move(action.session);
      return;
    case Kind::AddPerson:
      if (!valid) return;
      staff_.adding_to = action.session;
      staff_.sign_in = StaffSignIn{};
      staff_.page = StaffPage::GroupsAdd;
      return;
  }
  load_staff_groups();
}

void KioskApp::on_staff_groups_add(const ui::StaffSignInAction& action) {
  using Kind = ui::StaffSignInAction::Kind;
  StaffSignIn& find = staff_.sign_in;
  switch (action.kind) {
    case Kind::None:
      return;
    case Kind::Back:
      staff_.sign_in = StaffSignIn{};
      staff_.page = StaffPage::Groups;
      return;
    case Kind::Typed:
      find_staff_matches(find);
      return;
    case Kind::Guest:
      find.error_key = "staff.groups_need_name";
      return;
    case Kind::Picked:
      break;
  }
  if (action.index >= find.matches.size() || staff_.adding_to >= staff_.group_keys.size() || !staff_.member) return;
  auto joined = core::join_session(
      store_, {staff_.group_keys[staff_.adding_to], find.matches[action.index].id, std::nullopt, staff_.member->id, true});
  if (!joined) {
    log::error(joined.error().message);
    find.error_key = "error.generic";
    return;
  }
  if (*joined == core::JoinOutcome::Full) {
    find.error_key = "staff.group_full";
    return;
  }
  staff_.sign_in = StaffSignIn{};
  staff_.page = StaffPage::Groups;
  load_staff_groups();
}

}  // namespace porchlight::app
