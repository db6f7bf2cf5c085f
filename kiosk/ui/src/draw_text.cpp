#include "draw_text.hpp"

#include <vector>

namespace porchlight::ui {

namespace {

std::vector<std::string_view> wrap_lines(ImFont* font, std::string_view text, float width) {
  std::vector<std::string_view> lines;
  const char* cursor = text.data();
  const char* end = text.data() + text.size();
  while (cursor < end) {
    const char* line_end = font->CalcWordWrapPositionA(1.0f, cursor, end, width);
    if (line_end == cursor) ++line_end;  // one word wider than the space: let it overflow rather than loop
    const char* newline = cursor;
    while (newline < line_end && *newline != '\n') ++newline;
    if (newline < line_end) line_end = newline;
    lines.emplace_back(cursor, static_cast<std::size_t>(line_end - cursor));
    cursor = line_end;
    while (cursor < end && (*cursor == ' ' || *cursor == '\n')) ++cursor;
  }
  return lines;
}

void draw_lines(ImDrawList* draw, ImFont* font, std::string_view text, ImVec2 min, ImVec2 max, ImU32 colour,
                bool centre) {
  const float width = max.x - min.x;
  const auto lines = wrap_lines(font, text, width);
  const float line_h = font->FontSize;
  float y = min.y + ((max.y - min.y) - line_h * static_cast<float>(lines.size())) * 0.5f;
  for (const auto line : lines) {
    const float w = font->CalcTextSizeA(font->FontSize, 1.0e9f, 0.0f, line.data(), line.data() + line.size()).x;
    const float x = centre ? min.x + (width - w) * 0.5f : min.x;
    draw->AddText(font, font->FontSize, ImVec2(x, y), colour, line.data(), line.data() + line.size());
    y += line_h;
  }
}

}  // namespace

void draw_centred_text(ImDrawList* draw, ImFont* font, std::string_view text, ImVec2 min, ImVec2 max, ImU32 colour) {
  draw_lines(draw, font, text, min, max, colour, true);
}

void draw_left_text(ImDrawList* draw, ImFont* font, std::string_view text, ImVec2 min, ImVec2 max, ImU32 colour) {
  draw_lines(draw, font, text, min, max, colour, false);
}

}  // namespace porchlight::ui
