#pragma once
// The kiosk's sync client: enrolment, and one round of push-then-pull. The background worker (worker.hpp) runs
// rounds; `porchlight-admin sync now` runs one. Everything it learns is written through kiosk/core.
#include <chrono>
#include <filesystem>
#include <optional>
#include <random>
#include <string>

#include "porchlight/core/store.hpp"
#include "porchlight/sync/http.hpp"

namespace porchlight::sync {

// Where this kiosk syncs to. Saved beside the database with mode 0600: it holds the device token.
struct SyncConfig {
  std::string hub_url;  // https://hub.example.org (no trailing slash)
  std::string token;
  std::string device_id;
  std::string center_name;
  std::string ca_file;
};

std::filesystem::path sync_config_path(const std::filesystem::path& database_path);
// nullopt when this kiosk is not enrolled.
Result<std::optional<SyncConfig>> load_sync_config(const std::filesystem::path& path);
Result<void> save_sync_config(const std::filesystem::path& path, const SyncConfig& config);

// Exchanges a code made with `porchlight-hub enroll` for this kiosk's token, and saves the config.
Result<SyncConfig> enroll(const std::string& hub_url, const std::string& code, const std::string& device_name,
                          const std::string& ca_file, const std::filesystem::path& config_path);

struct SyncOutcome {
  bool ok = false;
  int pushed = 0;       // new to the hub
  int duplicates = 0;   // the hub already held them (a retry after a lost answer)
  int parked = 0;       // refused by the hub for good, kept and shown to staff
  int pulled = 0;       // feed items applied
  bool settings_changed = false;
  bool revoked = false;  // the hub no longer knows this kiosk: staff must enroll it again
  std::string error;
  std::optional<int> retry_after_seconds;
};

struct SyncLimits {
  std::size_t batch_mutations = 500;
  std::size_t batch_bytes = 1 << 20;
};

// Pushes every pending record in batches, then pulls every feed page. Stops at the first failure (what was
// acknowledged stays acknowledged) and notes the outcome for staff.
SyncOutcome sync_once(core::Store& store, const SyncConfig& config, HttpClient& http, SyncLimits limits = {});

// The failure count the backoff waits by after `outcome`: none after a success; one after a round that failed but
// moved records first (a lossy link that breaks every few batches is making progress, and waiting minutes between
// its rounds would turn a minute's backlog into an hour's); one more than before after a round that moved nothing.
int failures_after(int previous_failures, const SyncOutcome& outcome);

// Full-jitter exponential backoff: a random wait in [0, min(cap, base * 2^failures)], but never shorter than the
// hub's Retry-After.
std::chrono::milliseconds backoff_delay(int consecutive_failures, std::optional<int> retry_after_seconds,
                                        std::mt19937_64& random,
                                        std::chrono::milliseconds base = std::chrono::seconds(1),
                                        std::chrono::milliseconds cap = std::chrono::minutes(5));

}  // namespace porchlight::sync
