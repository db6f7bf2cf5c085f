// What every screen shares: the top bar (center, language, larger text, crisis), the bottom action bar and the idle
// countdown banner.
#include <algorithm>
#include <string>

#include "../src/draw_text.hpp"
#include "porchlight/ui/screens.hpp"
#include "porchlight/ui/staff_screens.hpp"

namespace porchlight::ui {

float top_bar_height(const Ui& ui) { return ui.m().touch_target + 2.0f * ui.m().gap; }
float action_bar_height(const Ui& ui) { return ui.m().touch_target + ui.m().gap; }

TopBarAction top_bar(Ui& ui, const TopBarView& view) {
  const Metrics& m = ui.m();
  const ImVec2 origin = ImGui::GetWindowPos();
  const float width = ImGui::GetWindowSize().x;
  const float height = top_bar_height(ui);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  // Edge to edge: the window's clip rectangle stops at its padding.
  draw->PushClipRectFullScreen();
  draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), ui.p().top_bar.u32());
  draw->PopClipRect();

  // Right to left: crisis (always the outermost, the same place on every screen), larger text, language.
  const std::string& crisis = ui.t("top.crisis");
  const std::string& size_label = ui.t(view.large_text ? "top.smaller_text" : "top.larger_text");
  const std::string& language = ui.t("top.language_switch");
  // Slack of half an em so a label that just fits is never wrapped by rounding.
  const auto fit = [&](const std::string& label) {
    return text_size(ui.fonts.bold, label).x + 2.0f * m.padding + 0.5f * m.em;
  };
  const float crisis_w = std::max(fit(crisis), m.touch_target * 2.5f);
  const float size_w = std::max(fit(size_label), m.touch_target * 2.0f);
  const float language_w = std::max(fit(language), m.touch_target * 2.0f);
  const float y = origin.y + m.gap;
  float x = origin.x + width - m.margin - crisis_w;

  TopBarAction action = TopBarAction::None;
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  if (button(ui, "crisis", crisis, {.size = ImVec2(crisis_w, m.touch_target), .tone = Tone::Crisis})) {
    action = TopBarAction::Crisis;
  }
  x -= m.gap + size_w;
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  if (button(ui, "larger-text", size_label, {.size = ImVec2(size_w, m.touch_target)})) {
    action = TopBarAction::ToggleLargeText;
  }
  x -= m.gap + language_w;
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  if (button(ui, "language", language, {.size = ImVec2(language_w, m.touch_target)})) {
    action = TopBarAction::ToggleLanguage;
  }
  const ImVec2 name_min(origin.x + m.margin, origin.y);
  draw_left_text(draw, ui.fonts.bold, view.center_name, name_min, ImVec2(x - m.gap, origin.y + height),
                 ui.p().on_top_bar.u32());
  if (ui.probe != nullptr) ui.probe->record_text(view.center_name);

  ImGui::SetCursorScreenPos(ImVec2(origin.x + m.margin, origin.y + height + m.gap));
  return action;
}

bool staff_corner(Ui& ui) {
  // Over the start of the center's name: staff know it is there, a participant tapping the name opens nothing.
  const Metrics& m = ui.m();
  const ImVec2 back_to = ImGui::GetCursorScreenPos();
  const ImVec2 min = ImGui::GetWindowPos();
  const ImVec2 size(m.touch_target * 2.0f, top_bar_height(ui));
  ImGui::SetCursorScreenPos(min);
  ImGui::InvisibleButton("staff-corner", size);
  const bool held = ImGui::IsItemActive() && ui.touch->down && !ui.touch->is_drag();
  if (ui.probe != nullptr) ui.probe->record_widget("staff-corner", "", min, ImVec2(min.x + size.x, min.y + size.y));
  ImGui::SetCursorScreenPos(back_to);
  return held;
}

ActionBarResult action_bar(Ui& ui, std::string_view primary_label, bool show_back) {
  const Metrics& m = ui.m();
  const ImVec2 origin = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  const float y = origin.y + size.y - m.gap - m.touch_target;
  ActionBarResult result;
  if (show_back) {
    ImGui::SetCursorScreenPos(ImVec2(origin.x + m.margin, y));
    result.back = button(ui, "back", ui.t("common.back"),
                         {.size = ImVec2(m.touch_target * 2.5f, m.touch_target), .tone = Tone::Quiet});
  }
  if (!primary_label.empty()) {
    const float w = std::max(m.touch_target * 4.0f, text_size(ui.fonts.bold, primary_label).x + 2.0f * m.padding);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + size.x - m.margin - w, y));
    result.primary = button(ui, "primary", primary_label, {.size = ImVec2(w, m.touch_target), .tone = Tone::Primary});
  }
  return result;
}

void idle_banner(Ui& ui, int seconds_left) {
  const Metrics& m = ui.m();
  const ImVec2 origin = ImGui::GetWindowPos();
  const float width = ImGui::GetWindowSize().x;
  const float top = origin.y + top_bar_height(ui);
  const std::string message = tr_format("idle.countdown", ui.language, {{"seconds", std::to_string(seconds_left)}});
  const float text_h = text_size(ui.fonts.bold, message, width - 2.0f * m.margin).y;
  const float height = std::max(m.touch_target, text_h + m.padding);
  // Its own window on top, so a tap on the banner only keeps the session going and never reaches what lies under it.
  ImGui::SetNextWindowPos(ImVec2(origin.x, top));
  ImGui::SetNextWindowSize(ImVec2(width, height));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ui.p().banner.vec4());
  ImGui::Begin("idle-banner", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoFocusOnAppearing);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRectFullScreen();
  draw->AddLine(ImVec2(origin.x, top + height), ImVec2(origin.x + width, top + height), ui.p().text.u32(), 2.0f);
  draw_centred_text(draw, ui.fonts.bold, message, ImVec2(origin.x + m.margin, top),
                    ImVec2(origin.x + width - m.margin, top + height), ui.p().text.u32());
  draw->PopClipRect();
  ImGui::End();
  ImGui::PopStyleColor();
  if (ui.probe != nullptr) ui.probe->record_text(message);
}

std::string format_date_digits(const std::string& digits, Language language) {
  // English: month day year; Spanish: day month year.
  const std::string pattern = language == Language::Spanish ? "DD / MM / AAAA" : "MM / DD / YYYY";
  std::string shown = pattern;
  std::size_t next = 0;
  for (char& c : shown) {
    if (c == ' ' || c == '/') continue;
    if (next < digits.size()) c = digits[next++];
  }
  return shown;
}

}  // namespace porchlight::ui
