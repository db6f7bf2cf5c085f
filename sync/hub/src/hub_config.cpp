#include "porchlight/hub/hub_config.hpp"

#include <toml++/toml.h>

#include <fstream>
#include <limits>
#include <sstream>

namespace porchlight::hub {

namespace {

std::optional<std::string> text_setting(const toml::table& table, std::string_view key) {
  return table[key].value<std::string>();
}

// A whole number that fits an int; a number out of that range is refused rather than wrapped.
Result<std::optional<int>> count_setting(const toml::table& table, std::string_view key, const std::string& source_name) {
  const auto value = table[key].value<std::int64_t>();
  if (!value) return std::optional<int>();
  if (*value < 1 || *value > std::numeric_limits<int>::max()) {
    return make_error(source_name + ": " + std::string(key) + " must be a whole number from 1 to " +
                      std::to_string(std::numeric_limits<int>::max()));
  }
  return std::optional<int>(static_cast<int>(*value));
}

}  // namespace

Result<HubConfig> parse_hub_config(std::string_view text, const std::string& source_name) {
  toml::table table;
  try {
    table = toml::parse(text, source_name);
  } catch (const toml::parse_error& error) {
    const auto& where = error.source().begin;
    return make_error(source_name + ":" + std::to_string(where.line) + ": " + std::string(error.description()));
  }
  HubConfig config;
  config.db = text_setting(table, "db");
  config.postgres = text_setting(table, "postgres");
  config.listen = text_setting(table, "listen");
  config.tls_certificate = text_setting(table, "tls_certificate");
  config.tls_private_key = text_setting(table, "tls_private_key");
  PL_TRY_ASSIGN(pool_size, count_setting(table, "pool_size", source_name));
  config.pool_size = pool_size;
  PL_TRY_ASSIGN(threads, count_setting(table, "threads", source_name));
  config.threads = threads;
  return config;
}

Result<HubConfig> read_hub_config(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return make_error("cannot read " + path.string());
  std::stringstream text;
  text << file.rdbuf();
  if (file.bad()) return make_error("cannot read " + path.string());
  return parse_hub_config(text.str(), path.string());
}

}  // namespace porchlight::hub
