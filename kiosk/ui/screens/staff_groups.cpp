// Staff: the day's group sessions with their rosters (full names), who came, cancelling, adding someone by name.
#include <algorithm>
#include <string>

#include "porchlight/ui/staff_screens.hpp"
#include "porchlight/ui/screens.hpp"

namespace porchlight::ui {

StaffGroupsAction staff_groups_screen(Ui& ui, const StaffGroupsView& view) {
  using Kind = StaffGroupsAction::Kind;
  const Metrics& m = ui.m();
  StaffGroupsAction action;
  const float width = ImGui::GetContentRegionAvail().x;
  heading(ui, ui.t("staff.groups_heading"));
  const float row_y = ImGui::GetCursorPosY();
  // Every button of the row is one touch target high, so the date can sit on their middle line.
  const auto day_button = [&](std::string_view id, std::string_view label) {
    const float w = text_size(ui.fonts.bold, label).x + 2.0f * m.padding + 0.5f * m.em;
    return button(ui, id, label, {.size = ImVec2(w, m.touch_target)});
  };
  if (day_button("groups-previous-day", ui.t("staff.previous_day"))) action.kind = Kind::PreviousDay;
  ImGui::SameLine(0.0f, m.gap);
  // The date sits on the buttons' middle line, not their top edge.
  ImGui::SetCursorPosY(row_y + (m.touch_target - text_size(ui.fonts.bold, view.date_text).y) * 0.5f);
  bold_text(ui, view.date_text);
  if (view.can_go_forward) {
    ImGui::SameLine(0.0f, m.gap);
    ImGui::SetCursorPosY(row_y);
    if (day_button("groups-next-day", ui.t("staff.next_day"))) action.kind = Kind::NextDay;
  }
  {
    const std::string& label = ui.t("staff.new_group");
    const float new_w = text_size(ui.fonts.bold, label).x + 2.0f * m.padding + 0.5f * m.em;  // as button() fits it
    ImGui::SameLine();
    ImGui::SetCursorScreenPos(ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x - m.margin - new_w,
                                     ImGui::GetWindowPos().y + row_y));
    if (button(ui, "new-group", label, {.size = ImVec2(new_w, m.touch_target), .tone = Tone::Primary})) {
      action.kind = Kind::NewGroup;
    }
  }
  if (!view.error_key.empty()) text_coloured(ui, ui.t(view.error_key), ui.p().error_text);

  const float list_h = std::max(m.touch_target, ImGui::GetContentRegionAvail().y - action_bar_height(ui) - m.gap);
  begin_scroll_list(ui, "staff-groups", ImVec2(width, list_h));
  if (view.sessions.empty()) text_muted(ui, ui.t("groups.none_day"));
  for (std::size_t i = 0; i < view.sessions.size(); ++i) {
    const auto& session = view.sessions[i];
    const std::string n = std::to_string(i);
    ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
    bold_text(ui, session.time_text + "   " + session.title);
    std::string detail = session.room;
    if (!session.seats_text.empty()) detail += "  \xC2\xB7  " + session.seats_text;
    if (session.cancelled) detail += "  \xC2\xB7  " + ui.t("groups.cancelled");
    text_muted(ui, detail);
    if (session.cancelled) {
      if (button(ui, "restore-" + n, ui.t("staff.restore_session"))) action = {Kind::RestoreSession, i, 0};
    } else {
      if (button(ui, "add-person-" + n, ui.t("staff.add_person"), {.tone = Tone::Primary})) {
        action = {Kind::AddPerson, i, 0};
      }
      if (!session.ended) {  // an ended session is history: nothing to cancel or move
        ImGui::SameLine(0.0f, m.gap);
        if (button(ui, "cancel-" + n, ui.t("staff.cancel_session"))) action = {Kind::CancelSession, i, 0};
        ImGui::SameLine(0.0f, m.gap);
        if (button(ui, "move-" + n, ui.t("staff.move_session"))) action = {Kind::MoveSession, i, 0};
      }
    }
    ImGui::SameLine(0.0f, m.gap);
    if (button(ui, "edit-group-" + n, ui.t("staff.edit_group"))) action = {Kind::EditGroup, i, 0};
    if (session.roster.empty()) text_muted(ui, ui.t("staff.roster_empty"));
    const float name_w = std::min(width * 0.5f, m.em * 18.0f);
    for (std::size_t r = 0; r < session.roster.size(); ++r) {
      const auto& row = session.roster[r];
      const float y = ImGui::GetCursorPosY();
      ImGui::SetCursorPosY(y + (m.touch_target - ImGui::GetTextLineHeight()) * 0.5f);
      text(ui, row.full_name + (row.added_by_staff ? "  (" + ui.t("staff.added_by_staff") + ")" : ""));
      ImGui::SameLine(name_w + m.gap);
      ImGui::SetCursorPosY(y);
      bool came = row.attended;
      if (toggle_tile(ui, "came-" + n + "-" + std::to_string(r), ui.t("staff.came"), came,
                      ImVec2(m.em * 7.0f, m.touch_target))) {
        action = {Kind::ToggleAttended, i, r};
      }
    }
  }
  end_scroll_list(ui);
  if (action_bar(ui, ui.t("staff.back_to_day"), false).primary) action.kind = Kind::Back;
  return action;
}

}  // namespace porchlight::ui
