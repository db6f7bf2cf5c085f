// Staff: a group's form. Name, room and facilitator are typed on the on-screen keyboard (the fields choose what it
// types into); days are tiles; times, length, seats and the check-in window are steppers, so nothing can be mistyped.
#include <algorithm>
#include <string>

#include "porchlight/ui/screens.hpp"
#include "porchlight/ui/staff_screens.hpp"

namespace porchlight::ui {

namespace {

constexpr std::size_t kMaxTextCharacters = 60;
constexpr int kTimeStep = 15;
constexpr int kWindowStep = 5;
constexpr int kMaxWindow = 120;
constexpr int kMaxSeats = 200;
constexpr int kMaxLength = 8 * 60;
// Monday first, as a center's week is read; LocalDate::weekday() numbers Sunday 0.
constexpr int kWeekOrder[7] = {1, 2, 3, 4, 5, 6, 0};

GroupFormField next_field(GroupFormField field) {
  switch (field) {
    case GroupFormField::Title:
      return GroupFormField::Room;
    case GroupFormField::Room:
      return GroupFormField::Facilitator;
    default:
      return GroupFormField::None;
  }
}

std::string& target_of(const StaffGroupFormView& view) {
  switch (view.active_field) {
    case GroupFormField::Room:
      return view.room;
    case GroupFormField::Facilitator:
      return view.facilitator;
    default:
      return view.title;
  }
}

void field(Ui& ui, const StaffGroupFormView& view, GroupFormField which, std::string_view id,
           std::string_view label_key, const std::string& value, float width) {
  ImGui::BeginGroup();
  const bool active = view.active_field == which;
  if (text_field(ui, id, ui.t(label_key), value, active, false, width) && !active) view.active_field = which;
  ImGui::EndGroup();
}

std::string minutes_text(const Ui& ui, int minutes) {
  return tr_format("staff.minutes", ui.language, {{"minutes", std::to_string(minutes)}});
}

}  // namespace

StaffGroupFormAction staff_group_form_screen(Ui& ui, const StaffGroupFormView& view) {
  using Kind = StaffGroupFormAction::Kind;
  const Metrics& m = ui.m();
  StaffGroupFormAction action;
  const float width = ImGui::GetContentRegionAvail().x;
  const bool typing = view.active_field != GroupFormField::None;
  if (!typing) {
    const float row_y = ImGui::GetCursorPosY();
    heading(ui, ui.t(view.editing ? "staff.group_edit_heading" : "staff.group_new_heading"));
    // Cancelling the whole group sits up here, in reach without scrolling, and asks once more below.
    if (view.editing && !view.confirm_cancel) {
      const std::string& label = ui.t("staff.cancel_group");
      const float cancel_w = text_size(ui.fonts.bold, label).x + 2.0f * m.padding + 0.5f * m.em;  // as button() fits it
      const float after_heading = ImGui::GetCursorPosY();
      ImGui::SetCursorScreenPos(ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x - m.margin - cancel_w,
                                       ImGui::GetWindowPos().y + row_y));
      if (button(ui, "cancel-group", label, {.size = ImVec2(cancel_w, m.touch_target)})) view.confirm_cancel = true;
      ImGui::SetCursorPosY(std::max(after_heading, ImGui::GetCursorPosY()));
    }
  }
  const float keyboard_h = typing ? letter_keyboard_height(ui, true) + m.gap : 0.0f;
  const float bottom_reserved = keyboard_h + action_bar_height(ui) + m.gap;
  const float list_h = std::max(m.touch_target, ImGui::GetContentRegionAvail().y - bottom_reserved);
  const float inner_w = width - m.em;  // room for the scroll indicator

  begin_scroll_list(ui, "group-form", ImVec2(width, list_h));
  if (view.editing && view.confirm_cancel) {
    text_coloured(ui, ui.t("staff.cancel_group_warning"), ui.p().error_text);
    if (button(ui, "cancel-group-confirm", ui.t("staff.cancel_group_confirm"), {.tone = Tone::Crisis})) {
      action.kind = Kind::CancelGroup;
    }
    ImGui::SameLine(0.0f, m.gap);
    if (button(ui, "cancel-group-keep", ui.t("common.back"))) view.confirm_cancel = false;
    ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
  }
  if (!view.error_key.empty()) text_coloured(ui, ui.t(view.error_key), ui.p().error_text);
  const float third = (inner_w - 2.0f * m.gap) / 3.0f;
  field(ui, view, GroupFormField::Title, "group-title", "staff.group_title", view.title, third);
  ImGui::SameLine(0.0f, m.gap);
  field(ui, view, GroupFormField::Room, "group-room", "staff.group_room", view.room, third);
  ImGui::SameLine(0.0f, m.gap);
  field(ui, view, GroupFormField::Facilitator, "group-facilitator", "staff.group_facilitator", view.facilitator, third);

  ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
  if (view.pattern_editable) {
    text(ui, ui.t("staff.group_days"));
    const float tile_w = (inner_w - 6.0f * m.gap) / 7.0f;
    for (int i = 0; i < 7; ++i) {
      const int day = kWeekOrder[i];
      if (i > 0) ImGui::SameLine(0.0f, m.gap);
      toggle_tile(ui, "weekday-" + std::to_string(day), ui.t("staff.weekday_short." + std::to_string(day)),
                  view.pattern.weekdays[static_cast<std::size_t>(day)], ImVec2(tile_w, m.touch_target));
    }
    bool every_week = view.pattern.interval != 2;
    bool every_other = !every_week;
    const float half = (inner_w - m.gap) * 0.5f;
    if (toggle_tile(ui, "every-week", ui.t("staff.every_week"), every_week, ImVec2(half, m.touch_target))) {
      view.pattern.interval = 1;
    }
    ImGui::SameLine(0.0f, m.gap);
    if (toggle_tile(ui, "every-other-week", ui.t("staff.every_other_week"), every_other,
                    ImVec2(half, m.touch_target))) {
      view.pattern.interval = 2;
    }
  } else {
    text_muted(ui, ui.t("staff.group_rule_kept"));
  }

  ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
  const float value_w = m.em * 6.0f;
  // Steppers stand well apart, so one's + is never read as the next one's -.
  const auto next_column = [&]() { same_line_if_fits(ui, stepper_width(ui, value_w), m.margin * 1.5f); };
  view.start_minutes = std::clamp(view.start_minutes + kTimeStep * stepper(ui, "group-start", ui.t("staff.group_start"),
                                                                           clock_text(ui, view.start_minutes), value_w),
                                  0, 24 * 60 - kTimeStep);
  next_column();
  view.duration_minutes =
      std::clamp(view.duration_minutes + kTimeStep * stepper(ui, "group-length", ui.t("staff.group_length"),
                                                             minutes_text(ui, view.duration_minutes), value_w),
                 kTimeStep, kMaxLength);
  next_column();
  view.capacity = std::clamp(
      view.capacity + stepper(ui, "group-seats", ui.t("staff.group_seats"),
                              view.capacity == 0 ? ui.t("staff.no_limit") : std::to_string(view.capacity), value_w),
      0, kMaxSeats);
  view.checkin_before =
      std::clamp(view.checkin_before + kWindowStep * stepper(ui, "checkin-before", ui.t("staff.checkin_before"),
                                                             minutes_text(ui, view.checkin_before), value_w),
                 0, kMaxWindow);
  next_column();
  view.checkin_after =
      std::clamp(view.checkin_after + kWindowStep * stepper(ui, "checkin-after", ui.t("staff.checkin_after"),
                                                            minutes_text(ui, view.checkin_after), value_w),
                 0, kMaxWindow);

  end_scroll_list(ui);

  if (typing) {
    const ImVec2 window_pos = ImGui::GetWindowPos();
    ImGui::SetCursorScreenPos(
        ImVec2(window_pos.x + m.margin, window_pos.y + ImGui::GetWindowSize().y - bottom_reserved + m.gap));
    if (letter_keyboard(ui, view.keyboard, target_of(view), kMaxTextCharacters, true) == KeyboardEvent::Done) {
      view.active_field = next_field(view.active_field);
    }
  }

  const auto bar = action_bar(ui, ui.t("staff.save_group"));
  if (bar.back) action.kind = Kind::Back;
  if (bar.primary) action.kind = Kind::Save;
  return action;
}

}  // namespace porchlight::ui
