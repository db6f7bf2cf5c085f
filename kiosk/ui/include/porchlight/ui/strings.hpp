#pragma once
// Every visible string comes from the language files assets/i18n/<code>.json (en.json, es.json), embedded at build
// time and parsed once. en.json is the reference: every other file has the same keys (a test checks).
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace porchlight::ui {

enum class Language { English, Spanish };

[[nodiscard]] std::string_view language_code(Language language);  // "en" / "es"

// The text for `key`; a visible "[missing string]" when the table lacks it, so a missing string shows in screenshots.
[[nodiscard]] const std::string& tr(std::string_view key, Language language);

// `tr` with {name} placeholders replaced.
[[nodiscard]] std::string tr_format(std::string_view key, Language language,
                                    std::initializer_list<std::pair<std::string_view, std::string_view>> values);

// The text of `key` in the language file `code`, or null when that file lacks it.
[[nodiscard]] const std::string* find_text(std::string_view code, std::string_view key);

// The codes of the language files ("en", "es"); the keys of en.json, or of one file; every text of one language
// or of all files (glyph ranges for the fonts).
[[nodiscard]] std::vector<std::string> language_codes();
[[nodiscard]] std::vector<std::string> string_keys();
[[nodiscard]] std::vector<std::string> string_keys(std::string_view code);
[[nodiscard]] std::vector<std::string> all_strings(Language language);
[[nodiscard]] std::vector<std::string> all_strings();

// Replaces (or adds) a language's texts: the pseudo-locale test draws every screen with lengthened words this way.
// Call before the first frame; nothing else writes the table.
void replace_language_texts(std::string_view code, std::map<std::string, std::string, std::less<>> texts);

}  // namespace porchlight::ui
