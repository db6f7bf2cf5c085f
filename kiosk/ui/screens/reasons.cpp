#include <algorithm>
#include <string>

#include "porchlight/ui/screens.hpp"

namespace porchlight::ui {

ReasonsAction reasons_screen(Ui& ui, const ReasonsView& view) {
  const Metrics& m = ui.m();
  ReasonsAction action = ReasonsAction::None;
  const float width = ImGui::GetContentRegionAvail().x;
  if (view.offer_find_help) {
    // Top right, always in sight: a referral made from here is tied to the person signing in.
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const std::string& label = ui.t("welcome.find_help");
    const float w = std::max(m.touch_target * 3.0f, text_size(ui.fonts.bold, label).x + 2.0f * m.padding + m.em);
    ImGui::SetCursorScreenPos(ImVec2(top.x + width - w, top.y));
    if (button(ui, "find-help", label, {.size = ImVec2(w, m.touch_target), .tone = Tone::Quiet})) {
      action = ReasonsAction::FindHelp;
    }
    ImGui::SetCursorScreenPos(top);
  }
  if (!view.welcome_back_name.empty()) {
    bold_text(ui, tr_format("reasons.welcome_back", ui.language, {{"name", view.welcome_back_name}}));
  }
  heading(ui, ui.t("reasons.heading"));
  text_muted(ui, ui.t("reasons.hint"));
  if (!view.error_key.empty()) text_coloured(ui, ui.t(view.error_key), ui.p().error_text);

  const float list_h = std::max(m.touch_target, ImGui::GetContentRegionAvail().y - action_bar_height(ui) - m.gap);
  begin_scroll_list(ui, "reasons", ImVec2(width, list_h));
  if (!view.open_groups.empty()) {
    // Groups whose check-in is open now come first: they are about to start. Joining is one tap.
    bold_text(ui, ui.t("reasons.groups_now"));
    for (auto& card : view.open_groups) group_card(ui, card, width - m.em, true);
  }
  const int columns = width > m.touch_target * 12.0f ? 2 : 1;
  const float tile_w = (width - m.gap * static_cast<float>(columns - 1) - m.em) / static_cast<float>(columns);
  const std::string language(language_code(ui.language));
  for (std::size_t i = 0; i < view.reasons.size(); ++i) {
    const auto& reason = view.reasons[i];
    if (i % static_cast<std::size_t>(columns) != 0) ImGui::SameLine(0.0f, m.gap);
    const auto found = std::find(view.chosen.begin(), view.chosen.end(), reason.code);
    bool selected = found != view.chosen.end();
    if (toggle_tile(ui, "reason-" + reason.code, reason.label(language), selected, ImVec2(tile_w, m.touch_target))) {
      if (selected) {
        view.chosen.push_back(reason.code);
      } else {
        view.chosen.erase(found);
      }
    }
  }
  ImGui::Dummy(ImVec2(0.0f, m.gap));
  bold_text(ui, ui.t("reasons.mood"));
  const float mood_w = (width - m.em - 4.0f * m.gap) / 5.0f;
  for (int mood = 1; mood <= 5; ++mood) {
    if (mood > 1) ImGui::SameLine(0.0f, m.gap);
    bool selected = view.mood == mood;
    if (toggle_tile(ui, "mood-" + std::to_string(mood), ui.t("mood." + std::to_string(mood)), selected,
                    ImVec2(mood_w, m.touch_target))) {
      view.mood = selected ? std::optional<int>(mood) : std::nullopt;
    }
  }
  if (view.offer_all_groups) {
    ImGui::Dummy(ImVec2(0.0f, m.gap));
    if (button(ui, "all-groups", ui.t("reasons.all_groups"), {.tone = Tone::Quiet})) action = ReasonsAction::AllGroups;
  }

  end_scroll_list(ui);

  const auto bar = action_bar(ui, ui.t("reasons.finish"));
  if (bar.back) action = ReasonsAction::Back;
  if (bar.primary) action = ReasonsAction::Submit;
  return action;
}

}  // namespace porchlight::ui
