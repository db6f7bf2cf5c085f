// porchlight-admin backup and restore on real files: a backup taken while sign-ins are being committed holds every
// visit that was acknowledged before it began and is a sound database; restore refuses anything that is not a good
// kiosk backup without touching the database, and puts a good one back (keeping what was there).
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <chrono>
#include <set>

#include "support/checks.hpp"
#include "support/hub.hpp"

using namespace porchlight::test;
using namespace std::chrono_literals;

namespace {

std::set<std::string> visit_ids(const std::filesystem::path& file) {
  const auto ids = query_column(file, "SELECT id FROM visit");
  return {ids.begin(), ids.end()};
}

}  // namespace

TEST_CASE("a backup taken while sign-ins are committed holds every acknowledged one and is owner-only") {
  TempDir dir;
  const Admin admin(dir / "center.db");
  require_ok(admin({"init", "--time-zone", "UTC"}));
  single_line(admin({"participant", "add", "--first", "Ana", "--last", "Reyes", "--consent"}));

  ChildProcess simulate({admin_binary(), "--db", admin.db().string(), "simulate", "--signins", "100000"});
  std::vector<std::string> acknowledged;
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (acknowledged.size() < 300) {
    auto line = simulate.read_line(deadline);
    REQUIRE(line.has_value());
    acknowledged.push_back(std::move(*line));
  }
  // The writer keeps committing while the backup copies.
  const auto backup = dir / "backup.db";
  require_ok(admin({"backup", backup.string()}));
  for (const auto& line : simulate.kill_and_drain()) acknowledged.push_back(line);

  const auto in_backup = visit_ids(backup);
  std::size_t before_backup_missing = 0;
  for (std::size_t i = 0; i < 300; ++i) before_backup_missing += in_backup.count(acknowledged[i]) == 0 ? 1 : 0;
  CHECK(before_backup_missing == 0);
  CHECK(query_column(backup, "PRAGMA integrity_check") == std::vector<std::string>{"ok"});
  CHECK(query_column(backup, "PRAGMA journal_mode") == std::vector<std::string>{"delete"});  // one file, no WAL
  struct stat info {};
  REQUIRE(::stat(backup.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK_FALSE(std::filesystem::exists(dir / "backup.db.partial"));
  require_ok(admin({"check-backup", backup.string()}));

  // Not over an existing file unless asked.
  check_refused(admin({"backup", backup.string()}), 1);
  require_ok(admin({"backup", backup.string(), "--force"}));
}

TEST_CASE("restore refuses a file that is not a sound kiosk backup and changes nothing") {
  TempDir dir;
  const Admin admin(dir / "center.db");
  require_ok(admin({"init", "--time-zone", "UTC"}));
  single_line(admin({"participant", "add", "--first", "Ana", "--last", "Reyes", "--consent"}));

  const auto not_a_database = dir / "notes.txt";
  {
    std::FILE* file = std::fopen(not_a_database.c_str(), "w");
    REQUIRE(file != nullptr);
    std::fputs("this is not a database\n", file);
    std::fclose(file);
  }
  // A SQLite file of something else: here a backup with its participant table gone.
  const auto other = dir / "other.db";
  require_ok(admin({"backup", other.string()}));
  execute_sql(other, "DROP TABLE participant");
  // A damaged backup: good at first, then pages 2 to 5 overwritten.
  const auto damaged = dir / "damaged.db";
  require_ok(admin({"backup", damaged.string()}));
  {
    std::FILE* file = std::fopen(damaged.c_str(), "r+b");
    REQUIRE(file != nullptr);
    std::fseek(file, 4096, SEEK_SET);
    const std::string garbage(4 * 4096, '\x5a');
    std::fwrite(garbage.data(), 1, garbage.size(), file);
    std::fclose(file);
  }
  const std::string before = dump_database(admin.db());

  const auto refused = admin({"restore", not_a_database.string()});
  check_refused(refused, 1);
  CHECK(refused.err.find("not a SQLite database") != std::string::npos);
  CHECK(refused.err.find("Nothing was changed") != std::string::npos);
  const auto wrong_kind = admin({"restore", other.string()});
  check_refused(wrong_kind, 1);
  CHECK(wrong_kind.err.find("no participant table") != std::string::npos);
  const auto damaged_refused = admin({"restore", damaged.string()});
  check_refused(damaged_refused, 1);
  CHECK(damaged_refused.err.find("damaged") != std::string::npos);
  check_refused(admin({"restore", (dir / "missing.db").string()}), 1);

  CHECK(dump_database(admin.db()) == before);
  CHECK_FALSE(std::filesystem::exists(dir / "center.db.before-restore"));
}

TEST_CASE("restore puts a backup back and keeps the database it replaced") {
  TempDir dir;
  const Admin admin(dir / "center.db");
  require_ok(admin({"init", "--time-zone", "UTC"}));
  const std::string ana = single_line(admin({"participant", "add", "--first", "Ana", "--last", "Reyes", "--consent"}));
  const auto backup = dir / "monday.db";
  require_ok(admin({"backup", backup.string()}));
  const std::string ben = single_line(admin({"participant", "add", "--first", "Ben", "--last", "Ortiz", "--consent"}));

  const auto restored = admin({"restore", backup.string()});
  require_ok(restored);
  CHECK(restored.out.find("before-restore") != std::string::npos);
  CHECK(count_rows(admin.db(), "SELECT count(*) FROM participant WHERE id = ?1", ana) == 1);
  CHECK(count_rows(admin.db(), "SELECT count(*) FROM participant WHERE id = ?1", ben) == 0);
  // What was there before is kept, Ben included.
  const auto kept = dir / "center.db.before-restore";
  CHECK(count_rows(kept, "SELECT count(*) FROM participant WHERE id = ?1", ben) == 1);
  // The restored database works as before, and the restore is in its audit log.
  require_ok(admin({"check"}));
  CHECK(count_rows(admin.db(), "SELECT count(*) FROM audit WHERE action = ?1", "database.restore") == 1);
  single_line(admin({"participant", "add", "--first", "Cy", "--last", "Diaz", "--consent"}));
}

TEST_CASE("restore replaces a damaged database, keeping the damaged file itself aside") {
  // What the kiosk's out-of-service screen tells staff to run when its database is damaged.
  TempDir dir;
  const Admin admin(dir / "center.db");
  require_ok(admin({"init", "--time-zone", "UTC"}));
  const std::string ana = single_line(admin({"participant", "add", "--first", "Ana", "--last", "Reyes", "--consent"}));
  const auto backup = dir / "monday.db";
  require_ok(admin({"backup", backup.string()}));
  std::filesystem::remove(dir / "center.db-wal");
  std::filesystem::remove(dir / "center.db-shm");
  {
    std::FILE* file = std::fopen(admin.db().c_str(), "wb");  // not a database any more
    REQUIRE(file != nullptr);
    const std::string garbage(8192, 'x');
    std::fwrite(garbage.data(), 1, garbage.size(), file);
    std::fclose(file);
  }
  check_refused(admin({"check"}), 1);
  {
    std::FILE* wal = std::fopen((dir / "center.db-wal").c_str(), "wb");  // the damaged file's WAL
    REQUIRE(wal != nullptr);
    std::fputs("not for the restored file", wal);
    std::fclose(wal);
  }

  require_ok(admin({"restore", backup.string()}));
  CHECK(count_rows(admin.db(), "SELECT count(*) FROM participant WHERE id = ?1", ana) == 1);
  require_ok(admin({"check"}));
  CHECK(std::filesystem::file_size(dir / "center.db.before-restore") == 8192);
  CHECK(std::filesystem::file_size(dir / "center.db.before-restore-wal") == 25);
  CHECK_FALSE(std::filesystem::exists(dir / "center.db.restoring"));
  struct stat info {};
  REQUIRE(::stat(admin.db().c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
}

TEST_CASE("porchlight-hub backup and restore: a checked copy of the SQLite hub - a kiosk's file is refused") {
  TempDir dir;
  const std::string hub_db = (dir / "hub.db").string();
  const auto hub = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {hub_binary(), "--db", hub_db});
    return run_process(args);
  };
  require_ok(hub({"enroll", "--center", "Harbor Light"}));
  const auto backup = dir / "hub-monday.db";
  require_ok(hub({"backup", backup.string()}));
  struct stat info {};
  REQUIRE(::stat(backup.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK(query_column(backup, "PRAGMA integrity_check") == std::vector<std::string>{"ok"});
  CHECK(count_rows(backup, "SELECT count(*) FROM center WHERE name = ?1", "Harbor Light") == 1);

  require_ok(hub({"enroll", "--center", "Eastside"}));
  require_ok(hub({"restore", backup.string()}));
  CHECK(count_rows(hub_db, "SELECT count(*) FROM center WHERE name = ?1", "Eastside") == 0);
  CHECK(count_rows(dir / "hub.db.before-restore", "SELECT count(*) FROM center WHERE name = ?1", "Eastside") == 1);
  require_ok(hub({"audit", "verify"}));

  // A kiosk's database is not a hub's backup.
  const Admin admin(dir / "center.db");
  require_ok(admin({"init", "--time-zone", "UTC"}));
  const auto refused = hub({"restore", admin.db().string()});
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("no hub_meta, center, device, mutation tables") != std::string::npos);
  CHECK(count_rows(hub_db, "SELECT count(*) FROM center WHERE name = ?1", "Harbor Light") == 1);
}
