// Staff: referrals due for follow-up ("First L." and the service), and what the person said when asked.
#include <algorithm>
#include <string>

#include "porchlight/ui/screens.hpp"
#include "porchlight/ui/staff_screens.hpp"

namespace porchlight::ui {

StaffReferralsAction staff_referrals_screen(Ui& ui, const StaffReferralsView& view) {
  using Kind = StaffReferralsAction::Kind;
  const Metrics& m = ui.m();
  StaffReferralsAction action;
  const float width = ImGui::GetContentRegionAvail().x;
  // "New referral" beside the heading: the list below may be long, and this is the page's other job.
  const ImVec2 top = ImGui::GetCursorScreenPos();
  const std::string& new_label = ui.t("staff.referral_new");
  const float new_w = std::max(m.touch_target * 2.5f, text_size(ui.fonts.bold, new_label).x + 2.0f * m.padding + 0.5f * m.em);
  ImGui::SetCursorScreenPos(ImVec2(top.x + width - new_w, top.y));
  if (button(ui, "referral-new", new_label, {.size = ImVec2(new_w, m.touch_target), .tone = Tone::Primary})) {
    action.kind = Kind::New;
  }
  ImGui::SetCursorScreenPos(top);
  heading(ui, ui.t("staff.referrals_heading"));
  text_muted(ui, std::string(view.date_text) + "  \xC2\xB7  " + ui.t("staff.referrals_hint"));
  if (!view.error_key.empty()) text_coloured(ui, ui.t(view.error_key), ui.p().error_text);
  if (!view.notice.empty()) text(ui, view.notice);

  const float list_h = std::max(m.touch_target, ImGui::GetContentRegionAvail().y - action_bar_height(ui) - m.gap);
  begin_scroll_list(ui, "staff-referrals", ImVec2(width, list_h));
  if (view.rows.empty()) text_muted(ui, ui.t("staff.referrals_none"));
  for (std::size_t i = 0; i < view.rows.size(); ++i) {
    const auto& row = view.rows[i];
    const std::string n = std::to_string(i);
    ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
    bold_text(ui, row.who + "  \xE2\x86\x92  " + row.service);
    text_muted(ui, row.detail);
    if (button(ui, "referral-connected-" + n, ui.t("staff.referral_connected"), {.tone = Tone::Primary})) {
      action = {Kind::Connected, i};
    }
    ImGui::SameLine(0.0f, m.gap);
    if (button(ui, "referral-not-connected-" + n, ui.t("staff.referral_not_connected"))) {
      action = {Kind::NotConnected, i};
    }
    ImGui::SameLine(0.0f, m.gap);
    if (button(ui, "referral-no-answer-" + n, ui.t("staff.referral_no_answer"), {.tone = Tone::Quiet})) {
      action = {Kind::NoAnswer, i};
    }
  }
  end_scroll_list(ui);
  if (action_bar(ui, ui.t("staff.back_to_day"), false).primary) action.kind = Kind::Back;
  return action;
}

}  // namespace porchlight::ui
