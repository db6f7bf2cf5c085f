#pragma once
// Fixtures for tests that drive the real porchlight-admin binary against a real database file.
#include <filesystem>
#include <string>
#include <vector>

#include "process.hpp"

namespace porchlight::test {

// The porchlight-admin under test (its path is compiled in by CMake).
std::string admin_binary();

// A fresh directory, removed with everything in it at the end of the test.
class TempDir {
 public:
  TempDir();
  // Under `parent` instead of the temporary directory (/dev/shm, for a file written too often to wait on a disk).
  explicit TempDir(const std::filesystem::path& parent);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// porchlight-admin with --db set to one file.
class Admin {
 public:
  explicit Admin(std::filesystem::path db) : db_(std::move(db)) {}
  const std::filesystem::path& db() const { return db_; }
  ProcessResult operator()(const std::vector<std::string>& args, const EnvChanges& env = {}) const;

 private:
  std::filesystem::path db_;
};

// porchlight-admin without --db (the default location decides). With an empty settings file, so that a kiosk.toml
// installed on the test machine (its database setting) does not.
ProcessResult run_admin(const std::vector<std::string>& args, const EnvChanges& env = {});

// Every table's rows (sorted), the schema and user_version as text: equal dumps mean equal databases.
// Opened with plain SQLite and nothing written, so it does not depend on the code under test.
std::string dump_database(const std::filesystem::path& file);
// Runs SQL on the file with plain SQLite (to simulate a newer program or tampering).
void execute_sql(const std::filesystem::path& file, const std::string& sql);
// Number of rows the query returns as its single integer (SELECT count(*) ...), with one text parameter.
long long count_rows(const std::filesystem::path& file, const std::string& sql, const std::string& parameter);

// The first column of every row of a query, as text.
std::vector<std::string> query_column(const std::filesystem::path& file, const std::string& sql);
std::string read_file(const std::filesystem::path& file);
// The names of everything in a directory, sorted.
std::vector<std::string> list_directory(const std::filesystem::path& directory);

bool looks_like_uuid(const std::string& text);

// Today's date in UTC as YYYY-MM-DD (the tests' centers keep UTC).
std::string utc_date_today();
// Every UTC date from `from` to `to` inclusive, as YYYY-MM-DD.
std::vector<std::string> utc_dates_between(const std::string& from, const std::string& to);

}  // namespace porchlight::test
