#pragma once
// What porchlight-hub knows and does, over either engine, in parts by concern that share one database:
// centers, enrollment and devices (hub_devices.hpp), the pushed records (hub_ingest.hpp), the pull feed
// (hub_feed.hpp), the audit log (hub_audit.hpp) and the reports (hub_report_queries.hpp). HubStore opens the
// storage, keeps its schema, and is every part at once.
#include <cstdint>
#include <functional>
#include <memory>

#include "porchlight/hub/hub_audit.hpp"
#include "porchlight/hub/hub_database.hpp"
#include "porchlight/hub/hub_devices.hpp"
#include "porchlight/hub/hub_feed.hpp"
#include "porchlight/hub/hub_ingest.hpp"
#include "porchlight/hub/hub_report_queries.hpp"
#include "porchlight/hub/sql.hpp"
#include "porchlight/sync/protocol.hpp"

namespace porchlight::hub {

class HubStore final : public HubDevices, public HubIngest, public HubFeed, public HubAudit, public HubReports {
 public:
  // Opens the storage and brings its schema up to date. `clock` gives now in ms (the system clock when empty).
  static Result<std::unique_ptr<HubStore>> open(std::unique_ptr<SqlPool> pool, std::function<Millis()> clock = {});
  // The schema version the storage holds (0: an empty database), read without changing anything; and the one
  // this hub brings it to. Package upgrades compare them to decide whether to back up first.
  static Result<std::int64_t> stored_schema_version(SqlPool& pool);
  static int current_schema_version();
  // Brings the schema to `version` only (at most the current one): for tests that need an older hub's database.
  static Result<void> migrate_to(SqlPool& pool, int version);

 private:
  HubStore(std::unique_ptr<SqlPool> pool, std::function<Millis()> clock)
      : HubDatabase(std::move(pool), std::move(clock)) {}
};

}  // namespace porchlight::hub
