#pragma once
// Per-operation timing: every call is timed on its own with steady_clock and the sorted samples give the
// percentiles, so a p99 here is a real 99th-percentile call, not an average of batches.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <vector>

namespace porchlight::bench {

using BenchClock = std::chrono::steady_clock;

struct Summary {
  std::size_t n = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
};

class Samples {
 public:
  void add(BenchClock::duration elapsed) {
    millis_.push_back(std::chrono::duration<double, std::milli>(elapsed).count());
  }
  std::size_t size() const { return millis_.size(); }

  // Nearest-rank percentiles: the value at or below which p of the samples lie.
  Summary summary() const {
    Summary summary;
    summary.n = millis_.size();
    if (millis_.empty()) return summary;
    std::vector<double> sorted = millis_;
    std::sort(sorted.begin(), sorted.end());
    auto rank = [&](double p) {
      const auto index = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
      return sorted[std::clamp<std::size_t>(index, 1, sorted.size()) - 1];
    };
    summary.p50_ms = rank(0.50);
    summary.p99_ms = rank(0.99);
    summary.max_ms = sorted.back();
    return summary;
  }

 private:
  std::vector<double> millis_;
};

// Times one call and records it; returns what the call returned.
template <class Call>
auto timed(Samples& samples, Call&& call) {
  const auto start = BenchClock::now();
  auto result = call();
  samples.add(BenchClock::now() - start);
  return result;
}

}  // namespace porchlight::bench
