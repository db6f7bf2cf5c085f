#pragma once
// porchlight-hub's settings file (TOML): --config FILE, else PORCHLIGHT_CONFIG_DIR/hub.toml when it exists. Each
// setting is nullopt when the file leaves it out; flags given on the command line win over the file (main.cpp
// decides that).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "porchlight/log.hpp"
#include "porchlight/result.hpp"

namespace porchlight::hub {

struct HubConfig {
  std::optional<std::string> db;
  std::optional<std::string> postgres;
  std::optional<int> pool_size;
  std::optional<std::string> listen;
  std::optional<std::string> tls_certificate;
  std::optional<std::string> tls_private_key;
  std::optional<int> threads;
  std::optional<int> connections_per_address;  // 0: no share (behind a reverse proxy every kiosk is its address)
  std::optional<log::Level> log_level;
};

// `source_name` names the file in errors: "<source_name>:<line>: <what is wrong>".
Result<HubConfig> parse_hub_config(std::string_view text, const std::string& source_name);
Result<HubConfig> read_hub_config(const std::filesystem::path& path);

// PORCHLIGHT_CONFIG_DIR/hub.toml: /etc/porchlight/hub.toml as packaged.
std::filesystem::path default_hub_config_path();

}  // namespace porchlight::hub
