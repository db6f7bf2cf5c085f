#pragma once
// The composition root of the participant kiosk: the screen flow, the participant's session and the idle timer.
// draw() is one frame of Dear ImGui (between NewFrame and Render) and needs no window, so tests drive it headless.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "porchlight/app/idle_timer.hpp"
#include "porchlight/app/session.hpp"
#include "porchlight/app/staff_session.hpp"
#include "porchlight/core/crisis_lines.hpp"
#include "porchlight/core/outbox.hpp"
#include "porchlight/core/calendar.hpp"
#include "porchlight/core/store.hpp"
#include "porchlight/core/visits.hpp"
#include "porchlight/sync/worker.hpp"
#include "porchlight/ui/probe.hpp"
#include "porchlight/ui/staff_screens.hpp"
#include "porchlight/ui/touch.hpp"

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

class KioskApp {
 public:
  KioskApp(core::Store& store, const core::Clock& clock, AppOptions options = {});

  // One frame, between ImGui::NewFrame() and ImGui::Render(). `body_pixel_size` is the loaded body font's size.
  void draw(const ui::Fonts& fonts, float body_pixel_size);

  // Everything typed is forgotten and the kiosk shows Welcome (the idle wipe; also after "Done").
  void wipe();

  // Fills the session with demo content and shows `screen` (for --screenshot and tests).
  void prepare_demo_screen(ScreenId screen);
  void set_language(ui::Language language) {
    session_.language = language;
    refresh_group_texts();
    refresh_help_texts();
  }
  void set_large_text(bool large) { session_.large_text = large; }

  [[nodiscard]] ScreenId screen() const { return screen_; }
  [[nodiscard]] const ParticipantSession& session() const { return session_; }
  [[nodiscard]] const ui::Probe& probe() const { return probe_; }
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
  void check_timers(core::Millis now);
  // The retention purge, at start and once a day, only while Welcome stands idle (a purge may VACUUM).
  void run_daily_retention(core::Millis now);
  void draw_screen(ui::Ui& ui);
  void handle_top_bar(ui::TopBarAction action);
  void go_to(ScreenId screen);

  // Flow handlers (flow.cpp).
  void on_welcome(ui::WelcomeAction action);
  void on_sign_in(ui::SignInChoice choice);
  void on_returning(const ui::ReturningAction& action);
  void on_confirm(ui::ConfirmAction action);
  void on_new(ui::NewAction action);
  void on_reasons(ui::ReasonsAction action);
  // The group calendar (groups_flow.cpp).
  void open_todays_groups(ScreenId back_to);
  void load_todays_groups();
  void load_week_groups();
  void load_open_groups();
  void on_todays_groups(ui::GroupsAction action);
  // Group cards hold ready texts: after a language switch they are made again (choices are kept).
  void refresh_group_texts();
  void remember_chosen(const std::vector<ui::GroupCard>& cards);
  void join_chosen_sessions(const std::string& visit_id);
  [[nodiscard]] ui::GroupCard group_card_of(const core::Session& session, bool identified) const;
  [[nodiscard]] std::string day_text(core::LocalDate date) const;
  // Find help (help_flow.cpp).
  void open_find_help(ScreenId back_to);
  void on_find_help(const ui::FindHelpAction& action);
  void on_help_list(const ui::HelpListAction& action);
  void on_help_detail(ui::HelpDetailAction action);
  void show_results(const std::vector<core::ServiceSummary>& found);
  void open_service(const std::string& service_id);
  void refresh_help_texts();
  void print_take_away();
  [[nodiscard]] std::string open_status_words(const core::OpenStatus& status) const;
  [[nodiscard]] std::string clock_words(int minutes) const;
  [[nodiscard]] std::vector<ui::CategoryTile> category_tiles() const;
  // After someone is identified: "did you get help?" when a referral waits for an answer, else the reasons.
  void continue_after_identifying();
  void on_follow_up(ui::FollowUpAction action);
  void refresh_matches();
  void start_confirm(const core::ParticipantMatch& match);
  void load_reasons();
  void fail(const core::Error& error);
  // Member-card sign-in from a USB barcode scanner on Welcome (card_scan.cpp).
  void watch_card_scanner(core::Millis now);

  // Staff mode (staff_flow.cpp).
  void watch_staff_entry(ui::Ui& ui, core::Millis now);
  void on_staff_login(const ui::StaffLoginAction& action);
  void on_staff_today(const ui::StaffTodayAction& action);
  void load_staff_day();
  void end_staff_mode();
  void staff_fail(const core::Error& error);
  void draw_staff_today(ui::Ui& ui);
  // Exports to options_.export_dir (staff_export.cpp).
  void export_day();
  void export_month();
  // Signing someone in on their behalf (staff_sign_in.cpp).
  void open_staff_sign_in();
  void find_staff_matches(StaffSignIn& find);
  void draw_staff_sign_in(ui::Ui& ui);
  void on_staff_sign_in(const ui::StaffSignInAction& action);
  void on_staff_reasons(ui::ReasonsAction action);
  // The day's groups in staff mode (staff_groups.cpp).
  void open_staff_groups();
  void load_staff_groups();
  void draw_staff_groups(ui::Ui& ui);
  void on_staff_groups(const ui::StaffGroupsAction& action);
  void on_staff_groups_add(const ui::StaffSignInAction& action);
  // Referrals due for follow-up in staff mode (staff_referrals.cpp).
  void open_staff_referrals();
  void load_staff_referrals();
  void draw_staff_referrals(ui::Ui& ui);
  void on_staff_referrals(const ui::StaffReferralsAction& action);
  // A referral made by staff: whom (or nobody by name), the service, the follow-up day, a note
  // (staff_new_referral.cpp).
  void open_referral_who();
  void on_referral_who(const ui::StaffSignInAction& action);
  void draw_referral_form(ui::Ui& ui);
  void on_referral_form(const ui::StaffReferralFormAction& action);
  void find_referral_services();
  void describe_referral_services();
  void save_staff_referral();
  // Making, editing and cancelling groups, moving one session (staff_group_edit.cpp).
  void open_group_form(const std::string& group_id);
  void draw_group_form(ui::Ui& ui);
  void on_group_form(const ui::StaffGroupFormAction& action);
  void open_session_move(std::size_t index);
  void draw_session_move(ui::Ui& ui);
  void on_session_move(ui::StaffSessionMoveAction action);
  void back_to_staff_groups();

  [[nodiscard]] ui::WelcomeView welcome_view() const;
  [[nodiscard]] std::vector<ui::CrisisLine> crisis_lines() const;
  // Staff mode's sync panel (staff_sync.cpp): the worker's status and the outbox, in words.
  [[nodiscard]] std::optional<ui::StaffSyncView> staff_sync_view();
  // New center settings arrived through sync: read them again.
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
  ScreenId screen_ = ScreenId::Welcome;
  ScreenId before_crisis_ = ScreenId::Welcome;
  core::Millis done_at_ = 0;
  bool touched_since_wipe_ = false;
  std::vector<core::VisitReason> reasons_;
  std::vector<ui::GroupCard> group_cards_;       // Today's groups
  std::vector<ui::WeekDay> week_days_;           // This week
  std::vector<ui::GroupCard> open_group_cards_;  // check-in open now, on Reasons
  std::vector<CrisisAlert> crisis_alerts_;
  std::vector<core::CrisisLine> local_crisis_lines_;
  std::uint64_t seen_settings_generation_ = 0;
  // The center's day the retention purge last completed on; empty until the first run after start.
  std::optional<core::LocalDate> retention_ran_on_;
  // The outbox counts for the sync panel, read at most once a second (counting a big backlog is not free).
  std::optional<core::OutboxStatus> outbox_status_;
  core::Millis outbox_status_at_ = 0;
  ui::Probe probe_;
  ui::TouchTracker touch_;
  float styled_for_pixel_size_ = 0.0f;
};

}  // namespace porchlight::app
