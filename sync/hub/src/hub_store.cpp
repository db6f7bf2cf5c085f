#include "porchlight/hub/hub_store.hpp"

#include <chrono>

#include "hub_schema.hpp"

namespace porchlight::hub {

namespace {

constexpr std::int64_t kMigrationLock = 7'501'001;  // pg_advisory_xact_lock keys: one schema change at a time

Millis system_now() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Result<std::unique_ptr<HubStore>> HubStore::open(std::unique_ptr<SqlPool> pool, std::function<Millis()> clock) {
  if (!clock) clock = system_now;
  std::unique_ptr<HubStore> store(new HubStore(std::move(pool), std::move(clock)));
  PL_TRY(migrate_to(*store->pool_, kHubSchemaVersion));
  return store;
}

Result<std::int64_t> HubStore::stored_schema_version(SqlPool& pool) {
  PL_TRY_ASSIGN(session, pool.acquire());
  // No hub_meta table yet is an empty database; asked through the catalogue so nothing is created.
  const char* has_meta = pool.dialect() == Dialect::PostgreSQL
                             ? "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND "
                               "table_name = 'hub_meta'"
                             : "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'hub_meta'";
  PL_TRY_ASSIGN(tables, session->run(has_meta));
  if (tables.rows.empty() || as_int(tables.rows[0][0]) == 0) return std::int64_t{0};
  PL_TRY_ASSIGN(found, session->run("SELECT value FROM hub_meta WHERE key = 'schema_version'"));
  return found.rows.empty() ? std::int64_t{0} : as_int(found.rows[0][0]);
}

int HubStore::current_schema_version() { return kHubSchemaVersion; }

Result<void> HubStore::migrate_to(SqlPool& pool, int target) {
  if (target > kHubSchemaVersion) {
    return make_error("this hub knows schema versions up to " + std::to_string(kHubSchemaVersion));
  }
  PL_TRY_ASSIGN(session, pool.acquire());
  PL_TRY_ASSIGN(transaction, SqlTransaction::begin(*session));
  if (pool.dialect() == Dialect::PostgreSQL) {
    const SqlValue key{kMigrationLock};
    PL_TRY(session->run("SELECT pg_advisory_xact_lock($1)", std::span(&key, 1)));
  }
  PL_TRY(session->run_script("CREATE TABLE IF NOT EXISTS hub_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"));
  PL_TRY_ASSIGN(found, session->run("SELECT value FROM hub_meta WHERE key = 'schema_version'"));
  const std::int64_t version = found.rows.empty() ? 0 : as_int(found.rows[0][0]);
  if (version > kHubSchemaVersion) {
    return make_error("the hub database is from a newer porchlight-hub (schema " + std::to_string(version) +
                      "); this one knows up to " + std::to_string(kHubSchemaVersion));
  }
  for (std::int64_t from = version; from < target; ++from) {
    PL_TRY(session->run_script(hub_migration(static_cast<int>(from), pool.dialect())));
  }
  if (version < target) {
    const std::vector<SqlValue> values{std::to_string(target)};
    PL_TRY(session->run("UPDATE hub_meta SET value = $1 WHERE key = 'schema_version'", values));
  }
  return transaction.commit();
}

}  // namespace porchlight::hub
