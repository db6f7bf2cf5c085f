// The pool and transaction shared by both engines.
#include <condition_variable>
#include <functional>
#include <mutex>

#include "porchlight/hub/sql.hpp"
#include "sql_engines.hpp"

namespace porchlight::hub {

SqlPool::Lease::~Lease() {
  if (pool_ && session_) pool_->give_back(std::move(session_));
}

namespace {

// Makes connections on demand up to `size`, and hands back idle ones first. A connection that broke (the server
// restarted) is dropped on return, so the next request gets a fresh one.
class GenericPool final : public SqlPool {
 public:
  using Factory = std::function<Result<std::unique_ptr<SqlSession>>()>;
  GenericPool(Dialect dialect, int size, Factory factory) : dialect_(dialect), size_(size), factory_(std::move(factory)) {}

  Result<Lease> acquire() override {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !idle_.empty() || open_ < size_; });
    if (!idle_.empty()) {
      auto session = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(session));
    }
    ++open_;
    lock.unlock();
    auto made = factory_();
    if (!made) {
      std::lock_guard relock(mutex_);
      --open_;
      available_.notify_one();
      return made.error();
    }
    return Lease(this, std::move(made.value()));
  }

  Dialect dialect() const override { return dialect_; }

  // Opens the first connection now, so a wrong path or URL is reported at start-up.
  Result<void> warm_up() {
    PL_TRY_ASSIGN(lease, acquire());
    return {};
  }

 protected:
  void give_back(std::unique_ptr<SqlSession> session) override {
    std::lock_guard lock(mutex_);
    if (session->healthy()) {
      idle_.push_back(std::move(session));
    } else {
      --open_;
    }
    available_.notify_one();
  }

 private:
  Dialect dialect_;
  int size_;
  Factory factory_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<SqlSession>> idle_;
  int open_ = 0;
};

}  // namespace

Result<std::unique_ptr<SqlPool>> open_sqlite_pool(const std::string& path) {
  // One connection: SQLite allows one writer at a time, and a single connection never sees "database is locked".
  auto pool = std::make_unique<GenericPool>(Dialect::SQLite, 1, [path] { return make_sqlite_session(path); });
  PL_TRY(pool->warm_up());
  return std::unique_ptr<SqlPool>(std::move(pool));
}

Result<std::unique_ptr<SqlPool>> open_postgres_pool(const std::string& conninfo, int size) {
  auto pool = std::make_unique<GenericPool>(Dialect::PostgreSQL, std::max(1, size),
                                            [conninfo] { return make_postgres_session(conninfo); });
  PL_TRY(pool->warm_up());
  return std::unique_ptr<SqlPool>(std::move(pool));
}

Result<SqlTransaction> SqlTransaction::begin(SqlSession& session) {
  PL_TRY(session.begin());
  return SqlTransaction(session);
}

SqlTransaction::~SqlTransaction() {
  if (session_) session_->rollback();
}

Result<void> SqlTransaction::commit() {
  if (!session_) return make_error("the transaction has already ended");
  SqlSession* session = session_;
  session_ = nullptr;
  auto committed = session->commit();
  if (!committed) session->rollback();
  return committed;
}

std::int64_t as_int(const std::optional<std::string>& cell, std::int64_t fallback) {
  if (!cell || cell->empty()) return fallback;
  return std::strtoll(cell->c_str(), nullptr, 10);
}

std::string as_text(const std::optional<std::string>& cell) { return cell ? *cell : std::string(); }

}  // namespace porchlight::hub
