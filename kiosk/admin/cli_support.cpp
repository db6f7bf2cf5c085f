#include "cli_support.hpp"

#include <cstdlib>
#include <system_error>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "porchlight/core/kiosk_config.hpp"
#include "porchlight/core/pin.hpp"

namespace porchlight::admin {

void usage_error(std::string message) { throw CommandError{kExitUsage, std::move(message)}; }
void failure(std::string message) { throw CommandError{kExitFailure, std::move(message)}; }

std::string one_line(std::string_view text) {
  std::string line;
  line.reserve(text.size());
  for (const char c : text) {
    if (c == '\n') {
      line += "; ";
    } else if (c != '\r') {
      line += c;
    }
  }
  while (!line.empty() && (line.back() == ' ' || line.back() == ';')) line.pop_back();
  return line;
}

void Context::load_config() {
  std::filesystem::path path = config_option;
  std::error_code ec;
  if (path.empty() && std::filesystem::exists(core::default_kiosk_config_path(), ec)) {
    path = core::default_kiosk_config_path();
  }
  if (path.empty()) return;
  auto config = core::read_kiosk_config(path);
  if (!config) usage_error(config.error().message);
  config_database_ = config->database;
}

std::filesystem::path Context::database_path() const {
  if (!db_option.empty()) return db_option;
  if (config_database_) return *config_database_;
  // XDG Base Directory: a relative XDG_DATA_HOME is invalid and must be ignored.
  const char* data_home = std::getenv("XDG_DATA_HOME");
  if (data_home && *data_home && std::filesystem::path(data_home).is_absolute()) {
    return std::filesystem::path(data_home) / "porchlight" / "porchlight.db";
  }
  const char* home = std::getenv("HOME");
  if (!home || !*home) usage_error("neither XDG_DATA_HOME nor HOME is set; give the database with --db PATH");
  return std::filesystem::path(home) / ".local" / "share" / "porchlight" / "porchlight.db";
}

std::unique_ptr<core::Store> Context::open(const StoreRequest& request) const {
  const auto path = database_path();
  const bool create = request.access == Access::CreateIfMissing;
  std::error_code ec;
  if (!create && uses_default_path() && !std::filesystem::exists(path, ec)) {
    failure("there is no database at " + path.string() + " yet (run 'porchlight-admin init' first, or give --db PATH)");
  }
  if (create && uses_default_path()) {
    // Only the default location is ours to make; a folder named with --db must already exist.
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) failure("cannot create the folder " + path.parent_path().string() + ": " + ec.message());
  }
  core::StoreOptions options;
  options.open.create_if_missing = create;
  options.pin_cost = request.pin_cost;
  options.initial_time_zone = request.initial_time_zone;
  if (!request.initial_center_name.empty()) options.initial_center_name = request.initial_center_name;
  return expect(core::Store::open(path, options));
}

const std::function<int()>* CommandTable::chosen(CLI::App& root) const {
  CLI::App* current = &root;
  for (;;) {
    const auto subcommands = current->get_subcommands();
    if (subcommands.empty()) break;
    current = subcommands.front();
  }
  const auto found = actions_.find(current);
  return found == actions_.end() ? nullptr : &found->second;
}

core::LocalDate parse_date_argument(const std::string& text, std::string_view option) {
  const auto date = core::LocalDate::parse(text);
  if (!date) usage_error(std::string(option) + ": '" + text + "' is not a real date (expected YYYY-MM-DD)");
  return *date;
}

void check_pin_argument(const std::string& pin, std::string_view option) {
  if (!core::is_valid_pin(pin)) usage_error(std::string(option) + ": a PIN is 4 to 6 digits");
}

std::string json_text(const nlohmann::json& value) {
  return value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace porchlight::admin
