#pragma once
// The screen platform-smoke draws: a few touch-sized widgets and Spanish text in every loaded font.

#include <span>
#include <string_view>

#include <imgui.h>

#include "porchlight/platform/fonts.hpp"

namespace porchlight::smoke {

struct SmokeScreenState {
  bool first_visit = true;
  float text_size = 1.0f;
  int frames_drawn = 0;
  int sign_in_taps = 0;
  bool sign_in_hovered = false;  // on the last frame drawn
  ImVec2 sign_in_centre{0.0f, 0.0f};
};

// Every string the screen shows, as an app would pass its translation table to build_glyph_ranges().
[[nodiscard]] std::span<const std::string_view> smoke_screen_strings();

void draw_smoke_screen(const platform::LoadedFonts& fonts, SmokeScreenState& state);

// The accented characters most likely to come out as '?' if the glyph ranges were wrong; prints the first missing.
[[nodiscard]] bool accented_glyphs_present(const platform::LoadedFonts& fonts);

}  // namespace porchlight::smoke
