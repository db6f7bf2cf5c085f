#include "porchlight/platform/fonts.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <utility>

#include <fontconfig/fontconfig.h>
#include <imgui_freetype.h>
#include <imgui_impl_opengl3.h>

namespace porchlight::platform {

namespace {

constexpr std::array<const char*, 2> kUiFontFamilies = {"Noto Sans", "DejaVu Sans"};

// Every language the kiosk may ship in Latin script, whatever the translation table holds today.
constexpr std::array<ImWchar, 5> kLatinRanges = {
    0x0020, 0x00FF,  // Basic Latin + Latin-1 Supplement
    0x0100, 0x017F,  // Latin Extended-A
    0,
};
// Punctuation that translators and ImGui itself use (the ellipsis is what ImGui draws for clipped text).
constexpr std::array<ImWchar, 10> kTypographicPunctuation = {
    0x2013, 0x2014,  // en and em dash
    0x2018, 0x2019,  // single quotes
    0x201C, 0x201D,  // double quotes
    0x2022,          // bullet
    0x2026,          // ellipsis
    0x20AC,          // euro sign
    0xFFFD,          // replacement character, ImGui's preferred fallback glyph
};

constexpr float kSmallestPixelSize = 8.0f;

struct FontconfigDeleter {
  void operator()(FcConfig* config) const { FcConfigDestroy(config); }
  void operator()(FcPattern* pattern) const { FcPatternDestroy(pattern); }
};
using FontconfigConfig = std::unique_ptr<FcConfig, FontconfigDeleter>;
using FontconfigPattern = std::unique_ptr<FcPattern, FontconfigDeleter>;

const FcChar8* as_fc_string(const char* text) { return reinterpret_cast<const FcChar8*>(text); }

bool family_matches(FcPattern* match, const char* wanted_family) {
  FcChar8* family = nullptr;
  for (int index = 0; FcPatternGetString(match, FC_FAMILY, index, &family) == FcResultMatch; ++index) {
    if (FcStrCmpIgnoreCase(family, as_fc_string(wanted_family)) == 0) return true;
  }
  return false;
}

enum class Weight { Regular, Bold };

// fontconfig always answers with *some* font, so the answer is only used if it is the family and weight we asked for.
std::optional<FontFile> match_font(FcConfig* config, const char* family, Weight weight) {
  FontconfigPattern pattern(FcPatternCreate());
  if (!pattern) return std::nullopt;
  FcPatternAddString(pattern.get(), FC_FAMILY, as_fc_string(family));
  FcPatternAddInteger(pattern.get(), FC_WEIGHT, weight == Weight::Bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
  FcPatternAddInteger(pattern.get(), FC_SLANT, FC_SLANT_ROMAN);
  FcPatternAddBool(pattern.get(), FC_SCALABLE, FcTrue);
  FcConfigSubstitute(config, pattern.get(), FcMatchPattern);
  FcDefaultSubstitute(pattern.get());

  FcResult result = FcResultNoMatch;
  FontconfigPattern match(FcFontMatch(config, pattern.get(), &result));
  if (!match || result != FcResultMatch || !family_matches(match.get(), family)) return std::nullopt;

  int matched_weight = 0;
  if (FcPatternGetInteger(match.get(), FC_WEIGHT, 0, &matched_weight) == FcResultMatch) {
    const bool is_bold = matched_weight >= FC_WEIGHT_DEMIBOLD;
    if (is_bold != (weight == Weight::Bold)) return std::nullopt;
  }

  FcChar8* file = nullptr;
  if (FcPatternGetString(match.get(), FC_FILE, 0, &file) != FcResultMatch) return std::nullopt;
  FontFile font;
  font.path = reinterpret_cast<const char*>(file);
  font.family = family;
  if (FcPatternGetInteger(match.get(), FC_INDEX, 0, &font.face_index) != FcResultMatch) font.face_index = 0;
  return font;
}

template <typename Text>
std::vector<ImWchar> glyph_ranges_for(std::span<const Text> utf8_texts) {
  ImFontGlyphRangesBuilder builder;
  builder.AddRanges(kLatinRanges.data());
  for (const ImWchar character : kTypographicPunctuation) builder.AddChar(character);
  // Characters beyond the Basic Multilingual Plane come out as U+FFFD: ImWchar is 16-bit in this build.
  for (const auto& text : utf8_texts) builder.AddText(text.data(), text.data() + text.size());
  ImVector<ImWchar> ranges;
  builder.BuildRanges(&ranges);
  return std::vector<ImWchar>(ranges.begin(), ranges.end());
}

// ImGui frees font data with its own allocator, so the bytes are read straight into an IM_ALLOC buffer.
struct ImGuiFontData {
  void* bytes = nullptr;
  int size = 0;
};

Result<ImGuiFontData> read_font_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary | std::ios::ate);
  if (!file) return Error{"cannot open font file " + path.string()};
  const std::streamoff size = file.tellg();
  if (size <= 0 || size > INT_MAX) return Error{"font file " + path.string() + " is empty or too large"};
  file.seekg(0);
  ImGuiFontData data{IM_ALLOC(static_cast<std::size_t>(size)), static_cast<int>(size)};
  if (!file.read(static_cast<char*>(data.bytes), size)) {
    IM_FREE(data.bytes);
    return Error{"cannot read font file " + path.string()};
  }
  return data;
}

Result<ImFont*> add_font(ImFontAtlas& atlas, const FontFile& font, float pixel_size, const ImWchar* glyph_ranges) {
  Result<ImGuiFontData> data = read_font_file(font.path);
  if (!data) return data.error();
  ImFontConfig config;
  config.FontNo = font.face_index;
  config.FontBuilderFlags = font.synthesise_bold ? static_cast<unsigned int>(ImGuiFreeTypeBuilderFlags_Bold) : 0u;
  std::snprintf(config.Name, sizeof(config.Name), "%s %.0fpx", font.path.filename().c_str(),
                static_cast<double>(pixel_size));
  ImFont* added = atlas.AddFontFromMemoryTTF(data.value().bytes, data.value().size, pixel_size, &config,
                                             glyph_ranges);  // the atlas owns the bytes from here on
  if (added == nullptr) return Error{"Dear ImGui refused font " + font.path.string()};
  return added;
}

bool opengl3_renderer_running(const ImGuiIO& io) {
  return io.BackendRendererName != nullptr && std::strcmp(io.BackendRendererName, "imgui_impl_opengl3") == 0;
}

}  // namespace

Result<FontFiles> find_ui_fonts() {
  // A private configuration, destroyed afterwards: the kiosk asks fontconfig once, at start-up.
  FontconfigConfig config(FcInitLoadConfigAndFonts());
  if (!config) return Error{"fontconfig could not load its configuration"};

  for (const char* family : kUiFontFamilies) {
    std::optional<FontFile> regular = match_font(config.get(), family, Weight::Regular);
    if (!regular) continue;
    std::optional<FontFile> bold = match_font(config.get(), family, Weight::Bold);
    if (!bold) {
      bold = regular;
      bold->synthesise_bold = true;
    }
    return FontFiles{std::move(*regular), std::move(*bold)};
  }
  return Error{"no UI font found: install fonts-noto-core (Noto Sans) or fonts-dejavu-core (DejaVu Sans)"};
}

std::vector<ImWchar> build_glyph_ranges(std::span<const std::string_view> utf8_texts) {
  return glyph_ranges_for(utf8_texts);
}

std::vector<ImWchar> build_glyph_ranges(std::span<const std::string> utf8_texts) {
  return glyph_ranges_for(utf8_texts);
}

float FontScale::body_pixel_size() const {
  const float size = base_pixel_size * ui_scale * (large_text ? large_text_factor : 1.0f);
  return std::max(kSmallestPixelSize, std::round(size));  // whole pixels keep hinted glyphs crisp
}

float FontScale::heading_pixel_size() const { return std::round(body_pixel_size() * heading_factor); }

FontLibrary::FontLibrary(FontFiles files, std::vector<ImWchar> glyph_ranges)
    : files_(std::move(files)), glyph_ranges_(std::move(glyph_ranges)) {}

Result<FontLibrary> FontLibrary::from_system_fonts(std::span<const std::string_view> utf8_texts) {
  Result<FontFiles> files = find_ui_fonts();
  if (!files) return files.error();
  return FontLibrary(std::move(files).value(), build_glyph_ranges(utf8_texts));
}

Result<FontLibrary> FontLibrary::from_system_fonts(std::span<const std::string> utf8_texts) {
  Result<FontFiles> files = find_ui_fonts();
  if (!files) return files.error();
  return FontLibrary(std::move(files).value(), build_glyph_ranges(utf8_texts));
}

Result<LoadedFonts> FontLibrary::load(const FontScale& scale) {
  if (ImGui::GetCurrentContext() == nullptr) {
    return Error{"fonts need a Dear ImGui context (create the Window first)"};
  }
  ImGuiIO& io = ImGui::GetIO();
  ImFontAtlas& atlas = *io.Fonts;
  // NewFrame() locks the atlas until the frame ends; changing it mid-frame would leave ImGui drawing freed glyphs.
  if (atlas.Locked) return Error{"fonts can only be rebuilt between frames (after present(), before begin_frame())"};
  if (glyph_ranges_.empty() || glyph_ranges_.back() != 0) return Error{"glyph ranges must be zero-terminated"};

  const bool has_gl_renderer = opengl3_renderer_running(io);
  const auto upload_texture = [&]() -> Result<void> {
    if (!has_gl_renderer) return {};
    if (!ImGui_ImplOpenGL3_CreateFontsTexture()) return Error{"could not upload the font texture"};
    atlas.ClearTexData();  // the pixels live on the GPU now; glyph metrics stay
    return {};
  };
  // After a failure ImGui still needs some font to draw the next frame: fall back to its built-in one.
  const auto fail = [&](Error error) -> Result<LoadedFonts> {
    io.FontDefault = nullptr;
    atlas.Clear();
    atlas.FontBuilderIO = nullptr;
    atlas.AddFontDefault();
    atlas.Build();
    (void)upload_texture();
    return error;
  };

  if (has_gl_renderer) ImGui_ImplOpenGL3_DestroyFontsTexture();
  io.FontDefault = nullptr;  // it points into the fonts Clear() frees
  atlas.Clear();
  atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  // Light hinting snaps only vertically: crisp baselines without squeezing letter spacing.
  atlas.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;

  LoadedFonts fonts;
  fonts.body_pixel_size = scale.body_pixel_size();
  Result<ImFont*> body = add_font(atlas, files_.regular, fonts.body_pixel_size, glyph_ranges_.data());
  if (!body) return fail(body.error());
  Result<ImFont*> bold = add_font(atlas, files_.bold, fonts.body_pixel_size, glyph_ranges_.data());
  if (!bold) return fail(bold.error());
  Result<ImFont*> heading = add_font(atlas, files_.bold, scale.heading_pixel_size(), glyph_ranges_.data());
  if (!heading) return fail(heading.error());
  if (!atlas.Build()) return fail(Error{"could not build the font atlas (FreeType could not read a font?)"});

  fonts.body = body.value();
  fonts.bold = bold.value();
  fonts.heading = heading.value();
  fonts.atlas_width = atlas.TexWidth;
  fonts.atlas_height = atlas.TexHeight;
  io.FontDefault = fonts.body;
  if (Result<void> uploaded = upload_texture(); !uploaded) return fail(uploaded.error());
  return fonts;
}

}  // namespace porchlight::platform
