#pragma once
// Every visible string comes from assets/i18n/strings.json, embedded at build time and parsed once.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace porchlight::ui {

enum class Language { English, Spanish };

[[nodiscard]] std::string_view language_code(Language language);  // "en" / "es"

// The text for `key`; a visible "[key]" when the table lacks it, so a missing string shows in screenshots.
[[nodiscard]] const std::string& tr(std::string_view key, Language language);

// `tr` with {name} placeholders replaced.
[[nodiscard]] std::string tr_format(std::string_view key, Language language,
                                    std::initializer_list<std::pair<std::string_view, std::string_view>> values);

// Every key in the table, and every text in both languages (glyph ranges for the fonts).
[[nodiscard]] std::vector<std::string> string_keys();
[[nodiscard]] std::vector<std::string> all_strings(Language language);
[[nodiscard]] std::vector<std::string> all_strings();

}  // namespace porchlight::ui
