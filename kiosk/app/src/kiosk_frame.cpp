#include "porchlight/app/kiosk_frame.hpp"

namespace porchlight::app {

bool touched_this_frame(const ImGuiIO& io) {
  for (int button = 0; button < 3; ++button) {
    if (io.MouseDown[button] || io.MouseReleased[button]) return true;
  }
  return io.InputQueueCharacters.Size > 0 || io.MouseWheel != 0.0f;
}

ui::Ui KioskFrame::begin(const char* window_name, const ui::Fonts& fonts, float body_pixel_size, float ui_scale,
                         ui::Language language) {
  const ImGuiIO& io = ImGui::GetIO();
  ui::Ui ui;
  ui.theme.metrics = ui::Metrics::from_font_size(body_pixel_size, ui_scale);
  ui.fonts = fonts;
  ui.language = language;
  ui.probe = &probe_;
  ui.touch = &touch_;
  if (styled_for_pixel_size_ != body_pixel_size) {
    ui::apply_theme(ui.theme, ImGui::GetStyle());
    styled_for_pixel_size_ = body_pixel_size;
  }
  probe_.begin_frame();
  touch_.update(io, ui.m().drag_threshold);

  ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin(window_name, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PushFont(fonts.body);
  return ui;
}

void KioskFrame::begin_body(const ui::Ui& ui) {
  ImGui::PushItemWidth(-1.0f);
  ImGui::SetCursorPosX(ui.m().margin);
  ImGui::BeginGroup();
}

void KioskFrame::end_body() {
  ImGui::EndGroup();
  ImGui::PopItemWidth();
}

void KioskFrame::end() {
  ImGui::PopFont();
  ImGui::End();
}

}  // namespace porchlight::app
