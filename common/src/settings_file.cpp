#include "porchlight/settings_file.hpp"

#include <fstream>
#include <sstream>

namespace porchlight::settings {

std::filesystem::path config_dir() { return PORCHLIGHT_CONFIG_DIR; }

namespace {

std::string joined(std::initializer_list<std::string_view> words) {
  std::string text;
  for (const auto word : words) text += (text.empty() ? "" : ", ") + std::string(word);
  return text;
}

std::string where(const std::string& source_name, const toml::source_region& source) {
  return source_name + ":" + std::to_string(source.begin.line) + ": ";
}

}  // namespace

Result<SettingsFile> SettingsFile::parse(std::string_view text, const std::string& source_name,
                                         std::initializer_list<std::string_view> known_keys) {
  SettingsFile file;
  file.source_name_ = source_name;
  try {
    file.table_ = toml::parse(text, source_name);
  } catch (const toml::parse_error& error) {
    return make_error(where(source_name, error.source()) + std::string(error.description()));
  }
  for (const auto& [key, node] : file.table_) {
    bool known = false;
    for (const auto name : known_keys) known = known || key.str() == name;
    if (!known) {
      return make_error(where(source_name, key.source()) + "unknown setting '" + std::string(key.str()) +
                        "' (the settings are " + joined(known_keys) + ")");
    }
  }
  return file;
}

Error SettingsFile::problem(const toml::node& node, std::string_view key, const std::string& what) const {
  return make_error(where(source_name_, node.source()) + std::string(key) + " " + what);
}

Result<std::optional<std::string>> SettingsFile::text(std::string_view key) const {
  const toml::node* node = table_.get(key);
  if (!node) return std::optional<std::string>();
  if (!node->is_string()) return problem(*node, key, "must be text in quotes");
  return std::optional<std::string>(node->as_string()->get());
}

Result<std::optional<bool>> SettingsFile::boolean(std::string_view key) const {
  const toml::node* node = table_.get(key);
  if (!node) return std::optional<bool>();
  if (!node->is_boolean()) return problem(*node, key, "must be true or false (no quotes)");
  return std::optional<bool>(node->as_boolean()->get());
}

Result<std::optional<int>> SettingsFile::whole_number(std::string_view key, int min, int max) const {
  const toml::node* node = table_.get(key);
  if (!node) return std::optional<int>();
  const auto range = "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  // Compared as 64-bit before narrowing, so 2^32 + 4 is refused rather than wrapped to 4.
  if (!node->is_integer()) return problem(*node, key, range);
  const std::int64_t value = node->as_integer()->get();
  if (value < min || value > max) return problem(*node, key, range);
  return std::optional<int>(static_cast<int>(value));
}

Result<std::optional<std::string>> SettingsFile::choice(std::string_view key,
                                                        std::initializer_list<std::string_view> choices) const {
  const toml::node* node = table_.get(key);
  if (!node) return std::optional<std::string>();
  const std::string* value = node->is_string() ? &node->as_string()->get() : nullptr;
  bool allowed = false;
  for (const auto choice : choices) allowed = allowed || (value && *value == choice);
  if (!allowed) return problem(*node, key, "must be one of " + joined(choices) + " (in quotes)");
  return std::optional<std::string>(*value);
}

Result<std::optional<log::Level>> SettingsFile::log_level(std::string_view key) const {
  PL_TRY_ASSIGN(name, choice(key, {"error", "warning", "info", "debug"}));
  if (!name) return std::optional<log::Level>();
  return log::parse_level(*name);
}

Result<std::string> read_text_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return make_error("cannot read " + path.string());
  std::stringstream text;
  text << file.rdbuf();
  if (file.bad()) return make_error("cannot read " + path.string());
  return text.str();
}

}  // namespace porchlight::settings
