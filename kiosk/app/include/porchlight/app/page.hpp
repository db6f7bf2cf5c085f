#pragma once
// A page is one screen of the kiosk (or a few steps of one task) as an object: it owns what it shows and what was
// typed on it, draws one frame and answers where to go next. KioskApp keeps the timers, the idle wipe, the top bar
// and a stack of pages (the crisis screen, "All groups" and "Find help" during a sign-in open over the page below
// and go back to it). How to add a screen: kiosk/app/README.md.
#include <memory>
#include <optional>
#include <vector>

#include "porchlight/app/app_options.hpp"
#include "porchlight/app/session.hpp"
#include "porchlight/app/staff_session.hpp"
#include "porchlight/core/crisis_lines.hpp"
#include "porchlight/core/outbox.hpp"
#include "porchlight/core/store.hpp"
#include "porchlight/ui/staff_screens.hpp"
#include "porchlight/ui/touch.hpp"

namespace porchlight::app {

class Page;

// What a page answers after its frame.
struct Transition {
  enum class Kind {
    Stay,   // keep this page
    Go,     // this page is done: `next` takes its place
    Push,   // `next` opens over this page, which comes back (resumed) when `next` answers back()
    Back,   // this page closes; the one under it comes back
    Close,  // as Back, but the message on the page below stays (the crisis screen closing)
    Home,   // Welcome, with every page under this one gone (the participant's session goes on)
    End     // the session is over: everything typed is wiped and Welcome shows
  };
  Kind kind = Kind::Stay;
  std::unique_ptr<Page> next;

  static Transition stay() { return {}; }
  static Transition go(std::unique_ptr<Page> page) { return {Kind::Go, std::move(page)}; }
  static Transition push(std::unique_ptr<Page> page) { return {Kind::Push, std::move(page)}; }
  static Transition back() { return {Kind::Back, nullptr}; }
  static Transition close() { return {Kind::Close, nullptr}; }
  static Transition home() { return {Kind::Home, nullptr}; }
  static Transition end() { return {Kind::End, nullptr}; }
  template <class P, class... Args>
  static Transition go_to(Args&&... args) {
    return go(std::make_unique<P>(std::forward<Args>(args)...));
  }
  [[nodiscard]] bool stays() const { return kind == Kind::Stay; }
};

// Staff mode's sync panel: the worker's status and the outbox counts (read at most once a second), in words.
class SyncPanel {
 public:
  [[nodiscard]] std::optional<ui::StaffSyncView> view(core::Store& store, const core::Clock& clock,
                                                      sync::SyncWorker* worker, ui::Language language);
  void recount() { outbox_status_.reset(); }

 private:
  std::optional<core::OutboxStatus> outbox_status_;
  core::Millis outbox_status_at_ = 0;
};

// What a page may use: this frame's Ui, the store and clock, the settings, the participant's session (everything a
// participant typed or chose: the idle wipe is one assignment), the signed-in staff member, the crisis alerts.
struct PageContext {
  ui::Ui& ui;
  core::Store& store;
  const core::Clock& clock;
  const AppOptions& options;
  ParticipantSession& session;
  StaffSession& staff;
  std::vector<CrisisAlert>& crisis_alerts;
  std::vector<core::CrisisLine>& local_crisis_lines;
  SyncPanel& sync_panel;

  [[nodiscard]] ui::Language language() const { return session.language; }
  [[nodiscard]] core::LocalDate today() const { return store.center_time().date_of(clock.now()); }
  // A participant's screen failed on the store: logged, and a message in the session's words (error_key).
  void fail(const core::Error& error) const;
  // A staff page failed on the store: logged, and "Something went wrong" on the day's page.
  void staff_fail(const core::Error& error) const;
  // A record is on its way to the hub while the center is online.
  void sync_now() const {
    if (options.sync_worker) options.sync_worker->sync_now();
  }
};

class Page {
 public:
  virtual ~Page() = default;
  // The screen's name (--screen, crisis alerts, tests). Staff pages are all `Staff` to the rest of the kiosk.
  [[nodiscard]] virtual ScreenId id() const = 0;
  // One frame of the page, inside the kiosk's window under the top bar.
  virtual Transition draw(PageContext& context) = 0;
  // Texts put in words are made again after a language switch (what was chosen is kept).
  virtual void language_changed(PageContext& /*context*/) {}
  // The page opened over this one answered back(): this one shows again.
  virtual void resumed(PageContext& /*context*/) {}
};

}  // namespace porchlight::app
