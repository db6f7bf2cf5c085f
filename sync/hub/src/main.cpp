// porchlight-hub: the central server kiosks sync to, and its command line for coordinators.
// Every failure ends as one line on stderr, "porchlight-hub: <what is wrong>", exit 2 for usage and 1 otherwise.
#include <pwd.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <iostream>
#include <thread>

#include <CLI/CLI.hpp>

#include "porchlight/core/backup.hpp"
#include "porchlight/hub/hub_config.hpp"
#include "porchlight/hub/hub_imports.hpp"
#include "porchlight/hub/reports.hpp"
#include "porchlight/hub/server.hpp"
#include "porchlight/log.hpp"
#include "porchlight/sync/protocol.hpp"

namespace hub = porchlight::hub;

namespace {

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

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
bool serving = false;

[[noreturn]] void fail(int code, const std::string& message) {
  std::cout.flush();
  if (serving) {
    porchlight::log::error(message);
  } else {
    std::fprintf(stderr, "porchlight-hub: %s\n", message.c_str());
  }
  std::exit(code);
}

// Settings from --config, or else from hub.toml in the settings folder when it exists; every flag given on the
// command line wins over the file.
void apply_config(StorageFlags& storage, ServeFlags* serve) {
  std::filesystem::path path = storage.config;
  std::error_code ec;
  if (path.empty() && std::filesystem::exists(hub::default_hub_config_path(), ec)) path = hub::default_hub_config_path();
  hub::HubConfig config;
  if (!path.empty()) {
    auto read = hub::read_hub_config(path);
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
  if (storage.log_level.empty() && config.log_level) porchlight::log::set_threshold(*config.log_level);
  if (serve) {
    if (!serve->listen_given) serve->listen = config.listen.value_or(serve->listen);
    if (serve->tls_certificate.empty()) serve->tls_certificate = config.tls_certificate.value_or(std::string());
    if (serve->tls_private_key.empty()) serve->tls_private_key = config.tls_private_key.value_or(std::string());
    if (!serve->threads_given && config.threads) serve->threads = *config.threads;
    if (!serve->connections_per_address_given && config.connections_per_address) {
      serve->connections_per_address = *config.connections_per_address;
    }
  }
  if (!storage.config_read.empty()) porchlight::log::debug("settings from " + storage.config_read);
}

std::string default_db_path() {
  const char* data_home = std::getenv("XDG_DATA_HOME");
  const char* home = std::getenv("HOME");
  std::filesystem::path base = data_home && *data_home ? std::filesystem::path(data_home)
                               : home && *home          ? std::filesystem::path(home) / ".local/share"
                                                        : std::filesystem::path(".");
  return (base / "porchlight" / "hub.db").string();
}

std::unique_ptr<hub::HubStore> open_store(const StorageFlags& flags) {
  if (!flags.db.empty() && !flags.postgres.empty()) fail(kExitUsage, "give --db or --postgres, not both");
  porchlight::Result<std::unique_ptr<hub::SqlPool>> pool = porchlight::make_error("no storage");
  if (!flags.postgres.empty()) {
    pool = hub::open_postgres_pool(flags.postgres, flags.pool_size);
  } else {
    const std::string path = flags.db.empty() ? default_db_path() : flags.db;
    std::error_code ignored;
    if (flags.db.empty()) std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ignored);
    pool = hub::open_sqlite_pool(path);
  }
  if (!pool) fail(kExitFailure, pool.error().message);
  auto store = hub::HubStore::open(std::move(pool.value()));
  if (!store) fail(kExitFailure, store.error().message);
  return std::move(store.value());
}

template <class T>
T expect(porchlight::Result<T> result) {
  if (!result) fail(kExitFailure, result.error().message);
  return std::move(result).value();
}
void expect(porchlight::Result<void> result) {
  if (!result) fail(kExitFailure, result.error().message);
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

std::string utc_time(hub::Millis at) {
  const std::time_t seconds = static_cast<std::time_t>(at / 1000);
  std::tm parts{};
  if (!::gmtime_r(&seconds, &parts)) return std::to_string(at);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

void check_date(const std::string& text, const char* option) {
  if (!hub::is_calendar_date(text)) fail(kExitUsage, std::string(option) + " wants a date like 2026-11-24, not '" + text + "'");
}

// A hub's SQLite database: what makes a backup one of a hub (and not of a kiosk).
porchlight::core::BackupKind hub_backup_kind() { return {{"hub_meta", "center", "device", "mutation"}, std::nullopt}; }

hub::HubServer* running_server = nullptr;

void on_signal(int) {
  // httplib's stop() only sets flags and shuts the listening socket, which is safe from a handler.
  if (running_server) running_server->stop();
}

int serve(StorageFlags storage, ServeFlags flags) {
  apply_config(storage, &flags);
  const auto colon = flags.listen.rfind(':');
  if (colon == std::string::npos) fail(kExitUsage, "--listen wants HOST:PORT, like 127.0.0.1:8750");
  hub::ServerOptions options;
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
  serving = true;
  auto store = open_store(storage);
  hub::HubServer server(*store, options);
  const int port = expect(server.bind());
  running_server = &server;
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  // Logged before the "listening" line, so whoever waits for that line finds this one already written.
  porchlight::log::info("serving with " + std::to_string(options.threads) + " connection threads, " +
                        (options.connections_per_address > 0
                             ? "at most " + std::to_string(options.connections_per_address) + " per address"
                             : std::string("no limit per address")) +
                        "; settings from " +
                        (storage.config_read.empty() ? std::string("flags only") : storage.config_read));
  porchlight::log::info(std::string("listening on ") + (options.tls_certificate.empty() ? "http" : "https") + "://" +
                        options.host + ":" + std::to_string(port) + " (" +
                        (store->dialect() == hub::Dialect::PostgreSQL ? "PostgreSQL" : "SQLite") + ")");
  server.serve();
  running_server = nullptr;
  porchlight::log::info("stopped");
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
  auto pool = expect(sqlite ? hub::open_sqlite_pool(database) : hub::open_postgres_pool(storage.postgres, 1));
  const std::int64_t stored = expect(hub::HubStore::stored_schema_version(*pool));
  pool.reset();
  const int current = hub::HubStore::current_schema_version();
  if (stored == current) {
    std::printf("The hub database is at schema version %d, this version's: nothing to do.\n", current);
    return 0;
  }
  if (stored > current) {
    fail(kExitFailure, "the hub database is from a newer porchlight-hub (schema " + std::to_string(stored) +
                           "); this one knows up to " + std::to_string(current) + " (nothing was changed)");
  }
  if (sqlite && !backup_dir.empty() && stored > 0) {
    const auto backup = porchlight::core::upgrade_backup_path(backup_dir, database, stored);
    expect(porchlight::core::backup_database(database, backup));
    std::printf("Backed up %s to %s.\n", database.c_str(), backup.c_str());
  }
  auto store = open_store(storage);
  expect(store->record_audit({command_line_actor(), "database.migrate",
                              std::to_string(stored) + " to " + std::to_string(current), ""}));
  std::printf("Migrated the hub database from schema version %lld to %d.\n", static_cast<long long>(stored), current);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  porchlight::log::set_program("porchlight-hub");
  CLI::App app{"The Porchlight hub: the server kiosks sync to, with reports across centers.", "porchlight-hub"};
  app.require_subcommand(1);
  app.fallthrough();
  StorageFlags storage;
  app.add_option("--db", storage.db, "SQLite database file (default $XDG_DATA_HOME/porchlight/hub.db)");
  app.add_option("--postgres", storage.postgres, "PostgreSQL connection string or URL (instead of --db)");
  app.add_option("--config", storage.config,
                 "Settings file (TOML; default " + hub::default_hub_config_path().string() + " when it exists)")
      ->check(CLI::ExistingFile);
  auto* pool_size_option = app.add_option("--pool-size", storage.pool_size, "PostgreSQL connections (default 8)")
                               ->check(CLI::Range(1, 1'000'000));
  app.add_option("--log-level", storage.log_level, "error, warning, info (default) or debug")
      ->check(CLI::IsMember({"error", "warning", "info", "debug"}));

  ServeFlags serve_flags;
  auto* serve_command = app.add_subcommand("serve", "Serve kiosks over HTTP(S) until stopped (SIGTERM)");
  auto* listen_option =
      serve_command->add_option("--listen", serve_flags.listen, "HOST:PORT to listen on (default 127.0.0.1:8750)");
  serve_command->add_option("--tls-cert", serve_flags.tls_certificate, "PEM certificate for HTTPS");
  serve_command->add_option("--tls-key", serve_flags.tls_private_key, "PEM private key for HTTPS");
  auto* threads_option =
      serve_command->add_option("--threads", serve_flags.threads, "Connections served at once, a thread each (default 256)")
          ->check(CLI::Range(1, 1'000'000));
  auto* per_address_option =
      serve_command
          ->add_option("--connections-per-address", serve_flags.connections_per_address,
                       "Connections one address may hold at once; 0 for no limit, behind a reverse proxy (default 64)")
          ->check(CLI::Range(0, 1'000'000));

  std::string center;
  auto* enroll_command = app.add_subcommand("enroll", "Make a single-use enrollment code (valid 15 minutes) for a kiosk");
  enroll_command->add_option("--center", center, "The center the kiosk belongs to (made when new)")->required();

  auto* devices_command = app.add_subcommand("devices", "Enrolled kiosks");
  devices_command->require_subcommand(1);
  auto* devices_list = devices_command->add_subcommand("list", "List kiosks, their last contact and what they hold");
  std::string device_id;
  auto* devices_revoke = devices_command->add_subcommand("revoke", "Revoke a kiosk's token");
  devices_revoke->add_option("device", device_id, "Device id (see devices list)")->required();

  auto* report_command = app.add_subcommand("report", "Reports across centers");
  report_command->require_subcommand(1);
  hub::ReportFilter filter;
  std::string format = "json";
  std::string report_center, from, to;
  auto* attendance = report_command->add_subcommand("attendance", "Visits and unique people by center and day");
  auto* unduplicated = report_command->add_subcommand("unduplicated", "Unduplicated people by center and month");
  auto* reasons = report_command->add_subcommand(
      "reasons", "Visits by center, month and reason (with a re-disclosure notice when sensitive reasons appear)");
  for (auto* command : {attendance, unduplicated, reasons}) {
    command->add_option("--center", report_center, "Only this center");
    command->add_option("--from", from, "First day, YYYY-MM-DD");
    command->add_option("--to", to, "Last day, YYYY-MM-DD");
    command->add_option("--format", format, "json or csv")->check(CLI::IsMember({"json", "csv"}));
  }

  std::string token_label;
  auto* admin_token = app.add_subcommand("admin-token", "Make a token for the report API (printed once)");
  admin_token->add_option("--label", token_label, "Whose token it is");

  std::string import_path;
  auto* directory = app.add_subcommand("directory", "The network's resource directory, sent to every kiosk");
  directory->require_subcommand(1);
  auto* directory_import = directory->add_subcommand("import", "Publish an HSDS CSV package (folder) or HSDS JSON");
  directory_import->add_option("path", import_path, "Folder or .json file")->required();

  std::string calendar_zone = "UTC";
  auto* calendar = app.add_subcommand("calendar", "A center's group calendar, sent to that center's kiosks");
  calendar->require_subcommand(1);
  auto* calendar_import = calendar->add_subcommand("import", "Publish an .ics file (RFC 5545) to a center");
  calendar_import->add_option("file", import_path, "The .ics file")->required();
  calendar_import->add_option("--center", center, "The center")->required();
  calendar_import->add_option("--time-zone", calendar_zone, "The center's zone, for floating times (default UTC)");

  std::string setting_key, setting_value;
  auto* settings = app.add_subcommand("settings", "Kiosk settings a center's kiosks receive at their next sync");
  settings->require_subcommand(1);
  auto* settings_set = settings->add_subcommand("set", "Set one setting: KEY and a JSON VALUE");
  settings_set->add_option("--center", center, "The center")->required();
  settings_set->add_option("key", setting_key, "center_name, crisis_lines, share_sensitive_reasons, ...")->required();
  settings_set->add_option("value", setting_value, "The value as JSON")->required();

  std::string backup_file;
  bool backup_force = false;
  auto* backup_command = app.add_subcommand(
      "backup", "Copy the SQLite database to FILE while the hub runs (checked; owner-only). PostgreSQL: pg_dump");
  backup_command->add_option("file", backup_file, "Where the backup goes")->required();
  backup_command->add_flag("--force", backup_force, "Replace FILE if it exists");
  auto* restore_command = app.add_subcommand(
      "restore", "Check FILE, keep the current database as <db>.before-restore, put FILE in its place (stop the hub)");
  restore_command->add_option("file", backup_file, "A backup made by porchlight-hub backup")->required();
  int audit_limit = 50;
  std::string migrate_backup_dir;
  auto* migrate_command = app.add_subcommand(
      "migrate", "Bring the database up to this version's schema (package upgrades run this); no database: nothing");
  migrate_command
      ->add_option("--backup-dir", migrate_backup_dir,
                   "SQLite: back the database up into this folder first, when it changes")
      ->check(CLI::ExistingDirectory);
  auto* audit = app.add_subcommand("audit", "The hub's own audit log, newest first (or 'audit verify')");
  audit->add_option("--limit", audit_limit, "How many entries (default 50)")->check(CLI::Range(1, 1'000'000));
  auto* audit_verify = audit->add_subcommand("verify", "Check the audit log's hash chain; exit 1 naming the first broken entry");

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
  serve_flags.listen_given = listen_option->count() > 0;
  serve_flags.threads_given = threads_option->count() > 0;
  serve_flags.connections_per_address_given = per_address_option->count() > 0;
  if (serve_command->parsed()) return serve(storage, serve_flags);
  apply_config(storage, nullptr);
  if (backup_command->parsed() || restore_command->parsed()) {
    if (!storage.postgres.empty()) {
      fail(kExitUsage, "the hub stores its data in PostgreSQL here: back it up with pg_dump (see docs/hub.md)");
    }
    const std::string database = storage.db.empty() ? default_db_path() : storage.db;
    if (backup_command->parsed()) {
      // Opened first so a database that is not a hub's is refused before anything is copied; the backup carries
      // the record of its own making.
      auto store = open_store(storage);
      expect(store->record_audit({command_line_actor(), "database.backup", backup_file, ""}));
      store.reset();
      const auto summary = expect(porchlight::core::backup_database(database, backup_file, backup_force));
      std::printf("Backed up %s to %s (%lld KB, checked; readable by its owner only)\n", database.c_str(),
                  backup_file.c_str(), static_cast<long long>((summary.bytes + 1023) / 1024));
      return 0;
    }
    expect(porchlight::core::restore_database(backup_file, database, hub_backup_kind()));
    auto store = open_store(storage);  // a hub that opens it is a hub that can serve it
    expect(store->record_audit({command_line_actor(), "database.restore", backup_file, ""}));
    std::printf("Restored %s into %s. The database as it was before is kept as %s.before-restore\n",
                backup_file.c_str(), database.c_str(), database.c_str());
    return 0;
  }
  if (migrate_command->parsed()) return migrate(storage, migrate_backup_dir);
  if (enroll_command->parsed()) {
    auto store = open_store(storage);
    const auto code = expect(store->create_enrollment_code(center, command_line_actor()));
    std::printf("Enrollment code for a kiosk of %s, single use, valid 15 minutes:\n%s\n", center.c_str(),
                code.code.c_str());
    return 0;
  }
  if (devices_list->parsed()) {
    auto store = open_store(storage);
    const auto devices = expect(store->list_devices());
    if (devices.empty()) std::printf("No kiosks enrolled yet (porchlight-hub enroll --center NAME).\n");
    for (const auto& device : devices) {
      std::printf("%s  %-24s %-16s %s  last contact %s  pending %lld\n", device.id.c_str(), device.center_name.c_str(),
                  device.name.c_str(), device.revoked_at ? "revoked" : "active ",
                  device.last_seen_at ? std::to_string(*device.last_seen_at / 1000).c_str() : "never",
                  static_cast<long long>(device.last_pending));
    }
    return 0;
  }
  if (devices_revoke->parsed()) {
    auto store = open_store(storage);
    expect(store->revoke_device(device_id, command_line_actor()));
    std::printf("Revoked %s: its next sync is refused until it is enrolled again.\n", device_id.c_str());
    return 0;
  }
  if (attendance->parsed() || unduplicated->parsed() || reasons->parsed()) {
    if (!from.empty()) check_date(from, "--from");
    if (!to.empty()) check_date(to, "--to");
    if (!report_center.empty()) filter.center = report_center;
    if (!from.empty()) filter.from = from;
    if (!to.empty()) filter.to = to;
    auto store = open_store(storage);
    // Logged before anything is shown: a view that cannot be logged is not shown.
    const char* report_name = reasons->parsed() ? "reasons" : attendance->parsed() ? "attendance" : "unduplicated";
    expect(store->record_audit({command_line_actor(), "report.view", report_name, hub::describe_report(filter, format)}));
    if (reasons->parsed()) {
      const auto rows = expect(store->visits_by_reason(filter));
      std::cout << (format == "csv" ? hub::reasons_csv(rows) : hub::reasons_json(rows).dump(2) + "\n");
    } else if (attendance->parsed()) {
      const auto rows = expect(store->attendance_by_day(filter));
      std::cout << (format == "csv" ? hub::attendance_csv(rows) : hub::attendance_json(rows).dump(2) + "\n");
    } else {
      const auto rows = expect(store->unduplicated_by_month(filter));
      std::cout << (format == "csv" ? hub::unduplicated_csv(rows) : hub::unduplicated_json(rows).dump(2) + "\n");
    }
    return 0;
  }
  if (admin_token->parsed()) {
    auto store = open_store(storage);
    std::printf("%s\n", expect(store->create_admin_token(token_label, command_line_actor())).c_str());
    return 0;
  }
  if (directory_import->parsed()) {
    auto store = open_store(storage);
    const auto published = expect(hub::publish_directory(*store, import_path, command_line_actor()));
    for (const auto& problem : published.problems) std::printf("skipped: %s\n", problem.c_str());
    std::printf("Published %d services to every kiosk (%zu rows skipped); they arrive at each kiosk's next sync.\n",
                published.services, published.problems.size());
    return 0;
  }
  if (calendar_import->parsed()) {
    std::ifstream file(import_path, std::ios::binary);
    if (!file) fail(kExitUsage, "cannot read " + import_path);
    const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    auto store = open_store(storage);
    auto groups = hub::publish_calendar(*store, center, text, calendar_zone, command_line_actor());
    if (!groups) fail(kExitFailure, import_path + ": " + groups.error().message);
    std::printf("Published %d groups to the kiosks of %s; they arrive at each kiosk's next sync.\n", *groups,
                center.c_str());
    return 0;
  }
  if (settings_set->parsed()) {
    auto value = porchlight::sync::parse_json_limited(setting_value);
    if (!value) fail(kExitUsage, "the value must be JSON (a string needs quotes: '\"Harbor Light\"')");
    auto store = open_store(storage);
    const auto center_id = expect(store->ensure_center(center));
    expect(store->publish(center_id, "setting", setting_key, nlohmann::json{{"value", *value}},
                          hub::HubAuditNote{command_line_actor(), "settings.set", center,
                                            setting_key + " = " + value->dump().substr(0, 500)}));
    std::printf("Set %s for %s; its kiosks receive it at their next sync.\n", setting_key.c_str(), center.c_str());
    return 0;
  }
  if (audit_verify->parsed()) {
    auto store = open_store(storage);
    const auto verification = expect(store->verify_audit());
    if (!verification.intact) fail(kExitFailure, "the audit log is broken: " + verification.problem);
    std::printf("The audit log is intact: %lld %s; the last one's hash is %s\n",
                static_cast<long long>(verification.entries), verification.entries == 1 ? "entry" : "entries",
                verification.head_hash.c_str());
    return 0;
  }
  if (audit->parsed()) {
    auto store = open_store(storage);
    const auto entries = expect(store->recent_audit(audit_limit));
    if (entries.empty()) std::printf("The audit log is empty.\n");
    for (const auto& entry : entries) {
      std::printf("%6lld  %s  %-28s %-22s %s%s%s\n", static_cast<long long>(entry.seq), utc_time(entry.at).c_str(),
                  entry.actor.c_str(), entry.action.c_str(), entry.subject.c_str(), entry.detail.empty() ? "" : "  ",
                  entry.detail.c_str());
    }
    return 0;
  }
  return kExitUsage;
}
