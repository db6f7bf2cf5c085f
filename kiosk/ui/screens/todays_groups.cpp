// "Today's groups": every session of the day on a card; after signing in, Join toggles on each card.
#include <algorithm>

#include "porchlight/ui/screens.hpp"

namespace porchlight::ui {

GroupsAction todays_groups_screen(Ui& ui, const GroupsView& view) {
  const Metrics& m = ui.m();
  GroupsAction action = GroupsAction::None;
  const float width = ImGui::GetContentRegionAvail().x;
  heading(ui, ui.t("groups.today_heading"));
  text_muted(ui, std::string(view.date_text) + "  \xC2\xB7  " +
                     ui.t(view.can_join ? "groups.join_hint" : "groups.sign_in_hint"));

  const float list_h = std::max(m.touch_target, ImGui::GetContentRegionAvail().y - action_bar_height(ui) - m.gap);
  begin_scroll_list(ui, "today-groups", ImVec2(width, list_h));
  if (view.cards.empty()) bold_text(ui, ui.t("groups.none_today"));
  for (auto& card : view.cards) {
    if (group_card(ui, card, width - m.em, view.can_join)) action = GroupsAction::Changed;
  }
  end_scroll_list(ui);

  const auto bar = action_bar(ui, ui.t("groups.this_week"));
  if (bar.back) action = GroupsAction::Back;
  if (bar.primary) action = GroupsAction::Week;
  return action;
}

}  // namespace porchlight::ui
