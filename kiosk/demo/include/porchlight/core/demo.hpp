#pragma once
#include <cstdint>

#include "porchlight/core/store.hpp"

namespace porchlight::core {

struct DemoOptions {
  std::uint64_t seed = 20261123;
  int participants = 320;
  int weeks = 6;
  // The last day with visits (the center's local date); visits up to "now" on that day.
  LocalDate today;
  // Present time on `today`, so today's visits stop at a believable point.
  Millis now = 0;
};

struct DemoSummary {
  std::int64_t participants = 0;
  std::int64_t visits = 0;
  std::int64_t staff = 0;
  std::int64_t groups = 0;
  std::int64_t group_joins = 0;
  std::int64_t services = 0;  // in the demo directory
};

// The fictional town's resource directory (assets/demo/directory, compiled in), imported into the store.
// Returns how many services the directory then has.
Result<std::int64_t> load_demo_directory(Store& store);

// Fills an empty store with a believable small center: names, a few staff, several weeks of visits at the
// hours a drop-in center keeps (closed Sundays, busier at lunch), its groups (assets/demo/calendar.ics) and
// who joined them, and the town's resource directory. The same seed gives the same center.
// Demo staff PINs are 1234 (peer "Sam Rivera") and 4321 (admin "Alex Morgan").
Result<DemoSummary> generate_demo(Store& store, const DemoOptions& options);

}  // namespace porchlight::core
