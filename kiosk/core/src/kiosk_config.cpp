#include "porchlight/core/kiosk_config.hpp"

#include "porchlight/settings_file.hpp"

namespace porchlight::core {

Result<KioskConfig> parse_kiosk_config(std::string_view text, const std::string& source_name) {
  PL_TRY_ASSIGN(file, settings::SettingsFile::parse(text, source_name,
                                                    {"database", "language", "large_text", "idle_seconds",
                                                     "export_dir", "printer", "log_level"}));
  KioskConfig config;
  PL_TRY_ASSIGN(database, file.text("database"));
  if (database) config.database = *database;
  PL_TRY_ASSIGN(language, file.choice("language", {"en", "es"}));
  config.language = language;
  PL_TRY_ASSIGN(large_text, file.boolean("large_text"));
  config.large_text = large_text;
  PL_TRY_ASSIGN(idle_seconds, file.whole_number("idle_seconds", kMinIdleSeconds, kMaxIdleSeconds));
  config.idle_seconds = idle_seconds;
  PL_TRY_ASSIGN(export_dir, file.text("export_dir"));
  if (export_dir) config.export_dir = *export_dir;
  PL_TRY_ASSIGN(printer, file.text("printer"));
  config.printer = printer;
  PL_TRY_ASSIGN(log_level, file.log_level("log_level"));
  config.log_level = log_level;
  return config;
}

Result<KioskConfig> read_kiosk_config(const std::filesystem::path& path) {
  PL_TRY_ASSIGN(text, settings::read_text_file(path));
  return parse_kiosk_config(text, path.string());
}

std::filesystem::path default_kiosk_config_path() { return settings::config_dir() / "kiosk.toml"; }

}  // namespace porchlight::core
