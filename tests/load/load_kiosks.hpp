#pragma once
// Simulated kiosks pushing to real hubs over HTTP, for the multi-hub test and the ingest benchmark. Each kiosk
// sends its records in batches as the real client does (same Idempotency-Key on a retry), retries until the hub
// acknowledges, fails over to the next hub when one stops answering, and now and then delivers a batch twice.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace porchlight::load {

struct LoadKiosk {
  std::string token;
  std::string device_id;
};

struct LoadOptions {
  std::vector<std::pair<std::string, int>> hubs;  // host, port; kiosk i starts on hub i % n
  int records_per_kiosk = 1000;
  int batch_size = 500;
  int duplicate_every = 7;  // every Nth batch is sent twice (a lost answer)
  std::chrono::seconds give_up_after{300};
};

struct LoadResult {
  std::vector<std::string> sent;          // every mutation id made
  std::vector<std::string> acknowledged;  // ids the hub acknowledged (not rejected)
  std::int64_t failed_requests = 0;       // refused, timed out or unreachable, then retried
  double seconds = 0;
  bool complete = false;                  // every kiosk got every record acknowledged
};

// Runs one thread per kiosk until all records are acknowledged or `give_up_after` passes.
LoadResult run_load(const std::vector<LoadKiosk>& kiosks, const LoadOptions& options);

// Enrolls `count` kiosks over HTTP with codes made by the caller.
std::vector<LoadKiosk> enroll_kiosks(const std::string& host, int port, const std::vector<std::string>& codes);

}  // namespace porchlight::load
