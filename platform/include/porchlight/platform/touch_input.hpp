#pragma once
// Touch on Dear ImGui 1.86. GLFW has no touch API; on X11 a touch arrives as the pointer, and the pointer stays
// where the finger lifted, so 1.86 keeps highlighting whatever is under it (ocornut/imgui#1470, #3659).

struct ImGuiIO;

namespace porchlight::platform {

struct TouchHoverState {
  bool any_button_down_last_frame = false;
};

// Call after the platform backend's NewFrame and before ImGui::NewFrame. The release frame keeps the real position
// (ImGui needs it to see the tap land on the button); from the frame after, until the next press, the pointer is
// moved off-screen so nothing stays hovered.
void hide_hover_after_release(TouchHoverState& state, ImGuiIO& io);

}  // namespace porchlight::platform
