#pragma once
// A thin, checked layer over SQLite: one connection, statements prepared once and reused,
// every sqlite3_* result turned into an Error the caller can show.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "porchlight/core/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace porchlight::core {

class Database;

// A cached prepared statement borrowed for one use. Bind errors are remembered and reported by the
// first step(), so a chain of binds stays readable while no result goes unchecked.
// Going out of scope resets the statement and clears its bindings for the next user.
class Query {
 public:
  Query(Query&& other) noexcept;
  Query& operator=(Query&&) = delete;
  Query(const Query&) = delete;
  ~Query();

  Query& bind(int index, std::int64_t value);
  Query& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Query& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
  Query& bind(int index, double value);
  Query& bind(int index, std::string_view text);
  Query& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Query& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Query& bind(int index, std::nullopt_t);
  template <class T>
  Query& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, std::nullopt);
  }

  // Advances one row: true when a row is ready to read, false when done.
  Result<bool> step();
  // Reads every remaining row into a vector, each element made by `read(*this)`.
  template <class Read>
  auto collect(Read read) -> Result<std::vector<decltype(read(std::declval<const Query&>()))>> {
    std::vector<decltype(read(std::declval<const Query&>()))> items;
    for (;;) {
      auto has_row = step();
      if (!has_row) return has_row.error();
      if (!*has_row) return items;
      items.push_back(read(static_cast<const Query&>(*this)));
    }
  }
  // Runs a statement that returns no rows (INSERT/UPDATE/DELETE).
  Result<void> run();
  // Reads the single value of a one-row query (COUNT(*) and the like); an error when there is no row.
  Result<std::int64_t> single_int();

  std::int64_t integer(int column) const;
  double real(int column) const;
  std::string text(int column) const;
  std::optional<std::string> optional_text(int column) const;
  std::optional<std::int64_t> optional_integer(int column) const;
  bool is_null(int column) const;

  // Makes the statement ready to bind and run again (loops that reuse one query).
  void reset();

  // Rows changed by the last run().
  std::int64_t changes() const;

 private:
  friend class Database;
  Query(Database& database, sqlite3_stmt* statement);
  Query& note_bind(int rc, int index);

  Database* database_;
  sqlite3_stmt* statement_;
  std::string bind_error_;
};

// BEGIN IMMEDIATE (or a savepoint inside an outer transaction); rolls back on destruction unless
// commit() succeeded.
class Transaction {
 public:
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  ~Transaction();

  Result<void> commit();

 private:
  friend class Database;
  Transaction(Database& database, bool nested) : database_(&database), nested_(nested) {}
  Database* database_;
  bool nested_;
  bool open_ = true;
};

struct OpenOptions {
  bool create_if_missing = true;
  // Apply migrations up to this version only (tests build earlier schemas with it); nullopt = latest.
  std::optional<int> migrate_to;
  int busy_timeout_ms = 5000;
};

class Database {
 public:
  // Opens (or creates) the file, switches on WAL, synchronous=FULL and foreign keys, and migrates.
  // ":memory:" opens a private in-memory database.
  static Result<std::unique_ptr<Database>> open(const std::filesystem::path& path, const OpenOptions& options = {});
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // A cached statement for this SQL text (prepared on first use).
  Result<Query> query(std::string_view sql);
  // Runs one or more statements without results (schema, pragmas).
  Result<void> exec(std::string_view sql);
  Result<Transaction> begin();

  int schema_version() const { return schema_version_; }
  std::string last_error_message() const;
  sqlite3* handle() { return db_; }
  const std::filesystem::path& path() const { return path_; }

  // PRAGMA integrity_check and foreign_key_check; the list of problems, empty when sound.
  Result<std::vector<std::string>> check_integrity();

 private:
  Database(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}
  Result<void> configure(const OpenOptions& options);
  Result<void> migrate(std::optional<int> target);

  sqlite3* db_;
  std::filesystem::path path_;
  int schema_version_ = 0;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
  friend class Query;
  friend class Transaction;
};

// The migrations in order; index i brings the schema from version i to version i+1.
int latest_schema_version();

}  // namespace porchlight::core
