#include "porchlight/ui/strings.hpp"

#include <map>

#include <nlohmann/json.hpp>

namespace porchlight::ui {

namespace detail {
extern const std::string_view kStringsJson;
}

namespace {

struct Entry {
  std::string en;
  std::string es;
};

using Table = std::map<std::string, Entry, std::less<>>;

Table parse_table() {
  Table table;
  const auto json = nlohmann::json::parse(detail::kStringsJson);
  for (const auto& [key, value] : json.items()) {
    table[key] = Entry{value.value("en", std::string()), value.value("es", std::string())};
  }
  return table;
}

// Parsed once, on first use; read-only afterwards.
const Table& table() {
  static const Table parsed = parse_table();
  return parsed;
}

}  // namespace

std::string_view language_code(Language language) { return language == Language::Spanish ? "es" : "en"; }

const std::string& tr(std::string_view key, Language language) {
  const auto& strings = table();
  const auto found = strings.find(key);
  if (found == strings.end()) {
    static const std::string missing = "[missing string]";
    return missing;
  }
  return language == Language::Spanish ? found->second.es : found->second.en;
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

std::vector<std::string> string_keys() {
  std::vector<std::string> keys;
  for (const auto& [key, entry] : table()) keys.push_back(key);
  return keys;
}

std::vector<std::string> all_strings(Language language) {
  std::vector<std::string> texts;
  for (const auto& [key, entry] : table()) texts.push_back(language == Language::Spanish ? entry.es : entry.en);
  return texts;
}

std::vector<std::string> all_strings() {
  auto texts = all_strings(Language::English);
  auto spanish = all_strings(Language::Spanish);
  texts.insert(texts.end(), spanish.begin(), spanish.end());
  return texts;
}

}  // namespace porchlight::ui
