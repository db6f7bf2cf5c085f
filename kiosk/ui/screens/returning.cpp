#include <algorithm>
#include <string>

#include "porchlight/ui/screens.hpp"

namespace porchlight::ui {

namespace {

constexpr std::size_t kMaxNameCharacters = 40;
constexpr std::size_t kMinimumTypedForMatches = 2;

}  // namespace

ReturningAction returning_screen(Ui& ui, const ReturningView& view) {
  const Metrics& m = ui.m();
  ReturningAction action;
  const float width = ImGui::GetContentRegionAvail().x;
  // Back sits beside the heading: with the keyboard up there is no room for a bar along the bottom.
  const ImVec2 top = ImGui::GetCursorScreenPos();
  const float back_w = m.touch_target * 2.5f;
  ImGui::SetCursorScreenPos(ImVec2(top.x + width - back_w, top.y));
  if (button(ui, "back", ui.t("common.back"), {.size = ImVec2(back_w, m.touch_target), .tone = Tone::Quiet})) {
    action.kind = ReturningAction::Kind::Back;
  }
  ImGui::SetCursorScreenPos(top);
  heading(ui, ui.t("returning.heading"));
  const float field_w = width * 0.55f;
  text_field(ui, "name-field", ui.t("returning.field"), view.typed, true, false, field_w);
  const ImVec2 below_field = ImGui::GetCursorScreenPos();
  const ImVec2 field_max = ImGui::GetItemRectMax();
  const ImVec2 field_min = ImGui::GetItemRectMin();

  // What to do next, beside the field, so the matches get the room under it.
  const float status_top = field_min.y + (field_max.y - field_min.y - ui.fonts.body->FontSize * 2.0f) * 0.5f;
  ImGui::SetCursorScreenPos(ImVec2(field_max.x + m.margin, std::max(field_min.y, status_top)));
  ImGui::BeginGroup();
  if (character_count(view.typed) < kMinimumTypedForMatches) {
    text_muted(ui, ui.t("returning.hint"));
  } else if (view.matches.empty()) {
    text_muted(ui, ui.t("returning.no_match"));
  } else {
    bold_text(ui, ui.t("returning.matches"));
  }
  ImGui::EndGroup();
  ImGui::SetCursorScreenPos(below_field);

  // The matches fill what the keyboard and the action bar leave.
  const float bottom_reserved = letter_keyboard_height(ui) + 2.0f * m.gap;
  const float list_h = std::max(m.touch_target, ImGui::GetContentRegionAvail().y - bottom_reserved);
  begin_scroll_list(ui, "matches", ImVec2(width, list_h));
  if (character_count(view.typed) >= kMinimumTypedForMatches) {
    const int columns = std::max(1, static_cast<int>(width / (m.touch_target * 4.5f)));
    const float tile_w = (width - m.em - m.gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    for (std::size_t i = 0; i < view.matches.size(); ++i) {
      if (i % static_cast<std::size_t>(columns) != 0) ImGui::SameLine(0.0f, m.gap);
      if (button(ui, "match-" + std::to_string(i), view.matches[i].display_name,
                 {.size = ImVec2(tile_w, m.touch_target), .tone = Tone::Primary, .large_font = true})) {
        action = {ReturningAction::Kind::Picked, i};
      }
    }
  }
  end_scroll_list(ui);

  ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x,
                                   ImGui::GetWindowPos().y + ImGui::GetWindowSize().y - bottom_reserved + m.gap));
  const std::string before = view.typed;
  const KeyboardEvent event = letter_keyboard(ui, view.keyboard, view.typed, kMaxNameCharacters);
  if (action.kind == ReturningAction::Kind::None) {
    if (event == KeyboardEvent::Typed && view.typed != before) action.kind = ReturningAction::Kind::Typed;
    // Done with exactly one name shown means that name; with several, the participant still has to pick.
    if (event == KeyboardEvent::Done && view.matches.size() == 1) action = {ReturningAction::Kind::Picked, 0};
  }
  return action;
}

}  // namespace porchlight::ui
