#pragma once
// Headless kiosk for UI tests: a Dear ImGui context with no renderer (1280x800, fonts built, no GL), the real
// KioskApp on a temporary SQLite file and a ManualClock, and taps fed frame by frame the way a finger would.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <imgui.h>

#include "porchlight/app/kiosk_app.hpp"
#include "porchlight/core/clock.hpp"
#include "porchlight/core/store.hpp"

namespace porchlight::testing {

// 2026-11-23 15:00 UTC (10:00 in New York), a Monday.
inline constexpr core::Millis kStart = 1'795'446'000'000;

// The kiosk's body text size at UI scale 1.
inline constexpr float kBodyPixels = 22.0f;

// A fresh folder under the system's temporary folder, named PREFIX-XXXXXX.
std::filesystem::path make_temporary_folder(std::string_view prefix);

// A Dear ImGui context with no renderer: 1280x800, the built-in font at the kiosk's body and heading sizes. One
// frame at a time, with the pointer where a finger is (or nowhere), drawing whatever `draw` draws.
class HeadlessImGui {
 public:
  HeadlessImGui();
  ~HeadlessImGui();
  HeadlessImGui(const HeadlessImGui&) = delete;
  HeadlessImGui& operator=(const HeadlessImGui&) = delete;

  void frame(ImVec2 pointer, bool down, const std::function<void()>& draw);
  [[nodiscard]] const ui::Fonts& fonts() const { return fonts_; }

 private:
  ImGuiContext* context_ = nullptr;
  ui::Fonts fonts_;
};

class Harness {
 public:
  // With `with_sync_worker`, a real sync worker on the harness's database (not started; see sync_worker()).
  explicit Harness(app::AppOptions options = {}, bool with_sync_worker = false);
  ~Harness();
  Harness(const Harness&) = delete;
  Harness& operator=(const Harness&) = delete;

  void run_frames(int count);
  void tap(std::string_view widget_id);
  void drag(std::string_view from_widget_id, float dy);
  // A finger resting on a widget for `duration` of the ManualClock (in a few frames), then lifted; with `dy` it
  // wanders that far down meanwhile.
  void hold(std::string_view widget_id, core::Millis duration, float dy = 0.0f);
  // A physical key (ImGui 1.86: the backend's key code, e.g. 301 for GLFW's F12) pressed and released.
  void press_key(int key);
  void type_on_screen_keyboard(std::string_view text);  // letters, accents, space
  // A USB barcode scanner: each character of `code` in its own frame, `gap` of the ManualClock before each, then
  // Enter (GLFW_KEY_ENTER, mapped as the GLFW backend maps it).
  void scan_card(std::string_view code, core::Millis gap = 5);
  void type_on_number_pad(std::string_view digits);
  // Taps the first widget whose label is exactly `label` (e.g. a match "Maria G.").
  void tap_label(std::string_view label);

  [[nodiscard]] bool shows(std::string_view text) const { return app_->probe().shows(text); }
  [[nodiscard]] bool has_widget(std::string_view id) const { return app_->probe().find(id).has_value(); }

  // Called after every frame the harness draws (ImGui::Render has run, so ImGui::GetDrawData() holds the frame).
  void on_each_frame(std::function<void()> observer) { after_frame_ = std::move(observer); }

  core::ManualClock& clock() { return clock_; }
  core::Store& store() { return *store_; }
  const std::filesystem::path& database_path() const { return database_path_; }
  sync::SyncWorker& sync_worker() { return *sync_worker_; }
  app::KioskApp& app() { return *app_; }
  // Registers a participant directly through core (for returning-participant flows).
  std::string add_participant(const std::string& first, const std::string& last, const char* pin,
                              const char* birth_date);

 private:
  void frame(ImVec2 pointer, bool down);

  std::filesystem::path directory_;
  std::filesystem::path database_path_;
  std::unique_ptr<sync::SyncWorker> sync_worker_;  // outlives app_, which points at it
  core::ManualClock clock_{kStart};
  std::unique_ptr<core::Store> store_;
  std::unique_ptr<app::KioskApp> app_;
  HeadlessImGui imgui_;  // destroyed before the store, as the kiosk's own context is
  std::function<void()> after_frame_;
};

}  // namespace porchlight::testing
