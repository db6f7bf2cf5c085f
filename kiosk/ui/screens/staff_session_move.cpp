// Staff: move one session of a group to another day, time or room. Day, time and length are steppers; the room is
// typed on the on-screen keyboard (its field chooses it).
#include <algorithm>
#include <string>

#include "porchlight/ui/screens.hpp"
#include "porchlight/ui/staff_screens.hpp"

namespace porchlight::ui {

namespace {

constexpr std::size_t kMaxRoomCharacters = 60;
constexpr int kTimeStep = 15;
constexpr int kMaxLength = 8 * 60;

}  // namespace

StaffSessionMoveAction staff_session_move_screen(Ui& ui, const StaffSessionMoveView& view) {
  const Metrics& m = ui.m();
  StaffSessionMoveAction action = StaffSessionMoveAction::None;
  const float width = ImGui::GetContentRegionAvail().x;
  if (!view.typing_room) heading(ui, ui.t("staff.move_heading"));
  const float keyboard_h = view.typing_room ? letter_keyboard_height(ui, true) + m.gap : 0.0f;
  const float bottom_reserved = keyboard_h + action_bar_height(ui) + m.gap;
  const float list_h = std::max(m.touch_target, ImGui::GetContentRegionAvail().y - bottom_reserved);

  begin_scroll_list(ui, "move-form", ImVec2(width, list_h));
  bold_text(ui, view.title);
  text_muted(ui, tr_format("staff.move_was", ui.language, {{"when", view.planned_text}}));
  if (!view.error_key.empty()) text_coloured(ui, ui.t(view.error_key), ui.p().error_text);
  ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
  const float value_w = m.em * 6.0f;
  const int day_step = stepper(ui, "move-day", ui.t("staff.move_day"), date_text(ui, view.day), m.em * 13.0f);
  if (day_step != 0) view.day = view.day.plus_days(day_step);
  same_line_if_fits(ui, stepper_width(ui, value_w), m.margin * 1.5f);  // apart: one's + is not the next one's -
  view.start_minutes = std::clamp(view.start_minutes + kTimeStep * stepper(ui, "move-start", ui.t("staff.group_start"),
                                                                           clock_text(ui, view.start_minutes), value_w),
                                  0, 24 * 60 - kTimeStep);
  same_line_if_fits(ui, stepper_width(ui, value_w), m.margin * 1.5f);  // apart: one's + is not the next one's -
  view.duration_minutes = std::clamp(
      view.duration_minutes + kTimeStep * stepper(ui, "move-length", ui.t("staff.group_length"),
                                                  tr_format("staff.minutes", ui.language,
                                                            {{"minutes", std::to_string(view.duration_minutes)}}),
                                                  value_w),
      kTimeStep, kMaxLength);
  ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
  if (text_field(ui, "move-room", ui.t("staff.group_room"), view.room, view.typing_room, false,
                 std::min(width - m.em, m.em * 24.0f))) {
    view.typing_room = true;
  }
  end_scroll_list(ui);

  if (view.typing_room) {
    const ImVec2 window_pos = ImGui::GetWindowPos();
    ImGui::SetCursorScreenPos(
        ImVec2(window_pos.x + m.margin, window_pos.y + ImGui::GetWindowSize().y - bottom_reserved + m.gap));
    if (letter_keyboard(ui, view.keyboard, view.room, kMaxRoomCharacters, true) == KeyboardEvent::Done) {
      view.typing_room = false;
    }
  }

  const auto bar = action_bar(ui, ui.t("staff.move_save"));
  if (bar.back) action = StaffSessionMoveAction::Back;
  if (bar.primary) action = StaffSessionMoveAction::Save;
  return action;
}

}  // namespace porchlight::ui
