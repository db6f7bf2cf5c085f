#pragma once
// The kiosk's local store: the SQLite database, who this center and device are, and the clock.
// Every domain operation (participants.hpp, visits.hpp, ...) takes a Store.
#include <filesystem>
#include <memory>
#include <string>

#include "porchlight/core/civil_time.hpp"
#include "porchlight/core/clock.hpp"
#include "porchlight/core/database.hpp"
#include "porchlight/core/ids.hpp"
#include "porchlight/core/pin.hpp"
#include "porchlight/core/result.hpp"

namespace porchlight::core {

inline constexpr int kMaxRetentionMonths = 600;

struct CenterSettings {
  std::string center_id;
  std::string device_id;
  std::string center_name;
  std::string time_zone;
  int fiscal_year_start_month = 7;
  // Whether visit reasons marked sensitive may leave the kiosk (go to the hub). Off unless the center says so.
  bool share_sensitive_reasons = false;
  // Months without a visit after which a participant's identifying fields are purged; 0 keeps them for ever.
  int retention_months = 0;
};

struct StoreOptions {
  OpenOptions open;
  // Not owned; the system clock when null.
  const Clock* clock = nullptr;
  PinHashCost pin_cost = PinHashCost::Interactive;
  // For a new database: the center's time zone (the system's zone when empty) and name.
  std::string initial_time_zone;
  std::string initial_center_name = "Porchlight Wellness Center";
};

class Store {
 public:
  static Result<std::unique_ptr<Store>> open(const std::filesystem::path& path, const StoreOptions& options = {});

  Database& db() { return *db_; }
  Millis now() const { return clock_->now(); }
  // Swaps the clock (not owned); the demo generator and tests move time with it.
  void set_clock(const Clock* clock);
  const Clock* clock() const { return clock_; }
  std::string new_id() const { return new_uuid_v7(now()); }
  PinHashCost pin_cost() const { return pin_cost_; }

  const CenterSettings& center() const { return center_; }
  const CenterTime& center_time() const { return center_time_; }
  Result<void> set_center_name(const std::string& name);
  Result<void> set_time_zone(const std::string& zone_name);
  Result<void> set_fiscal_year_start_month(int month);
  Result<void> set_share_sensitive_reasons(bool allowed);
  // 0 (never) or 1 to 600 months.
  Result<void> set_retention_months(int months);
  // Reads the center's settings again (another connection, the sync worker, may have changed them).
  Result<void> reload_settings();

  // Memory the calendar keeps between calls (expanded sessions by group revision); calendar.cpp owns its type.
  std::shared_ptr<void>& calendar_cache_slot() { return calendar_cache_; }

 private:
  Store(std::unique_ptr<Database> db, const Clock* clock, PinHashCost cost, CenterTime center_time)
      : db_(std::move(db)), clock_(clock), pin_cost_(cost), center_time_(std::move(center_time)) {}
  Result<void> load_or_create_settings(const StoreOptions& options);
  Result<void> write_setting(const std::string& key, const std::string& value);

  std::unique_ptr<Database> db_;
  const Clock* clock_;
  PinHashCost pin_cost_;
  CenterSettings center_;
  CenterTime center_time_;
  std::shared_ptr<void> calendar_cache_;
};

}  // namespace porchlight::core
