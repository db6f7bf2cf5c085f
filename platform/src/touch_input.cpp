#include "porchlight/platform/touch_input.hpp"

#include <cfloat>

#include <imgui.h>

namespace porchlight::platform {

void hide_hover_after_release(TouchHoverState& state, ImGuiIO& io) {
  bool any_button_down = false;
  for (const bool down : io.MouseDown) any_button_down = any_button_down || down;

  if (!any_button_down && !state.any_button_down_last_frame) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  state.any_button_down_last_frame = any_button_down;
}

}  // namespace porchlight::platform
