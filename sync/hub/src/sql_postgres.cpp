// The PostgreSQL engine (libpq): text parameters and results, one connection per session.
#include <libpq-fe.h>

#include <cstdlib>

#include "sql_engines.hpp"

namespace porchlight::hub {

namespace {

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

std::string trimmed(const char* message) {
  std::string text = message ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

class PostgresSession final : public SqlSession {
 public:
  explicit PostgresSession(PGconn* connection) : connection_(connection) {}
  ~PostgresSession() override { PQfinish(connection_); }

  Dialect dialect() const override { return Dialect::PostgreSQL; }

  Result<SqlResult> run(std::string_view sql, std::span<const SqlValue> params) override {
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (const auto* number = std::get_if<std::int64_t>(&params[i])) {
        texts[i] = std::to_string(*number);
        values[i] = texts[i].c_str();
      } else if (const auto* text = std::get_if<std::string>(&params[i])) {
        values[i] = text->c_str();
      }
    }
    const std::string text(sql);
    PgResult result(PQexecParams(connection_, text.c_str(), static_cast<int>(params.size()), nullptr, values.data(),
                                 nullptr, nullptr, 0));
    const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      return make_error("the hub database (PostgreSQL): " +
                        trimmed(result ? PQresultErrorMessage(result.get()) : PQerrorMessage(connection_)));
    }
    SqlResult out;
    const int rows = PQntuples(result.get());
    const int columns = PQnfields(result.get());
    out.rows.reserve(static_cast<std::size_t>(rows));
    for (int r = 0; r < rows; ++r) {
      SqlRow row(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (!PQgetisnull(result.get(), r, c)) {
          row[static_cast<std::size_t>(c)] =
              std::string(PQgetvalue(result.get(), r, c), static_cast<std::size_t>(PQgetlength(result.get(), r, c)));
        }
      }
      out.rows.push_back(std::move(row));
    }
    const char* affected = PQcmdTuples(result.get());
    out.affected = affected && *affected ? std::strtoll(affected, nullptr, 10) : 0;
    return out;
  }

  Result<void> run_script(std::string_view sql) override {
    const std::string text(sql);
    PgResult result(PQexec(connection_, text.c_str()));
    const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      return make_error("the hub database (PostgreSQL): " +
                        trimmed(result ? PQresultErrorMessage(result.get()) : PQerrorMessage(connection_)));
    }
    return {};
  }

  Result<void> begin() override { return run_script("BEGIN"); }
  Result<void> commit() override { return run_script("COMMIT"); }
  void rollback() override {
    if (PQtransactionStatus(connection_) != PQTRANS_IDLE) (void)run_script("ROLLBACK");
  }
  bool healthy() override { return PQstatus(connection_) == CONNECTION_OK; }

 private:
  PGconn* connection_;
};

}  // namespace

Result<std::unique_ptr<SqlSession>> make_postgres_session(const std::string& conninfo) {
  PGconn* connection = PQconnectdb(conninfo.c_str());
  if (!connection) return make_error("cannot reach PostgreSQL: out of memory");
  if (PQstatus(connection) != CONNECTION_OK) {
    std::string why = trimmed(PQerrorMessage(connection));
    PQfinish(connection);
    return make_error("cannot reach PostgreSQL: " + why);
  }
  auto session = std::make_unique<PostgresSession>(connection);
  // Hub notices ("relation already exists, skipping") are not errors and do not belong on stderr.
  PL_TRY(session->run_script("SET client_min_messages TO warning"));
  return std::unique_ptr<SqlSession>(std::move(session));
}

}  // namespace porchlight::hub
