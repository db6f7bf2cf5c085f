// Staff mode: sign someone in on their behalf. Find the person by name on the on-screen keyboard (the results show
// "First L." only: the screen may be seen from the door), or sign in a guest. The reasons are the participant's
// own reasons screen.
#include <algorithm>
#include <string>

#include "porchlight/ui/keyboard.hpp"
#include "porchlight/ui/staff_screens.hpp"

namespace porchlight::ui {

namespace {

constexpr std::size_t kMaxNameCharacters = 40;
constexpr std::size_t kMinimumTypedForMatches = 2;

}  // namespace

StaffSignInAction staff_sign_in_screen(Ui& ui, const StaffSignInView& view) {
  const Metrics& m = ui.m();
  StaffSignInAction action;
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 top = ImGui::GetCursorScreenPos();
  const auto fit = [&](const std::string& label) {
    return std::max(m.touch_target * 2.5f, text_size(ui.fonts.bold, label).x + 2.0f * m.padding + 0.5f * m.em);
  };
  const std::string& back = ui.t("common.back");
  const std::string& guest = ui.t("staff.sign_in_guest");
  float x = top.x + width - fit(back);
  ImGui::SetCursorScreenPos(ImVec2(x, top.y));
  if (button(ui, "back", back, {.size = ImVec2(fit(back), m.touch_target), .tone = Tone::Quiet})) {
    action.kind = StaffSignInAction::Kind::Back;
  }
  x -= m.gap + fit(guest);
  ImGui::SetCursorScreenPos(ImVec2(x, top.y));
  if (button(ui, "sign-in-guest", guest, {.size = ImVec2(fit(guest), m.touch_target), .tone = Tone::Secondary})) {
    action.kind = StaffSignInAction::Kind::Guest;
  }
  ImGui::SetCursorScreenPos(top);
  heading(ui, ui.t("staff.sign_in_heading"));
  if (!view.error_key.empty()) text_coloured(ui, ui.t(view.error_key), ui.p().error_text);
  text_field(ui, "name-field", ui.t("returning.field"), view.typed, true, false, width * 0.55f);
  const std::size_t typed = character_count(view.typed);
  if (typed < kMinimumTypedForMatches) {
    text_muted(ui, ui.t("returning.hint"));
  } else if (view.matches.empty()) {
    text_muted(ui, ui.t("staff.sign_in_no_match"));
  }

  const float bottom_reserved = letter_keyboard_height(ui) + 2.0f * m.gap;
  const float list_h = std::max(m.touch_target, ImGui::GetContentRegionAvail().y - bottom_reserved);
  begin_scroll_list(ui, "matches", ImVec2(width, list_h));
  if (typed >= kMinimumTypedForMatches) {
    const int columns = std::max(1, static_cast<int>(width / (m.touch_target * 4.5f)));
    const float tile_w = (width - m.em - m.gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    for (std::size_t i = 0; i < view.matches.size(); ++i) {
      if (i % static_cast<std::size_t>(columns) != 0) ImGui::SameLine(0.0f, m.gap);
      if (button(ui, "match-" + std::to_string(i), view.matches[i].display_name,
                 {.size = ImVec2(tile_w, m.touch_target), .tone = Tone::Primary, .large_font = true})) {
        action = {StaffSignInAction::Kind::Picked, i};
      }
    }
  }
  end_scroll_list(ui);

  ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x,
                                   ImGui::GetWindowPos().y + ImGui::GetWindowSize().y - bottom_reserved + m.gap));
  const std::string before = view.typed;
  const KeyboardEvent event = letter_keyboard(ui, view.keyboard, view.typed, kMaxNameCharacters);
  if (action.kind == StaffSignInAction::Kind::None) {
    if (event == KeyboardEvent::Typed && view.typed != before) action.kind = StaffSignInAction::Kind::Typed;
    if (event == KeyboardEvent::Done && view.matches.size() == 1) action = {StaffSignInAction::Kind::Picked, 0};
  }
  return action;
}

}  // namespace porchlight::ui
