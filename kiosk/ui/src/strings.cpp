#include "porchlight/ui/strings.hpp"

#include <map>

#include <nlohmann/json.hpp>

#include "strings_data.hpp"

namespace porchlight::ui {

namespace {

using Texts = std::map<std::string, std::string, std::less<>>;
using Languages = std::map<std::string, Texts, std::less<>>;  // by language code

Languages parse_language_files() {
  Languages languages;
  for (const auto& file : detail::language_files()) {
    Texts& texts = languages[std::string(file.code)];
    const auto json = nlohmann::json::parse(file.json);  // named: items() refers into it
    for (const auto& [key, value] : json.items()) texts[key] = value.get<std::string>();
  }
  return languages;
}

// Parsed once, on first use; read-only afterwards (but for a test's pseudo-locale, installed before any frame).
Languages& languages() {
  static Languages parsed = parse_language_files();
  return parsed;
}

const Texts& texts_of(std::string_view code) {
  static const Texts none;
  const auto& all = languages();
  const auto found = all.find(code);
  return found == all.end() ? none : found->second;
}

}  // namespace

std::string_view language_code(Language language) { return language == Language::Spanish ? "es" : "en"; }

const std::string* find_text(std::string_view code, std::string_view key) {
  const Texts& texts = texts_of(code);
  const auto found = texts.find(key);
  return found == texts.end() ? nullptr : &found->second;
}

const std::string& tr(std::string_view key, Language language) {
  if (const std::string* text = find_text(language_code(language), key)) return *text;
  static const std::string missing = "[missing string]";
  return missing;
}

std::string tr_format(std::string_view key, Language language,
                      std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  std::string text = tr(key, language);
  for (const auto& [name, value] : values) {
    const std::string placeholder = "{" + std::string(name) + "}";
    for (auto at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + value.size())) {
      text.replace(at, placeholder.size(), value);
    }
  }
  return text;
}

std::vector<std::string> language_codes() {
  std::vector<std::string> codes;
  for (const auto& [code, texts] : languages()) codes.push_back(code);
  return codes;
}

std::vector<std::string> string_keys() {
  std::vector<std::string> keys;
  for (const auto& [key, text] : texts_of("en")) keys.push_back(key);
  return keys;
}

std::vector<std::string> string_keys(std::string_view code) {
  std::vector<std::string> keys;
  for (const auto& [key, text] : texts_of(code)) keys.push_back(key);
  return keys;
}

std::vector<std::string> all_strings(Language language) {
  std::vector<std::string> texts;
  for (const auto& [key, text] : texts_of(language_code(language))) texts.push_back(text);
  return texts;
}

std::vector<std::string> all_strings() {
  std::vector<std::string> texts;
  for (const auto& [code, language_texts] : languages()) {
    for (const auto& [key, text] : language_texts) texts.push_back(text);
  }
  return texts;
}

void replace_language_texts(std::string_view code, std::map<std::string, std::string, std::less<>> texts) {
  languages()[std::string(code)] = std::move(texts);
}

}  // namespace porchlight::ui
