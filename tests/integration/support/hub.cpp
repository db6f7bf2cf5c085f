#include "hub.hpp"

#include <libpq-fe.h>
#include <signal.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <stdexcept>

#include <doctest/doctest.h>

namespace porchlight::test {

namespace {

std::atomic<int> database_counter{0};

std::vector<std::string> sqlite_column(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open the hub database " + file.string());
  }
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    const std::string message = sqlite3_errmsg(db);
    sqlite3_close(db);
    throw std::runtime_error("hub query '" + sql + "': " + message);
  }
  std::vector<std::string> values;
  while (sqlite3_step(statement) == SQLITE_ROW) {
    const auto* text = sqlite3_column_text(statement, 0);
    values.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return values;
}

void sqlite_execute(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open the hub database " + file.string());
  }
  sqlite3_busy_timeout(db, 5000);
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  const std::string why = message ? message : "";
  sqlite3_free(message);
  sqlite3_close(db);
  if (rc != SQLITE_OK) throw std::runtime_error("hub SQL '" + sql + "': " + why);
}

std::vector<std::string> postgres_column(const std::string& url, const std::string& sql) {
  PGconn* connection = PQconnectdb(url.c_str());
  if (PQstatus(connection) != CONNECTION_OK) {
    const std::string message = PQerrorMessage(connection);
    PQfinish(connection);
    throw std::runtime_error("cannot reach PostgreSQL: " + message);
  }
  PGresult* result = PQexec(connection, sql.c_str());
  const auto status = PQresultStatus(result);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    const std::string message = PQresultErrorMessage(result);
    PQclear(result);
    PQfinish(connection);
    throw std::runtime_error("PostgreSQL '" + sql + "': " + message);
  }
  std::vector<std::string> values;
  for (int row = 0; row < PQntuples(result); ++row) values.emplace_back(PQgetvalue(result, row, 0));
  PQclear(result);
  PQfinish(connection);
  return values;
}

// "postgresql://user@host:port/dbname?x" with the database name swapped.
std::string with_database(const std::string& url, const std::string& database) {
  const auto scheme = url.find("://");
  const auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  const auto query = url.find('?');
  std::string base = slash == std::string::npos ? url.substr(0, query) : url.substr(0, slash);
  return base + "/" + database + (query == std::string::npos ? "" : url.substr(query));
}

}  // namespace

std::string hub_binary() { return PORCHLIGHT_HUB_BINARY; }

HubStorage::HubStorage(const TempDir& dir) {
  const char* postgres = std::getenv("PORCHLIGHT_TEST_POSTGRES");
  if (!postgres || !*postgres) {
    sqlite_file_ = dir / "hub.db";
    return;
  }
  postgres_admin_url_ = postgres;
  database_name_ = "porchlight_test_" + std::to_string(::getpid()) + "_" + std::to_string(database_counter++);
  postgres_column(postgres_admin_url_, "CREATE DATABASE " + database_name_);
  postgres_url_ = with_database(postgres_admin_url_, database_name_);
}

HubStorage::~HubStorage() {
  if (postgres_url_.empty()) return;
  try {
    postgres_column(postgres_admin_url_, "DROP DATABASE IF EXISTS " + database_name_ + " WITH (FORCE)");
  } catch (const std::exception&) {
    // Left behind for the server's own cleanup; a test must not fail on its way out.
  }
}

std::vector<std::string> HubStorage::args() const {
  if (postgres()) return {"--postgres", postgres_url_};
  return {"--db", sqlite_file_.string()};
}

long long HubStorage::count(const std::string& sql) const {
  const auto values = column(sql);
  return values.empty() ? 0 : std::atoll(values.front().c_str());
}

std::vector<std::string> HubStorage::column(const std::string& sql) const {
  return postgres() ? postgres_column(postgres_url_, sql) : sqlite_column(sqlite_file_, sql);
}

void HubStorage::execute(const std::string& sql) const {
  if (postgres()) {
    postgres_column(postgres_url_, sql);
  } else {
    sqlite_execute(sqlite_file_, sql);
  }
}

Hub::Hub(const HubStorage& storage) : storage_(storage) {}

Hub::~Hub() {
  // The log went to a file rather than the test's own stderr; it is shown there still, for failures.
  process_.reset();
  const std::string text = log();
  if (!text.empty()) std::cerr << text;
}

void Hub::use_tls(std::filesystem::path certificate, std::filesystem::path private_key) {
  tls_certificate_ = std::move(certificate);
  tls_private_key_ = std::move(private_key);
}

void Hub::start() {
  REQUIRE_FALSE(running());
  std::vector<std::string> argv{hub_binary()};
  for (const auto& arg : storage_.args()) argv.push_back(arg);
  if (!log_level_.empty()) {
    argv.push_back("--log-level");
    argv.push_back(log_level_);
  }
  for (const auto& arg : {"serve", "--listen"}) argv.emplace_back(arg);
  argv.push_back("127.0.0.1:" + std::to_string(port_));  // 0 the first time: any free port
  if (!tls_certificate_.empty()) {
    for (const auto& arg : {std::string("--tls-cert"), tls_certificate_.string(), std::string("--tls-key"),
                            tls_private_key_.string()}) {
      argv.push_back(arg);
    }
  }
  const std::size_t logged_before = log().size();
  process_ = std::make_unique<ChildProcess>(argv, EnvChanges{}, log_file_);
  // "porchlight-hub: listening on http://127.0.0.1:PORT (SQLite)", on stderr as the first info line of the log.
  const std::string expected = tls_certificate_.empty() ? "listening on http://127.0.0.1:" : "listening on https://127.0.0.1:";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  std::optional<std::string> line;
  while (!line && std::chrono::steady_clock::now() < deadline && !process_->ended()) {
    const std::string text = log();
    const auto at = text.find(expected, logged_before);
    const auto end = at == std::string::npos ? std::string::npos : text.find('\n', at);
    if (end != std::string::npos) {
      line = text.substr(at, end - at);
    } else {
      (void)process_->read_line(std::chrono::steady_clock::now() + std::chrono::milliseconds(20));  // a short wait
    }
  }
  REQUIRE_MESSAGE(line.has_value(), "porchlight-hub did not start: " << log().substr(std::min(logged_before, log().size())));
  const auto colon = line->find(':', expected.size() - 1);
  port_ = std::atoi(line->c_str() + colon + 1);
  REQUIRE(port_ > 0);
}

void Hub::kill() {
  if (!process_) return;
  process_->kill_and_drain();
  process_.reset();
}

int Hub::stop() {
  REQUIRE(running());
  ::kill(process_->pid(), SIGTERM);
  // Nothing comes on stdout: the pipe ends when the hub exits, and read_line then reaps it.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!process_->ended() && std::chrono::steady_clock::now() < deadline) (void)process_->read_line(deadline);
  REQUIRE_MESSAGE(process_->ended(), "porchlight-hub did not stop on SIGTERM");
  const int code = process_->exit_code();
  process_.reset();
  return code;
}

ProcessResult Hub::run(const std::vector<std::string>& args) const {
  std::vector<std::string> argv{hub_binary()};
  for (const auto& arg : storage_.args()) argv.push_back(arg);
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv);
}

std::string Hub::enrollment_code(const std::string& center) const {
  const auto result = run({"enroll", "--center", center});
  INFO("stderr: " << result.err);
  REQUIRE(result.exit_code == 0);
  const auto lines = result.out_lines();
  REQUIRE_FALSE(lines.empty());
  return lines.back();
}

std::string Hub::log() const {
  if (!std::filesystem::exists(log_file_)) return {};
  return read_file(log_file_);
}

Admin enrolled_kiosk(const TempDir& dir, const std::string& name, const Hub& hub, const std::string& center) {
  Admin kiosk(dir / (name + ".db"));
  const auto init = kiosk({"init", "--center-name", center, "--time-zone", "UTC"});
  REQUIRE(init.exit_code == 0);
  const auto enrolled = kiosk({"sync", "enroll", "--hub", hub.url(), "--code", hub.enrollment_code(center), "--name", name});
  INFO("stderr: " << enrolled.err);
  REQUIRE(enrolled.exit_code == 0);
  return kiosk;
}

}  // namespace porchlight::test
