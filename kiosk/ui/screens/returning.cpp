#include <algorithm>
#include <string>

#include "porchlight/ui/screens.hpp"

namespace porchlight::ui {

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

  const NameSearchOutcome search = name_matches_and_keyboard(ui, view.typed, view.keyboard, view.matches, width);
  if (action.kind == ReturningAction::Kind::None) {
    if (search.picked) {
      action = {ReturningAction::Kind::Picked, *search.picked};
    } else if (search.typed) {
      action.kind = ReturningAction::Kind::Typed;
    }
  }
  return action;
}

}  // namespace porchlight::ui
