// The checked SQLite layer: failures come back as values, transactions undo what they did.
#include "porchlight/core/participants.hpp"
#include "porchlight/private_file.hpp"
#include "test_support.hpp"

using namespace porchlight::test;

namespace {

std::unique_ptr<Database> open_db(const std::filesystem::path& path, const OpenOptions& options = {}) {
  return must(Database::open(path, options), "Database::open");
}

std::int64_t rows_in_t(Database& db) { return count(db, "SELECT count(*) FROM t"); }

}  // namespace

TEST_CASE("database: in-memory and file databases open at the latest schema") {
  auto memory = open_db(":memory:");
  CHECK(memory->schema_version() == latest_schema_version());

  TempDir dir;
  auto file = open_db(dir.file("a.db"));
  CHECK(file->schema_version() == latest_schema_version());
  CHECK(file->path() == dir.file("a.db"));
  CHECK(std::filesystem::exists(dir.file("a.db")));
  CHECK(must(file->check_integrity()).empty());
}

TEST_CASE("database: bad SQL becomes an error value with a message") {
  auto db = open_db(":memory:");
  auto prepared = db->query("SELEC nonsense FROM nowhere");
  REQUIRE_FALSE(prepared.ok());
  CHECK_FALSE(prepared.error().message.empty());
  CHECK(contains(prepared.error().message, "syntax"));

  auto executed = db->exec("CREATE TABLE t (x INTEGER); INSERT INTO missing VALUES (1)");
  REQUIRE_FALSE(executed.ok());
  CHECK(contains(executed.error().message, "missing"));

  auto no_table = db->query("SELECT * FROM no_such_table");
  REQUIRE_FALSE(no_table.ok());
  CHECK(contains(no_table.error().message, "no_such_table"));
}

TEST_CASE("database: a failed step is an error and the cached statement still works afterwards") {
  auto db = open_db(":memory:");
  must(db->exec("CREATE TABLE t (x INTEGER PRIMARY KEY, label TEXT NOT NULL)"));
  const char* insert = "INSERT INTO t (x, label) VALUES (?1, ?2)";
  {
    auto q = must(db->query(insert));
    must(q.bind(1, 1).bind(2, "one").run());
  }
  {
    auto q = must(db->query(insert));
    auto again = q.bind(1, 1).bind(2, "duplicate").run();
    REQUIRE_FALSE(again.ok());
    CHECK(contains_nocase(again.error().message, "unique"));
  }
  {
    auto q = must(db->query(insert));
    auto missing = q.bind(1, 2).bind(2, std::nullopt).run();
    REQUIRE_FALSE(missing.ok());
    CHECK(contains_nocase(missing.error().message, "not null"));
  }
  {
    auto q = must(db->query(insert));
    must(q.bind(1, 3).bind(2, "three").run(), "the same statement after failures");
  }
  CHECK(rows_in_t(*db) == 2);
}

TEST_CASE("database: bindings are cleared between borrowings of a cached statement") {
  auto db = open_db(":memory:");
  {
    auto q = must(db->query("SELECT ?1"));
    q.bind(1, std::int64_t{42});
    REQUIRE(must(q.step()));
    CHECK(q.integer(0) == 42);
  }
  {
    auto q = must(db->query("SELECT ?1"));
    REQUIRE(must(q.step()));
    CHECK(q.is_null(0));
  }
  {
    // A statement abandoned mid-result must not keep the database busy.
    must(db->exec("CREATE TABLE t (x INTEGER)"));
    must(db->exec("INSERT INTO t VALUES (1), (2), (3)"));
    auto q = must(db->query("SELECT x FROM t ORDER BY x"));
    REQUIRE(must(q.step()));
  }
  {
    auto q = must(db->query("SELECT x FROM t ORDER BY x"));
    REQUIRE(must(q.step()));
    CHECK(q.integer(0) == 1);
  }
  auto tx = must(db->begin());
  must(db->exec("INSERT INTO t VALUES (4)"));
  must(tx.commit());
  CHECK(rows_in_t(*db) == 4);
}

TEST_CASE("database: values of every type round-trip") {
  auto db = open_db(":memory:");
  auto q = must(db->query("SELECT ?1, ?2, ?3, ?4, ?5, ?6"));
  const std::optional<std::string> none;
  const std::optional<std::int64_t> some = 7;
  q.bind(1, std::int64_t{-9000000000})
      .bind(2, 2.5)
      .bind(3, std::string("José \"quoted\""))
      .bind(4, none)
      .bind(5, some)
      .bind(6, true);
  REQUIRE(must(q.step()));
  CHECK(q.integer(0) == -9000000000);
  CHECK(q.real(1) == doctest::Approx(2.5));
  CHECK(q.text(2) == "José \"quoted\"");
  CHECK(q.is_null(3));
  CHECK(q.optional_text(3) == std::nullopt);
  CHECK(q.optional_integer(4) == std::optional<std::int64_t>(7));
  CHECK(q.integer(5) == 1);
  CHECK_FALSE(must(q.step()));
}

TEST_CASE("database: a text with an embedded NUL byte keeps its full length") {
  auto db = open_db(":memory:");
  const std::string with_nul("a\0b", 3);
  auto q = must(db->query("SELECT ?1, length(CAST(?1 AS BLOB))"));
  q.bind(1, std::string_view(with_nul));
  REQUIRE(must(q.step()));
  CHECK(q.integer(1) == 3);
  CHECK(q.text(0) == with_nul);
}

TEST_CASE("database: a bind error is reported by the first step") {
  auto db = open_db(":memory:");
  auto q = must(db->query("SELECT ?1"));
  q.bind(5, std::int64_t{1});  // there is no parameter 5
  auto stepped = q.step();
  REQUIRE_FALSE(stepped.ok());
  CHECK(contains(stepped.error().message, "5"));
}

TEST_CASE("database: single_int without a row is an error") {
  auto db = open_db(":memory:");
  must(db->exec("CREATE TABLE t (x INTEGER)"));
  auto q = must(db->query("SELECT x FROM t"));
  auto value = q.single_int();
  REQUIRE_FALSE(value.ok());
  CHECK_FALSE(value.error().message.empty());
}

TEST_CASE("database: changes counts the rows of the last write") {
  auto db = open_db(":memory:");
  must(db->exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (3)"));
  auto q = must(db->query("UPDATE t SET x = x + 10 WHERE x >= 2"));
  must(q.run());
  CHECK(q.changes() == 2);
}

TEST_CASE("database: a transaction that is not committed rolls back") {
  auto db = open_db(":memory:");
  must(db->exec("CREATE TABLE t (x INTEGER)"));
  {
    auto tx = must(db->begin());
    must(db->exec("INSERT INTO t VALUES (1)"));
    CHECK(rows_in_t(*db) == 1);
  }
  CHECK(rows_in_t(*db) == 0);
  {
    auto tx = must(db->begin());
    must(db->exec("INSERT INTO t VALUES (2)"));
    must(tx.commit());
    CHECK_FALSE(tx.commit().ok());  // finished transactions say so
  }
  CHECK(rows_in_t(*db) == 1);
  // Nothing is left open: a new transaction begins at the top level again.
  auto tx = must(db->begin());
  must(tx.commit());
}

TEST_CASE("database: a moved transaction rolls back once, from its new owner") {
  auto db = open_db(":memory:");
  must(db->exec("CREATE TABLE t (x INTEGER)"));
  {
    auto first = must(db->begin());
    must(db->exec("INSERT INTO t VALUES (1)"));
    Transaction second(std::move(first));
    must(second.commit());
  }
  CHECK(rows_in_t(*db) == 1);
}

TEST_CASE("database: nested begin is a savepoint") {
  auto db = open_db(":memory:");
  must(db->exec("CREATE TABLE t (x INTEGER)"));

  SUBCASE("inner rolled back, outer committed") {
    auto outer = must(db->begin());
    must(db->exec("INSERT INTO t VALUES (1)"));
    {
      auto inner = must(db->begin());
      must(db->exec("INSERT INTO t VALUES (2)"));
      CHECK(rows_in_t(*db) == 2);
    }
    CHECK(rows_in_t(*db) == 1);
    must(outer.commit());
    CHECK(rows_in_t(*db) == 1);
  }
  SUBCASE("inner committed, outer committed") {
    auto outer = must(db->begin());
    must(db->exec("INSERT INTO t VALUES (1)"));
    {
      auto inner = must(db->begin());
      must(db->exec("INSERT INTO t VALUES (2)"));
      must(inner.commit());
    }
    must(outer.commit());
    CHECK(rows_in_t(*db) == 2);
  }
  SUBCASE("inner committed, outer rolled back") {
    {
      auto outer = must(db->begin());
      must(db->exec("INSERT INTO t VALUES (1)"));
      {
        auto inner = must(db->begin());
        must(db->exec("INSERT INTO t VALUES (2)"));
        must(inner.commit());
      }
    }
    CHECK(rows_in_t(*db) == 0);
  }
  SUBCASE("two levels of nesting") {
    auto outer = must(db->begin());
    must(db->exec("INSERT INTO t VALUES (1)"));
    {
      auto middle = must(db->begin());
      must(db->exec("INSERT INTO t VALUES (2)"));
      {
        auto inner = must(db->begin());
        must(db->exec("INSERT INTO t VALUES (3)"));
      }
      CHECK(rows_in_t(*db) == 2);
      must(middle.commit());
    }
    must(outer.commit());
    CHECK(rows_in_t(*db) == 2);
  }
}

TEST_CASE("database: a committed write is visible to another connection") {
  TempDir dir;
  auto db = open_db(dir.file("k.db"));
  must(db->exec("CREATE TABLE t (x INTEGER)"));
  auto tx = must(db->begin());
  must(db->exec("INSERT INTO t VALUES (1)"));
  {
    RawDb other(dir.file("k.db"));
    CHECK(other.integer("SELECT count(*) FROM t") == 0);
  }
  must(tx.commit());
  RawDb other(dir.file("k.db"));
  CHECK(other.integer("SELECT count(*) FROM t") == 1);
}

TEST_CASE("database: create_if_missing=false refuses a missing file and does not create it") {
  TempDir dir;
  OpenOptions options;
  options.create_if_missing = false;
  auto opened = Database::open(dir.file("absent.db"), options);
  REQUIRE_FALSE(opened.ok());
  CHECK(contains(opened.error().message, "absent.db"));
  CHECK_FALSE(std::filesystem::exists(dir.file("absent.db")));
}

TEST_CASE("database: a missing folder is refused with its name") {
  TempDir dir;
  auto opened = Database::open(dir.file("no-such-folder") / "k.db");
  REQUIRE_FALSE(opened.ok());
  CHECK(contains(opened.error().message, "no-such-folder"));
}

TEST_CASE("database: check_integrity reports a broken reference") {
  TempDir dir;
  auto db = open_db(dir.file("k.db"));
  CHECK(must(db->check_integrity()).empty());
  must(db->exec("PRAGMA foreign_keys=OFF"));
  must(db->exec(
      "INSERT INTO visit (id, participant_id, guest, signed_in_at, center_id, device_id, created_at, updated_at) "
      "VALUES ('v1', 'nobody', 0, 1, 'c', 'd', 1, 1)"));
  must(db->exec("PRAGMA foreign_keys=ON"));
  auto problems = must(db->check_integrity());
  REQUIRE(problems.size() == 1);
  CHECK(contains(problems.front(), "visit"));
}

TEST_CASE("database: the kiosk and the admin tool can both write to one file") {
  // The admin command line opens the same file while the kiosk runs; neither may fail with "locked".
  TestStore kiosk;
  StoreOptions options;
  options.clock = &kiosk.clock;
  options.pin_cost = PinHashCost::Fast;
  options.initial_time_zone = kZone;
  auto admin = must(Store::open(kiosk.path(), options), "second Store::open");
  CHECK(admin->center().center_id == kiosk->center().center_id);
  for (int i = 0; i < 10; ++i) {
    add_person(*kiosk, "Kiosk", "Person" + std::to_string(i));
    add_person(*admin, "Admin", "Person" + std::to_string(i));
  }
  CHECK(must(find_participants(*kiosk, "admin", 50)).size() == 10);
  CHECK(must(find_participants(*admin, "kiosk", 50)).size() == 10);
}

TEST_CASE("database: why a file does not open reaches Store::open's caller as its kind") {
  // The kiosk's out-of-service screen tells staff what to do from the kind alone.
  TempDir dir;
  {
    std::FILE* file = std::fopen(dir.file("garbage.db").c_str(), "wb");
    REQUIRE(file != nullptr);
    const std::string garbage(8192, 'x');
    std::fwrite(garbage.data(), 1, garbage.size(), file);
    std::fclose(file);
  }
  auto garbage = Store::open(dir.file("garbage.db"));
  REQUIRE_FALSE(garbage.ok());
  CHECK(garbage.error().kind == ErrorKind::damaged);

  {
    auto db = open_db(dir.file("newer.db"));
    must(db->exec("PRAGMA user_version=" + std::to_string(latest_schema_version() + 1)), "user_version");
  }
  auto newer = Store::open(dir.file("newer.db"));
  REQUIRE_FALSE(newer.ok());
  CHECK(newer.error().kind == ErrorKind::newer_schema);
}

TEST_CASE("database: an errno from making the database file keeps its kind") {
  CHECK(porchlight::error_kind_of_errno(ENOSPC) == ErrorKind::disk_full);
  CHECK(porchlight::error_kind_of_errno(EDQUOT) == ErrorKind::disk_full);
  CHECK(porchlight::error_kind_of_errno(EIO) == ErrorKind::io_error);
  CHECK(porchlight::error_kind_of_errno(EROFS) == ErrorKind::io_error);  // a failing disk remounted read-only
  CHECK(porchlight::error_kind_of_errno(EACCES) == ErrorKind::other);
}
