#include "porchlight/core/database.hpp"

#include <sqlite3.h>

#include <cerrno>
#include <cstring>

#include "migrations.hpp"
#include "porchlight/core/backup.hpp"
#include "porchlight/private_file.hpp"

namespace porchlight::core {

namespace {

// SQLite says "disk I/O error" for a full disk as for a failing one; the extended code and the OS's errno tell
// staff which it is and what to do.
ErrorKind kind_of(sqlite3* db, int rc) {
  int extended = db ? sqlite3_extended_errcode(db) : rc;
  if ((extended & 0xff) != (rc & 0xff)) extended = rc;
  switch (extended & 0xff) {
    case SQLITE_FULL:
      return ErrorKind::disk_full;
    case SQLITE_IOERR: {
      // errno is only meaningful for the I/O that just failed, so it is read for an I/O error alone.
      const int system_errno = db ? sqlite3_system_errno(db) : 0;
      return system_errno == ENOSPC || system_errno == EDQUOT ? ErrorKind::disk_full : ErrorKind::io_error;
    }
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return ErrorKind::damaged;
    default:
      return ErrorKind::other;
  }
}

// Words for staff's terminals and the log; empty where SQLite's own are clear enough.
std::string plain_reason(sqlite3* db, int rc, ErrorKind kind) {
  if (kind == ErrorKind::disk_full) {
    return "the disk is full: free some space on it and try again (the records already saved are safe)";
  }
  if (kind == ErrorKind::io_error) {
    const int system_errno = db ? sqlite3_system_errno(db) : 0;
    std::string reason = "the file could not be read or written (";
    reason += system_errno != 0 ? std::strerror(system_errno) : sqlite3_errstr(rc);
    return reason + "): check the disk and the system log";
  }
  return {};
}

std::string describe(sqlite3* db, int rc, std::string_view what) {
  std::string message(what);
  message += ": ";
  if (auto plain = plain_reason(db, rc, kind_of(db, rc)); !plain.empty()) return message + plain;
  message += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  return message;
}

// A failed SQLite call as an error value: the message, and the kind a screen puts in words.
Error failure(sqlite3* db, int rc, std::string_view what) { return make_error(kind_of(db, rc), describe(db, rc, what)); }

}  // namespace

// ---- Query ------------------------------------------------------------------------------------

Query::Query(Database& database, sqlite3_stmt* statement) : database_(&database), statement_(statement) {}

Query::Query(Query&& other) noexcept
    : database_(other.database_), statement_(other.statement_), bind_error_(std::move(other.bind_error_)) {
  other.statement_ = nullptr;
}

Query::~Query() {
  if (statement_) {
    // Errors of the last step are reported by step() itself; reset only repeats them.
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }
}

void Query::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
  bind_error_.clear();
}

Query& Query::note_bind(int rc, int index) {
  if (rc != SQLITE_OK && bind_error_.empty()) {
    bind_error_ = describe(database_->db_, rc, "binding parameter " + std::to_string(index));
  }
  return *this;
}

Query& Query::bind(int index, std::int64_t value) {
  return note_bind(sqlite3_bind_int64(statement_, index, value), index);
}
Query& Query::bind(int index, double value) { return note_bind(sqlite3_bind_double(statement_, index, value), index); }
Query& Query::bind(int index, std::string_view text) {
  return note_bind(sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
                   index);
}
Query& Query::bind(int index, std::nullopt_t) { return note_bind(sqlite3_bind_null(statement_, index), index); }

Result<bool> Query::step() {
  if (!bind_error_.empty()) return make_error(bind_error_);
  const int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return failure(database_->db_, rc, "database");
}

Result<void> Query::run() {
  PL_TRY_ASSIGN(has_row, step());
  (void)has_row;  // a RETURNING-less write yields no row; a stray row is harmless
  return {};
}

Result<std::int64_t> Query::single_int() {
  PL_TRY_ASSIGN(has_row, step());
  if (!has_row) return make_error("database: the query returned no row");
  return integer(0);
}

std::int64_t Query::integer(int column) const { return sqlite3_column_int64(statement_, column); }
double Query::real(int column) const { return sqlite3_column_double(statement_, column); }
std::string Query::text(int column) const {
  const auto* bytes = sqlite3_column_text(statement_, column);
  const int size = sqlite3_column_bytes(statement_, column);
  return bytes ? std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size)) : std::string();
}
std::optional<std::string> Query::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}
std::optional<std::int64_t> Query::optional_integer(int column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}
bool Query::is_null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }
std::int64_t Query::changes() const { return sqlite3_changes64(database_->db_); }

// ---- Transaction ------------------------------------------------------------------------------

Transaction::Transaction(Transaction&& other) noexcept
    : database_(other.database_), nested_(other.nested_), open_(other.open_) {
  other.open_ = false;
}

Transaction::~Transaction() {
  if (open_) {
    // Nothing the caller can do about a failed rollback here; SQLite rolls back on close anyway.
    const char* undo = nested_ ? "ROLLBACK TO porchlight_nested; RELEASE porchlight_nested" : "ROLLBACK";
    sqlite3_exec(database_->db_, undo, nullptr, nullptr, nullptr);
  }
}

Result<void> Transaction::commit() {
  if (!open_) return make_error("database: transaction already finished");
  const char* finish = nested_ ? "RELEASE porchlight_nested" : "COMMIT";
  const int rc = sqlite3_exec(database_->db_, finish, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return failure(database_->db_, rc, "saving");
  open_ = false;
  return {};
}

// ---- Database ---------------------------------------------------------------------------------

Result<std::unique_ptr<Database>> Database::open(const std::filesystem::path& path, const OpenOptions& options) {
  const bool in_memory = path == ":memory:";
  if (!in_memory) {
    const auto parent = path.parent_path();
    std::error_code ec;
    if (!parent.empty() && !std::filesystem::is_directory(parent, ec)) {
      return make_error("database: the folder " + parent.string() + " does not exist");
    }
    if (!options.create_if_missing && !std::filesystem::exists(path, ec)) {
      return make_error("database: " + path.string() + " does not exist (run 'porchlight-admin init' first)");
    }
    // Participants' records: owner only, and so are the -wal and -shm files SQLite makes beside it.
    if (options.create_if_missing || std::filesystem::exists(path, ec)) {
      auto prepared = prepare_private_database_file(path);
      if (!prepared) return make_error(prepared.error().kind, "database: " + prepared.error().message);
    }
  }
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;
  if (options.create_if_missing) flags |= SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error error = failure(raw, rc, "opening " + path.string());
    sqlite3_close_v2(raw);
    return error;
  }
  std::unique_ptr<Database> db(new Database(raw, path));
  PL_TRY(db->configure(options));
  PL_TRY(db->migrate(options.migrate_to));
  return db;
}

Database::~Database() {
  for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
  sqlite3_close_v2(db_);
}

Result<void> Database::configure(const OpenOptions& options) {
  if (const int rc = sqlite3_busy_timeout(db_, options.busy_timeout_ms); rc != SQLITE_OK) {
    return failure(db_, rc, "setting the busy timeout");
  }
  if (const int rc = sqlite3_extended_result_codes(db_, 1); rc != SQLITE_OK) {
    return failure(db_, rc, "configuring the database");
  }
  // A file that is not a database shows up at the first read; name it plainly.
  // A full disk or a failing one shows up here too, and must not send staff to restore a sound file.
  if (auto probe = exec("SELECT count(*) FROM sqlite_schema"); !probe) {
    if (probe.error().kind == ErrorKind::damaged) {
      return make_error(ErrorKind::damaged, "database: " + path_.string() +
                                                " is damaged or not a Porchlight database (" + probe.error().message + ")");
    }
    return make_error(probe.error().kind, "database: cannot open " + path_.string() + ": " + probe.error().message);
  }
  // Refuse a newer schema before touching anything, the journal mode included.
  {
    PL_TRY_ASSIGN(version_query, query("PRAGMA user_version"));
    PL_TRY_ASSIGN(current, version_query.single_int());
    if (current > latest_schema_version()) {
      return make_error(ErrorKind::newer_schema, "database: " + path_.string() + " was written by a newer Porchlight (schema version " +
                        std::to_string(current) + ", this program knows up to " +
                        std::to_string(latest_schema_version()) + "); nothing was changed");
    }
  }
  // Nothing acknowledged may be lost: WAL with a full fsync at every commit.
  PL_TRY(exec("PRAGMA journal_mode=WAL"));
  PL_TRY(exec("PRAGMA synchronous=FULL"));
  PL_TRY(exec("PRAGMA foreign_keys=ON"));
  PL_TRY(exec("PRAGMA secure_delete=ON"));
  // A report reads a day's visits and their people by key; SQLite's default 2 MB cache re-reads most
  // pages of a large database from the OS. 16 MB keeps a busy month's working set (pages, not a reservation).
  PL_TRY(exec("PRAGMA cache_size=-16384"));
  return {};
}

Result<void> Database::exec(std::string_view sql) {
  char* message = nullptr;
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    const ErrorKind kind = kind_of(db_, rc);
    std::string reason = plain_reason(db_, rc, kind);
    if (reason.empty()) reason = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    return make_error(kind, "database: " + reason);
  }
  return {};
}

Result<Query> Database::query(std::string_view sql) {
  auto found = statements_.find(std::string(sql));
  if (found == statements_.end()) {
    sqlite3_stmt* statement = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &statement, nullptr);
    if (rc != SQLITE_OK) return failure(db_, rc, "preparing a query");
    found = statements_.emplace(std::string(sql), statement).first;
  }
  return Query(*this, found->second);
}

Result<Transaction> Database::begin() {
  // Inside an outer transaction (a bulk import, the demo generator) a savepoint nests; otherwise take the
  // write lock up front so a busy database waits here rather than failing half-way.
  const bool nested = sqlite3_get_autocommit(db_) == 0;
  const int rc =
      sqlite3_exec(db_, nested ? "SAVEPOINT porchlight_nested" : "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return failure(db_, rc, "starting a transaction");
  return Transaction(*this, nested);
}

std::string Database::last_error_message() const { return sqlite3_errmsg(db_); }

Result<std::vector<std::string>> Database::check_integrity() {
  std::vector<std::string> problems;
  {
    PL_TRY_ASSIGN(integrity, query("PRAGMA integrity_check"));
    for (;;) {
      PL_TRY_ASSIGN(has_row, integrity.step());
      if (!has_row) break;
      auto line = integrity.text(0);
      if (line != "ok") problems.push_back(std::move(line));
    }
  }
  {
    PL_TRY_ASSIGN(foreign, query("PRAGMA foreign_key_check"));
    for (;;) {
      PL_TRY_ASSIGN(has_row, foreign.step());
      if (!has_row) break;
      problems.push_back("broken reference in table " + foreign.text(0) + " row " + foreign.text(1) + " to " +
                         foreign.text(2));
    }
  }
  return problems;
}

Result<void> Database::migrate(std::optional<int> target) {
  PL_TRY_ASSIGN(version_query, query("PRAGMA user_version"));
  PL_TRY_ASSIGN(current, version_query.single_int());
  const int latest = latest_schema_version();
  const int goal = target.value_or(latest);
  if (goal < 0 || goal > latest) {
    return make_error("database: there is no schema version " + std::to_string(goal) + " (the latest is " +
                      std::to_string(latest) + ")");
  }
  const auto& steps = migration_steps();
  for (int version = static_cast<int>(current); version < goal; ++version) {
    PL_TRY_ASSIGN(transaction, begin());
    auto applied = exec(steps[static_cast<std::size_t>(version)]);
    if (!applied) {
      return make_error(applied.error().kind, "upgrading the database to version " + std::to_string(version + 1) +
                        " failed: " + applied.error().message);
    }
    PL_TRY(exec("PRAGMA user_version=" + std::to_string(version + 1)));
    PL_TRY(transaction.commit());
  }
  schema_version_ = std::max(goal, static_cast<int>(current));
  return {};
}

int latest_schema_version() { return static_cast<int>(migration_steps().size()); }

// Here, beside the schema version, so that the backup library (linked by the hub too) knows no kiosk schema.
BackupKind kiosk_backup_kind() {
  return {{"setting", "participant", "staff", "visit", "outbox", "audit"}, latest_schema_version()};
}

}  // namespace porchlight::core
