#include "porchlight/sync/worker.hpp"

#include "porchlight/core/sync_state.hpp"
#include "porchlight/log.hpp"

namespace porchlight::sync {

namespace {

// What the journal hears of sync: a warning when it starts failing and a line when it works again, not one per
// retry (a kiosk offline for a day would fill the journal); every attempt only at debug.
struct SyncLog {
  bool failing = false;
  int failed_attempts = 0;

  void failed(const std::string& error, std::chrono::milliseconds next_in) {
    ++failed_attempts;
    if (!failing) log::warning("sync with the hub is failing, retrying with backoff: " + error);
    failing = true;
    log::debug("sync attempt failed (" + std::to_string(failed_attempts) + " in a row, next in " +
               std::to_string(next_in.count() / 1000) + " s): " + error);
  }

  void succeeded(const SyncOutcome& outcome) {
    if (failing) log::info("sync with the hub works again, after " + std::to_string(failed_attempts) + " failed attempts");
    failing = false;
    failed_attempts = 0;
    if (outcome.parked > 0) {
      log::warning("the hub refused " + std::to_string(outcome.parked) + " records for good; they are parked for staff");
    }
    log::debug("sync: " + std::to_string(outcome.pushed) + " records accepted, " + std::to_string(outcome.duplicates) +
               " duplicates, " + std::to_string(outcome.parked) + " parked, " + std::to_string(outcome.pulled) +
               " feed items applied");
  }
};

}  // namespace

SyncWorker::SyncWorker(std::filesystem::path database_path, std::function<void()> on_change, WorkerOptions options)
    : database_path_(std::move(database_path)), on_change_(std::move(on_change)), options_(options) {}

SyncWorker::~SyncWorker() { stop(); }

void SyncWorker::start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void SyncWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SyncWorker::sync_now() {
  {
    std::lock_guard lock(mutex_);
    now_requested_ = true;
  }
  wake_.notify_all();
}

SyncStatus SyncWorker::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

void SyncWorker::set_status(const std::function<void(SyncStatus&)>& change) {
  {
    std::lock_guard lock(mutex_);
    change(status_);
  }
  if (on_change_) on_change_();
}

void SyncWorker::run() {
  std::mt19937_64 random(std::random_device{}());
  std::unique_ptr<core::Store> store;
  std::unique_ptr<HttpClient> http;
  std::string http_ca_file;
  const auto config_path = sync_config_path(database_path_);
  SyncLog sync_log;

  for (;;) {
    std::chrono::milliseconds wait = options_.interval;
    std::optional<SyncConfig> config;
    std::string problem;
    if (!store) {
      // Its own connection: the UI's connection is never shared with this thread.
      auto opened = core::Store::open(database_path_);
      if (opened) {
        store = std::move(opened.value());
      } else {
        problem = opened.error().message;
      }
    }
    if (store) {
      auto loaded = load_sync_config(config_path);
      if (!loaded) {
        problem = loaded.error().message;
      } else {
        config = std::move(loaded.value());
      }
    }

    if (!problem.empty()) {
      sync_log.failed(problem, wait);
    } else if (!config) {
      log::debug("sync: this kiosk is not enrolled with a hub");
    }
    if (!problem.empty() || !config) {
      set_status([&](SyncStatus& s) {
        s.enrolled = config.has_value();
        s.online = false;
        s.last_error = problem;
      });
    } else {
      if (!http || http_ca_file != config->ca_file) {
        http = std::make_unique<HttpClient>(HttpOptions{config->ca_file, 10'000, 20, 60'000});
        http_ca_file = config->ca_file;
      }
      set_status([](SyncStatus& s) {
        s.enrolled = true;
        s.syncing = true;
      });
      const SyncOutcome outcome = sync_once(*store, *config, *http);
      int failures = 0;
      set_status([&](SyncStatus& s) {
        s.syncing = false;
        s.online = outcome.ok;
        s.revoked = outcome.revoked;
        if (outcome.settings_changed) ++s.settings_generation;
        s.consecutive_failures = failures_after(s.consecutive_failures, outcome);
        if (outcome.ok) {
          s.last_error.clear();
          s.last_success_at = store->now();
        } else {
          s.last_error = outcome.error;
        }
        failures = s.consecutive_failures;
      });
      if (!outcome.ok) {
        wait = backoff_delay(failures, outcome.retry_after_seconds, random, options_.backoff_base, options_.backoff_cap);
        sync_log.failed(outcome.revoked ? outcome.error + " (the hub refused this kiosk's token; enroll it again)"
                                        : outcome.error,
                        wait);
      } else {
        sync_log.succeeded(outcome);
      }
    }

    std::unique_lock lock(mutex_);
    status_.next_attempt = std::chrono::steady_clock::now() + wait;
    wake_.wait_for(lock, wait, [this] { return stopping_ || now_requested_; });
    if (stopping_) return;
    now_requested_ = false;
  }
}

}  // namespace porchlight::sync
