#include <algorithm>

#include "porchlight/ui/screens.hpp"

namespace porchlight::ui {

SignInChoice sign_in_screen(Ui& ui) {
  const Metrics& m = ui.m();
  const float width = ImGui::GetContentRegionAvail().x;
  heading(ui, ui.t("signin.heading"));
  ImGui::Dummy(ImVec2(0.0f, m.gap));
  SignInChoice choice = SignInChoice::None;
  // Three equal choices filling the room above the action bar, never crowding it.
  const float room = ImGui::GetContentRegionAvail().y - action_bar_height(ui) - 4.0f * m.gap;
  const ImVec2 size(width, std::clamp(room / 3.0f - m.gap, m.touch_target, m.touch_target * 1.6f));
  if (button(ui, "returning", ui.t("signin.returning"),
             {.size = size, .tone = Tone::Primary, .large_font = true, .hint = ui.t("signin.returning_hint")})) {
    choice = SignInChoice::Returning;
  }
  if (button(ui, "new", ui.t("signin.new"),
             {.size = size, .tone = Tone::Primary, .large_font = true, .hint = ui.t("signin.new_hint")})) {
    choice = SignInChoice::New;
  }
  if (button(ui, "guest", ui.t("signin.guest"),
             {.size = size, .large_font = true, .hint = ui.t("signin.guest_hint")})) {
    choice = SignInChoice::Guest;
  }
  if (action_bar(ui, {}).back) choice = SignInChoice::Back;
  return choice;
}

}  // namespace porchlight::ui
