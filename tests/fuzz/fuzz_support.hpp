#pragma once
// What the fuzz targets share: the input as text, and a fresh kiosk store per run so no run sees what an earlier
// one left behind (findings must reproduce from one input alone).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "porchlight/core/store.hpp"

namespace porchlight::fuzz {

inline constexpr const char* kCenterZone = "America/New_York";
// 2026-11-24 15:00 UTC: a fixed "now", so a run does the same thing every time it is replayed.
inline constexpr core::Millis kFixedNow = 1'795'532'400'000;

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// An empty kiosk database in memory. Failing to make one is not about the input, so it stops the run loudly.
inline std::unique_ptr<core::Store> open_scratch_store(const core::Clock& clock) {
  core::StoreOptions options;
  options.clock = &clock;
  options.pin_cost = core::PinHashCost::Fast;
  options.initial_time_zone = kCenterZone;
  options.initial_center_name = "Fuzz Center";
  auto opened = core::Store::open(":memory:", options);
  if (!opened) {
    std::fprintf(stderr, "fuzz: cannot open an in-memory store: %s\n", opened.error().message.c_str());
    std::abort();
  }
  return std::move(opened).value();
}

}  // namespace porchlight::fuzz
