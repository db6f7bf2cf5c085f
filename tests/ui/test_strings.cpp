#include <set>

#include <doctest/doctest.h>

#include "porchlight/ui/keyboard.hpp"
#include "porchlight/ui/strings.hpp"
#include "porchlight/ui/theme.hpp"

namespace ui = porchlight::ui;

namespace {

std::set<std::string> placeholders(const std::string& text) {
  // "{name}" and the like. (Not std::regex: GCC 12 warns inside it under the sanitizers.)
  std::set<std::string> found;
  for (auto open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
    const auto close = text.find('}', open);
    if (close == std::string::npos) break;
    found.insert(text.substr(open, close - open + 1));
  }
  return found;
}

}  // namespace

TEST_CASE("strings: every key has English and Spanish, with the same placeholders") {
  const auto keys = ui::string_keys();
  CHECK(keys.size() > 50);
  for (const auto& key : keys) {
    CAPTURE(key);
    const std::string& en = ui::tr(key, ui::Language::English);
    const std::string& es = ui::tr(key, ui::Language::Spanish);
    CHECK_FALSE(en.empty());
    CHECK_FALSE(es.empty());
    CHECK(placeholders(en) == placeholders(es));
  }
}

TEST_CASE("strings: formatting fills placeholders") {
  CHECK(ui::tr_format("done.heading_named", ui::Language::English, {{"name", "Maria"}}) == "Welcome, Maria!");
  CHECK(ui::tr_format("done.heading_named", ui::Language::Spanish, {{"name", "María"}}) == "¡Qué gusto verle, María!");
}

TEST_CASE("keyboard: UTF-8 editing and capitals") {
  std::string text = "Muñoz ñ";
  ui::erase_last_character(text);
  CHECK(text == "Muñoz ");
  CHECK(ui::character_count("Muñoz") == 5);
  CHECK(ui::to_upper_letter("ñ") == "Ñ");
  CHECK(ui::to_upper_letter("á") == "Á");
  CHECK(ui::to_upper_letter("q") == "Q");
}

TEST_CASE("theme: every text colour meets WCAG AA on its background") {
  const ui::Palette p;
  const std::pair<ui::Rgb, ui::Rgb> pairs[] = {
      {p.text, p.background},      {p.muted_text, p.background},  {p.text, p.surface},
      {p.muted_text, p.surface},   {p.on_primary, p.primary},     {p.on_primary, p.primary_pressed},
      {p.text, p.secondary},       {p.text, p.secondary_pressed}, {p.on_crisis, p.crisis}, {p.success_text, p.background}, {p.success_text, p.surface},
      {p.on_top_bar, p.top_bar},   {p.error_text, p.background},  {p.text, p.banner},
      {p.on_disabled, p.disabled}, {p.on_primary, p.selected},    {p.text, p.secondary}};
  for (const auto& [fore, back] : pairs) CHECK(ui::contrast_ratio(fore, back) >= 4.5);
}

TEST_CASE("theme: touch targets are at least 64 px at scale 1 and grow with the text") {
  CHECK(ui::Metrics::from_font_size(22.0f, 1.0f).touch_target >= 64.0f);
  CHECK(ui::Metrics::from_font_size(14.0f, 1.0f).touch_target >= 64.0f);
  CHECK(ui::Metrics::from_font_size(30.8f, 1.0f).touch_target > ui::Metrics::from_font_size(22.0f, 1.0f).touch_target);
}
