// The commands that run or look after the hub's database as a whole: serve, backup, restore, migrate.
#include <csignal>
#include <cstdio>
#include <filesystem>

#include <CLI/CLI.hpp>

#include "hub_cli.hpp"
#include "porchlight/core/backup.hpp"
#include "porchlight/hub/server.hpp"
#include "porchlight/log.hpp"

namespace porchlight::hub::cli {

namespace {

// A hub's SQLite database: what makes a backup one of a hub (and not of a kiosk).
core::BackupKind hub_backup_kind() { return {{"hub_meta", "center", "device", "mutation"}, std::nullopt}; }

HubServer* running_server = nullptr;

void on_signal(int) {
  // httplib's stop() only sets flags and shuts the listening socket, which is safe from a handler.
  if (running_server) running_server->stop();
}

int serve(StorageFlags storage, ServeFlags flags) {
  apply_config(storage, &flags);
  const auto colon = flags.listen.rfind(':');
  if (colon == std::string::npos) fail(kExitUsage, "--listen wants HOST:PORT, like 127.0.0.1:8750");
  ServerOptions options;
  options.host = flags.listen.substr(0, colon);
  try {
    options.port = std::stoi(flags.listen.substr(colon + 1));
  } catch (const std::exception&) {
    fail(kExitUsage, "--listen wants HOST:PORT, like 127.0.0.1:8750");
  }
  if (options.port < 0 || options.port > 65535) fail(kExitUsage, "the port must be from 0 to 65535");
  if (flags.tls_certificate.empty() != flags.tls_private_key.empty()) {
    fail(kExitUsage, "HTTPS needs both --tls-cert and --tls-key");
  }
  options.tls_certificate = flags.tls_certificate;
  options.tls_private_key = flags.tls_private_key;
  options.threads = flags.threads;
  options.connections_per_address = flags.connections_per_address;
  start_serving();
  auto store = open_store(storage);
  HubServer server(*store, options);
  const int port = expect(server.bind());
  running_server = &server;
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  // Logged before the "listening" line, so whoever waits for that line finds this one already written.
  log::info("serving with " + std::to_string(options.threads) + " connection threads, " +
                        (options.connections_per_address > 0
                             ? "at most " + std::to_string(options.connections_per_address) + " per address"
                             : std::string("no limit per address")) +
                        "; settings from " +
                        (storage.config_read.empty() ? std::string("flags only") : storage.config_read));
  log::info(std::string("listening on ") + (options.tls_certificate.empty() ? "http" : "https") + "://" +
                        options.host + ":" + std::to_string(port) + " (" +
                        (store->dialect() == Dialect::PostgreSQL ? "PostgreSQL" : "SQLite") + ")");
  server.serve();
  running_server = nullptr;
  log::info("stopped");
  return 0;
}

// What a package upgrade runs: for SQLite a backup when the schema is about to change, then the migration that
// opening the store performs anyway, said out loud. A hub that has no database yet is left to make it at start.
int migrate(const StorageFlags& storage, const std::string& backup_dir) {
  const bool sqlite = storage.postgres.empty();
  const std::string database = storage.db.empty() ? default_db_path() : storage.db;
  std::error_code ec;
  if (sqlite && !std::filesystem::exists(database, ec)) {
    std::printf("No database at %s yet: the hub makes it when it first starts.\n", database.c_str());
    return 0;
  }
  auto pool = expect(sqlite ? open_sqlite_pool(database) : open_postgres_pool(storage.postgres, 1));
  const std::int64_t stored = expect(HubStore::stored_schema_version(*pool));
  pool.reset();
  const int current = HubStore::current_schema_version();
  if (stored == current) {
    std::printf("The hub database is at schema version %d, this version's: nothing to do.\n", current);
    return 0;
  }
  if (stored > current) {
    fail(kExitFailure, "the hub database is from a newer porchlight-hub (schema " + std::to_string(stored) +
                           "); this one knows up to " + std::to_string(current) + " (nothing was changed)");
  }
  if (sqlite && !backup_dir.empty() && stored > 0) {
    const auto backup = core::upgrade_backup_path(backup_dir, database, stored);
    expect(core::backup_database(database, backup));
    std::printf("Backed up %s to %s.\n", database.c_str(), backup.c_str());
  }
  auto store = open_store(storage);
  expect(store->record_audit({command_line_actor(), "database.migrate",
                              std::to_string(stored) + " to " + std::to_string(current), ""}));
  std::printf("Migrated the hub database from schema version %lld to %d.\n", static_cast<long long>(stored), current);
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& root, StorageFlags& storage, CommandTable& table) {
  auto flags = std::make_shared<ServeFlags>();
  auto* command = root.add_subcommand("serve", "Serve kiosks over HTTP(S) until stopped (SIGTERM)");
  auto* listen_option =
      command->add_option("--listen", flags->listen, "HOST:PORT to listen on (default 127.0.0.1:8750)");
  command->add_option("--tls-cert", flags->tls_certificate, "PEM certificate for HTTPS");
  command->add_option("--tls-key", flags->tls_private_key, "PEM private key for HTTPS");
  auto* threads_option =
      command->add_option("--threads", flags->threads, "Connections served at once, a thread each (default 256)")
          ->check(CLI::Range(1, 1'000'000));
  auto* per_address_option =
      command
          ->add_option("--connections-per-address", flags->connections_per_address,
                       "Connections one address may hold at once; 0 for no limit, behind a reverse proxy (default 64)")
          ->check(CLI::Range(0, 1'000'000));
  table.add(
      command,
      [&storage, flags, listen_option, threads_option, per_address_option] {
        flags->listen_given = listen_option->count() > 0;
        flags->threads_given = threads_option->count() > 0;
        flags->connections_per_address_given = per_address_option->count() > 0;
        return serve(storage, *flags);
      },
      Settings::ReadByCommand);
}

void add_backup_commands(CLI::App& root, StorageFlags& storage, CommandTable& table) {
  struct BackupFlags {
    std::string file;
    bool force = false;
  };
  auto flags = std::make_shared<BackupFlags>();
  auto* backup = root.add_subcommand(
      "backup", "Copy the SQLite database to FILE while the hub runs (checked; owner-only). PostgreSQL: pg_dump");
  backup->add_option("file", flags->file, "Where the backup goes")->required();
  backup->add_flag("--force", flags->force, "Replace FILE if it exists");
  auto* restore = root.add_subcommand(
      "restore", "Check FILE, keep the current database as <db>.before-restore, put FILE in its place (stop the hub)");
  restore->add_option("file", flags->file, "A backup made by porchlight-hub backup")->required();

  const auto database_of = [&storage] {
    if (!storage.postgres.empty()) {
      fail(kExitUsage, "the hub stores its data in PostgreSQL here: back it up with pg_dump (see docs/hub.md)");
    }
    return storage.db.empty() ? default_db_path() : storage.db;
  };
  table.add(backup, [&storage, flags, database_of] {
    const std::string database = database_of();
    // Opened first so a database that is not a hub's is refused before anything is copied; the backup carries
    // the record of its own making.
    auto store = open_store(storage);
    expect(store->record_audit({command_line_actor(), "database.backup", flags->file, ""}));
    store.reset();
    const auto summary = expect(core::backup_database(database, flags->file, flags->force));
    std::printf("Backed up %s to %s (%lld KB, checked; readable by its owner only)\n", database.c_str(),
                flags->file.c_str(), static_cast<long long>((summary.bytes + 1023) / 1024));
    return 0;
  });
  table.add(restore, [&storage, flags, database_of] {
    const std::string database = database_of();
    expect(core::restore_database(flags->file, database, hub_backup_kind()));
    auto store = open_store(storage);  // a hub that opens it is a hub that can serve it
    expect(store->record_audit({command_line_actor(), "database.restore", flags->file, ""}));
    std::printf("Restored %s into %s. The database as it was before is kept as %s.before-restore\n",
                flags->file.c_str(), database.c_str(), database.c_str());
    return 0;
  });
}

void add_migrate_command(CLI::App& root, StorageFlags& storage, CommandTable& table) {
  auto backup_dir = std::make_shared<std::string>();
  auto* command = root.add_subcommand(
      "migrate", "Bring the database up to this version's schema (package upgrades run this); no database: nothing");
  command
      ->add_option("--backup-dir", *backup_dir, "SQLite: back the database up into this folder first, when it changes")
      ->check(CLI::ExistingDirectory);
  table.add(command, [&storage, backup_dir] { return migrate(storage, *backup_dir); });
}

}  // namespace porchlight::hub::cli
