// "This week": the sessions of the next seven days, day by day.
#include <algorithm>

#include "porchlight/ui/screens.hpp"

namespace porchlight::ui {

WeekAction week_groups_screen(Ui& ui, std::span<WeekDay> days) {
  const Metrics& m = ui.m();
  const float width = ImGui::GetContentRegionAvail().x;
  heading(ui, ui.t("groups.week_heading"));
  const float list_h = std::max(m.touch_target, ImGui::GetContentRegionAvail().y - action_bar_height(ui) - m.gap);
  begin_scroll_list(ui, "week-groups", ImVec2(width, list_h));
  for (auto& day : days) {
    ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
    bold_text(ui, day.day_text);
    if (day.cards.empty()) text_muted(ui, ui.t("groups.none_day"));
    for (auto& card : day.cards) group_card(ui, card, width - m.em, false);
  }
  end_scroll_list(ui);
  const auto bar = action_bar(ui, ui.t("groups.today"));
  return bar.back || bar.primary ? WeekAction::Back : WeekAction::None;
}

}  // namespace porchlight::ui
