#pragma once
// The database behind --screenshot: demo data in a temporary directory at a fixed seed and a fixed "now", so the
// same build draws the same pictures.
#include <filesystem>
#include <memory>

#include "porchlight/core/clock.hpp"
#include "porchlight/core/result.hpp"
#include "porchlight/core/store.hpp"

namespace porchlight::app {

struct DemoStore {
  std::filesystem::path directory;  // removed by the destructor
  std::unique_ptr<core::ManualClock> clock;
  std::unique_ptr<core::Store> store;

  DemoStore() = default;
  DemoStore(DemoStore&&) = default;
  DemoStore& operator=(DemoStore&&) = default;
  DemoStore(const DemoStore&) = delete;
  DemoStore& operator=(const DemoStore&) = delete;
  ~DemoStore();
};

[[nodiscard]] core::Result<DemoStore> make_demo_store();

// --db, or $XDG_DATA_HOME/porchlight/porchlight.db, or ~/.local/share/porchlight/porchlight.db.
[[nodiscard]] core::Result<std::filesystem::path> default_database_path();

}  // namespace porchlight::app
