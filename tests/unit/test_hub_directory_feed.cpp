// The hub publishes a directory from the formats library alone (no kiosk store): what it sends must be what the
// old path sent, which imported the file into a scratch kiosk database and exported it again. The kiosk store's
// own import and export of the same file is that old path.
#include "porchlight/core/directory.hpp"
#include "porchlight/hub/hub_imports.hpp"
#include "test_support.hpp"

using namespace porchlight::test;
namespace core = porchlight::core;
namespace hub = porchlight::hub;

namespace {

struct StoreExport {
  nlohmann::json services;
  std::vector<std::string> problems;
};

// What publish_directory produced before: a fresh kiosk database, the kiosk's import, then its HSDS JSON export.
StoreExport through_kiosk_store(const core::HsdsParse& parsed) {
  TempDir dir;
  core::StoreOptions options;
  options.pin_cost = core::PinHashCost::Fast;
  options.initial_time_zone = "UTC";
  auto store = core::Store::open(dir.file("directory.db"), options);
  REQUIRE(store);
  auto report = core::import_directory(**store, parsed);
  REQUIRE_MESSAGE(report, report.error().message);
  auto services = core::export_directory_json(**store);
  REQUIRE(services);
  StoreExport out{*services, {}};
  for (const auto& problem : report->problems) out.problems.push_back(problem.text());
  return out;
}

void check_same_publication(const std::filesystem::path& path) {
  CAPTURE(path.string());
  auto parsed = core::read_hsds(path);
  REQUIRE(parsed);
  const auto expected = through_kiosk_store(*parsed);
  auto feed = hub::directory_feed(*parsed);
  REQUIRE(feed);
  CHECK(feed->services.size() == expected.services.size());
  CHECK(feed->services.dump(2) == expected.services.dump(2));
  CHECK(feed->problems == expected.problems);
}

}  // namespace

TEST_CASE("hub: a directory's publication equals the kiosk store's import and export of it, with no store") {
  check_same_publication(PORCHLIGHT_SOURCE_DIR "/assets/demo/directory");
  const auto demo = hub::directory_feed(*core::read_hsds(PORCHLIGHT_SOURCE_DIR "/assets/demo/directory"));
  REQUIRE(demo);
  CHECK(demo->services.size() > 10);  // the demo directory is not trivially equal
}

TEST_CASE("hub: HSDS examples (CSV package, one service, a list) publish as the kiosk store exports them") {
  check_same_publication(PORCHLIGHT_TEST_DATA "/hsds/example-csv");
  check_same_publication(PORCHLIGHT_TEST_DATA "/hsds/service_full.json");
  check_same_publication(PORCHLIGHT_TEST_DATA "/hsds/service_list.json");
}
