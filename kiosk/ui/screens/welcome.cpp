#include <algorithm>

#include "porchlight/ui/screens.hpp"

namespace porchlight::ui {

WelcomeAction welcome_screen(Ui& ui, const WelcomeView& view) {
  const Metrics& m = ui.m();
  const float width = ImGui::GetContentRegionAvail().x;
  heading(ui, tr_format("welcome.heading", ui.language, {{"center", view.center_name}}));
  bold_text(ui, view.date_text + "  \xC2\xB7  " + view.time_text);
  ImGui::Dummy(ImVec2(0.0f, m.gap * 2.0f));

  WelcomeAction action = WelcomeAction::None;
  const float left = ImGui::GetCursorScreenPos().x;
  if (button(ui, "sign-in", ui.t("welcome.sign_in"),
             {.size = ImVec2(width, m.touch_target * 2.4f),
              .tone = Tone::Primary,
              .large_font = true,
              .hint = ui.t("welcome.sign_in_hint")})) {
    action = WelcomeAction::SignIn;
  }
  ImGui::Dummy(ImVec2(0.0f, m.gap));
  const float half = (width - m.gap) * 0.5f;
  ImGui::SetCursorScreenPos(ImVec2(left, ImGui::GetCursorScreenPos().y));
  if (button(ui, "todays-groups", ui.t("welcome.groups"), {.size = ImVec2(half, m.touch_target * 1.6f)})) {
    action = WelcomeAction::TodaysGroups;
  }
  ImGui::SameLine(0.0f, m.gap);
  if (button(ui, "find-help", ui.t("welcome.find_help"),
             {.size = ImVec2(half, m.touch_target * 1.6f), .hint = ui.t("welcome.find_help_hint")})) {
    action = WelcomeAction::FindHelp;
  }
  if (view.unknown_card) {
    ImGui::Dummy(ImVec2(0.0f, m.gap));
    bold_text(ui, ui.t("welcome.unknown_card"));
  }
  return action;
}

}  // namespace porchlight::ui
