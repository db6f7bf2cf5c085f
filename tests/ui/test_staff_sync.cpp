// Staff mode's sync panel, fed by a real sync worker on the kiosk's database: offline, what waits, "Sync now",
// and the participant's screens saying nothing about any of it.
#include <chrono>
#include <thread>

#include <doctest/doctest.h>

#include "harness.hpp"
#include "porchlight/core/staff.hpp"
#include "porchlight/core/visits.hpp"
#include "porchlight/sync/client.hpp"

using porchlight::app::ScreenId;
namespace core = porchlight::core;
namespace sync_client = porchlight::sync;
using porchlight::testing::Harness;

namespace {

constexpr int kF12 = 301;

// Waits (in real time: the worker runs on the system clock) until the worker has tried `attempts` times.
void wait_for_failures(sync_client::SyncWorker& worker, int attempts) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (worker.status().consecutive_failures < attempts && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE(worker.status().consecutive_failures >= attempts);
}

void staff_in(Harness& kiosk) {
  REQUIRE(core::add_staff(kiosk.store(), "Sam Rivera", core::StaffRole::Peer, "1234").ok());
  kiosk.press_key(kF12);
  kiosk.tap_label("Sam Rivera");
  kiosk.type_on_number_pad("1234");
  kiosk.tap("num-done");
  REQUIRE(kiosk.app().screen() == ScreenId::Staff);
}

}  // namespace

TEST_CASE("staff sync panel: an offline kiosk says so to staff only, counts what waits, and Sync now tries again") {
  Harness kiosk({}, true);
  // Enrolled with a hub that cannot be reached (nothing listens on the discard port).
  REQUIRE(sync_client::save_sync_config(sync_client::sync_config_path(kiosk.database_path()),
                                        {"http://127.0.0.1:9", "token", "device", "Test Center", ""}));
  const std::string maria = kiosk.add_participant("Maria", "Gonzalez", "2468", nullptr);
  for (int i = 0; i < 2; ++i) {
    core::SignIn visit;
    visit.participant_id = maria;
    visit.reasons = {"meal"};
    REQUIRE(core::sign_in(kiosk.store(), visit).ok());
  }
  kiosk.sync_worker().start();
  wait_for_failures(kiosk.sync_worker(), 1);

  // The public screens carry on as if nothing were wrong.
  kiosk.run_frames(2);
  CHECK_FALSE(kiosk.shows("Offline"));
  CHECK_FALSE(kiosk.shows("hub"));

  staff_in(kiosk);
  CHECK(kiosk.shows("Sync with the hub"));
  CHECK(kiosk.shows("Offline: records wait here safely and go when the hub is back"));
  CHECK(kiosk.shows("3 waiting to send (oldest from November 23, 10:00)"));  // Maria's registration and two visits
  CHECK(kiosk.shows("Last sent: never"));
  CHECK(kiosk.shows("Last problem: could not connect to the hub (offline, or the hub is down)"));

  const int before = kiosk.sync_worker().status().consecutive_failures;
  kiosk.tap("sync-now");
  wait_for_failures(kiosk.sync_worker(), before + 1);
  kiosk.run_frames(1);
  CHECK(kiosk.shows("Offline: records wait here safely and go when the hub is back"));
}

TEST_CASE("staff sync panel: a kiosk that is not enrolled says its records stay here") {
  Harness kiosk({}, true);
  kiosk.sync_worker().start();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (kiosk.sync_worker().status().enrolled && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  staff_in(kiosk);
  CHECK(kiosk.shows("Not connected to a hub: records stay on this kiosk (an admin can enroll it)."));
  CHECK_FALSE(kiosk.has_widget("sync-now"));
}
