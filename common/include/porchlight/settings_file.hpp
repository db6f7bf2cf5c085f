#pragma once
// The TOML settings files in /etc/porchlight (kiosk.toml, hub.toml), read strictly: a misspelt key, a value of the
// wrong type or out of range is refused with "<file>:<line>: <what is wrong>" rather than quietly ignored, so a
// volunteer's typo shows up the first time the program starts instead of as a setting that never takes effect.
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "porchlight/log.hpp"
#include "porchlight/result.hpp"

namespace porchlight::settings {

// Where the packages install the settings files: PORCHLIGHT_CONFIG_DIR, set by CMake (/etc/porchlight for
// CMAKE_INSTALL_PREFIX=/usr).
std::filesystem::path config_dir();

// A parsed settings file. Each getter returns nullopt when the file leaves the key out.
class SettingsFile {
 public:
  // Refuses bad TOML and any key not in `known_keys`.
  static Result<SettingsFile> parse(std::string_view text, const std::string& source_name,
                                    std::initializer_list<std::string_view> known_keys);

  Result<std::optional<std::string>> text(std::string_view key) const;
  Result<std::optional<bool>> boolean(std::string_view key) const;
  Result<std::optional<int>> whole_number(std::string_view key, int min, int max) const;
  // A text that must be one of `choices`.
  Result<std::optional<std::string>> choice(std::string_view key, std::initializer_list<std::string_view> choices) const;
  Result<std::optional<log::Level>> log_level(std::string_view key) const;

 private:
  Error problem(const toml::node& node, std::string_view key, const std::string& what) const;

  toml::table table_;
  std::string source_name_;
};

// The whole file as text, or "cannot read <path>".
Result<std::string> read_text_file(const std::filesystem::path& path);

}  // namespace porchlight::settings
