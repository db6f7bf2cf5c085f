#pragma once
// Drawing wrapped labels inside a rectangle (button faces, fields); internal to porchlight_ui.
#include <string_view>

#include <imgui.h>

namespace porchlight::ui {

// Each line centred horizontally, the block centred vertically, wrapped to the rectangle's width.
void draw_centred_text(ImDrawList* draw, ImFont* font, std::string_view text, ImVec2 min, ImVec2 max, ImU32 colour);
// Left-aligned, the block centred vertically.
void draw_left_text(ImDrawList* draw, ImFont* font, std::string_view text, ImVec2 min, ImVec2 max, ImU32 colour);

}  // namespace porchlight::ui
