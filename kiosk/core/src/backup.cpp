#include "porchlight/core/backup.hpp"

#include <sqlite3.h>
#include <sys/stat.h>

#include <ctime>
#include <memory>
#include <system_error>


namespace porchlight::core {

namespace {

// Pages per backup step: small enough that a writer waits only milliseconds for the lock, large enough that a
// database of a few hundred megabytes is copied in a few seconds.
constexpr int kPagesPerStep = 256;
constexpr int kBusyWaitMs = 25;
constexpr int kGiveUpAfterBusySteps = 4000;  // ~100 s of a writer never letting go

struct ConnectionCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Connection = std::unique_ptr<sqlite3, ConnectionCloser>;

Result<Connection> open_connection(const std::filesystem::path& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Connection db(raw);
  if (rc != SQLITE_OK) {
    return make_error(path.string() + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  if (const int busy = sqlite3_busy_timeout(db.get(), 5000); busy != SQLITE_OK) {
    return make_error(path.string() + ": " + sqlite3_errstr(busy));
  }
  return db;
}

// Copies every page of `from` into `to`, stepping so other connections get their turn.
Result<std::int64_t> copy_pages(sqlite3* from, sqlite3* to, const std::string& what) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (!backup) return make_error(what + ": " + sqlite3_errmsg(to));
  int rc = SQLITE_OK;
  int busy_steps = 0;
  do {
    rc = sqlite3_backup_step(backup, kPagesPerStep);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      if (++busy_steps > kGiveUpAfterBusySteps) break;
      sqlite3_sleep(kBusyWaitMs);
    }
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  const std::int64_t pages = sqlite3_backup_pagecount(backup);
  const int finished = sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    const int primary = rc & 0xff;
    const bool damaged = primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT;
    return make_error(damaged ? ErrorKind::damaged : ErrorKind::other, what + ": " + sqlite3_errstr(rc));
  }
  if (finished != SQLITE_OK) return make_error(what + ": " + sqlite3_errmsg(to));
  return pages;
}

Result<std::vector<std::string>> single_column(sqlite3* db, const char* sql) {
  sqlite3_stmt* raw = nullptr;
  if (const int rc = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr); rc != SQLITE_OK) {
    return make_error(std::string("reading the backup: ") + sqlite3_errmsg(db));
  }
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw, sqlite3_finalize);
  std::vector<std::string> values;
  for (;;) {
    const int rc = sqlite3_step(statement.get());
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) return make_error(std::string("reading the backup: ") + sqlite3_errmsg(db));
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 0));
    values.emplace_back(text ? text : "");
  }
  return values;
}

Result<BackupCheck> check_connection(sqlite3* db, const BackupKind& kind) {
  BackupCheck check;
  // The first read tells whether it is a database at all.
  auto tables = single_column(db, "SELECT name FROM sqlite_schema WHERE type = 'table'");
  if (!tables) {
    check.problems.push_back("it is not a SQLite database (" + tables.error().message + ")");
    return check;
  }
  PL_TRY_ASSIGN(version, single_column(db, "PRAGMA user_version"));
  check.schema_version = version.empty() ? 0 : std::atoi(version.front().c_str());
  if (kind.newest_schema_version && check.schema_version > *kind.newest_schema_version) {
    check.problems.push_back("it was written by a newer Porchlight (schema version " +
                             std::to_string(check.schema_version) + "; this program knows up to " +
                             std::to_string(*kind.newest_schema_version) + ")");
  }
  std::string missing;
  std::size_t missing_count = 0;
  for (const auto& table : kind.required_tables) {
    bool found = false;
    for (const auto& name : tables.value()) found = found || name == table;
    if (found) continue;
    missing += (missing.empty() ? "" : ", ") + table;
    ++missing_count;
  }
  if (missing_count > 0) {
    check.problems.push_back("it has no " + missing + (missing_count == 1 ? " table" : " tables") +
                             " (is it a backup of this kind of database?)");
  }
  // A file damaged badly enough fails the check itself ("malformed"): that is a finding too, not an error.
  auto integrity = single_column(db, "PRAGMA integrity_check");
  if (!integrity) {
    check.problems.push_back("damaged: " + integrity.error().message);
    return check;
  }
  for (const auto& line : integrity.value()) {
    if (line != "ok") check.problems.push_back("damaged: " + line);
  }
  auto references = single_column(db, "PRAGMA foreign_key_check");
  if (!references) {
    check.problems.push_back("damaged: " + references.error().message);
  } else if (!references->empty()) {
    check.problems.push_back("broken references in table " + references->front());
  }
  return check;
}

// A damaged database is what a restore is for, but SQLite cannot copy it: the file itself is kept under `kept`
// (a hard link), and the backup is copied to a new file that is renamed over it, so a program that opens the
// database meanwhile (the kiosk's out-of-service retry) finds the damaged file or the restored one, never a missing
// or half-copied one. Its -wal and -shm go aside first: a WAL must never be replayed onto the restored file.
Result<BackupCheck> replace_damaged(const std::filesystem::path& backup, const std::filesystem::path& database,
                                    const std::filesystem::path& kept, const BackupCheck& check) {
  std::error_code error;
  const std::filesystem::path restoring = database.string() + ".restoring";
  std::filesystem::remove(restoring, error);
  {
    PL_TRY_ASSIGN(from, open_connection(backup, SQLITE_OPEN_READONLY));
    const mode_t previous_mask = ::umask(077);
    auto opened = open_connection(restoring, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ::umask(previous_mask);
    if (!opened) return opened.error();
    auto copied = copy_pages(from.get(), opened.value().get(), "restoring " + backup.string());
    if (!copied) {
      opened.value().reset();
      std::filesystem::remove(restoring, error);
      return copied.error();
    }
  }
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(kept.string() + suffix, error);
  for (const char* suffix : {"-wal", "-shm", "-journal"}) {
    const std::filesystem::path from = database.string() + suffix;
    if (!std::filesystem::exists(from, error)) continue;
    std::filesystem::rename(from, kept.string() + suffix, error);
    if (error) {
      return make_error(from.string() + " could not be moved aside: " + error.message() + ". Nothing was restored.");
    }
  }
  std::filesystem::create_hard_link(database, kept, error);
  if (error) {
    return make_error(database.string() + " could not be kept as " + kept.string() + ": " + error.message() +
                      ". Nothing was restored.");
  }
  std::filesystem::rename(restoring, database, error);
  if (error) return make_error(database.string() + ": " + error.message() + ". Nothing was restored.");
  return check;
}

std::string joined(const std::vector<std::string>& problems) {
  std::string text;
  for (const auto& problem : problems) text += (text.empty() ? "" : "; ") + problem;
  return text;
}

}  // namespace

Result<BackupSummary> backup_database(const std::filesystem::path& source, const std::filesystem::path& destination,
                                      bool overwrite) {
  std::error_code error;
  if (!std::filesystem::exists(source, error)) return make_error(source.string() + ": no such database");
  if (!overwrite && std::filesystem::exists(destination, error)) {
    return make_error(destination.string() + " already exists (choose another name, or --force to replace it)");
  }
  const std::filesystem::path partial = destination.string() + ".partial";
  std::filesystem::remove(partial, error);
  BackupSummary summary;
  {
    PL_TRY_ASSIGN(from, open_connection(source, SQLITE_OPEN_READONLY));
    // Created readable by its owner only: a backup holds everything the database does.
    const mode_t previous_mask = ::umask(077);
    auto opened = open_connection(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ::umask(previous_mask);
    if (!opened) return opened.error();
    Connection to = std::move(opened.value());
    auto copied = copy_pages(from.get(), to.get(), "backing up " + source.string());
    if (copied) {
      // A backup is one self-contained file: no WAL beside it.
      if (sqlite3_exec(to.get(), "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr) != SQLITE_OK) {
        copied = make_error("backup: " + std::string(sqlite3_errmsg(to.get())));
      }
    }
    if (!copied) {
      to.reset();
      std::filesystem::remove(partial, error);
      return copied.error();
    }
    summary.pages = copied.value();
    auto check = check_connection(to.get(), BackupKind{});
    if (!check || !check->problems.empty()) {
      to.reset();
      std::filesystem::remove(partial, error);
      return make_error("the backup did not check out: " + (check ? joined(check->problems) : check.error().message));
    }
  }
  if (::chmod(partial.c_str(), 0600) != 0) return make_error(partial.string() + ": could not limit it to its owner");
  std::filesystem::rename(partial, destination, error);
  if (error) return make_error(destination.string() + ": " + error.message());
  summary.bytes = static_cast<std::int64_t>(std::filesystem::file_size(destination, error));
  return summary;
}

Result<BackupCheck> check_backup(const std::filesystem::path& file, const BackupKind& kind) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) return make_error(file.string() + ": no such file");
  PL_TRY_ASSIGN(db, open_connection(file, SQLITE_OPEN_READONLY));
  return check_connection(db.get(), kind);
}

Result<BackupCheck> restore_database(const std::filesystem::path& backup, const std::filesystem::path& database,
                                     const BackupKind& kind) {
  PL_TRY_ASSIGN(check, check_backup(backup, kind));
  if (!check.problems.empty()) {
    return make_error(backup.string() + " was not restored: " + joined(check.problems) + ". Nothing was changed.");
  }
  std::error_code error;
  if (std::filesystem::exists(database, error)) {
    const std::filesystem::path kept = database.string() + ".before-restore";
    auto kept_copy = backup_database(database, kept, true);
    if (!kept_copy && kept_copy.error().kind == ErrorKind::damaged) {
      return replace_damaged(backup, database, kept, check);
    }
    if (!kept_copy) return kept_copy.error();
  }
  {
    PL_TRY_ASSIGN(from, open_connection(backup, SQLITE_OPEN_READONLY));
    const mode_t previous_mask = ::umask(077);
    auto opened = open_connection(database, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ::umask(previous_mask);
    if (!opened) return opened.error();
    PL_TRY(copy_pages(from.get(), opened.value().get(), "restoring " + backup.string()));
    // The copy arrives with the backup's journal mode; the program's own opening turns WAL on again.
  }
  return check;
}

std::filesystem::path upgrade_backup_path(const std::filesystem::path& folder, const std::filesystem::path& database,
                                          std::int64_t schema_version) {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  char stamp[32] = "unknown-time";
  if (::gmtime_r(&now, &parts)) std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &parts);
  return folder / (database.stem().string() + "-schema" + std::to_string(schema_version) + "-" + stamp + ".db");
}

}  // namespace porchlight::core
