// The out-of-service screen that runs instead of the kiosk while its database does not open: what participants and
// staff read for each kind of failure, "Try again", the timed retry, and the way back into service.
#include <cfloat>
#include <cstdio>

#include <doctest/doctest.h>

#include <imgui.h>

#include "harness.hpp"
#include "porchlight/app/out_of_service.hpp"

namespace core = porchlight::core;
namespace app = porchlight::app;
namespace ui = porchlight::ui;
using porchlight::testing::kStart;

namespace {

using porchlight::testing::kBodyPixels;
const ImVec2 kNoPointer{-FLT_MAX, -FLT_MAX};
const std::filesystem::path kPackagePath = "/var/lib/porchlight/kiosk.db";

// A renderer-less ImGui context (as the kiosk harness makes) around an OutOfServiceScreen whose opener fails with
// `error` until `good` is set, then opens a real store in a temporary folder.
class OutOfServiceHarness {
 public:
  explicit OutOfServiceHarness(core::Error error, app::OutOfServiceOptions options = {}) {
    directory_ = porchlight::testing::make_temporary_folder("porchlight-oos");
    options.log_changes = false;
    screen_ = std::make_unique<app::OutOfServiceScreen>(
        kPackagePath, std::move(error),
        [this]() -> core::Result<std::unique_ptr<core::Store>> {
          ++attempts;
          if (!good) return core::make_error(core::ErrorKind::damaged, "database: still damaged");
          core::StoreOptions store_options;
          store_options.clock = &clock_;
          store_options.initial_time_zone = "America/New_York";
          store_options.initial_center_name = "Test Center";
          return core::Store::open(directory_ / "kiosk.db", store_options);
        },
        clock_, options);
    run_frames(2);
  }
  ~OutOfServiceHarness() {
    screen_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
  }
  OutOfServiceHarness(const OutOfServiceHarness&) = delete;
  OutOfServiceHarness& operator=(const OutOfServiceHarness&) = delete;

  void frame(ImVec2 pointer, bool down) {
    imgui_.frame(pointer, down, [this] { screen_->draw(imgui_.fonts(), kBodyPixels); });
  }
  void run_frames(int count) {
    for (int i = 0; i < count; ++i) frame(kNoPointer, false);
  }
  void tap(std::string_view id) {
    const auto widget = screen_->probe().find(id);
    REQUIRE_MESSAGE(widget.has_value(), "no widget '" << std::string(id) << "'");
    frame(widget->centre(), true);
    frame(widget->centre(), false);
    run_frames(1);
  }
  [[nodiscard]] bool shows(std::string_view text) const { return screen_->probe().shows(text); }

  app::OutOfServiceScreen& screen() { return *screen_; }
  core::ManualClock& clock() { return clock_; }
  const ui::Fonts& fonts() const { return imgui_.fonts(); }
  bool good = false;
  int attempts = 0;

 private:
  std::filesystem::path directory_;
  core::ManualClock clock_{kStart};
  porchlight::testing::HeadlessImGui imgui_;
  std::unique_ptr<app::OutOfServiceScreen> screen_;
};

core::Error damaged() {
  return core::make_error(core::ErrorKind::damaged,
                          "database: /var/lib/porchlight/kiosk.db is damaged or not a Porchlight database");
}

}  // namespace

TEST_CASE("out of service: participants read that the kiosk is out of service, to ask staff, and 988 and 911") {
  OutOfServiceHarness kiosk(damaged());
  CHECK(kiosk.shows("This kiosk is out of service right now."));
  CHECK(kiosk.shows("Please ask a staff member at the front desk. They can sign you in and help you."));
  CHECK(kiosk.shows("Call or text 988"));
  CHECK(kiosk.shows("In danger right now? Call 911."));
  // Nothing for staff on the participant's part: no file, no message, no commands.
  CHECK_FALSE(kiosk.shows("Details: database: /var/lib/porchlight/kiosk.db is damaged or not a Porchlight database"));
  CHECK(kiosk.screen().probe().find("primary") == std::nullopt);

  kiosk.tap("language");
  CHECK(kiosk.shows("Este quiosco no funciona en este momento."));
  CHECK(kiosk.shows("Llame o envíe un texto al 988"));
  kiosk.tap("language");
  CHECK(kiosk.shows("This kiosk is out of service right now."));
}

TEST_CASE("out of service: every button is a full touch target") {
  OutOfServiceHarness kiosk(damaged());
  for (bool staff : {false, true}) {
    kiosk.screen().show_staff_part(staff);
    kiosk.run_frames(2);
    for (const auto& widget : kiosk.screen().probe().widgets()) {
      if (widget.id == "staff-corner") continue;  // an invisible area, not a button
      CHECK_MESSAGE(widget.max.x - widget.min.x >= 64.0f, widget.id);
      CHECK_MESSAGE(widget.max.y - widget.min.y >= 64.0f, widget.id);
    }
  }
}

TEST_CASE("out of service: staff read a damaged database, its file and the restore command") {
  OutOfServiceHarness kiosk(damaged());
  kiosk.tap("for-staff");
  CHECK(kiosk.screen().state().staff);
  CHECK(kiosk.shows("The database file is damaged, or it is not a Porchlight database."));
  CHECK(kiosk.shows("Database file: /var/lib/porchlight/kiosk.db"));
  CHECK(kiosk.shows("Details: database: /var/lib/porchlight/kiosk.db is damaged or not a Porchlight database"));
  CHECK(kiosk.shows("sudo -u porchlight porchlight-admin --db /var/lib/porchlight/kiosk.db restore <backup file>"));
  CHECK(kiosk.shows("sudo -u porchlight porchlight-admin --db /var/lib/porchlight/kiosk.db check"));
  CHECK(kiosk.shows(
      "Restore the latest backup. Backups made at each upgrade are in /var/lib/porchlight/backups; others may be on a "
      "USB stick. The damaged file is kept as /var/lib/porchlight/kiosk.db.before-restore."));
  kiosk.tap("back");
  CHECK_FALSE(kiosk.screen().state().staff);
  CHECK(kiosk.shows("Call or text 988"));
}

TEST_CASE("out of service: staff are told to free space on a full disk, to check a failing one, to upgrade") {
  SUBCASE("disk full") {
    OutOfServiceHarness kiosk(core::make_error(core::ErrorKind::disk_full, "database: the disk is full"));
    kiosk.tap("for-staff");
    CHECK(kiosk.shows("The disk is full."));
    bool free_space = false;
    for (const auto& text : kiosk.screen().probe().texts()) {
      free_space = free_space || text.starts_with("Free space on the disk that holds /var/lib/porchlight");
    }
    CHECK(free_space);
    CHECK_FALSE(
        kiosk.shows("sudo -u porchlight porchlight-admin --db /var/lib/porchlight/kiosk.db restore <backup file>"));
  }
  SUBCASE("I/O error") {
    OutOfServiceHarness kiosk(core::make_error(core::ErrorKind::io_error, "database: the file could not be read"));
    kiosk.tap("for-staff");
    CHECK(kiosk.shows("The database file could not be read or written: the disk may be failing."));
    CHECK(kiosk.shows("sudo -u porchlight porchlight-admin --db /var/lib/porchlight/kiosk.db check"));
  }
  SUBCASE("newer schema, in Spanish") {
    OutOfServiceHarness kiosk(core::make_error(core::ErrorKind::newer_schema, "database: newer"));
    kiosk.tap("language");
    kiosk.tap("for-staff");
    CHECK(kiosk.shows("La base de datos la escribió una versión más nueva de Porchlight."));
  }
}

TEST_CASE("out of service: Try again with a database that opens now goes back into service on Welcome") {
  OutOfServiceHarness kiosk(damaged());
  kiosk.tap("for-staff");
  kiosk.tap("primary");  // Try again, still damaged
  CHECK(kiosk.attempts == 1);
  CHECK_FALSE(kiosk.screen().in_service());
  CHECK(kiosk.shows("Tried again just now: the database still does not open."));

  kiosk.good = true;  // a backup was restored
  kiosk.tap("primary");
  REQUIRE(kiosk.screen().in_service());
  auto store = kiosk.screen().take_store();
  REQUIRE(store != nullptr);
  // What main does next: the normal kiosk on the store that opened, in the same process.
  app::KioskApp running(*store, kiosk.clock());
  ImGui::NewFrame();
  running.draw(kiosk.fonts(), kBodyPixels);
  ImGui::Render();
  CHECK(running.screen() == app::ScreenId::Welcome);
  CHECK(running.probe().shows("Welcome to Test Center"));
}

TEST_CASE("out of service: the store is tried again on its own every retry interval, and the loop sleeps till then") {
  app::OutOfServiceOptions options;
  options.retry_interval = 30'000;
  OutOfServiceHarness kiosk(damaged(), options);
  CHECK(kiosk.screen().next_timer_in() == 30'000);
  kiosk.clock().advance(29'000);
  kiosk.run_frames(1);
  CHECK(kiosk.attempts == 0);
  CHECK(kiosk.screen().next_timer_in() == 1'000);
  kiosk.clock().advance(1'000);
  kiosk.run_frames(1);
  CHECK(kiosk.attempts == 1);
  CHECK_FALSE(kiosk.screen().in_service());
  CHECK(kiosk.screen().next_timer_in() == 30'000);

  kiosk.good = true;
  kiosk.clock().advance(30'000);
  kiosk.run_frames(1);
  CHECK(kiosk.attempts == 2);
  CHECK(kiosk.screen().in_service());
}

TEST_CASE("out of service: after the idle timeout the staff part closes and the language goes back") {
  app::OutOfServiceOptions options;
  options.idle_timeout = 60'000;
  options.retry_interval = 3'600'000;
  OutOfServiceHarness kiosk(damaged(), options);
  kiosk.tap("language");
  kiosk.tap("for-staff");
  CHECK(kiosk.screen().state().staff);
  CHECK(kiosk.screen().next_timer_in() <= 60'000);
  kiosk.clock().advance(60'000);
  kiosk.run_frames(1);
  CHECK_FALSE(kiosk.screen().state().staff);
  CHECK(kiosk.screen().language() == ui::Language::English);
}
