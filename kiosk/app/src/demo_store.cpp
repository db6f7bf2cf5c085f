#include "demo_store.hpp"

#include <cstdlib>
#include <string>
#include <system_error>

#include "porchlight/core/demo.hpp"

namespace porchlight::app {

namespace {

constexpr std::uint64_t kScreenshotSeed = 20261123;
const core::LocalDate kScreenshotDay{2026, 11, 23};  // a Monday
constexpr int kScreenshotHour = 10;
constexpr int kScreenshotMinute = 42;

}  // namespace

DemoStore::~DemoStore() {
  store.reset();
  if (!directory.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(directory, ignored);
  }
}

core::Result<DemoStore> make_demo_store() {
  std::string pattern = (std::filesystem::temp_directory_path() / "porchlight-demo-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) return core::make_error("cannot make a temporary directory for demo data");
  DemoStore demo;
  demo.directory = pattern;
  PL_TRY_ASSIGN(zone, core::CenterTime::for_zone("America/New_York"));
  const core::Millis now = zone.at_local(kScreenshotDay, kScreenshotHour, kScreenshotMinute);
  demo.clock = std::make_unique<core::ManualClock>(now);
  core::StoreOptions options;
  options.clock = demo.clock.get();
  options.pin_cost = core::PinHashCost::Fast;
  options.initial_time_zone = zone.zone_name();
  options.initial_center_name = "Riverside Peer Wellness Center";
  PL_TRY_ASSIGN(store, core::Store::open(demo.directory / "demo.db", options));
  core::DemoOptions demo_options;
  demo_options.seed = kScreenshotSeed;
  demo_options.today = kScreenshotDay;
  demo_options.now = now;
  demo_options.participants = 120;
  demo_options.weeks = 2;
  PL_TRY(core::generate_demo(*store, demo_options));
  demo.clock->set(now);
  demo.store = std::move(store);
  return demo;
}

core::Result<std::filesystem::path> default_database_path() {
  const char* data_home = std::getenv("XDG_DATA_HOME");
  if (data_home != nullptr && *data_home != '\0' && std::filesystem::path(data_home).is_absolute()) {
    return std::filesystem::path(data_home) / "porchlight" / "porchlight.db";
  }
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') {
    return core::make_error("neither XDG_DATA_HOME nor HOME is set; give the database with --db PATH");
  }
  return std::filesystem::path(home) / ".local" / "share" / "porchlight" / "porchlight.db";
}

}  // namespace porchlight::app
