// "Find help": the kiosk's eleven category tiles and a word search typed on the on-screen keyboard.
#include <algorithm>
#include <string>

#include "porchlight/ui/screens.hpp"

namespace porchlight::ui {

namespace {

constexpr std::size_t kMaxQueryCharacters = 40;

}  // namespace

FindHelpAction find_help_screen(Ui& ui, const FindHelpView& view) {
  const Metrics& m = ui.m();
  FindHelpAction action;
  const float width = ImGui::GetContentRegionAvail().x;
  // Back beside the heading: with the keyboard up there is no room for a bar along the bottom.
  const ImVec2 top = ImGui::GetCursorScreenPos();
  const float back_w = m.touch_target * 2.5f;
  ImGui::SetCursorScreenPos(ImVec2(top.x + width - back_w, top.y));
  if (button(ui, "back", ui.t("common.back"), {.size = ImVec2(back_w, m.touch_target), .tone = Tone::Quiet})) {
    action.kind = FindHelpAction::Kind::Back;
  }
  ImGui::SetCursorScreenPos(top);
  heading(ui, ui.t("help.heading"));
  text_muted(ui, ui.t("help.hint"));

  const float search_w = std::max(m.touch_target * 3.0f, m.em * 7.0f);
  const float field_w = std::min(width * 0.6f, width - search_w - m.gap);
  if (text_field(ui, "help-search", ui.t("help.search_field"), view.query, view.typing, false, field_w)) {
    view.typing = true;
  }
  const ImVec2 field_max = ImGui::GetItemRectMax();
  const ImVec2 field_min = ImGui::GetItemRectMin();
  const ImVec2 below_field = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(field_max.x + m.gap, field_min.y));
  if (button(ui, "help-search-go", ui.t("help.search"),
             {.size = ImVec2(search_w, field_max.y - field_min.y),
              .tone = Tone::Primary,
              .enabled = !view.query.empty()})) {
    action.kind = FindHelpAction::Kind::Search;
  }
  ImGui::SetCursorScreenPos(ImVec2(below_field.x, below_field.y + m.gap));

  if (view.typing) {
    // The keyboard takes the bottom of the screen; the tiles come back when the search is done or cancelled.
    const float keyboard_top = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y - letter_keyboard_height(ui) - m.gap;
    ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, keyboard_top));
    const KeyboardEvent event = letter_keyboard(ui, view.keyboard, view.query, kMaxQueryCharacters);
    if (event == KeyboardEvent::Done && action.kind == FindHelpAction::Kind::None) {
      view.typing = false;
      if (!view.query.empty()) action.kind = FindHelpAction::Kind::Search;
    }
    return action;
  }

  const int columns = width > m.touch_target * 14.0f ? 4 : 3;
  const float tile_w = (width - m.em - m.gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
  const float tile_h = m.touch_target * 1.5f;
  const float list_h = std::max(m.touch_target, ImGui::GetContentRegionAvail().y - m.gap);
  begin_scroll_list(ui, "categories", ImVec2(width, list_h));
  for (std::size_t i = 0; i < view.categories.size(); ++i) {
    if (i % static_cast<std::size_t>(columns) != 0) ImGui::SameLine(0.0f, m.gap);
    const auto& tile = view.categories[i];
    if (button(ui, "category-" + tile.code, tile.label, {.size = ImVec2(tile_w, tile_h), .large_font = true})) {
      action = {FindHelpAction::Kind::Category, i};
    }
  }
  end_scroll_list(ui);
  return action;
}

}  // namespace porchlight::ui
