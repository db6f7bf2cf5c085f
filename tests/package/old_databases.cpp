// porchlight-old-databases kiosk|hub FILE: a database as the previous release left it, for the package upgrade
// test. The kiosk's is at the schema version before this one and holds rows written the way older
// versions wrote them (a participant, a staff member, a visit, ...); the hub's is at the hub schema before this
// one and holds a center. Installing the new packages over them must keep every row and bring both up to date.
#include <cstdio>
#include <filesystem>
#include <string>

#include "old_kiosk_rows.hpp"
#include "porchlight/core/database.hpp"
#include "porchlight/hub/hub_store.hpp"
#include "porchlight/hub/sql.hpp"

namespace core = porchlight::core;
namespace hub = porchlight::hub;

namespace {

int fail(const std::string& message) {
  std::fprintf(stderr, "porchlight-old-databases: %s\n", message.c_str());
  return 1;
}

int make_old_kiosk_database(const std::filesystem::path& path) {
  const int previous_version = core::latest_schema_version() - 1;
  core::OpenOptions options;
  options.migrate_to = previous_version;
  auto db = core::Database::open(path, options);
  if (!db) return fail(db.error().message);
  std::string problem;
  porchlight::test::put_old_kiosk_rows(
      [&](const char* sql) {
        if (auto done = db.value()->exec(sql); !done && problem.empty()) problem = done.error().message;
      },
      previous_version);
  if (!problem.empty()) return fail(problem);
  std::printf("kiosk database at schema version %d\n", previous_version);
  return 0;
}

int make_old_hub_database(const std::string& path) {
  const int previous_version = hub::HubStore::current_schema_version() - 1;
  auto pool = hub::open_sqlite_pool(path);
  if (!pool) return fail(pool.error().message);
  if (auto migrated = hub::HubStore::migrate_to(*pool.value(), previous_version); !migrated) {
    return fail(migrated.error().message);
  }
  auto session = pool.value()->acquire();
  if (!session) return fail(session.error().message);
  auto inserted =
      session.value()->run("INSERT INTO center (id, name, created_at) VALUES ('c-old', 'Old Town Center', 1000)");
  if (!inserted) return fail(inserted.error().message);
  std::printf("hub database at schema version %d\n", previous_version);
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  const std::string kind = argc == 3 ? argv[1] : "";
  if (kind != "kiosk" && kind != "hub") return fail("usage: porchlight-old-databases kiosk|hub FILE");
  std::error_code ec;
  if (std::filesystem::exists(argv[2], ec)) return fail(std::string("refusing to replace ") + argv[2]);
  return kind == "kiosk" ? make_old_kiosk_database(argv[2]) : make_old_hub_database(argv[2]);
}
