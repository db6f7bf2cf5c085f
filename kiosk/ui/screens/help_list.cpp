// The services of a category or a search, each with whether it is open now.
#include <algorithm>
#include <string>

#include "porchlight/ui/screens.hpp"

namespace porchlight::ui {

HelpListAction help_list_screen(Ui& ui, const HelpListView& view) {
  const Metrics& m = ui.m();
  HelpListAction action;
  const float width = ImGui::GetContentRegionAvail().x;
  heading(ui, view.title);
  text_muted(ui, ui.t(view.items.empty() ? "help.none_found" : "help.tap_one"));

  const float list_h = std::max(m.touch_target, ImGui::GetContentRegionAvail().y - action_bar_height(ui) - m.gap);
  begin_scroll_list(ui, "help-results", ImVec2(width, list_h));
  const float item_h = std::max(m.touch_target, ImGui::GetTextLineHeightWithSpacing() * 2.0f + m.padding * 1.5f);
  for (std::size_t i = 0; i < view.items.size(); ++i) {
    const auto& item = view.items[i];
    std::string hint = item.status_text;
    if (!item.organization.empty() && item.organization != item.name) {
      hint += (hint.empty() ? "" : "  \xC2\xB7  ") + item.organization;
    }
    if (button(ui, "service-" + item.id, item.name, {.size = ImVec2(width - m.em, item_h), .hint = hint})) {
      action = {HelpListAction::Kind::Open, i};
    }
  }
  end_scroll_list(ui);

  if (action_bar(ui, "").back) action.kind = HelpListAction::Kind::Back;
  return action;
}

}  // namespace porchlight::ui
