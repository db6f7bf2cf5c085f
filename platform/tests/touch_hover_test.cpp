// The touch hover rule against a headless Dear ImGui context: a tap still clicks, and nothing stays hovered
// where the finger lifted. Frames are fed the way the GLFW backend does: pointer position and button state.

#include <cstdio>

#include <imgui.h>

#include "porchlight/platform/touch_input.hpp"

namespace platform = porchlight::platform;

namespace {

const ImVec2 kButtonCentre{100.0f, 60.0f};  // ImVec2 is not a literal type in 1.86

struct ButtonObservation {
  bool clicked = false;
  bool hovered = false;
};

struct HeadlessImGui {
  HeadlessImGui() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(800.0f, 600.0f);
    unsigned char* pixels = nullptr;
    int width = 0;
    int height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);  // builds the atlas; no renderer needed
  }
  ~HeadlessImGui() { ImGui::DestroyContext(); }
  HeadlessImGui(const HeadlessImGui&) = delete;
  HeadlessImGui& operator=(const HeadlessImGui&) = delete;
};

ButtonObservation run_frame(platform::TouchHoverState& touch, bool hide_hover, ImVec2 pointer, bool finger_down) {
  ImGuiIO& io = ImGui::GetIO();
  io.DeltaTime = 1.0f / 60.0f;
  io.MousePos = pointer;  // X11 leaves the pointer where the finger lifted
  io.MouseDown[0] = finger_down;
  if (hide_hover) platform::hide_hover_after_release(touch, io);

  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("screen", nullptr, ImGuiWindowFlags_NoDecoration);
  ButtonObservation observation;
  ImGui::SetCursorScreenPos(ImVec2(kButtonCentre.x - 50.0f, kButtonCentre.y - 30.0f));
  observation.clicked = ImGui::Button("Sign in", ImVec2(100.0f, 60.0f));
  observation.hovered = ImGui::IsItemHovered();
  ImGui::End();
  ImGui::Render();
  return observation;
}

struct Checks {
  int failures = 0;

  void expect(bool condition, const char* what) {
    if (condition) return;
    std::fprintf(stderr, "FAILED: %s\n", what);
    ++failures;
  }
};

void tap_with_hover_hidden(Checks& checks) {
  const HeadlessImGui imgui;
  platform::TouchHoverState touch;
  run_frame(touch, true, kButtonCentre, false);  // settle the window
  const ButtonObservation press = run_frame(touch, true, kButtonCentre, true);
  checks.expect(press.hovered && !press.clicked, "press: hovered, not yet clicked");
  const ButtonObservation release = run_frame(touch, true, kButtonCentre, false);
  checks.expect(release.clicked, "release frame: the tap clicks (the real position is kept for this frame)");
  const ButtonObservation after = run_frame(touch, true, kButtonCentre, false);
  checks.expect(!after.hovered, "frame after release: nothing hovered where the finger lifted");
  checks.expect(!ImGui::IsMousePosValid(), "frame after release: pointer is off-screen to ImGui");
  const ButtonObservation next_press = run_frame(touch, true, kButtonCentre, true);
  checks.expect(next_press.hovered, "next press: the pointer is real again");
}

void mouse_keeps_hover_when_switched_off(Checks& checks) {
  const HeadlessImGui imgui;
  platform::TouchHoverState touch;
  run_frame(touch, false, kButtonCentre, false);
  run_frame(touch, false, kButtonCentre, true);
  const ButtonObservation release = run_frame(touch, false, kButtonCentre, false);
  checks.expect(release.clicked, "desktop: click");
  const ButtonObservation after = run_frame(touch, false, kButtonCentre, false);
  checks.expect(after.hovered, "desktop: hover stays with the mouse");
}

}  // namespace

int main() {
  Checks checks;
  tap_with_hover_hidden(checks);
  mouse_keeps_hover_when_switched_off(checks);
  if (checks.failures == 0) std::printf("touch hover: all checks passed\n");
  return checks.failures == 0 ? 0 : 1;
}
