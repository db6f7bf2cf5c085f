#include "porchlight/hub/hub_config.hpp"

#include <limits>

#include "porchlight/settings_file.hpp"

namespace porchlight::hub {

Result<HubConfig> parse_hub_config(std::string_view text, const std::string& source_name) {
  PL_TRY_ASSIGN(file, settings::SettingsFile::parse(text, source_name,
                                                    {"db", "postgres", "listen", "tls_certificate", "tls_private_key",
                                                     "pool_size", "threads", "connections_per_address", "log_level"}));
  constexpr int kMostCount = std::numeric_limits<int>::max();
  HubConfig config;
  PL_TRY_ASSIGN(db, file.text("db"));
  config.db = db;
  PL_TRY_ASSIGN(postgres, file.text("postgres"));
  config.postgres = postgres;
  PL_TRY_ASSIGN(listen, file.text("listen"));
  config.listen = listen;
  PL_TRY_ASSIGN(tls_certificate, file.text("tls_certificate"));
  config.tls_certificate = tls_certificate;
  PL_TRY_ASSIGN(tls_private_key, file.text("tls_private_key"));
  config.tls_private_key = tls_private_key;
  PL_TRY_ASSIGN(pool_size, file.whole_number("pool_size", 1, kMostCount));
  config.pool_size = pool_size;
  PL_TRY_ASSIGN(threads, file.whole_number("threads", 1, kMostCount));
  config.threads = threads;
  PL_TRY_ASSIGN(per_address, file.whole_number("connections_per_address", 0, kMostCount));
  config.connections_per_address = per_address;
  PL_TRY_ASSIGN(log_level, file.log_level("log_level"));
  config.log_level = log_level;
  return config;
}

Result<HubConfig> read_hub_config(const std::filesystem::path& path) {
  PL_TRY_ASSIGN(text, settings::read_text_file(path));
  return parse_hub_config(text, path.string());
}

std::filesystem::path default_hub_config_path() { return settings::config_dir() / "hub.toml"; }

}  // namespace porchlight::hub
