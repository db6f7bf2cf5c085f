// One service on a card: what it is, who it is for, hours, address, phone, languages, cost; and "Take this with
// you": a QR code any phone camera reads offline, "Print", and "I want this" (a referral).
#include <algorithm>
#include <cmath>
#include <string>

#include "porchlight/ui/screens.hpp"

namespace porchlight::ui {

namespace {

constexpr int kQuietZoneModules = 4;  // the QR standard's margin: scanners need it

// Dark modules as filled rectangles on white, whole pixels per module so a camera (or zbarimg) reads it cleanly.
void draw_qr(Ui& ui, const core::QrCode& qr, float max_side) {
  const int modules = qr.size + 2 * kQuietZoneModules;
  const float pixel = std::max(2.0f, std::floor(max_side / static_cast<float>(modules)));
  const float side = pixel * static_cast<float>(modules);
  ImVec2 origin = ImGui::GetCursorScreenPos();
  origin = ImVec2(std::floor(origin.x), std::floor(origin.y));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, ImVec2(origin.x + side, origin.y + side), IM_COL32(255, 255, 255, 255));
  const ImU32 dark = IM_COL32(0, 0, 0, 255);
  for (int y = 0; y < qr.size; ++y) {
    for (int x = 0; x < qr.size; ++x) {
      if (!qr.at(x, y)) continue;
      const ImVec2 min(origin.x + pixel * static_cast<float>(x + kQuietZoneModules),
                       origin.y + pixel * static_cast<float>(y + kQuietZoneModules));
      draw->AddRectFilled(min, ImVec2(min.x + pixel, min.y + pixel), dark);
    }
  }
  ImGui::Dummy(ImVec2(side, side));
  if (ui.probe != nullptr) ui.probe->record_widget("take-away-qr", "", origin, ImVec2(origin.x + side, origin.y + side));
}

}  // namespace

HelpDetailAction help_detail_screen(Ui& ui, const HelpDetailView& view) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  HelpDetailAction action = HelpDetailAction::None;
  const float width = ImGui::GetContentRegionAvail().x;
  const float right_w = std::clamp(width * 0.34f, m.touch_target * 4.0f, m.em * 18.0f);
  const float left_w = width - right_w - 2.0f * m.gap;
  const ImVec2 top = ImGui::GetCursorScreenPos();
  const float body_h = std::max(m.touch_target, ImGui::GetContentRegionAvail().y - action_bar_height(ui) - m.gap);

  // Left: the card, dragged to scroll when it is long.
  begin_scroll_list(ui, "help-card", ImVec2(left_w, body_h));
  heading(ui, view.name);
  if (!view.organization.empty() && view.organization != view.name) text_muted(ui, view.organization);
  if (!view.status_text.empty()) text_coloured(ui, view.status_text, view.open_now ? p.success_text : p.muted_text);
  for (const auto& section : view.sections) {
    if (section.body.empty()) continue;
    ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
    bold_text(ui, ui.t(section.heading_key));
    text(ui, section.body);
  }
  end_scroll_list(ui);

  // Right: take it with you, or print it. What "I want this" or "Print" said takes the hint's place, so the code
  // keeps its size.
  ImGui::SetCursorScreenPos(ImVec2(top.x + left_w + 2.0f * m.gap, top.y));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + right_w);
  bold_text(ui, ui.t("help.take_away"));
  if (view.notice_key.empty()) {
    text_muted(ui, ui.t("help.take_away_hint"));
  } else {
    text_coloured(ui, ui.t(view.notice_key), view.notice_is_problem ? p.error_text : p.success_text);
  }
  ImGui::PopTextWrapPos();
  const float qr_room = top.y + body_h - ImGui::GetCursorScreenPos().y - m.touch_target - 2.0f * m.gap;
  if (view.qr != nullptr) draw_qr(ui, *view.qr, std::min(right_w, qr_room));
  ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
  if (button(ui, "print", ui.t("help.print"), {.size = ImVec2(right_w, m.touch_target)})) {
    action = HelpDetailAction::Print;
  }
  ImGui::EndGroup();

  // "I want this" is the screen's main action; once tapped it is done (the notice says what happens next).
  const auto bar = action_bar(ui, view.referred ? std::string_view() : std::string_view(ui.t("help.want_this")));
  if (bar.back) action = HelpDetailAction::Back;
  if (bar.primary) action = HelpDetailAction::WantThis;
  return action;
}

}  // namespace porchlight::ui
