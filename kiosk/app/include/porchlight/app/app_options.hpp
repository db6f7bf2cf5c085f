#pragma once
// The kiosk's settings (kiosk.toml, the command line) and the crisis alerts staff mode shows: what KioskApp and its
// pages share.
#include <filesystem>
#include <string>

#include "porchlight/app/session.hpp"
#include "porchlight/core/clock.hpp"
#include "porchlight/sync/worker.hpp"
#include "porchlight/ui/strings.hpp"

namespace porchlight::app {

struct AppOptions {
  core::Millis idle_timeout = 60'000;
  core::Millis idle_countdown = 10'000;
  core::Millis done_timeout = 6'000;          // "Welcome, Maria!" stays this long
  core::Millis card_notice_duration = 6'000;  // "We don't know that card" stays this long on Welcome
  float ui_scale = 1.0f;
  core::Millis staff_idle_timeout = 120'000;  // staff mode ends after this long without a touch
  core::Millis staff_long_press = 2'000;      // holding the hidden top-left corner this long opens staff sign-in
  // The development key that opens staff sign-in. ImGui 1.86 indexes io.KeysDown by the backend's own key codes:
  // 301 is GLFW_KEY_F12 (kiosk/app includes no GLFW).
  int staff_key = 301;
  // Where staff exports go (a USB stick's mount point); empty: exports say there is no folder.
  std::filesystem::path export_dir;
  // The CUPS destination "Print" sends the take-away text to; empty: "Print" says no printer is set up here.
  std::string printer;
  // The language and text size each participant's session starts in (kiosk.toml's language and large_text): a
  // participant may switch them, and the next person after Done or the idle wipe gets these again.
  ui::Language start_language = ui::Language::English;
  bool start_large_text = false;
  // The background sync (run by main; not owned). Null: no sync panel in staff mode.
  sync::SyncWorker* sync_worker = nullptr;
};

// Raised each time the crisis screen is opened; staff mode shows these until a staff member acknowledges them.
struct CrisisAlert {
  core::Millis at = 0;
  ScreenId from = ScreenId::Welcome;
  bool acknowledged = false;
};

}  // namespace porchlight::app
