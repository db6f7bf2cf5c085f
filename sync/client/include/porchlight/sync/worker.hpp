#pragma once
// The kiosk's background sync: a thread with its own database connection that pushes and pulls whenever the
// hub can be reached, backs off when it cannot, and never makes the UI wait. It tells the UI when its status
// changed (the UI wakes its loop with that callback).
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "porchlight/sync/client.hpp"

namespace porchlight::sync {

struct WorkerOptions {
  std::chrono::milliseconds interval = std::chrono::seconds(30);  // between rounds while all is well
  std::chrono::milliseconds backoff_base = std::chrono::seconds(1);
  std::chrono::milliseconds backoff_cap = std::chrono::minutes(5);
};

struct SyncStatus {
  bool enrolled = false;
  bool online = false;   // the last round reached the hub and finished
  bool syncing = false;  // a round is running now
  bool revoked = false;  // the hub refused this kiosk's token
  std::optional<core::Millis> last_success_at;
  std::string last_error;
  int consecutive_failures = 0;
  std::chrono::steady_clock::time_point next_attempt{};
  // Grows each time a sync brought new center settings, so the UI knows to read them again.
  std::uint64_t settings_generation = 0;
};

class SyncWorker {
 public:
  SyncWorker(std::filesystem::path database_path, std::function<void()> on_change, WorkerOptions options = {});
  ~SyncWorker();
  SyncWorker(const SyncWorker&) = delete;
  SyncWorker& operator=(const SyncWorker&) = delete;

  void start();
  void stop();
  // A round now (staff's "Sync now", or a new record to send), without waiting for the backoff.
  void sync_now();
  [[nodiscard]] SyncStatus status() const;

 private:
  void run();
  void set_status(const std::function<void(SyncStatus&)>& change);

  std::filesystem::path database_path_;
  std::function<void()> on_change_;
  WorkerOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool now_requested_ = false;
  SyncStatus status_;
  std::thread thread_;
};

}  // namespace porchlight::sync
