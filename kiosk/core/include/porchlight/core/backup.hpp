#pragma once
// Backups of a SQLite database file while its program runs, and restoring one only after it has been checked.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "porchlight/core/result.hpp"

namespace porchlight::core {

struct BackupSummary {
  std::int64_t pages = 0;
  std::int64_t bytes = 0;
};

// Copies the database at `source` to `destination` with SQLite's online backup API, a few hundred pages at a time,
// so the kiosk (or hub) writing to it meanwhile waits at most one step. The copy is checked, made readable by its
// owner only, and only then renamed into place: a backup that exists is whole. An existing `destination` is
// replaced only when `overwrite`.
Result<BackupSummary> backup_database(const std::filesystem::path& source, const std::filesystem::path& destination,
                                      bool overwrite = false);

// What a backup of one kind of database must look like.
struct BackupKind {
  std::vector<std::string> required_tables;
  std::optional<int> newest_schema_version;  // PRAGMA user_version above this: written by a newer program
};
// A kiosk database: its core tables, and a schema this program can open.
BackupKind kiosk_backup_kind();

struct BackupCheck {
  int schema_version = 0;
  std::vector<std::string> problems;  // empty: sound
};
// Opens `file` read-only and checks it: a SQLite database, integrity and references sound, the kind's tables
// present, and a schema version this program knows.
Result<BackupCheck> check_backup(const std::filesystem::path& file, const BackupKind& kind);

// Replaces the database at `database` with `backup` after check_backup passed: the current database is first kept
// beside it as `<database>.before-restore` (a damaged one, which SQLite cannot copy, is moved there as it is, with its
// -wal and -shm), then the backup is copied in with the backup API (atomic for other
// connections). Opening it afterwards the usual way brings an older schema up to date. Stop the program using the
// database first: it would keep what it had read.
Result<BackupCheck> restore_database(const std::filesystem::path& backup, const std::filesystem::path& database,
                                     const BackupKind& kind);

// Where an upgrade keeps the copy it makes before migrating: "<folder>/kiosk-schema5-20261124T080500Z.db", which
// file, which schema and when (UTC), so several upgrades' backups sit side by side in time order.
std::filesystem::path upgrade_backup_path(const std::filesystem::path& folder, const std::filesystem::path& database,
                                          std::int64_t schema_version);

}  // namespace porchlight::core
