// porchlight-admin: set up, inspect and report on a kiosk's database from the command line.
// Every failure ends as one line on stderr, "porchlight-admin: <what is wrong>", with exit code 2 for
// usage errors and 1 for everything else.
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "porchlight/core/kiosk_config.hpp"

namespace {

int complain(int exit_code, std::string_view message) {
  std::cout.flush();
  std::cerr << "porchlight-admin: " << porchlight::admin::one_line(message) << std::endl;
  return exit_code;
}

// CLI11 reports an unknown command word as "A subcommand is required"; say which word it did not know.
std::string explain_missing(CLI::App& root, const CLI::RequiredError& error) {
  CLI::App* current = &root;
  std::string path = "porchlight-admin";
  for (auto chosen = current->get_subcommands(); !chosen.empty(); chosen = current->get_subcommands()) {
    current = chosen.front();
    path += " " + current->get_name();
  }
  if (current->get_subcommands({}).empty() || !current->get_subcommands().empty()) return error.what();
  std::string names;
  for (const auto* command : current->get_subcommands({})) names += (names.empty() ? "" : ", ") + command->get_name();
  const auto extra = root.remaining(true);
  if (!extra.empty()) return "unknown command '" + extra.front() + "' for " + path + " (commands: " + names + ")";
  return path + " needs a command: " + names;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace porchlight::admin;
  CLI::App app{"Sets up, inspects and reports on a Porchlight kiosk database.", "porchlight-admin"};
  // Global options may also follow the command ("report daily --db F").
  app.fallthrough();
  app.require_subcommand(1);
  Context context;
  app.add_option("--db", context.db_option,
                 "Database file (default $XDG_DATA_HOME/porchlight/porchlight.db or "
                 "~/.local/share/porchlight/porchlight.db)");
  app.add_option("--config", context.config_option,
                 "Settings file whose `database` is used without --db (default " +
                     porchlight::core::default_kiosk_config_path().string() + " when it exists)");

  CommandTable table;
  add_setup_commands(app, context, table);
  add_participant_commands(app, context, table);
  add_visit_commands(app, context, table);
  add_staff_commands(app, context, table);
  add_report_commands(app, context, table);
  add_crisis_line_commands(app, context, table);
  add_sync_commands(app, context, table);
  add_calendar_commands(app, context, table);
  add_directory_commands(app, context, table);
  add_referral_commands(app, context, table);
  add_backup_commands(app, context, table);
  add_simulate_command(app, context, table);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::RequiredError& error) {
    return complain(kExitUsage, explain_missing(app, error));
  } catch (const CLI::ParseError& error) {
    return complain(kExitUsage, error.what());
  }

  const auto* action = table.chosen(app);
  if (!action) return complain(kExitUsage, "name a command (see --help)");
  try {
    context.load_config();
    const int code = (*action)();
    std::cout.flush();
    if (!std::cout) return complain(kExitFailure, "could not write the output");
    return code;
  } catch (const CommandError& error) {
    return complain(error.exit_code, error.message);
  } catch (const std::exception& error) {
    return complain(kExitFailure, error.what());
  }
}
