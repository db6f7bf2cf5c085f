// backup, restore: a copy of the kiosk's database made while the kiosk runs, and putting one back after checking it.
#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "porchlight/core/audit.hpp"
#include "porchlight/core/backup.hpp"

namespace porchlight::admin {

namespace {

struct BackupOptions {
  std::string file;
  bool force = false;
};

int run_backup(const Context& context, const BackupOptions& options) {
  {
    // Audited in the database itself, so the backup carries the record of its own making.
    auto store = context.open();
    expect(core::record_audit(*store, std::nullopt, "database.backup", options.file));
  }
  const auto summary = expect(core::backup_database(context.database_path(), options.file, options.force));
  std::cout << "Backed up " << context.database_path().string() << " to " << options.file << " ("
            << (summary.bytes + 1023) / 1024 << " KB, checked; readable by its owner only)\n";
  return 0;
}

int run_restore(const Context& context, const std::string& file) {
  const auto check = expect(core::restore_database(file, context.database_path(), core::kiosk_backup_kind()));
  auto store = context.open();  // brings an older backup's schema up to date
  expect(core::record_audit(*store, std::nullopt, "database.restore", file));
  std::cout << "Restored " << file << " into " << context.database_path().string() << " (schema version "
            << check.schema_version << " in the backup, " << store->db().schema_version()
            << " now). The database as it was before is kept as "
            << context.database_path().string() << ".before-restore\n";
  return 0;
}

int run_check_backup(const std::string& file) {
  const auto check = expect(core::check_backup(file, core::kiosk_backup_kind()));
  if (!check.problems.empty()) {
    for (const auto& problem : check.problems) std::cout << one_line(problem) << '\n';
    failure(file + " is not a usable backup");
  }
  std::cout << "ok: " << file << " is a sound kiosk backup (schema version " << check.schema_version << ")\n";
  return 0;
}

}  // namespace

void add_backup_commands(CLI::App& root, Context& context, CommandTable& table) {
  {
    auto options = std::make_shared<BackupOptions>();
    auto* backup = root.add_subcommand(
        "backup", "Copy the database to FILE while the kiosk runs (SQLite online backup; checked; owner-only file)");
    backup->add_option("file", options->file, "Where the backup goes")->required();
    backup->add_flag("--force", options->force, "Replace FILE if it exists");
    table.add(backup, [&context, options] { return run_backup(context, *options); });
  }
  {
    auto file = std::make_shared<std::string>();
    auto* restore = root.add_subcommand(
        "restore", "Check FILE, keep the current database as <db>.before-restore, then put FILE in its place "
                   "(stop the kiosk first)");
    restore->add_option("file", *file, "A backup made by porchlight-admin backup")->required();
    table.add(restore, [&context, file] { return run_restore(context, *file); });
  }
  {
    auto file = std::make_shared<std::string>();
    auto* check = root.add_subcommand("check-backup", "Check that FILE is a sound kiosk backup; changes nothing");
    check->add_option("file", *file, "The backup to check")->required();
    table.add(check, [file] { return run_check_backup(*file); });
  }
}

}  // namespace porchlight::admin
