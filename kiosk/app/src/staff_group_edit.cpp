// Staff mode's calendar edits on the touchscreen: a new group, editing or cancelling one, and moving one session.
// Every change goes through core, which audits it under the staff member and queues it for the hub in the same
// transaction. A refusal keeps the form as it was, with a message.
#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

#include "porchlight/app/staff_pages.hpp"
#include "porchlight/core/calendar.hpp"
#include "porchlight/core/text.hpp"
#include "porchlight/log.hpp"

namespace porchlight::app {

namespace {

constexpr int kMinutesPerDay = 24 * 60;

int minutes_of(const core::LocalDateTime& time) { return time.hour * 60 + time.minute; }

}  // namespace

Transition StaffGroupsPage::edit_group(PageContext& context, const std::string& group_id) {
  const StaffSession& staff_ = context.staff;
  GroupForm form;
  if (group_id.empty()) {
    form.pattern.weekdays[static_cast<std::size_t>(staff_.date.weekday())] = true;  // the day on the screen
  } else {
    auto group = core::get_group(context.store, group_id);
    if (!group) {
      log::error(group.error().message);
      error_key_ = "error.generic";
      return Transition::stay();
    }
    form.group_id = group_id;
    form.editing = static_cast<const core::GroupDefinition&>(group.value());
    form.title = group->title;
    form.room = group->room;
    form.facilitator = group->facilitator;
    const auto pattern = core::parse_weekly_rrule(group->rrule);
    form.pattern_editable = pattern.has_value();
    if (pattern) form.pattern = *pattern;
    form.start_minutes = minutes_of(group->start);
    form.duration_minutes = group->duration_minutes;
    form.capacity = group->capacity.value_or(0);
    form.checkin_before = group->check_in.before_minutes;
    form.checkin_after = group->check_in.after_minutes;
  }
  return Transition::go_to<GroupFormPage>(std::move(form));
}

Transition GroupFormPage::draw_signed_in(PageContext& context) {
  GroupForm& form = form_;
  const ui::StaffGroupFormView view{!form.group_id.empty(),
                                    form.title,
                                    form.room,
                                    form.facilitator,
                                    form.active_field,
                                    form.keyboard,
                                    form.pattern,
                                    form.pattern_editable,
                                    form.start_minutes,
                                    form.duration_minutes,
                                    form.capacity,
                                    form.checkin_before,
                                    form.checkin_after,
                                    form.confirm_cancel,
                                    form.error_key};
  return on_group_form(context, ui::staff_group_form_screen(context.ui, view));
}

Transition GroupFormPage::on_group_form(PageContext& context, const ui::StaffGroupFormAction& action) {
  using Kind = ui::StaffGroupFormAction::Kind;
  GroupForm& form = form_;
  const StaffSession& staff_ = context.staff;
  core::Store& store_ = context.store;
  switch (action.kind) {
    case Kind::None:
      return Transition::stay();
    case Kind::Back:
      return Transition::go_to<StaffGroupsPage>(context);
    case Kind::CancelGroup: {
      if (form.group_id.empty()) return Transition::stay();
      auto cancelled = core::cancel_group(store_, form.group_id, staff_.member->id);
      if (!cancelled) {
        log::error(cancelled.error().message);
        form.error_key = "error.generic";
        form.confirm_cancel = false;
        return Transition::stay();
      }
      return Transition::go_to<StaffGroupsPage>(context);
    }
    case Kind::Save:
      break;
  }
  form.active_field = ui::GroupFormField::None;
  if (core::tidy_spaces(form.title).empty()) {
    form.error_key = "staff.group_need_title";
    return Transition::stay();
  }
  if (form.pattern_editable && !form.pattern.any_day()) {
    form.error_key = "staff.group_need_day";
    return Transition::stay();
  }
  core::GroupDefinition group = form.editing.value_or(core::GroupDefinition{});
  group.title = form.title;
  group.room = form.room;
  group.facilitator = form.facilitator;
  group.capacity = form.capacity > 0 ? std::optional<int>(form.capacity) : std::nullopt;
  group.duration_minutes = form.duration_minutes;
  group.check_in = {form.checkin_before, form.checkin_after};
  if (form.pattern_editable) {
    const auto before = form.editing ? core::parse_weekly_rrule(form.editing->rrule) : std::nullopt;
    group.rrule = core::weekly_rrule(form.pattern);
    // New days: the series starts on the first chosen day from where it started (a new group: from today).
    if (before != form.pattern) {
      const core::LocalDate from = form.editing ? form.editing->start.date : context.today();
      group.start.date = core::first_day_of(form.pattern, from);
    }
  }
  const int start = std::clamp(form.start_minutes, 0, kMinutesPerDay - 1);
  group.start.hour = start / 60;
  group.start.minute = start % 60;
  group.start.second = 0;
  if (form.editing && (form.editing->start != group.start || form.editing->rrule != group.rrule)) {
    // Records name sessions by their start: with people joined, the group's days and time stay (nothing is lost).
    auto locked = core::group_has_session_records(store_, form.group_id);
    if (locked && *locked) {
      form.error_key = "staff.group_timing_locked";
      return Transition::stay();
    }
  }
  auto saved = core::save_group(store_, group, staff_.member->id);
  if (!saved) {
    log::error(saved.error().message);
    form.error_key = "staff.group_not_saved";
    return Transition::stay();
  }
  return Transition::go_to<StaffGroupsPage>(context);
}

Transition StaffGroupsPage::move_session(PageContext& context, std::size_t index) {
  if (index >= group_keys_.size()) return Transition::stay();
  auto session = core::find_session(context.store, group_keys_[index]);
  if (!session) {
    log::error(session.error().message);
    error_key_ = "error.generic";
    return Transition::stay();
  }
  SessionMove move;
  move.session_key = session->key;
  move.title = session->title;
  move.planned = session->start_local;
  move.day = session->start_local.date;
  move.start_minutes = minutes_of(session->start_local);
  move.duration_minutes = static_cast<int>((session->end - session->start) / 60'000);
  move.room = session->room;
  return Transition::go_to<SessionMovePage>(std::move(move));
}

Transition SessionMovePage::draw_signed_in(PageContext& context) {
  ui::Ui& ui = context.ui;
  SessionMove& move = move_;
  const std::string planned =
      ui::date_text(ui, move.planned.date) + ", " + ui::clock_text(ui, minutes_of(move.planned));
  const ui::StaffSessionMoveView view{
      move.title, planned,          move.day,      move.start_minutes, move.duration_minutes,
      move.room,  move.typing_room, move.keyboard, move.error_key};
  return on_session_move(context, ui::staff_session_move_screen(ui, view));
}

Transition SessionMovePage::on_session_move(PageContext& context, ui::StaffSessionMoveAction action) {
  SessionMove& move = move_;
  const StaffSession& staff_ = context.staff;
  core::Store& store_ = context.store;
  switch (action) {
    case ui::StaffSessionMoveAction::None:
      return Transition::stay();
    case ui::StaffSessionMoveAction::Back:
      return Transition::go_to<StaffGroupsPage>(context);
    case ui::StaffSessionMoveAction::Save:
      break;
  }
  move.typing_room = false;
  const core::LocalDateTime start{move.day, move.start_minutes / 60, move.start_minutes % 60, 0};
  const std::string room = core::tidy_spaces(move.room);
  auto moved = core::move_session(store_, move.session_key, start, move.duration_minutes,
                                  room.empty() ? std::nullopt : std::optional<std::string>(room), staff_.member->id);
  if (!moved) {
    log::error(moved.error().message);
    move.error_key = "staff.session_not_moved";
    return Transition::stay();
  }
  return Transition::go_to<StaffGroupsPage>(context);
}

}  // namespace porchlight::app
