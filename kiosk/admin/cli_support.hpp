#pragma once
// What every porchlight-admin command shares: how failures become one line and an exit code, where the
// database is, and how it is opened.
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json_fwd.hpp>

#include "porchlight/core/result.hpp"
#include "porchlight/core/store.hpp"

namespace CLI {
class App;
}

namespace porchlight::admin {

inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// Thrown by a command and caught once in main, so command code stays flat. Carries the exit code:
// kExitUsage for input the user can correct on the command line, kExitFailure for everything else.
struct CommandError {
  int exit_code = kExitFailure;
  std::string message;
};

[[noreturn]] void usage_error(std::string message);
[[noreturn]] void failure(std::string message);

// The value of a successful core result, or a CommandError (exit 1) with its message.
template <class T>
T expect(core::Result<T> result) {
  if (!result) failure(result.error().message);
  return std::move(result).value();
}
inline void expect(core::Result<void> result) {
  if (!result) failure(result.error().message);
}

// Replaces line breaks so a message always fits the promised single line on stderr.
std::string one_line(std::string_view text);

enum class Access {
  ExistingOnly,     // the database must already exist; nothing is ever created
  CreateIfMissing,  // init and demo: a new database is made (and the default folder, for the default path)
};

struct StoreRequest {
  Access access = Access::ExistingOnly;
  core::PinHashCost pin_cost = core::PinHashCost::Interactive;
  std::string initial_time_zone;  // for a database made now; the system's zone when empty
  std::string initial_center_name;
};

// Global options and the way to the store.
class Context {
 public:
  std::string db_option;      // --db as given; empty = the settings file's database, or the default location
  std::string config_option;  // --config as given; empty = kiosk.toml in the settings folder, when it exists

  // Reads the settings file (usage error when it is broken, or named with --config and missing). Call once,
  // after parsing and before any command runs.
  void load_config();

  // --db, or the settings file's `database`, or $XDG_DATA_HOME/porchlight/porchlight.db, or
  // ~/.local/share/porchlight/porchlight.db.
  std::filesystem::path database_path() const;
  // Not named with --db: a place this machine's setup chose (the settings file or XDG), so init may create its
  // folder, while a path typed with --db must already have one.
  bool uses_default_path() const { return db_option.empty(); }

  std::unique_ptr<core::Store> open(const StoreRequest& request = {}) const;

 private:
  std::optional<std::filesystem::path> config_database_;
};

// Each leaf command registers what it runs; main runs the one the user chose after parsing succeeded,
// so that no command starts before all of its arguments are known to be valid.
class CommandTable {
 public:
  void add(CLI::App* command, std::function<int()> action) { actions_[command] = std::move(action); }
  // The action of the deepest chosen subcommand, or null when a group was named without a command.
  const std::function<int()>* chosen(CLI::App& root) const;

 private:
  std::map<CLI::App*, std::function<int()>> actions_;
};

// Argument checks done before the database is opened, so bad input changes nothing.
core::LocalDate parse_date_argument(const std::string& text, std::string_view option);
void check_pin_argument(const std::string& pin, std::string_view option);

// JSON text that survives any bytes the database holds.
std::string json_text(const nlohmann::json& value);

}  // namespace porchlight::admin
