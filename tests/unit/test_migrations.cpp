// Schema upgrades: a kiosk updated in the field keeps every record and ends with exactly the schema a new
// install has; files it cannot understand are refused and left alone.
#include <nlohmann/json.hpp>

#include "porchlight/core/participants.hpp"
#include "porchlight/core/staff.hpp"
#include "old_kiosk_rows.hpp"
#include "test_support.hpp"

using namespace porchlight::test;

namespace {

std::unique_ptr<Database> open_db(const std::filesystem::path& path, const OpenOptions& options = {}) {
  return must(Database::open(path, options), "Database::open");
}

bool has_table(RawDb& raw, const std::string& name) {
  return raw.integer("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '" + name + "'") == 1;
}

void put_rows_valid_at(RawDb& raw, int version) {
  put_old_kiosk_rows([&raw](const char* sql) { raw.exec(sql); }, version);
}

void check_rows_kept(RawDb& raw, int version) {
  if (version >= 1) {
    CHECK(raw.text("SELECT value FROM setting WHERE key = 'test.marker'") == "kept");
    CHECK(raw.text("SELECT first_name || ' ' || last_name FROM participant WHERE id = 'p-maria'") == "Maria García");
    CHECK(raw.text("SELECT name FROM staff WHERE id = 's-sam'") == "Sam Old");
  }
  if (version >= 2) {
    CHECK(raw.text("SELECT label_es FROM reason WHERE code = 'laundry'") == "Lavandería");
    CHECK(raw.text("SELECT participant_id FROM visit WHERE id = 'v-1'") == "p-maria");
    CHECK(raw.integer("SELECT count(*) FROM visit_reason WHERE visit_id = 'v-1'") == 1);
    CHECK(raw.integer("SELECT first_visit_at FROM participant WHERE id = 'p-maria'") == 2000);
  }
  if (version >= 3) {
    CHECK(raw.text("SELECT card_code FROM participant WHERE id = 'p-maria'") == "CARD-1");
    CHECK(raw.integer("SELECT count(*) FROM outbox") == 1);
  }
  if (version >= 4) {
    CHECK(raw.text("SELECT rrule FROM calendar_group WHERE id = 'g-wrap'") == "FREQ=WEEKLY;BYDAY=TU");
    CHECK(raw.text("SELECT participant_id FROM attendance WHERE session_id = 's-1'") == "p-maria");
  }
  if (version >= 5) {
    CHECK(raw.text("SELECT name FROM hsds_service WHERE id = 's-1'") == "Eastside Food Bank");
    CHECK(raw.text("SELECT status FROM referral WHERE id = 'r-1'") == "made");
    CHECK(raw.integer("SELECT count(*) FROM referral_event") == 1);
  }
}

}  // namespace

TEST_CASE("migrations: an empty file is brought to the latest version") {
  TempDir dir;
  const auto path = dir.file("new.db");
  REQUIRE(latest_schema_version() >= 1);
  {
    auto db = open_db(path);
    CHECK(db->schema_version() == latest_schema_version());
  }
  RawDb raw(path);
  CHECK(raw.integer("PRAGMA user_version") == latest_schema_version());
  for (const char* table : {"setting", "participant", "staff", "reason", "visit", "visit_reason", "outbox", "audit",
                            "calendar_group", "calendar_session", "attendance",
                            "hsds_service", "hsds_schedule", "directory_search", "referral", "referral_event"}) {
    CAPTURE(table);
    CHECK(has_table(raw, table));
  }
}

TEST_CASE("migrations: a zero-byte file counts as empty") {
  TempDir dir;
  const auto path = dir.file("zero.db");
  write_bytes(path, "");
  auto db = open_db(path);
  CHECK(db->schema_version() == latest_schema_version());
}

TEST_CASE("migrations: migrate_to stops at the asked version") {
  TempDir dir;
  for (int k = 0; k <= latest_schema_version(); ++k) {
    CAPTURE(k);
    const auto path = dir.file("v" + std::to_string(k) + ".db");
    OpenOptions options;
    options.migrate_to = k;
    {
      auto db = open_db(path, options);
      CHECK(db->schema_version() == k);
    }
    RawDb raw(path);
    CHECK(raw.integer("PRAGMA user_version") == k);
  }
}

TEST_CASE("migrations: every earlier version upgrades to the latest, keeping data, with the schema of a new install") {
  TempDir dir;
  const auto fresh_path = dir.file("fresh.db");
  { auto fresh = open_db(fresh_path); }
  const auto fresh_schema = schema_of(fresh_path);
  REQUIRE_FALSE(fresh_schema.empty());

  for (int k = 0; k < latest_schema_version(); ++k) {
    CAPTURE(k);
    const auto path = dir.file("from-v" + std::to_string(k) + ".db");
    OpenOptions options;
    options.migrate_to = k;
    { auto old = open_db(path, options); }
    {
      RawDb raw(path);
      raw.exec("PRAGMA foreign_keys=ON");
      put_rows_valid_at(raw, k);
    }
    {
      auto upgraded = open_db(path);
      CHECK(upgraded->schema_version() == latest_schema_version());
      CHECK(must(upgraded->check_integrity()).empty());
    }
    RawDb raw(path);
    CHECK(raw.integer("PRAGMA user_version") == latest_schema_version());
    check_rows_kept(raw, k);
    // Reasons that came with a later version are there too.
    CHECK(raw.integer("SELECT count(*) FROM reason WHERE code = 'drop-in'") == 1);
    CHECK(schema_of(path) == fresh_schema);
  }
}

TEST_CASE("migrations: a participant written by an old version is still found by lookup after the upgrade") {
  TestStore s;
  s.close();
  std::filesystem::remove(s.path());
  {
    OpenOptions options;
    options.migrate_to = 1;
    auto old = open_db(s.path(), options);
  }
  {
    RawDb raw(s.path());
    put_rows_valid_at(raw, 1);
  }
  s.open();
  auto matches = must(find_participants(*s, "gar"));
  REQUIRE(matches.size() == 1);
  CHECK(matches[0].id == "p-maria");
  CHECK(matches[0].display_name == "Maria G.");
  auto staff = must(find_staff_by_name(*s, "Sam Old"));
  CHECK(staff.has_value());
}

TEST_CASE("migrations: a failing step rolls back to the version before it") {
  REQUIRE(latest_schema_version() >= 3);
  TempDir dir;
  const auto path = dir.file("k.db");
  {
    OpenOptions options;
    options.migrate_to = 2;
    auto db = open_db(path, options);
    // Something already in the way of version 3's audit table.
    must(db->exec("CREATE TABLE audit (anything TEXT)"));
  }
  auto upgraded = Database::open(path);
  REQUIRE_FALSE(upgraded.ok());
  CHECK(contains(upgraded.error().message, "3"));
  RawDb raw(path);
  CHECK(raw.integer("PRAGMA user_version") == 2);
  CHECK_FALSE(has_table(raw, "outbox"));  // made earlier in the same step: undone
}

TEST_CASE("migrations: asking for an older version than the file has changes nothing") {
  TempDir dir;
  const auto path = dir.file("k.db");
  {
    auto db = open_db(path);
    must(db->exec("INSERT INTO setting (key, value) VALUES ('test.marker', 'kept')"));
  }
  OpenOptions options;
  options.migrate_to = 1;
  {
    auto db = open_db(path, options);
    CHECK(db->schema_version() == latest_schema_version());
  }
  RawDb raw(path);
  CHECK(raw.integer("PRAGMA user_version") == latest_schema_version());
  CHECK(raw.text("SELECT value FROM setting WHERE key = 'test.marker'") == "kept");
}

TEST_CASE("migrations: a database from a newer Porchlight is refused and left unchanged") {
  TempDir dir;
  const auto path = dir.file("newer.db");
  const int newer = latest_schema_version() + 1;
  {
    auto db = open_db(path);
    must(db->exec("INSERT INTO setting (key, value) VALUES ('test.marker', 'kept')"));
    must(db->exec("PRAGMA user_version=" + std::to_string(newer)));
  }
  const auto before = read_bytes(path);
  REQUIRE_FALSE(before.empty());

  auto opened = Database::open(path);
  REQUIRE_FALSE(opened.ok());
  CHECK(contains(opened.error().message, "newer"));
  CHECK(read_bytes(path) == before);
  RawDb raw(path);
  CHECK(raw.integer("PRAGMA user_version") == newer);
  CHECK(raw.text("SELECT value FROM setting WHERE key = 'test.marker'") == "kept");

  StoreOptions store_options;
  store_options.pin_cost = PinHashCost::Fast;
  store_options.initial_time_zone = kZone;
  auto store = Store::open(path, store_options);
  REQUIRE_FALSE(store.ok());
  CHECK(contains(store.error().message, "newer"));
}

TEST_CASE("migrations: a newer database in rollback-journal mode is not switched to WAL either") {
  // A backup copied with `sqlite3 .backup` is in the default journal mode; refusing it must not rewrite it.
  TempDir dir;
  const auto path = dir.file("newer-journal.db");
  {
    RawDb raw(path);
    raw.exec("CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    raw.exec("PRAGMA user_version=" + std::to_string(latest_schema_version() + 5));
  }
  const auto before = read_bytes(path);
  auto opened = Database::open(path);
  REQUIRE_FALSE(opened.ok());
  CHECK(contains(opened.error().message, "newer"));
  CHECK(read_bytes(path) == before);
  RawDb raw(path);
  CHECK(raw.text("PRAGMA journal_mode") == "delete");
}

TEST_CASE("migrations: a file that is not a database is refused cleanly and left alone") {
  TempDir dir;
  const auto path = dir.file("notes.db");
  std::string text;
  for (int i = 0; i < 200; ++i) text += "These are somebody's notes, not a database.\n";
  write_bytes(path, text);

  auto opened = Database::open(path);
  REQUIRE_FALSE(opened.ok());
  CHECK_FALSE(opened.error().message.empty());
  CHECK(contains(opened.error().message, "notes.db"));
  CHECK(read_bytes(path) == text);
  CHECK_FALSE(std::filesystem::exists(dir.file("notes.db-wal")));

  StoreOptions store_options;
  store_options.pin_cost = PinHashCost::Fast;
  store_options.initial_time_zone = kZone;
  auto store = Store::open(path, store_options);
  REQUIRE_FALSE(store.ok());
  CHECK(read_bytes(path) == text);
}

TEST_CASE("migrations: a short non-database file is refused too") {
  TempDir dir;
  const auto path = dir.file("tiny.db");
  write_bytes(path, "hello");
  auto opened = Database::open(path);
  REQUIRE_FALSE(opened.ok());
  CHECK(read_bytes(path) == "hello");
}

TEST_CASE("migrations: WAL, synchronous=FULL and foreign keys are on") {
  TempDir dir;
  const auto path = dir.file("k.db");
  auto db = open_db(path);
  {
    auto q = must(db->query("PRAGMA journal_mode"));
    REQUIRE(must(q.step()));
    CHECK(q.text(0) == "wal");
  }
  {
    auto q = must(db->query("PRAGMA synchronous"));
    CHECK(must(q.single_int()) == 2);  // FULL
  }
  {
    auto q = must(db->query("PRAGMA foreign_keys"));
    CHECK(must(q.single_int()) == 1);
  }
  // WAL is a property of the file: another program sees it too.
  RawDb raw(path);
  CHECK(raw.text("PRAGMA journal_mode") == "wal");
  // And foreign keys are enforced on the Store's connection.
  auto bad = db->exec(
      "INSERT INTO visit (id, participant_id, guest, signed_in_at, center_id, device_id, created_at, updated_at) "
      "VALUES ('v', 'nobody', 0, 1, 'c', 'd', 1, 1)");
  CHECK_FALSE(bad.ok());
}

TEST_CASE("migrations: asking for a version this program does not know is an error, not a crash") {
  TempDir dir;
  OpenOptions options;
  options.migrate_to = latest_schema_version() + 1;
  auto opened = Database::open(dir.file("k.db"), options);
  CHECK_FALSE(opened.ok());
}
