// Staff sign-in: "Who are you?" (a name each), then that person's PIN on the number pad.
#include <algorithm>
#include <string>

#include "porchlight/ui/keyboard.hpp"
#include "porchlight/ui/screens.hpp"
#include "porchlight/ui/staff_screens.hpp"

namespace porchlight::ui {

namespace {

constexpr std::size_t kMaxStaffPinDigits = 8;

}  // namespace

StaffLoginAction staff_login_screen(Ui& ui, const StaffLoginView& view) {
  const Metrics& m = ui.m();
  StaffLoginAction action;
  const float width = ImGui::GetContentRegionAvail().x;

  if (view.chosen == nullptr) {
    heading(ui, ui.t("staff.who"));
    const float list_h = std::max(m.touch_target, ImGui::GetContentRegionAvail().y - action_bar_height(ui) - m.gap);
    begin_scroll_list(ui, "staff-names", ImVec2(width, list_h));
    const int columns = std::max(1, static_cast<int>(width / (m.touch_target * 5.0f)));
    const float tile_w = (width - m.em - m.gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    for (std::size_t i = 0; i < view.staff.size(); ++i) {
      if (i % static_cast<std::size_t>(columns) != 0) ImGui::SameLine(0.0f, m.gap);
      if (button(ui, "staff-" + std::to_string(i), view.staff[i].name,
                 {.size = ImVec2(tile_w, m.touch_target * 1.2f), .tone = Tone::Primary, .large_font = true})) {
        action = {StaffLoginAction::Kind::Pick, i};
      }
    }
    if (view.staff.empty()) text_muted(ui, ui.t("staff.none"));
    end_scroll_list(ui);
    if (action_bar(ui, {}).back) action.kind = StaffLoginAction::Kind::Cancel;
    return action;
  }

  heading(ui, tr_format("staff.pin_heading", ui.language, {{"name", view.chosen->name}}));
  const float field_w = std::min(width * 0.5f, m.em * 16.0f);
  const float left = ImGui::GetCursorScreenPos().x;
  const float top = ImGui::GetCursorScreenPos().y;
  text_field(ui, "staff-pin", ui.t("staff.pin_label"), view.pin, true, true, field_w);
  if (!view.message.empty()) {
    // A child as wide as the field, so a long message wraps beside the number pad instead of under it.
    ImGui::BeginChild("staff-message", ImVec2(field_w, ui.fonts.bold->FontSize * 4.0f), false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoInputs);
    text_coloured(ui, view.message, ui.p().error_text);
    ImGui::EndChild();
  }
  ImGui::SetCursorScreenPos(ImVec2(left + field_w + m.margin, top));
  if (number_pad(ui, view.pin, kMaxStaffPinDigits) == KeyboardEvent::Done) action.kind = StaffLoginAction::Kind::Submit;

  const auto bar = action_bar(ui, ui.t("staff.sign_in"));
  if (bar.back) action.kind = StaffLoginAction::Kind::Back;
  if (bar.primary) action.kind = StaffLoginAction::Kind::Submit;
  return action;
}

}  // namespace porchlight::ui
