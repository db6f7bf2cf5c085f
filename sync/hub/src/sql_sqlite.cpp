// The SQLite engine: WAL, synchronous=FULL (an acknowledged batch survives a power cut), statements cached.
#include <sqlite3.h>

#include <map>

#include "porchlight/private_file.hpp"
#include "sql_engines.hpp"

namespace porchlight::hub {

namespace {

// "$1" -> "?1" outside string literals, so one statement text serves both engines.
std::string to_sqlite_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  bool in_string = false;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'') in_string = !in_string;
    if (!in_string && c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out += '?';
    } else {
      out += c;
    }
  }
  return out;
}

class SqliteSession final : public SqlSession {
 public:
  explicit SqliteSession(sqlite3* db) : db_(db) {}
  ~SqliteSession() override {
    for (auto& [text, statement] : statements_) sqlite3_finalize(statement);
    sqlite3_close(db_);
  }

  Dialect dialect() const override { return Dialect::SQLite; }

  Result<SqlResult> run(std::string_view sql, std::span<const SqlValue> params) override {
    PL_TRY_ASSIGN(statement, prepare(sql));
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int index = static_cast<int>(i + 1);
      int rc = SQLITE_OK;
      if (const auto* number = std::get_if<std::int64_t>(&params[i])) {
        rc = sqlite3_bind_int64(statement, index, *number);
      } else if (const auto* text = std::get_if<std::string>(&params[i])) {
        rc = sqlite3_bind_text(statement, index, text->data(), static_cast<int>(text->size()), SQLITE_TRANSIENT);
      } else {
        rc = sqlite3_bind_null(statement, index);
      }
      if (rc != SQLITE_OK) return failure("binding a value");
    }
    SqlResult result;
    const int columns = sqlite3_column_count(statement);
    for (;;) {
      const int rc = sqlite3_step(statement);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        auto error = failure("running a statement");
        sqlite3_reset(statement);
        return error;
      }
      SqlRow row(static_cast<std::size_t>(columns));
      for (int column = 0; column < columns; ++column) {
        if (sqlite3_column_type(statement, column) == SQLITE_NULL) continue;
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
        row[static_cast<std::size_t>(column)] = std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, column)));
      }
      result.rows.push_back(std::move(row));
    }
    result.affected = sqlite3_changes64(db_);
    sqlite3_reset(statement);
    return result;
  }

  Result<void> run_script(std::string_view sql) override {
    char* message = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string why = message ? message : sqlite3_errmsg(db_);
      sqlite3_free(message);
      return make_error("the hub database: " + why);
    }
    return {};
  }

  Result<void> begin() override { return run_script("BEGIN IMMEDIATE"); }
  Result<void> commit() override { return run_script("COMMIT"); }
  void rollback() override {
    if (!sqlite3_get_autocommit(db_)) (void)run_script("ROLLBACK");
  }
  bool healthy() override { return true; }

 private:
  Error failure(const char* doing) const { return make_error(std::string("the hub database, ") + doing + ": " + sqlite3_errmsg(db_)); }

  Result<sqlite3_stmt*> prepare(std::string_view sql) {
    const std::string key(sql);
    if (auto found = statements_.find(key); found != statements_.end()) return found->second;
    const std::string text = to_sqlite_placeholders(sql);
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(db_, text.c_str(), static_cast<int>(text.size()), SQLITE_PREPARE_PERSISTENT, &statement,
                           nullptr) != SQLITE_OK) {
      return failure("preparing a statement");
    }
    statements_.emplace(key, statement);
    return statement;
  }

  sqlite3* db_;
  std::map<std::string, sqlite3_stmt*, std::less<>> statements_;
};

}  // namespace

Result<std::unique_ptr<SqlSession>> make_sqlite_session(const std::string& path) {
  // Every center's records: owner only (the -wal and -shm files take the database file's mode).
  if (path != ":memory:" && !path.empty()) {
    if (auto prepared = prepare_private_database_file(path); !prepared) {
      return make_error("cannot open the hub database " + path + ": " + prepared.error().message);
    }
  }
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    std::string why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return make_error("cannot open the hub database " + path + ": " + why);
  }
  auto session = std::make_unique<SqliteSession>(db);
  sqlite3_busy_timeout(db, 5000);
  PL_TRY(session->run_script("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
                                     "PRAGMA secure_delete=ON;"));
  return std::unique_ptr<SqlSession>(std::move(session));
}

}  // namespace porchlight::hub
