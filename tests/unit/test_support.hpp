#pragma once
// Shared helpers for the core unit tests: temporary folders, a Store on a ManualClock in a fixed zone,
// raw SQLite access for inspecting files the way another program would, and a small CSV reader.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "porchlight/core/civil_time.hpp"
#include "porchlight/core/clock.hpp"
#include "porchlight/core/database.hpp"
#include "porchlight/core/participants.hpp"
#include "porchlight/core/store.hpp"
#include "porchlight/core/visits.hpp"

namespace porchlight::core {
// Readable failure output for the value types the tests compare.
inline std::ostream& operator<<(std::ostream& out, const LocalDate& date) { return out << date.iso(); }
}  // namespace porchlight::core

namespace porchlight::test {

using namespace porchlight::core;

inline constexpr const char* kZone = "America/New_York";
inline constexpr Millis kSecond = 1000;
inline constexpr Millis kMinute = 60 * kSecond;
inline constexpr Millis kHour = 60 * kMinute;
inline constexpr Millis kDay = 24 * kHour;

// A Tuesday in EDT (UTC-4), two days after the spring change.
inline const LocalDate kToday{2026, 3, 10};

inline std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

inline bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

inline bool contains_nocase(std::string_view haystack, std::string_view needle) {
  return contains(lower(haystack), lower(needle));
}

// Midnight UTC of a date plus a UTC time of day.
inline Millis utc(LocalDate date, int hour, int minute = 0, int second = 0) {
  return static_cast<Millis>(date.days_since_epoch()) * kDay + hour * kHour + minute * kMinute + second * kSecond;
}

inline const CenterTime& zone_time() {
  static const CenterTime time = [] {
    auto made = CenterTime::for_zone(kZone);
    REQUIRE_MESSAGE(made.ok(), (made.ok() ? std::string() : made.error().message));
    return *made;
  }();
  return time;
}

// A local wall-clock time in the test zone.
inline Millis local(LocalDate date, int hour, int minute = 0) { return zone_time().at_local(date, hour, minute); }

class TempDir {
 public:
  TempDir() {
    auto pattern = (std::filesystem::temp_directory_path() / "porchlight-unit-XXXXXX").string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    const char* made = mkdtemp(buffer.data());
    REQUIRE_MESSAGE(made != nullptr, "mkdtemp failed");
    path_ = made;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path file(std::string_view name) const { return path_ / std::string(name); }

 private:
  std::filesystem::path path_;
};

inline std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void write_bytes(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A second, independent connection: reads the file as any other SQLite program would.
class RawDb {
 public:
  explicit RawDb(const std::filesystem::path& path) {
    const int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    REQUIRE_MESSAGE(rc == SQLITE_OK, "raw open failed");
  }
  ~RawDb() { sqlite3_close_v2(db_); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  // Empty when it worked, else SQLite's message.
  std::string try_exec(const std::string& sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    std::string error;
    if (rc != SQLITE_OK) error = message ? message : sqlite3_errstr(rc);
    if (rc != SQLITE_OK && error.empty()) error = "failed";
    sqlite3_free(message);
    return error;
  }
  void exec(const std::string& sql) {
    const auto error = try_exec(sql);
    REQUIRE_MESSAGE(error.empty(), sql << " -> " << error);
  }
  // Every row, every column as text ("NULL" for nulls).
  std::vector<std::vector<std::string>> rows(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    const int rc = sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr);
    REQUIRE_MESSAGE(rc == SQLITE_OK, sql << " -> " << sqlite3_errmsg(db_));
    std::vector<std::vector<std::string>> out;
    while (sqlite3_step(statement) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int i = 0; i < sqlite3_column_count(statement); ++i) {
        const unsigned char* text = sqlite3_column_text(statement, i);
        row.emplace_back(text ? reinterpret_cast<const char*>(text) : "NULL");
      }
      out.push_back(std::move(row));
    }
    sqlite3_finalize(statement);
    return out;
  }
  std::string text(const std::string& sql) {
    const auto all = rows(sql);
    REQUIRE_MESSAGE(!all.empty(), sql << " returned no row");
    return all.front().front();
  }
  std::int64_t integer(const std::string& sql) { return std::stoll(text(sql)); }

 private:
  sqlite3* db_ = nullptr;
};

// The schema as SQLite records it, for comparing a migrated file with a freshly made one.
inline std::vector<std::string> schema_of(const std::filesystem::path& path) {
  RawDb raw(path);
  std::vector<std::string> out;
  for (const auto& row : raw.rows("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name")) {
    out.push_back(row[0] + " | " + row[1] + " | " + row[2] + " | " + row[3]);
  }
  return out;
}

// Helpers on the Store's own connection.
inline std::int64_t count(Database& db, const std::string& sql) {
  auto query = db.query(sql);
  REQUIRE_MESSAGE(query.ok(), (query.ok() ? std::string() : query.error().message));
  auto value = query->single_int();
  REQUIRE_MESSAGE(value.ok(), (value.ok() ? std::string() : value.error().message));
  return *value;
}

inline std::string text_of(Database& db, const std::string& sql) {
  auto query = db.query(sql);
  REQUIRE_MESSAGE(query.ok(), (query.ok() ? std::string() : query.error().message));
  auto row = query->step();
  REQUIRE_MESSAGE(row.ok(), (row.ok() ? std::string() : row.error().message));
  REQUIRE_MESSAGE(*row, sql << " returned no row");
  return query->is_null(0) ? std::string("NULL") : query->text(0);
}

inline std::vector<std::string> texts_of(Database& db, const std::string& sql) {
  auto query = db.query(sql);
  REQUIRE_MESSAGE(query.ok(), (query.ok() ? std::string() : query.error().message));
  std::vector<std::string> out;
  for (;;) {
    auto row = query->step();
    REQUIRE_MESSAGE(row.ok(), (row.ok() ? std::string() : row.error().message));
    if (!*row) break;
    out.push_back(query->is_null(0) ? std::string("NULL") : query->text(0));
  }
  return out;
}

// Requires success and hands back the value; the failure message names the error.
template <class T>
T must(Result<T> result, const char* what = "operation") {
  REQUIRE_MESSAGE(result.ok(), what << ": " << (result.ok() ? std::string() : result.error().message));
  return std::move(result).value();
}
inline void must(Result<void> result, const char* what = "operation") {
  REQUIRE_MESSAGE(result.ok(), what << ": " << (result.ok() ? std::string() : result.error().message));
}

// A Store in a temp folder on a ManualClock, fast PIN hashing and the New York zone.
struct TestStore {
  explicit TestStore(Millis start = local(kToday, 10, 0)) : clock(start) { open(); }

  void open(const OpenOptions& open_options = {}) {
    StoreOptions options;
    options.open = open_options;
    options.clock = &clock;
    options.pin_cost = PinHashCost::Fast;
    options.initial_time_zone = kZone;
    options.initial_center_name = "Test Center";
    auto opened = Store::open(path(), options);
    REQUIRE_MESSAGE(opened.ok(), "Store::open: " << (opened.ok() ? std::string() : opened.error().message));
    store = std::move(opened).value();
  }
  void close() { store.reset(); }
  void reopen() {
    close();
    open();
  }

  std::filesystem::path path() const { return dir.file("kiosk.db"); }
  Store& operator*() { return *store; }
  Store* operator->() { return store.get(); }
  Database& db() { return store->db(); }
  std::int64_t count(const std::string& sql) { return test::count(store->db(), sql); }
  std::int64_t participants() { return count("SELECT count(*) FROM participant"); }
  std::int64_t visits() { return count("SELECT count(*) FROM visit"); }
  std::int64_t outbox() { return count("SELECT count(*) FROM outbox"); }
  std::int64_t audit() { return count("SELECT count(*) FROM audit"); }

  TempDir dir;
  ManualClock clock;
  std::unique_ptr<Store> store;
};

inline NewParticipant person(std::string first, std::string last, std::optional<std::string> pin = std::nullopt,
                             std::optional<std::string> birth_date = std::nullopt) {
  NewParticipant p;
  p.first_name = std::move(first);
  p.last_name = std::move(last);
  p.pin = std::move(pin);
  p.birth_date = std::move(birth_date);
  p.consent_record = true;
  return p;
}

inline std::string add_person(Store& store, std::string first, std::string last,
                              std::optional<std::string> pin = std::nullopt,
                              std::optional<std::string> birth_date = std::nullopt) {
  return must(
      register_participant(store, person(std::move(first), std::move(last), std::move(pin), std::move(birth_date))),
      "register_participant");
}

inline std::string visit(Store& store, const std::optional<std::string>& participant_id,
                         std::vector<std::string> reasons = {"drop-in"}, std::optional<int> mood = std::nullopt) {
  SignIn in;
  in.participant_id = participant_id;
  in.reasons = std::move(reasons);
  in.mood = mood;
  return must(sign_in(store, in), "sign_in");
}

// RFC 4180 reader for checking exports (quoted fields, doubled quotes, CRLF or LF record ends).
inline std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  bool field_started = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      field_started = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      field_started = true;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      // handled at '\n'
    } else if (c == '\n') {
      record.push_back(std::move(field));
      field.clear();
      records.push_back(std::move(record));
      record.clear();
      field_started = false;
    } else {
      field += c;
      field_started = true;
    }
  }
  if (field_started || !field.empty() || !record.empty()) {
    record.push_back(std::move(field));
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace porchlight::test
