#pragma once
// The composition root of the participant kiosk: the timers, the idle wipe, the top bar and a stack of pages
// (participant_pages.hpp, staff_pages.hpp). draw() is one frame of Dear ImGui (between NewFrame and Render) and
// needs no window, so tests drive it headless.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "porchlight/app/app_options.hpp"
#include "porchlight/app/idle_timer.hpp"
#include "porchlight/app/kiosk_frame.hpp"
#include "porchlight/app/page.hpp"
#include "porchlight/app/session.hpp"
#include "porchlight/app/staff_session.hpp"
#include "porchlight/core/crisis_lines.hpp"
#include "porchlight/core/store.hpp"
#include "porchlight/ui/probe.hpp"

namespace porchlight::app {

class KioskApp {
 public:
  KioskApp(core::Store& store, const core::Clock& clock, AppOptions options = {});

  // One frame, between ImGui::NewFrame() and ImGui::Render(). `body_pixel_size` is the loaded body font's size.
  void draw(const ui::Fonts& fonts, float body_pixel_size);

  // Everything typed is forgotten and the kiosk shows Welcome (the idle wipe; also after "Done").
  void wipe();

  // Fills the session with demo content and shows `screen` (for --screenshot and tests).
  void prepare_demo_screen(ScreenId screen);
  void set_language(ui::Language language);
  void set_large_text(bool large) { session_.large_text = large; }

  [[nodiscard]] ScreenId screen() const { return pages_.back()->id(); }
  // The page on screen (tests look inside it).
  [[nodiscard]] const Page& page() const { return *pages_.back(); }
  [[nodiscard]] const ParticipantSession& session() const { return session_; }
  [[nodiscard]] const ui::Probe& probe() const { return frame_.probe(); }
  [[nodiscard]] bool large_text() const { return session_.large_text; }
  // A staff member is signed in (sign-in itself is not staff mode yet).
  [[nodiscard]] bool staff_mode() const { return staff_.member.has_value(); }
  // The window may close (Alt+F4) only in staff mode: nobody walks away with the kiosk closed.
  [[nodiscard]] bool allow_close() const { return staff_mode(); }
  [[nodiscard]] const StaffSession& staff_session() const { return staff_; }
  // Staff sign-in, as the long press on the hidden corner or F12 opens it.
  void open_staff_login();
  [[nodiscard]] const std::vector<CrisisAlert>& crisis_alerts() const { return crisis_alerts_; }
  // Milliseconds until a timer needs a frame although nobody touched the screen (countdown, wipe, clock).
  [[nodiscard]] core::Millis next_timer_in() const;

 private:
  [[nodiscard]] PageContext context(ui::Ui& ui);
  // What a page answered: the next page, back to the one under it, Welcome, or the end of the session.
  void apply(PageContext& context, Transition transition);
  void check_timers(core::Millis now);
  // The retention purge, at start and once a day, only while Welcome stands idle (a purge may VACUUM).
  void run_daily_retention(core::Millis now);
  void handle_top_bar(PageContext& context, ui::TopBarAction action);
  // Member-card sign-in from a USB barcode scanner on Welcome (card_scan.cpp).
  void watch_card_scanner(PageContext& context, core::Millis now);
  // The long press or F12 that opens staff sign-in (staff_flow.cpp).
  void watch_staff_entry(ui::Ui& ui, core::Millis now);
  // New center settings arrived through sync: read them again (staff_sync.cpp).
  void follow_sync_settings();
  // Reads the center's crisis lines again (they are center configuration that may change while the kiosk runs).
  void load_crisis_lines();

  core::Store& store_;
  const core::Clock& clock_;
  AppOptions options_;
  IdleTimer idle_;
  IdleTimer staff_idle_;
  StaffSession staff_;
  CornerPress corner_;
  ParticipantSession session_;
  std::vector<std::unique_ptr<Page>> pages_;  // never empty: the one on screen is last
  core::Millis done_at_ = 0;
  bool touched_since_wipe_ = false;
  std::vector<CrisisAlert> crisis_alerts_;
  std::vector<core::CrisisLine> local_crisis_lines_;
  std::uint64_t seen_settings_generation_ = 0;
  // The center's day the retention purge last completed on; empty until the first run after start.
  std::optional<core::LocalDate> retention_ran_on_;
  SyncPanel sync_panel_;
  KioskFrame frame_;
};

}  // namespace porchlight::app
