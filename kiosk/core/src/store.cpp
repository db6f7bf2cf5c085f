#include "porchlight/core/store.hpp"

namespace porchlight::core {

namespace {

const SystemClock& system_clock() {
  static const SystemClock clock;  // stateless
  return clock;
}

Result<std::optional<std::string>> read_setting(Database& db, const std::string& key) {
  PL_TRY_ASSIGN(query, db.query("SELECT value FROM setting WHERE key = ?1"));
  query.bind(1, key);
  PL_TRY_ASSIGN(has_row, query.step());
  if (!has_row) return std::optional<std::string>();
  return std::optional<std::string>(query.text(0));
}

}  // namespace

Result<std::unique_ptr<Store>> Store::open(const std::filesystem::path& path, const StoreOptions& options) {
  PL_TRY_ASSIGN(db, Database::open(path, options.open));
  PL_TRY_ASSIGN(utc, CenterTime::for_zone("UTC"));
  const Clock* clock = options.clock ? options.clock : &system_clock();
  std::unique_ptr<Store> store(new Store(std::move(db), clock, options.pin_cost, std::move(utc)));
  if (store->db().schema_version() >= 1) PL_TRY(store->load_or_create_settings(options));
  return store;
}

void Store::set_clock(const Clock* clock) { clock_ = clock ? clock : &system_clock(); }

Result<void> Store::write_setting(const std::string& key, const std::string& value) {
  PL_TRY_ASSIGN(query, db_->query("INSERT INTO setting (key, value) VALUES (?1, ?2) "
                                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
  return query.bind(1, key).bind(2, value).run();
}

Result<void> Store::load_or_create_settings(const StoreOptions& options) {
  PL_TRY_ASSIGN(transaction, db_->begin());
  auto ensure = [&](const std::string& key, const std::string& fallback) -> Result<std::string> {
    PL_TRY_ASSIGN(existing, read_setting(*db_, key));
    if (existing) return *existing;
    PL_TRY(write_setting(key, fallback));
    return fallback;
  };
  const std::string zone = options.initial_time_zone.empty() ? system_zone_name() : options.initial_time_zone;
  PL_TRY_ASSIGN(center_id, ensure("center_id", new_id()));
  PL_TRY_ASSIGN(device_id, ensure("device_id", new_id()));
  PL_TRY_ASSIGN(center_name, ensure("center_name", options.initial_center_name));
  PL_TRY_ASSIGN(time_zone, ensure("time_zone", zone));
  PL_TRY_ASSIGN(fiscal_start, ensure("fiscal_year_start_month", "7"));
  PL_TRY_ASSIGN(share_sensitive, ensure("share_sensitive_reasons", "0"));
  PL_TRY_ASSIGN(retention, ensure("retention_months", "0"));
  PL_TRY(transaction.commit());

  PL_TRY_ASSIGN(center_time, CenterTime::for_zone(time_zone));
  center_ = CenterSettings{
      center_id, device_id, center_name, time_zone, std::atoi(fiscal_start.c_str()), share_sensitive == "1"};
  if (center_.fiscal_year_start_month < 1 || center_.fiscal_year_start_month > 12) center_.fiscal_year_start_month = 7;
  // A damaged value means "never purge": losing names by mistake cannot be undone, keeping them can.
  center_.retention_months = std::atoi(retention.c_str());
  if (center_.retention_months < 0 || center_.retention_months > kMaxRetentionMonths) center_.retention_months = 0;
  center_time_ = std::move(center_time);
  return {};
}

Result<void> Store::reload_settings() { return load_or_create_settings(StoreOptions{}); }

Result<void> Store::set_center_name(const std::string& name) {
  if (name.empty()) return make_error("the center needs a name");
  PL_TRY(write_setting("center_name", name));
  center_.center_name = name;
  return {};
}

Result<void> Store::set_time_zone(const std::string& zone_name) {
  PL_TRY_ASSIGN(center_time, CenterTime::for_zone(zone_name));
  PL_TRY(write_setting("time_zone", zone_name));
  center_.time_zone = zone_name;
  center_time_ = std::move(center_time);
  return {};
}

Result<void> Store::set_fiscal_year_start_month(int month) {
  if (month < 1 || month > 12) return make_error("the fiscal year starts in a month from 1 to 12");
  PL_TRY(write_setting("fiscal_year_start_month", std::to_string(month)));
  center_.fiscal_year_start_month = month;
  return {};
}

Result<void> Store::set_retention_months(int months) {
  if (months < 0 || months > kMaxRetentionMonths) {
    return make_error("retention is 0 (keep for ever) or 1 to " + std::to_string(kMaxRetentionMonths) + " months");
  }
  PL_TRY(write_setting("retention_months", std::to_string(months)));
  center_.retention_months = months;
  return {};
}

Result<void> Store::set_share_sensitive_reasons(bool allowed) {
  PL_TRY(write_setting("share_sensitive_reasons", allowed ? "1" : "0"));
  center_.share_sensitive_reasons = allowed;
  return {};
}

}  // namespace porchlight::core
