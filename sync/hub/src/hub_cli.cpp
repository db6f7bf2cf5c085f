#include "hub_cli.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>

#include "porchlight/hub/hub_config.hpp"
#include "porchlight/hub/reports.hpp"
#include "porchlight/log.hpp"

namespace porchlight::hub::cli {

namespace {

bool serving = false;

}  // namespace

void start_serving() { serving = true; }

[[noreturn]] void fail(int code, const std::string& message) {
  std::cout.flush();
  if (serving) {
    log::error(message);
  } else {
    std::fprintf(stderr, "porchlight-hub: %s\n", message.c_str());
  }
  std::exit(code);
}

void apply_config(StorageFlags& storage, ServeFlags* serve) {
  std::filesystem::path path = storage.config;
  std::error_code ec;
  if (path.empty() && std::filesystem::exists(default_hub_config_path(), ec)) path = default_hub_config_path();
  HubConfig config;
  if (!path.empty()) {
    auto read = read_hub_config(path);
    if (!read) fail(kExitUsage, read.error().message);
    config = std::move(read.value());
    storage.config_read = path.string();
  }
  if (config.db && config.postgres) fail(kExitUsage, path.string() + ": set db or postgres, not both");
  // A storage flag replaces the file's storage whichever kind it names: --postgres beats a db from the file.
  if (storage.db.empty() && storage.postgres.empty()) {
    storage.db = config.db.value_or(std::string());
    storage.postgres = config.postgres.value_or(std::string());
  }
  if (!storage.pool_size_given && config.pool_size) storage.pool_size = *config.pool_size;
  if (storage.log_level.empty() && config.log_level) log::set_threshold(*config.log_level);
  if (serve) {
    if (!serve->listen_given) serve->listen = config.listen.value_or(serve->listen);
    if (serve->tls_certificate.empty()) serve->tls_certificate = config.tls_certificate.value_or(std::string());
    if (serve->tls_private_key.empty()) serve->tls_private_key = config.tls_private_key.value_or(std::string());
    if (!serve->threads_given && config.threads) serve->threads = *config.threads;
    if (!serve->connections_per_address_given && config.connections_per_address) {
      serve->connections_per_address = *config.connections_per_address;
    }
  }
  if (!storage.config_read.empty()) log::debug("settings from " + storage.config_read);
}

std::string default_db_path() {
  const char* data_home = std::getenv("XDG_DATA_HOME");
  const char* home = std::getenv("HOME");
  std::filesystem::path base = data_home && *data_home ? std::filesystem::path(data_home)
                               : home && *home          ? std::filesystem::path(home) / ".local/share"
                                                        : std::filesystem::path(".");
  return (base / "porchlight" / "hub.db").string();
}

std::unique_ptr<HubStore> open_store(const StorageFlags& flags) {
  if (!flags.db.empty() && !flags.postgres.empty()) fail(kExitUsage, "give --db or --postgres, not both");
  Result<std::unique_ptr<SqlPool>> pool = make_error("no storage");
  if (!flags.postgres.empty()) {
    pool = open_postgres_pool(flags.postgres, flags.pool_size);
  } else {
    const std::string path = flags.db.empty() ? default_db_path() : flags.db;
    std::error_code ignored;
    if (flags.db.empty()) std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ignored);
    pool = open_sqlite_pool(path);
  }
  if (!pool) fail(kExitFailure, pool.error().message);
  auto store = HubStore::open(std::move(pool.value()));
  if (!store) fail(kExitFailure, store.error().message);
  return std::move(store.value());
}

// Who runs this command, for the hub's audit log: the system user (the hub has no accounts of its own; whoever
// can run it can read its database, so the log records which login did what).
// Coordinators run commands as the service user ("sudo -u porchlight-hub porchlight-hub ..."): sudo's SUDO_USER
// names who that was. Whoever can set it can read the database anyway, so it is a record, not a proof.
std::string command_line_actor() {
  const uid_t uid = ::geteuid();
  std::string actor = "cli:uid " + std::to_string(uid);
  if (const passwd* entry = ::getpwuid(uid); entry && entry->pw_name) actor = std::string("cli:") + entry->pw_name;
  if (const char* sudo_user = std::getenv("SUDO_USER"); sudo_user && *sudo_user) {
    actor += std::string(" (sudo by ") + sudo_user + ")";
  }
  return actor;
}

std::string utc_time(Millis at) {
  const std::time_t seconds = static_cast<std::time_t>(at / 1000);
  std::tm parts{};
  if (!::gmtime_r(&seconds, &parts)) return std::to_string(at);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

void check_date(const std::string& text, const char* option) {
  if (!is_calendar_date(text)) fail(kExitUsage, std::string(option) + " wants a date like 2026-11-24, not '" + text + "'");
}

const CommandTable::Entry* CommandTable::chosen(CLI::App& root) const {
  CLI::App* current = &root;
  for (;;) {
    const auto subcommands = current->get_subcommands();
    if (subcommands.empty()) break;
    current = subcommands.front();
  }
  const auto found = actions_.find(current);
  return found == actions_.end() ? nullptr : &found->second;
}

}  // namespace porchlight::hub::cli
