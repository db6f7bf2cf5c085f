#include "porchlight/app/kiosk_app.hpp"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "porchlight/core/retention.hpp"
#include "porchlight/ui/format.hpp"
#include "porchlight/ui/screens.hpp"
#include "porchlight/log.hpp"

namespace porchlight::app {

namespace {

constexpr core::Millis kMinute = 60'000;

bool touched_this_frame(const ImGuiIO& io) {
  for (int button = 0; button < 3; ++button) {
    if (io.MouseDown[button] || io.MouseReleased[button]) return true;
  }
  return io.InputQueueCharacters.Size > 0 || io.MouseWheel != 0.0f;
}

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
  group_cards_.clear();
  open_group_cards_.clear();
  week_days_.clear();
  screen_ = ScreenId::Welcome;
  before_crisis_ = ScreenId::Welcome;
  touched_since_wipe_ = false;
  staff_ = StaffSession{};  // full names and reports go with it
  corner_ = CornerPress{};
}

void KioskApp::go_to(ScreenId screen) {
  screen_ = screen;
  session_.error_key.clear();
}

void KioskApp::check_timers(core::Millis now) {
  if (staff_mode()) {
    // Staff have their own, longer timeout; the participant's wipe would cut them off mid-report.
    if (staff_idle_.expired(now)) end_staff_mode();
    return;
  }
  if (touched_since_wipe_ && idle_.expired(now)) {
    // Someone may be dialing a number from the crisis screen: what they typed is wiped, the numbers stay up.
    const bool in_crisis = screen_ == ScreenId::Crisis;
    const ui::Language language = session_.language;
    wipe();
    if (in_crisis) {
      screen_ = ScreenId::Crisis;
      session_.language = language;
    }
  }
  if (screen_ == ScreenId::Done && now - done_at_ >= options_.done_timeout) wipe();
  if (screen_ == ScreenId::Welcome && !touched_since_wipe_) run_daily_retention(now);
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
  if (screen_ == ScreenId::Done)
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

  ui::Ui ui;
  ui.theme.metrics = ui::Metrics::from_font_size(body_pixel_size, options_.ui_scale);
  ui.fonts = fonts;
  ui.language = session_.language;
  ui.probe = &probe_;
  ui.touch = &touch_;
  if (styled_for_pixel_size_ != body_pixel_size) {
    ui::apply_theme(ui.theme, ImGui::GetStyle());
    styled_for_pixel_size_ = body_pixel_size;
  }
  probe_.begin_frame();
  touch_.update(io, ui.m().drag_threshold);

  ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("porchlight", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PushFont(fonts.body);
  const std::string& center_name = store_.center().center_name;
  handle_top_bar(ui::top_bar(ui, {.center_name = center_name, .large_text = session_.large_text}));
  watch_staff_entry(ui, now);
  ImGui::PushItemWidth(-1.0f);
  ImGui::SetCursorPosX(ui.m().margin);
  ImGui::BeginGroup();
  watch_card_scanner(now);
  draw_screen(ui);
  ImGui::EndGroup();
  ImGui::PopItemWidth();
  if (staff_mode()) {
    if (const auto seconds = staff_idle_.countdown_seconds(now)) ui::idle_banner(ui, *seconds);
  } else if (touched_since_wipe_ && screen_ != ScreenId::Crisis) {
    if (const auto seconds = idle_.countdown_seconds(now)) ui::idle_banner(ui, *seconds);
  }
  ImGui::PopFont();
  ImGui::End();
}

void KioskApp::handle_top_bar(ui::TopBarAction action) {
  switch (action) {
    case ui::TopBarAction::None:
      break;
    case ui::TopBarAction::ToggleLanguage:
      session_.language = session_.language == ui::Language::English ? ui::Language::Spanish : ui::Language::English;
      refresh_group_texts();
      refresh_help_texts();
      break;
    case ui::TopBarAction::ToggleLargeText:
      session_.large_text = !session_.large_text;
      break;
    case ui::TopBarAction::Crisis:
      crisis_alerts_.push_back({clock_.now(), screen_});
      load_crisis_lines();
      if (screen_ != ScreenId::Crisis) {
        before_crisis_ = screen_;
        screen_ = ScreenId::Crisis;
      }
      break;
  }
}

void KioskApp::draw_screen(ui::Ui& ui) {
  switch (screen_) {
    case ScreenId::Welcome:
      on_welcome(ui::welcome_screen(ui, welcome_view()));
      break;
    case ScreenId::SignIn:
      on_sign_in(ui::sign_in_screen(ui));
      break;
    case ScreenId::Returning:
      on_returning(ui::returning_screen(ui, {session_.name_query, session_.keyboard, session_.matches}));
      break;
    case ScreenId::Confirm: {
      const std::string name = session_.chosen ? session_.chosen->display_name : std::string();
      const bool can_switch = session_.chosen && session_.chosen->has_pin && session_.chosen->has_birth_date;
      on_confirm(ui::confirm_screen(
          ui, {name, session_.confirm_method, can_switch, session_.confirm_entry, session_.error_key}));
      break;
    }
    case ScreenId::New:
      on_new(ui::new_participant_screen(
          ui, {session_.first_name, session_.last_name, session_.birth_digits, session_.pin, session_.consent,
               session_.active_field, session_.scroll_to_active_field, session_.keyboard, session_.error_key}));
      break;
    case ScreenId::Reasons:
      on_reasons(ui::reasons_screen(ui, {reasons_, session_.reasons, session_.mood, session_.error_key,
                                         session_.welcome_back ? session_.greeting_name : std::string_view(),
                                         open_group_cards_, session_.participant_id.has_value(), true}));
      break;
    case ScreenId::Done:
      if (ui::done_screen(ui, session_.greeting_name, session_.done_notes) == ui::DoneAction::Finish) wipe();
      break;
    case ScreenId::TodaysGroups: {
      const std::string date = day_text(store_.center_time().date_of(clock_.now()));
      on_todays_groups(ui::todays_groups_screen(ui, {date, group_cards_, session_.participant_id.has_value()}));
      break;
    }
    case ScreenId::WeekGroups:
      if (ui::week_groups_screen(ui, week_days_) == ui::WeekAction::Back) {
        load_todays_groups();
        go_to(ScreenId::TodaysGroups);
      }
      break;
    case ScreenId::FindHelp: {
      const auto tiles = category_tiles();
      on_find_help(ui::find_help_screen(
          ui, {tiles, session_.help.query, session_.help.typing, session_.help.keyboard}));
      break;
    }
    case ScreenId::HelpList:
      on_help_list(ui::help_list_screen(ui, {session_.help.list_title, session_.help.items}));
      break;
    case ScreenId::HelpDetail: {
      const auto& help = session_.help;
      if (!help.detail) {
        go_to(ScreenId::FindHelp);
        break;
      }
      ui::HelpDetailView view;
      view.name = help.detail->summary.name;
      view.organization = help.detail->summary.organization;
      view.status_text = help.status_text;
      view.open_now = help.detail->summary.status.state == core::OpenStatus::State::Open;
      view.sections = help.sections;
      view.qr = help.qr ? &*help.qr : nullptr;
      view.notice_key = help.notice_key;
      view.notice_is_problem = help.notice_is_problem;
      view.referred = help.referred;
      on_help_detail(ui::help_detail_screen(ui, view));
      break;
    }
    case ScreenId::FollowUp:
      on_follow_up(ui::follow_up_screen(ui, session_.follow_up ? session_.follow_up->service_name : std::string()));
      break;
    case ScreenId::Crisis: {
      const auto lines = crisis_lines();
      if (ui::crisis_screen(ui, lines) == ui::CrisisAction::Close) screen_ = before_crisis_;
      break;
    }
    case ScreenId::StaffLogin: {
      const core::StaffMember* chosen = staff_.chosen ? &staff_.staff[*staff_.chosen] : nullptr;
      std::string message;
      if (!staff_.message.key.empty()) {
        const std::string number = std::to_string(staff_.message.number);
        message = ui::tr_format(staff_.message.key, session_.language, {{"tries", number}, {"seconds", number}});
      }
      on_staff_login(ui::staff_login_screen(ui, {staff_.staff, chosen, staff_.pin, message}));
      break;
    }
    case ScreenId::Staff:
    case ScreenId::StaffGroups:  // named for screenshots only: staff_.page says which staff page is up
    case ScreenId::StaffGroupForm:
    case ScreenId::StaffSessionMove:
    case ScreenId::StaffReferrals:
    case ScreenId::StaffReferralForm:
      draw_staff_today(ui);
      break;
    case ScreenId::OutOfService:  // never the app's screen: an app exists only once the database opened
    case ScreenId::OutOfServiceStaff:
      on_welcome(ui::welcome_screen(ui, welcome_view()));
      break;
  }
}

std::vector<ui::CrisisLine> KioskApp::crisis_lines() const {
  std::vector<ui::CrisisLine> lines;
  for (const auto& line : local_crisis_lines_) {
    const bool spanish = session_.language == ui::Language::Spanish && !line.label_es.empty();
    lines.push_back({spanish ? line.label_es : line.label_en, line.number});
  }
  return lines;
}

ui::WelcomeView KioskApp::welcome_view() const {
  const core::Millis now = clock_.now();
  const auto& time = store_.center_time();
  const core::LocalDate date = time.date_of(now);
  const ui::Language language = session_.language;
  ui::WelcomeView view;
  view.center_name = store_.center().center_name;
  view.date_text = ui::date_text(language, date);
  view.time_text = ui::clock_text(language, time, now);
  view.unknown_card = session_.card_notice_until != 0;
  return view;
}

void KioskApp::fail(const core::Error& error) {
  log::error(error.message);
  // The session stays as it was (the screen, what was typed and chosen), so a retry after the fix loses nothing.
  switch (error.kind) {
    case core::ErrorKind::disk_full:
      session_.error_key = "error.disk_full";
      break;
    case core::ErrorKind::io_error:
    case core::ErrorKind::damaged:
      session_.error_key = "error.storage";
      break;
    default:
      session_.error_key = "error.generic";
  }
}

}  // namespace porchlight::app
