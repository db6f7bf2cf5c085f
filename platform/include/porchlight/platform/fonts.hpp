#pragma once
// Fonts are found and loaded in one place. Noto Sans through fontconfig (DejaVu Sans if Noto is missing), rasterised
// by FreeType at a pixel size from base size x UI scale (x the large-text factor), with glyph ranges built from the
// app's own strings: Dear ImGui 1.86 only draws the glyphs it was told about, and ImWchar is 16-bit.

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "porchlight/platform/result.hpp"

namespace porchlight::platform {

struct FontFile {
  std::filesystem::path path;
  int face_index = 0;  // index inside a .ttc collection
  std::string family;
  bool synthesise_bold = false;  // no bold face installed: FreeType emboldens the regular one
};

struct FontFiles {
  FontFile regular;
  FontFile bold;
};

// Asks fontconfig for Noto Sans, then DejaVu Sans; fails with a message naming the packages to install.
[[nodiscard]] Result<FontFiles> find_ui_fonts();

// Basic Latin, Latin-1 Supplement, Latin Extended-A, common typographic punctuation, and every character in
// the given UTF-8 texts (pass all translation strings). Zero-terminated pairs, as ImGui wants them.
[[nodiscard]] std::vector<ImWchar> build_glyph_ranges(std::span<const std::string_view> utf8_texts);
[[nodiscard]] std::vector<ImWchar> build_glyph_ranges(std::span<const std::string> utf8_texts);

struct FontScale {
  float base_pixel_size = 22.0f;  // body text at UI scale 1
  float ui_scale = 1.0f;          // from the display's DPI and the installer's setting
  bool large_text = false;        // the participant's "large text" choice
  float large_text_factor = 1.4f;
  float heading_factor = 1.6f;  // headings relative to body text

  [[nodiscard]] float body_pixel_size() const;
  [[nodiscard]] float heading_pixel_size() const;
};

struct LoadedFonts {
  ImFont* body = nullptr;  // also ImGui's default font
  ImFont* bold = nullptr;
  ImFont* heading = nullptr;  // bold, heading_factor x body
  float body_pixel_size = 0.0f;
  int atlas_width = 0;
  int atlas_height = 0;
};

class FontLibrary {
 public:
  FontLibrary(FontFiles files, std::vector<ImWchar> glyph_ranges);
  // find_ui_fonts() + build_glyph_ranges(utf8_texts).
  [[nodiscard]] static Result<FontLibrary> from_system_fonts(std::span<const std::string_view> utf8_texts);
  [[nodiscard]] static Result<FontLibrary> from_system_fonts(std::span<const std::string> utf8_texts);

  FontLibrary(const FontLibrary&) = delete;  // ImGui keeps a pointer into glyph_ranges_
  FontLibrary& operator=(const FontLibrary&) = delete;
  FontLibrary(FontLibrary&&) noexcept = default;
  FontLibrary& operator=(FontLibrary&&) noexcept = default;

  // (Re)builds the current ImGui context's font atlas at this scale and, when the OpenGL 3 backend is running,
  // replaces its font texture. Only between frames (after present(), before begin_frame()). Works without a
  // renderer too, for headless UI tests. Earlier ImFont pointers are invalid afterwards.
  [[nodiscard]] Result<LoadedFonts> load(const FontScale& scale);

  [[nodiscard]] const FontFiles& files() const { return files_; }
  [[nodiscard]] std::span<const ImWchar> glyph_ranges() const { return glyph_ranges_; }

 private:
  FontFiles files_;
  std::vector<ImWchar> glyph_ranges_;  // must outlive the atlas built from it
};

}  // namespace porchlight::platform
