// backup, restore: a copy of the kiosk's database made while the kiosk runs, and putting one back after checking it.
// migrate: what a package upgrade runs, a backup first and then the database brought up to this version's schema.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "porchlight/core/audit.hpp"
#include "porchlight/core/backup.hpp"
#include "porchlight/core/database.hpp"

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

int run_migrate(const Context& context, const std::string& backup_dir) {
  const auto path = context.database_path();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    std::cout << "No database at " << path.string() << " yet: nothing to migrate.\n";
    return 0;
  }
  // Read-only first: a database this version cannot open, or a damaged one, is reported before anything changes.
  // The tables every version since the first has had (outbox and audit came later).
  const core::BackupKind any_kiosk_version{{"setting", "participant", "staff", "visit"}, core::latest_schema_version()};
  const auto check = expect(core::check_backup(path, any_kiosk_version));
  if (!check.problems.empty()) {
    for (const auto& problem : check.problems) std::cout << one_line(problem) << '\n';
    failure(path.string() + " cannot be migrated as it is (nothing was changed)");
  }
  const int latest = core::latest_schema_version();
  if (check.schema_version >= latest) {
    std::cout << path.string() << " is at schema version " << check.schema_version
              << ", this version's: nothing to do.\n";
    return 0;
  }
  if (!backup_dir.empty()) {
    const auto backup = core::upgrade_backup_path(backup_dir, path, check.schema_version);
    expect(core::backup_database(path, backup));
    std::cout << "Backed up " << path.string() << " to " << backup.string() << ".\n";
  }
  auto store = context.open();  // opening brings the schema up to date, one transaction per step
  expect(core::record_audit(*store, std::nullopt, "database.migrate",
                            std::to_string(check.schema_version) + " to " + std::to_string(latest)));
  std::cout << "Migrated " << path.string() << " from schema version " << check.schema_version << " to "
            << store->db().schema_version() << ".\n";
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
  {
    auto backup_dir = std::make_shared<std::string>();
    auto* migrate = root.add_subcommand(
        "migrate", "Bring the database up to this version's schema (package upgrades run this); no database: nothing");
    migrate->add_option("--backup-dir", *backup_dir, "Back the database up into this folder first, when it changes")
        ->check(CLI::ExistingDirectory);
    table.add(migrate, [&context, backup_dir] { return run_migrate(context, *backup_dir); });
  }
}

}  // namespace porchlight::admin
