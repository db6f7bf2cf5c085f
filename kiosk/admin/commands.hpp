#pragma once
// One function per command group; each adds its subcommands to the root and their actions to the table.
#include "cli_support.hpp"

namespace porchlight::admin {

void add_setup_commands(CLI::App& root, Context& context, CommandTable& table);  // init, demo, reasons, check, audit
void add_participant_commands(CLI::App& root, Context& context, CommandTable& table);  // participant ...
void add_visit_commands(CLI::App& root, Context& context, CommandTable& table);        // signin, signout
void add_staff_commands(CLI::App& root, Context& context, CommandTable& table);        // staff ...
void add_report_commands(CLI::App& root, Context& context, CommandTable& table);       // report ...
void add_crisis_line_commands(CLI::App& root, Context& context, CommandTable& table);  // crisis-lines ...
void add_sync_commands(CLI::App& root, Context& context, CommandTable& table);  // sync ...
void add_calendar_commands(CLI::App& root, Context& context, CommandTable& table);     // calendar ..., report groups
void add_simulate_command(CLI::App& root, Context& context, CommandTable& table);      // simulate

}  // namespace porchlight::admin
