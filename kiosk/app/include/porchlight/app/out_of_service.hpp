#pragma once
// The kiosk while its database cannot be opened (damaged, a full or failing disk, a newer schema): instead of
// exiting to a black screen that systemd restarts every 3 s, the window stays up and says so. Participants read that
// the kiosk is out of service, to ask staff, and the crisis lines built into the program; "For staff" shows the
// kind of failure, the file and what to do. The store is tried again every `retry_interval` and on "Try again";
// once it opens, main takes it and starts the normal KioskApp on Welcome in the same process.
#include <filesystem>
#include <functional>
#include <memory>

#include "porchlight/app/idle_timer.hpp"
#include "porchlight/app/kiosk_frame.hpp"
#include "porchlight/core/store.hpp"

namespace porchlight::app {

using StoreOpener = std::function<core::Result<std::unique_ptr<core::Store>>()>;

// Where the kiosk package keeps the backups it makes before each upgrade (packaging/debian/kiosk/postinst).
inline constexpr const char* kPackageBackupsFolder = "/var/lib/porchlight/backups";

struct OutOfServiceOptions {
  core::Millis retry_interval = 30'000;
  // After this long without a touch the staff part closes and the language and text size go back to the start.
  core::Millis idle_timeout = 60'000;
  float ui_scale = 1.0f;
  ui::Language start_language = ui::Language::English;
  bool start_large_text = false;
  std::filesystem::path backups_folder = kPackageBackupsFolder;
  bool log_changes = true;  // off for screenshots, whose failure is made up
};

// What the screen shows, kept across frames; the idle reset is `state = {start language, start text size}`.
struct OutOfServiceState {
  ui::Language language = ui::Language::English;
  bool large_text = false;
  bool staff = false;          // the staff part is open
  bool still_failing = false;  // "Try again" was tapped and the open failed again
};

class OutOfServiceScreen {
 public:
  OutOfServiceScreen(std::filesystem::path database_path, core::Error error, StoreOpener open, const core::Clock& clock,
                     OutOfServiceOptions options = {});

  // One frame, between ImGui::NewFrame() and ImGui::Render(); tries the store again when it is due.
  void draw(const ui::Fonts& fonts, float body_pixel_size);
  // Milliseconds until the next retry (or the idle reset) needs a frame although nobody touched the screen.
  [[nodiscard]] core::Millis next_timer_in() const;

  // The store opened: take it (once) and start the kiosk.
  [[nodiscard]] bool in_service() const { return store_ != nullptr; }
  [[nodiscard]] std::unique_ptr<core::Store> take_store() { return std::move(store_); }

  // For screenshots and tests.
  void show_staff_part(bool staff) { state_.staff = staff; }
  [[nodiscard]] const OutOfServiceState& state() const { return state_; }
  [[nodiscard]] const core::Error& error() const { return error_; }
  [[nodiscard]] const ui::Probe& probe() const { return frame_.probe(); }
  [[nodiscard]] bool large_text() const { return state_.large_text; }
  [[nodiscard]] ui::Language language() const { return state_.language; }

 private:
  void try_open(core::Millis now, bool tapped);
  void reset_state();

  std::filesystem::path database_path_;
  core::Error error_;
  StoreOpener open_;
  const core::Clock& clock_;
  OutOfServiceOptions options_;
  OutOfServiceState state_;
  IdleTimer idle_;
  bool touched_ = false;
  core::Millis next_retry_at_ = 0;
  std::unique_ptr<core::Store> store_;
  KioskFrame frame_;
};

// A made-up failure for screenshots: a damaged database at the package's path.
[[nodiscard]] core::Error demo_out_of_service_error(const std::filesystem::path& database_path);

}  // namespace porchlight::app
