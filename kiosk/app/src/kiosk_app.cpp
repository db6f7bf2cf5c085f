#include "porchlight/app/kiosk_app.hpp"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "porchlight/app/participant_pages.hpp"
#include "porchlight/core/retention.hpp"
#include "porchlight/ui/format.hpp"
#include "porchlight/ui/screens.hpp"
#include "porchlight/log.hpp"

namespace porchlight::app {

namespace {

constexpr core::Millis kMinute = 60'000;

}  // namespace

KioskApp::KioskApp(core::Store& store, const core::Clock& clock, AppOptions options)
    : store_(store),
      clock_(clock),
      options_(std::move(options)),
      idle_(options_.idle_timeout, options_.idle_countdown),
      staff_idle_(options_.staff_idle_timeout, options_.idle_countdown) {
  idle_.touch(clock_.now());
  staff_idle_.touch(clock_.now());
  load_crisis_lines();
  session_.language = options_.start_language;
  session_.large_text = options_.start_large_text;
  pages_.push_back(std::make_unique<WelcomePage>());
}

PageContext KioskApp::context(ui::Ui& ui) {
  return {ui,       store_, clock_, options_, session_, staff_, crisis_alerts_, local_crisis_lines_,
          sync_panel_};
}

void KioskApp::load_crisis_lines() {
  auto lines = core::list_crisis_lines(store_);
  if (!lines) {
    // 988 still shows; the center's own lines must not take the crisis screen down with them.
    log::error("crisis lines: " + lines.error().message);
    return;
  }
  local_crisis_lines_ = std::move(lines.value());
}

void KioskApp::wipe() {
  session_ = ParticipantSession{};
  session_.language = options_.start_language;
  session_.large_text = options_.start_large_text;
  pages_.clear();
  pages_.push_back(std::make_unique<WelcomePage>());
  touched_since_wipe_ = false;
  staff_ = StaffSession{};  // full names and reports go with it
  corner_ = CornerPress{};
}

void KioskApp::apply(PageContext& context, Transition transition) {
  const bool was_staff = staff_mode();
  switch (transition.kind) {
    case Transition::Kind::Stay:
      return;
    case Transition::Kind::Go:
      pages_.back() = std::move(transition.next);
      break;
    case Transition::Kind::Push:
      pages_.push_back(std::move(transition.next));
      break;
    case Transition::Kind::Back:
      if (pages_.size() > 1) {
        pages_.pop_back();
        pages_.back()->resumed(context);
      }
      break;
    case Transition::Kind::Close:
      if (pages_.size() > 1) pages_.pop_back();
      return;  // what the page below said stays
    case Transition::Kind::Home:
      pages_.clear();
      pages_.push_back(std::make_unique<WelcomePage>());
      break;
    case Transition::Kind::End:
      wipe();
      return;
  }
  session_.error_key.clear();
  if (screen() == ScreenId::Done) done_at_ = clock_.now();
  if (!was_staff && staff_mode()) staff_idle_.touch(clock_.now());
}

void KioskApp::set_language(ui::Language language) {
  session_.language = language;
  ui::Ui ui;
  ui.language = language;
  PageContext here = context(ui);
  for (auto& page : pages_) page->language_changed(here);
}

void KioskApp::check_timers(core::Millis now) {
  if (staff_mode()) {
    // Staff have their own, longer timeout; the participant's wipe would cut them off mid-report.
    if (staff_idle_.expired(now)) wipe();  // staff mode ends
    return;
  }
  if (touched_since_wipe_ && idle_.expired(now)) {
    // Someone may be dialing a number from the crisis screen: what they typed is wiped, the numbers stay up.
    const bool in_crisis = screen() == ScreenId::Crisis;
    const ui::Language language = session_.language;
    wipe();
    if (in_crisis) {
      pages_.push_back(std::make_unique<CrisisPage>());
      session_.language = language;
    }
  }
  if (screen() == ScreenId::Done && now - done_at_ >= options_.done_timeout) wipe();
  if (screen() == ScreenId::Welcome && !touched_since_wipe_) run_daily_retention(now);
}

void KioskApp::run_daily_retention(core::Millis now) {
  const core::LocalDate today = store_.center_time().date_of(now);
  if (retention_ran_on_ == today) return;
  // Nobody is due on most days: one indexed count, no write. A failure (another program holding the WAL) is
  // logged and tried again at the next minute's wake-up; the purge itself is all or nothing.
  auto purged = core::purge_inactive_participants(store_, now, std::nullopt);
  if (!purged) {
    log::error("retention purge: " + purged.error().message);
    return;
  }
  if (purged->participants > 0) {
    log::info("retention purge: " + std::to_string(purged->participants) + " participants not seen for " +
              std::to_string(purged->months) + " months");
  }
  retention_ran_on_ = today;
}

core::Millis KioskApp::next_timer_in() const {
  const core::Millis now = clock_.now();
  core::Millis next = kMinute - (now % kMinute);  // the clock on Welcome
  if (staff_mode()) {
    next = std::min(next, staff_idle_.until_next_change(now));
  } else if (touched_since_wipe_) {
    next = std::min(next, idle_.until_next_change(now));
  }
  // A finger resting on the staff corner sends no events: wake when the long press is complete.
  if (corner_.holding && !corner_.fired)
    next = std::min(next, std::max<core::Millis>(0, corner_.since + options_.staff_long_press - now));
  if (screen() == ScreenId::Done)
    next = std::min(next, std::max<core::Millis>(0, done_at_ + options_.done_timeout - now));
  if (session_.card_notice_until != 0)
    next = std::min(next, std::max<core::Millis>(0, session_.card_notice_until - now));
  return next;
}

void KioskApp::draw(const ui::Fonts& fonts, float body_pixel_size) {
  const ImGuiIO& io = ImGui::GetIO();
  const core::Millis now = clock_.now();
  if (touched_this_frame(io)) {
    idle_.touch(now);
    staff_idle_.touch(now);
    touched_since_wipe_ = true;
  }
  check_timers(now);
  follow_sync_settings();

  ui::Ui ui = frame_.begin("porchlight", fonts, body_pixel_size, options_.ui_scale, session_.language);
  PageContext here = context(ui);
  const std::string& center_name = store_.center().center_name;
  handle_top_bar(here, ui::top_bar(ui, {.center_name = center_name, .large_text = session_.large_text}));
  watch_staff_entry(ui, now);
  frame_.begin_body(ui);
  watch_card_scanner(here, now);
  // The page on screen draws; what it answers takes effect after its frame.
  apply(here, pages_.back()->draw(here));
  frame_.end_body();
  if (staff_mode()) {
    if (const auto seconds = staff_idle_.countdown_seconds(now)) ui::idle_banner(ui, *seconds);
  } else if (touched_since_wipe_ && screen() != ScreenId::Crisis) {
    if (const auto seconds = idle_.countdown_seconds(now)) ui::idle_banner(ui, *seconds);
  }
  frame_.end();
}

void KioskApp::handle_top_bar(PageContext& context, ui::TopBarAction action) {
  switch (action) {
    case ui::TopBarAction::None:
      break;
    case ui::TopBarAction::ToggleLanguage:
      session_.language = session_.language == ui::Language::English ? ui::Language::Spanish : ui::Language::English;
      for (auto& page : pages_) page->language_changed(context);
      break;
    case ui::TopBarAction::ToggleLargeText:
      session_.large_text = !session_.large_text;
      break;
    case ui::TopBarAction::Crisis:
      crisis_alerts_.push_back({clock_.now(), screen()});
      load_crisis_lines();
      if (screen() != ScreenId::Crisis) pages_.push_back(std::make_unique<CrisisPage>());
      break;
  }
}

}  // namespace porchlight::app
