// "Did you get help?": asked once at the sign-in after a referral, before the reasons.
#include <string>

#include "porchlight/ui/screens.hpp"

namespace porchlight::ui {

FollowUpAction follow_up_screen(Ui& ui, std::string_view service_name) {
  const Metrics& m = ui.m();
  const float width = ImGui::GetContentRegionAvail().x;
  FollowUpAction action = FollowUpAction::None;
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  heading(ui, tr_format("followup.heading", ui.language, {{"service", service_name}}));
  text_muted(ui, ui.t("followup.hint"));
  ImGui::PopTextWrapPos();
  ImGui::Dummy(ImVec2(0.0f, m.gap * 2.0f));
  const float button_w = (width - 2.0f * m.gap) / 3.0f;
  const ImVec2 size(button_w, m.touch_target * 1.6f);
  if (button(ui, "followup-yes", ui.t("followup.yes"), {.size = size, .tone = Tone::Primary, .large_font = true})) {
    action = FollowUpAction::Yes;
  }
  ImGui::SameLine(0.0f, m.gap);
  if (button(ui, "followup-no", ui.t("followup.no"), {.size = size, .large_font = true})) action = FollowUpAction::No;
  ImGui::SameLine(0.0f, m.gap);
  if (button(ui, "followup-skip", ui.t("followup.skip"), {.size = size, .tone = Tone::Quiet, .large_font = true})) {
    action = FollowUpAction::Skip;
  }
  return action;
}

}  // namespace porchlight::ui
