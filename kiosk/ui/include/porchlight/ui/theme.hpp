#pragma once
// Colours in one place, and every size in units of the body font size.
// Palette: dark navy text on warm off-white, deep blue actions; every text/background pair meets WCAG AA
// (contrast >= 4.5:1, checked in tests/ui/test_theme.cpp).
#include <cstdint>

#include <imgui.h>

namespace porchlight::ui {

struct Rgb {
  std::uint8_t r = 0;
  std::uint8_t g = 0;
  std::uint8_t b = 0;

  [[nodiscard]] ImU32 u32() const { return IM_COL32(r, g, b, 255); }
  [[nodiscard]] ImVec4 vec4() const;
};

// WCAG 2.1 contrast ratio between two colours (1 to 21).
[[nodiscard]] double contrast_ratio(Rgb a, Rgb b);

struct Palette {
  Rgb background{0xF7, 0xF4, 0xEE};  // warm off-white, calmer than pure white
  Rgb surface{0xFF, 0xFF, 0xFF};
  Rgb text{0x1B, 0x26, 0x3B};  // dark navy
  Rgb muted_text{0x44, 0x4F, 0x63};
  Rgb border{0x5A, 0x66, 0x7A};
  Rgb primary{0x1F, 0x4E, 0x8C};  // deep blue: main actions
  Rgb primary_pressed{0x15, 0x36, 0x62};
  Rgb on_primary{0xFF, 0xFF, 0xFF};
  Rgb secondary{0xDC, 0xE6, 0xF2};  // light blue: other choices
  Rgb secondary_pressed{0xB7, 0xCA, 0xE2};
  Rgb selected{0x1F, 0x4E, 0x8C};  // a chosen tile is filled like a primary button
  Rgb crisis{0xA3, 0x1F, 0x34};    // deep red, white text
  Rgb crisis_pressed{0x7A, 0x14, 0x25};
  Rgb on_crisis{0xFF, 0xFF, 0xFF};
  Rgb error_text{0x9B, 0x1C, 0x1C};
  Rgb success_text{0x1E, 0x6B, 0x34};  // dark green: "Online"
  Rgb banner{0xFF, 0xE8, 0xA3};  // idle countdown
  Rgb top_bar{0x1B, 0x26, 0x3B};
  Rgb on_top_bar{0xFF, 0xFF, 0xFF};
  Rgb disabled{0xE2, 0xE2, 0xE2};
  Rgb on_disabled{0x4A, 0x4A, 0x4A};
};

struct Metrics {
  float em = 22.0f;  // body font size in pixels
  float ui_scale = 1.0f;
  float minimum_target = 64.0f;  // no tappable side is ever smaller: 64 px x UI scale
  float touch_target = 64.0f;    // the usual side of a tappable thing; grows with the text
  float key_height = 64.0f;      // on-screen keyboard keys: a touch target, but rows grow slower with large text
  float gap = 11.0f;             // between widgets
  float padding = 17.6f;         // inside buttons and panels
  float margin = 33.0f;          // screen edges
  float radius = 8.8f;
  float drag_threshold = 11.0f;  // a press that moves farther is a drag, never a tap

  [[nodiscard]] static Metrics from_font_size(float body_pixel_size, float ui_scale);
};

struct Theme {
  Palette palette;
  Metrics metrics;
};

// Applies colours and sizes to ImGui's style (for the few ImGui-drawn parts: windows, scrollbars).
void apply_theme(const Theme& theme, ImGuiStyle& style);

}  // namespace porchlight::ui
