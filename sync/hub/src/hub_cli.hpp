#pragma once
// What every porchlight-hub command shares: the storage flags and the settings file, how failures end the
// program as one line and an exit code, and the table of commands main runs from.
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "porchlight/hub/hub_store.hpp"

namespace CLI {
class App;
}

namespace porchlight::hub::cli {

inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

struct StorageFlags {
  std::string db;
  std::string postgres;
  std::string config;
  std::string log_level;
  int pool_size = 8;
  bool pool_size_given = false;
  std::string config_read;  // the settings file actually read, for the log
};

struct ServeFlags {
  std::string listen = "127.0.0.1:8750";
  std::string tls_certificate;
  std::string tls_private_key;
  int threads = 256;
  int connections_per_address = 64;
  bool listen_given = false;
  bool threads_given = false;
  bool connections_per_address_given = false;
};

// Set once `serve` has read its flags: from then on a failure (no database, port taken) is the service's error in
// the journal rather than a command's answer.
void start_serving();

[[noreturn]] void fail(int code, const std::string& message);

template <class T>
T expect(Result<T> result) {
  if (!result) fail(kExitFailure, result.error().message);
  return std::move(result).value();
}
inline void expect(Result<void> result) {
  if (!result) fail(kExitFailure, result.error().message);
}

// Settings from --config, or else from hub.toml in the settings folder when it exists; every flag given on the
// command line wins over the file. `serve` is null for the commands that do not serve.
void apply_config(StorageFlags& storage, ServeFlags* serve);
std::string default_db_path();
std::unique_ptr<HubStore> open_store(const StorageFlags& flags);

// Who runs this command, for the hub's audit log (cli:USER, with sudo's SUDO_USER when set).
std::string command_line_actor();
std::string utc_time(Millis at);
void check_date(const std::string& text, const char* option);

// Each leaf command registers what it runs; main runs the one chosen after parsing succeeded. A command that
// reads the settings file itself (serve, with its own flags) says so; for the others main reads it first.
enum class Settings { ReadFirst, ReadByCommand };
class CommandTable {
 public:
  void add(CLI::App* command, std::function<int()> action, Settings settings = Settings::ReadFirst) {
    actions_[command] = {std::move(action), settings};
  }
  struct Entry {
    std::function<int()> action;
    Settings settings = Settings::ReadFirst;
  };
  // The entry of the deepest chosen subcommand, or null when a group was named without a command.
  const Entry* chosen(CLI::App& root) const;

 private:
  std::map<CLI::App*, Entry> actions_;
};

// One function per command (or pair); each adds its subcommand to the root and its action to the table. main
// adds them in the order --help lists them.
using AddCommand = void (*)(CLI::App& root, StorageFlags& storage, CommandTable& table);
void add_serve_command(CLI::App& root, StorageFlags& storage, CommandTable& table);           // hub_server_commands.cpp
void add_backup_commands(CLI::App& root, StorageFlags& storage, CommandTable& table);         // backup, restore
void add_migrate_command(CLI::App& root, StorageFlags& storage, CommandTable& table);
void add_enroll_command(CLI::App& root, StorageFlags& storage, CommandTable& table);          // hub_commands.cpp
void add_devices_commands(CLI::App& root, StorageFlags& storage, CommandTable& table);        // devices list, revoke
void add_report_commands(CLI::App& root, StorageFlags& storage, CommandTable& table);         // report ...
void add_admin_token_command(CLI::App& root, StorageFlags& storage, CommandTable& table);
void add_directory_commands(CLI::App& root, StorageFlags& storage, CommandTable& table);      // directory import
void add_calendar_commands(CLI::App& root, StorageFlags& storage, CommandTable& table);       // calendar import
void add_settings_commands(CLI::App& root, StorageFlags& storage, CommandTable& table);       // settings set
void add_audit_commands(CLI::App& root, StorageFlags& storage, CommandTable& table);          // audit, audit verify

}  // namespace porchlight::hub::cli
