#pragma once
// The hub's two storage engines behind one small interface: SQLite (the embedded default) and PostgreSQL (for a
// network of centers). The hub's logic (hub_store.cpp) is written once against this; statements use PostgreSQL's
// $1, $2 placeholders and the SQLite session rewrites them to ?1, ?2.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "porchlight/result.hpp"

namespace porchlight::hub {

enum class Dialect { SQLite, PostgreSQL };

using SqlValue = std::variant<std::monostate, std::int64_t, std::string>;
using SqlRow = std::vector<std::optional<std::string>>;

struct SqlResult {
  std::vector<SqlRow> rows;
  std::int64_t affected = 0;  // rows changed by INSERT/UPDATE/DELETE
};

// One connection. Not shared between threads: the pool hands each request its own.
class SqlSession {
 public:
  virtual ~SqlSession() = default;
  virtual Dialect dialect() const = 0;
  virtual Result<SqlResult> run(std::string_view sql, std::span<const SqlValue> params = {}) = 0;
  // Runs several statements without parameters (the schema).
  virtual Result<void> run_script(std::string_view sql) = 0;
  // BEGIN (SQLite: IMMEDIATE, so writers queue instead of failing), COMMIT, ROLLBACK.
  virtual Result<void> begin() = 0;
  virtual Result<void> commit() = 0;
  virtual void rollback() = 0;
  // Whether the connection is still usable (PostgreSQL: the server may have gone away).
  virtual bool healthy() = 0;
};

// Connections for request threads. acquire() waits for a free one; the lease gives it back when it ends.
class SqlPool {
 public:
  class Lease {
   public:
    Lease(SqlPool* pool, std::unique_ptr<SqlSession> session) : pool_(pool), session_(std::move(session)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    SqlSession& operator*() { return *session_; }
    SqlSession* operator->() { return session_.get(); }

   private:
    SqlPool* pool_;
    std::unique_ptr<SqlSession> session_;
  };

  virtual ~SqlPool() = default;
  virtual Result<Lease> acquire() = 0;
  virtual Dialect dialect() const = 0;

 protected:
  friend class Lease;
  virtual void give_back(std::unique_ptr<SqlSession> session) = 0;
};

// SQLite: one file, one connection shared under a lock (SQLite writes one at a time anyway).
Result<std::unique_ptr<SqlPool>> open_sqlite_pool(const std::string& path);
// PostgreSQL: up to `size` connections made on demand from a libpq connection string or URL.
Result<std::unique_ptr<SqlPool>> open_postgres_pool(const std::string& conninfo, int size);

// Commits unless told otherwise; rolls back when it goes out of scope uncommitted.
class SqlTransaction {
 public:
  static Result<SqlTransaction> begin(SqlSession& session);
  SqlTransaction(SqlTransaction&& other) noexcept : session_(other.session_) { other.session_ = nullptr; }
  SqlTransaction& operator=(SqlTransaction&&) = delete;
  ~SqlTransaction();
  Result<void> commit();

 private:
  explicit SqlTransaction(SqlSession& session) : session_(&session) {}
  SqlSession* session_;
};

// Convenience readers of a row's text.
std::int64_t as_int(const std::optional<std::string>& cell, std::int64_t fallback = 0);
std::string as_text(const std::optional<std::string>& cell);

}  // namespace porchlight::hub
