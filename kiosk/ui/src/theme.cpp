#include "porchlight/ui/theme.hpp"

#include <algorithm>
#include <cmath>

namespace porchlight::ui {

namespace {

double channel_luminance(std::uint8_t value) {
  const double c = value / 255.0;
  return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(Rgb colour) {
  return 0.2126 * channel_luminance(colour.r) + 0.7152 * channel_luminance(colour.g) +
         0.0722 * channel_luminance(colour.b);
}

}  // namespace

ImVec4 Rgb::vec4() const {
  return ImVec4(static_cast<float>(r) / 255.0f, static_cast<float>(g) / 255.0f, static_cast<float>(b) / 255.0f, 1.0f);
}

double contrast_ratio(Rgb a, Rgb b) {
  const double la = luminance(a);
  const double lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

Metrics Metrics::from_font_size(float body_pixel_size, float ui_scale) {
  Metrics m;
  m.em = body_pixel_size;
  m.ui_scale = ui_scale;
  m.minimum_target = 64.0f * ui_scale;
  m.touch_target = std::max(m.minimum_target, 2.9f * body_pixel_size);
  m.key_height = std::max(64.0f * ui_scale, 2.3f * body_pixel_size);
  m.gap = 0.5f * body_pixel_size;
  m.padding = 0.8f * body_pixel_size;
  m.margin = 1.5f * body_pixel_size;
  m.radius = 0.4f * body_pixel_size;
  m.drag_threshold = std::max(10.0f * ui_scale, 0.5f * body_pixel_size);
  return m;
}

void apply_theme(const Theme& theme, ImGuiStyle& style) {
  const Palette& p = theme.palette;
  const Metrics& m = theme.metrics;
  style = ImGuiStyle();
  style.WindowPadding = ImVec2(m.margin, m.margin * 0.5f);
  style.WindowRounding = 0.0f;
  style.WindowBorderSize = 0.0f;
  style.ChildBorderSize = 0.0f;
  style.FramePadding = ImVec2(m.padding, m.padding * 0.5f);
  style.ItemSpacing = ImVec2(m.gap, m.gap);
  style.ItemInnerSpacing = ImVec2(m.gap * 0.5f, m.gap * 0.5f);
  style.ScrollbarSize = 0.6f * m.em;
  style.ScrollbarRounding = m.radius;
  style.FrameRounding = m.radius;
  style.AntiAliasedFill = true;

  ImVec4* colours = style.Colors;
  colours[ImGuiCol_Text] = p.text.vec4();
  colours[ImGuiCol_TextDisabled] = p.muted_text.vec4();
  colours[ImGuiCol_WindowBg] = p.background.vec4();
  colours[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  colours[ImGuiCol_PopupBg] = p.surface.vec4();
  colours[ImGuiCol_Border] = p.border.vec4();
  colours[ImGuiCol_ScrollbarBg] = p.background.vec4();
  colours[ImGuiCol_ScrollbarGrab] = p.border.vec4();
  colours[ImGuiCol_ScrollbarGrabHovered] = p.border.vec4();
  colours[ImGuiCol_ScrollbarGrabActive] = p.text.vec4();
  colours[ImGuiCol_Separator] = p.border.vec4();
}

}  // namespace porchlight::ui
