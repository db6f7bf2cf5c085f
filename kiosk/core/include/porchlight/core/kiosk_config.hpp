#pragma once
// kiosk.toml, read by porchlight (the kiosk) and porchlight-admin. Each setting is nullopt when the file leaves it
// out; flags given on the command line win over the file (each program's main decides that).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "porchlight/log.hpp"
#include "porchlight/result.hpp"

namespace porchlight::core {

inline constexpr int kMinIdleSeconds = 15;    // less and a participant is wiped mid-sentence
inline constexpr int kMaxIdleSeconds = 3600;  // more and the next person may see the last one's answers

struct KioskConfig {
  std::optional<std::filesystem::path> database;
  std::optional<std::string> language;  // "en" or "es"
  std::optional<bool> large_text;
  std::optional<int> idle_seconds;      // kMinIdleSeconds..kMaxIdleSeconds
  std::optional<std::filesystem::path> export_dir;
  std::optional<std::string> printer;
  std::optional<log::Level> log_level;
};

// `source_name` names the file in errors: "<source_name>:<line>: <what is wrong>".
Result<KioskConfig> parse_kiosk_config(std::string_view text, const std::string& source_name);
Result<KioskConfig> read_kiosk_config(const std::filesystem::path& path);

// PORCHLIGHT_CONFIG_DIR/kiosk.toml: /etc/porchlight/kiosk.toml as packaged.
std::filesystem::path default_kiosk_config_path();

}  // namespace porchlight::core
