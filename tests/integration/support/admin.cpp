#include "admin.hpp"

#include <sqlite3.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace porchlight::test {

namespace {

class Connection {
 public:
  explicit Connection(const std::filesystem::path& file) {
    // No SQLITE_OPEN_CREATE: a dump of a missing file must not make one.
    if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close_v2(db_);
      throw std::runtime_error("opening " + file.string() + ": " + message);
    }
    sqlite3_busy_timeout(db_, 5000);
  }
  ~Connection() { sqlite3_close_v2(db_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // All rows of a query, each as its columns' text (NULL as "<null>"), columns joined by '|'.
  std::vector<std::string> rows(const std::string& sql, const std::string* parameter = nullptr) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
      throw std::runtime_error("preparing '" + sql + "': " + sqlite3_errmsg(db_));
    }
    if (parameter) sqlite3_bind_text(statement, 1, parameter->c_str(), -1, SQLITE_TRANSIENT);
    std::vector<std::string> result;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
      std::string row;
      for (int c = 0; c < sqlite3_column_count(statement); ++c) {
        if (c > 0) row += '|';
        if (sqlite3_column_type(statement, c) == SQLITE_NULL) {
          row += "<null>";
        } else {
          const auto* text = sqlite3_column_text(statement, c);
          row.append(reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_column_bytes(statement, c)));
        }
      }
      result.push_back(std::move(row));
    }
    sqlite3_finalize(statement);
    if (rc != SQLITE_DONE) throw std::runtime_error("running '" + sql + "': " + sqlite3_errmsg(db_));
    return result;
  }

  void exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      const std::string text = message ? message : "unknown error";
      sqlite3_free(message);
      throw std::runtime_error("running '" + sql + "': " + text);
    }
  }

 private:
  sqlite3* db_ = nullptr;
};

std::string iso_date(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd{day};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return text;
}

std::chrono::sys_days parse_iso_date(const std::string& text) {
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  if (std::sscanf(text.c_str(), "%d-%u-%u", &year, &month, &day) != 3) throw std::runtime_error("bad date " + text);
  return std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day};
}

}  // namespace

std::string admin_binary() { return PORCHLIGHT_ADMIN_BINARY; }

TempDir::TempDir() : TempDir(std::filesystem::temp_directory_path()) {}

TempDir::TempDir(const std::filesystem::path& parent) {
  std::string pattern = (parent / "porchlight-it-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

ProcessResult Admin::operator()(const std::vector<std::string>& args, const EnvChanges& env) const {
  std::vector<std::string> argv{admin_binary(), "--db", db_.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, env);
}

ProcessResult run_admin(const std::vector<std::string>& args, const EnvChanges& env) {
  std::vector<std::string> argv{admin_binary(), "--config", "/dev/null"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, env);
}

std::string dump_database(const std::filesystem::path& file) {
  Connection db(file);
  std::string dump = "user_version " + db.rows("PRAGMA user_version").front() + "\n";
  const auto tables = db.rows("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
  for (const auto& row : db.rows("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")) dump += row + "\n";
  for (const auto& table : tables) {
    auto rows = db.rows("SELECT * FROM \"" + table + "\"");
    std::sort(rows.begin(), rows.end());
    dump += "-- " + table + " (" + std::to_string(rows.size()) + " rows)\n";
    for (const auto& row : rows) dump += row + "\n";
  }
  return dump;
}

void execute_sql(const std::filesystem::path& file, const std::string& sql) { Connection(file).exec(sql); }

long long count_rows(const std::filesystem::path& file, const std::string& sql, const std::string& parameter) {
  Connection db(file);
  return std::stoll(db.rows(sql, &parameter).front());
}

std::vector<std::string> query_column(const std::filesystem::path& file, const std::string& sql) {
  Connection db(file);
  return db.rows(sql);
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<std::string> list_directory(const std::filesystem::path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(directory))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

bool looks_like_uuid(const std::string& text) {
  // Canonical lower-case UUIDv7: xxxxxxxx-xxxx-7xxx-[89ab]xxx-xxxxxxxxxxxx.
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool dash_place = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash_place != (c == '-')) return false;
    if (!dash_place && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return text[14] == '7' && std::string("89ab").find(text[19]) != std::string::npos;
}

std::string utc_date_today() {
  return iso_date(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
}

std::vector<std::string> utc_dates_between(const std::string& from, const std::string& to) {
  std::vector<std::string> dates;
  for (auto day = parse_iso_date(from); day <= parse_iso_date(to); day += std::chrono::days{1})
    dates.push_back(iso_date(day));
  return dates;
}

}  // namespace porchlight::test
