// Staff mode's groups page: the day's sessions with full-name rosters, marking who came, cancelling or restoring a
// session, and adding someone by name (they are in the room, so they are marked as come).
#include <cstdio>

#include "porchlight/app/staff_pages.hpp"
#include "porchlight/app/words.hpp"
#include "porchlight/core/calendar.hpp"
#include "porchlight/log.hpp"

namespace porchlight::app {

void StaffGroupsPage::load_staff_groups(PageContext& context) {
  StaffSession& staff_ = context.staff;
  groups_.clear();
  group_keys_.clear();
  group_ids_.clear();
  roster_ids_.clear();
  groups_language_ = std::string(ui::language_code(context.language()));
  if (!staff_.member) return;
  auto sessions = core::sessions_on(context.store, staff_.date);
  if (!sessions) {
    log::error(sessions.error().message);
    error_key_ = "error.generic";
    return;
  }
  for (const auto& session : *sessions) {
    ui::StaffGroupSession view;
    const auto card = group_card_of(context, session, false);
    view.time_text = card.time_text;
    view.title = session.title;
    view.room = session.room;
    view.seats_text = card.seats_text;
    view.cancelled = session.cancelled;
    view.ended = core::session_phase(session, context.clock.now()) == core::SessionPhase::Ended;
    // Full names: read under this staff member's name in the audit log.
    auto roster = core::session_roster_for_staff(context.store, session.key, staff_.member->id);
    if (!roster) {
      log::error(roster.error().message);
      error_key_ = "error.generic";
      return;
    }
    std::vector<std::string> ids;
    for (const auto& entry : *roster) {
      view.roster.push_back({entry.full_name, entry.attended, entry.added_by_staff});
      ids.push_back(entry.participant_id);
    }
    groups_.push_back(std::move(view));
    group_keys_.push_back(session.key);
    group_ids_.push_back(session.group_id);
    roster_ids_.push_back(std::move(ids));
  }
}

Transition StaffGroupsPage::draw_signed_in(PageContext& context) {
  StaffSession& staff_ = context.staff;
  if (adding_) {
    on_staff_groups_add(context, adding_->draw(context.ui, context.store));
    return Transition::stay();
  }
  const core::LocalDate today = context.today();
  ui::StaffGroupsView view;
  view.date_text = day_text(staff_.date, context.language()) + " " + std::to_string(staff_.date.year);
  view.can_go_forward = staff_.date < today.plus_days(6);  // the week ahead, to cancel in advance
  view.sessions = groups_;
  view.error_key = error_key_;
  return on_staff_groups(context, ui::staff_groups_screen(context.ui, view));
}

Transition StaffGroupsPage::on_staff_groups(PageContext& context, const ui::StaffGroupsAction& action) {
  using Kind = ui::StaffGroupsAction::Kind;
  StaffSession& staff_ = context.staff;
  core::Store& store_ = context.store;
  const auto report = [this](const core::Result<void>& done) {
    if (!done) {
      log::error(done.error().message);
      error_key_ = "error.generic";
    } else {
      error_key_.clear();
    }
  };
  const bool valid = action.session < group_keys_.size();
  switch (action.kind) {
    case Kind::None:
      return Transition::stay();
    case Kind::Back:
      // Full names go with the page.
      return Transition::go_to<StaffDayPage>(context);
    case Kind::PreviousDay:
      staff_.date = staff_.date.plus_days(-1);
      break;
    case Kind::NextDay:
      staff_.date = staff_.date.plus_days(1);
      break;
    case Kind::ToggleAttended: {
      if (!valid || action.row >= roster_ids_[action.session].size()) return Transition::stay();
      const bool came = !groups_[action.session].roster[action.row].attended;
      report(core::mark_attended(store_, group_keys_[action.session], roster_ids_[action.session][action.row], came,
                                 staff_.member->id));
      break;
    }
    case Kind::CancelSession:
      if (!valid) return Transition::stay();
      report(core::cancel_session(store_, group_keys_[action.session], staff_.member->id));
      break;
    case Kind::RestoreSession:
      if (!valid) return Transition::stay();
      report(core::restore_session(store_, group_keys_[action.session], staff_.member->id));
      break;
    case Kind::NewGroup:
      return edit_group(context, {});
    case Kind::EditGroup:
      if (!valid) return Transition::stay();
      return edit_group(context, group_ids_[action.session]);
    case Kind::MoveSession:
      if (!valid) return Transition::stay();
      return move_session(context, action.session);
    case Kind::AddPerson:
      if (!valid) return Transition::stay();
      adding_to_ = action.session;
      adding_.emplace();
      return Transition::stay();
  }
  load_staff_groups(context);
  return Transition::stay();
}

void StaffGroupsPage::on_staff_groups_add(PageContext& context, const PersonPicker::Answer& answer) {
  using Kind = PersonPicker::Answer::Kind;
  StaffSession& staff_ = context.staff;
  PersonPicker& find = *adding_;
  switch (answer.kind) {
    case Kind::None:
      return;
    case Kind::Back:
      adding_.reset();
      return;
    case Kind::NoName:
      find.set_error("staff.groups_need_name");
      return;
    case Kind::Picked:
      break;
  }
  if (adding_to_ >= group_keys_.size()) return;
  auto joined = core::join_session(context.store,
                                   {group_keys_[adding_to_], answer.person->id, std::nullopt, staff_.member->id, true});
  if (!joined) {
    log::error(joined.error().message);
    find.set_error("error.generic");
    return;
  }
  if (*joined == core::JoinOutcome::Full) {
    find.set_error("staff.group_full");
    return;
  }
  adding_.reset();
  load_staff_groups(context);
}

}  // namespace porchlight::app
