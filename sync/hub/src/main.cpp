// porchlight-hub: the central server kiosks sync to, and its command line for coordinators.
// Every failure ends as one line on stderr, "porchlight-hub: <what is wrong>", exit 2 for usage and 1 otherwise.
// Each command lives in hub_commands.cpp or hub_server_commands.cpp and registers what it runs in a table; main
// reads the global options, parses, and runs the chosen command.
#include <cstdio>

#include <CLI/CLI.hpp>

#include "hub_cli.hpp"
#include "porchlight/hub/hub_config.hpp"
#include "porchlight/log.hpp"

int main(int argc, char** argv) {
  using namespace porchlight::hub::cli;
  porchlight::log::set_program("porchlight-hub");
  CLI::App app{"The Porchlight hub: the server kiosks sync to, with reports across centers.", "porchlight-hub"};
  app.require_subcommand(1);
  app.fallthrough();
  StorageFlags storage;
  app.add_option("--db", storage.db, "SQLite database file (default $XDG_DATA_HOME/porchlight/hub.db)");
  app.add_option("--postgres", storage.postgres, "PostgreSQL connection string or URL (instead of --db)");
  app.add_option("--config", storage.config,
                 "Settings file (TOML; default " + porchlight::hub::default_hub_config_path().string() +
                     " when it exists)")
      ->check(CLI::ExistingFile);
  auto* pool_size_option = app.add_option("--pool-size", storage.pool_size, "PostgreSQL connections (default 8)")
                               ->check(CLI::Range(1, 1'000'000));
  app.add_option("--log-level", storage.log_level, "error, warning, info (default) or debug")
      ->check(CLI::IsMember({"error", "warning", "info", "debug"}));

  CommandTable table;
  for (const AddCommand add : {add_serve_command, add_enroll_command, add_devices_commands, add_report_commands,
                               add_admin_token_command, add_directory_commands, add_calendar_commands,
                               add_settings_commands, add_backup_commands, add_migrate_command, add_audit_commands}) {
    add(app, storage, table);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::ParseError& error) {
    std::fprintf(stderr, "porchlight-hub: %s\n", error.what());
    return kExitUsage;
  }

  if (!storage.log_level.empty()) porchlight::log::set_threshold(*porchlight::log::parse_level(storage.log_level));
  storage.pool_size_given = pool_size_option->count() > 0;
  const auto* chosen = table.chosen(app);
  if (!chosen) return kExitUsage;
  if (chosen->settings == Settings::ReadFirst) apply_config(storage, nullptr);
  return chosen->action();
}
