// Staff mode: how it opens (a long press on the hidden corner, or F12), sign-in, the day's attendance and how it ends.
#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "porchlight/app/kiosk_app.hpp"
#include "porchlight/core/audit.hpp"
#include "porchlight/core/visits.hpp"
#include "porchlight/log.hpp"
#include "porchlight/ui/format.hpp"

namespace porchlight::app {

namespace {

constexpr const char* kDailyViewAction = "report.daily.view";

}  // namespace

void KioskApp::watch_staff_entry(ui::Ui& ui, core::Millis now) {
  if (screen_ == ScreenId::StaffLogin || screen_ == ScreenId::Staff) {
    corner_ = CornerPress{};
    return;
  }
  if (ImGui::IsKeyPressed(options_.staff_key, false)) {
    open_staff_login();
    return;
  }
  // Held without dragging: ui::staff_corner says false as soon as the finger lifts or wanders.
  if (!ui::staff_corner(ui)) {
    corner_ = CornerPress{};
    return;
  }
  if (!corner_.holding) {
    corner_ = {.holding = true, .fired = false, .since = now};
    return;
  }
  if (!corner_.fired && now - corner_.since >= options_.staff_long_press) {
    corner_.fired = true;
    open_staff_login();
  }
}

void KioskApp::open_staff_login() {
  // Whatever a participant had typed is not for staff to see either.
  const ui::Language language = session_.language;
  const CornerPress corner = corner_;
  wipe();
  session_.language = language;
  corner_ = corner;
  touched_since_wipe_ = true;  // an unattended sign-in screen goes back to Welcome after the participant timeout
  idle_.touch(clock_.now());
  screen_ = ScreenId::StaffLogin;
  auto staff = core::list_staff(store_);
  if (!staff) {
    staff_fail(staff.error());
  } else {
    staff_.staff = std::move(staff.value());
  }
}

void KioskApp::on_staff_login(const ui::StaffLoginAction& action) {
  using Kind = ui::StaffLoginAction::Kind;
  switch (action.kind) {
    case Kind::None:
      return;
    case Kind::Cancel:
      wipe();
      return;
    case Kind::Back:
      staff_.chosen.reset();
      staff_.pin.clear();
      staff_.message = {};
      return;
    case Kind::Pick:
      if (action.index < staff_.staff.size()) staff_.chosen = action.index;
      staff_.pin.clear();
      staff_.message = {};
      return;
    case Kind::Submit:
      break;
  }
  if (!staff_.chosen || staff_.pin.empty()) return;
  const core::StaffMember& who = staff_.staff[*staff_.chosen];
  auto login = core::staff_login(store_, who.id, staff_.pin);
  staff_.pin.clear();
  if (!login) return staff_fail(login.error());
  const core::StaffLogin& result = login.value();
  switch (result.outcome) {
    case core::StaffLogin::Outcome::SignedIn:
      staff_.member = result.member;
      staff_.message = {};
      staff_.date = store_.center_time().date_of(clock_.now());
      staff_idle_.touch(clock_.now());
      screen_ = ScreenId::Staff;
      load_staff_day();
      return;
    case core::StaffLogin::Outcome::WrongPin:
      staff_.message = {"staff.wrong_pin", result.tries_before_lock};
      return;
    case core::StaffLogin::Outcome::MustWait:
      staff_.message = {"staff.must_wait", result.wait_seconds};
      return;
    case core::StaffLogin::Outcome::Locked:
      staff_.message = {"staff.locked", 0};
      return;
  }
}

void KioskApp::load_staff_day() {
  if (!staff_.member) return;
  staff_.error_key.clear();
  staff_.report.reset();
  staff_.left_times.clear();
  // Every look at who came is on the record, before it is shown.
  if (auto audited = core::record_audit(store_, staff_.member->id, kDailyViewAction, staff_.date.iso()); !audited) {
    return staff_fail(audited.error());
  }
  staff_.report_language = std::string(ui::language_code(session_.language));
  auto report = core::daily_attendance(store_, staff_.date, staff_.report_language);
  if (!report) return staff_fail(report.error());
  staff_.report = std::move(report.value());
  for (const auto& row : staff_.report->visits) {
    staff_.left_times.push_back(row.signed_out_at ? store_.center_time().clock_time(*row.signed_out_at) : "");
  }
  staff_.locked_staff.clear();
  if (staff_.member->role == core::StaffRole::Admin) {
    auto staff = core::list_staff(store_);
    if (!staff) return staff_fail(staff.error());
    for (auto& member : staff.value()) {
      if (member.locked) staff_.locked_staff.push_back(std::move(member));
    }
  }
}

void KioskApp::draw_staff_today(ui::Ui& ui) {
  if (!staff_.member) {
    wipe();
    return;
  }
  if (staff_.page == StaffPage::Groups || staff_.page == StaffPage::GroupsAdd || staff_.page == StaffPage::GroupForm ||
      staff_.page == StaffPage::SessionMove) {
    draw_staff_groups(ui);
    return;
  }
  if (staff_.page == StaffPage::Referrals) {
    draw_staff_referrals(ui);
    return;
  }
  if (staff_.page == StaffPage::ReferralWho || staff_.page == StaffPage::ReferralForm) {
    draw_referral_form(ui);
    return;
  }
  if (staff_.page != StaffPage::Day) {
    draw_staff_sign_in(ui);
    return;
  }
  // The language was switched: reason labels are read again in it.
  if (staff_.report && staff_.report_language != ui::language_code(session_.language)) load_staff_day();
  std::vector<ui::StaffAlertView> alerts;
  for (const auto& alert : crisis_alerts_) {
    if (alert.acknowledged) continue;
    alerts.push_back({store_.center_time().clock_time(alert.at),
                      ui::tr("screen." + std::string(screen_name(alert.from)), session_.language)});
  }
  const core::LocalDate today = store_.center_time().date_of(clock_.now());
  ui::StaffTodayView view;
  view.staff_name = staff_.member->name;
  view.admin = staff_.member->role == core::StaffRole::Admin;
  view.date_text = ui::date_text(session_.language, staff_.date) + " " + std::to_string(staff_.date.year);
  view.can_go_forward = staff_.date < today;
  view.report = staff_.report ? &*staff_.report : nullptr;
  view.left_times = staff_.left_times;
  view.alerts = alerts;
  view.locked_staff = staff_.locked_staff;
  view.error_key = staff_.error_key;
  std::string notice;
  if (!staff_.notice.key.empty()) {
    notice = ui::tr_format(staff_.notice.key, session_.language,
                           {{"path", staff_.notice.path}, {"second", staff_.notice.second_path}});
  }
  view.notice = notice;
  view.notice_is_error = staff_.notice.error;
  const auto sync = staff_sync_view();
  view.sync = sync ? &*sync : nullptr;
  on_staff_today(ui::staff_today_screen(ui, view));
}

void KioskApp::on_staff_today(const ui::StaffTodayAction& action) {
  using Kind = ui::StaffTodayAction::Kind;
  if (!staff_.member) return;
  switch (action.kind) {
    case Kind::None:
      return;
    case Kind::Exit:
      end_staff_mode();
      return;
    case Kind::ExportDay:
      export_day();
      return;
    case Kind::ExportMonth:
      export_month();
      return;
    case Kind::SignSomeoneIn:
      open_staff_sign_in();
      return;
    case Kind::SyncNow:
      if (options_.sync_worker) options_.sync_worker->sync_now();
      outbox_status_.reset();  // count again once the round has run
      return;
    case Kind::Groups:
      open_staff_groups();
      return;
    case Kind::Referrals:
      open_staff_referrals();
      return;
    case Kind::PreviousDay:
      staff_.notice = {};
      staff_.date = staff_.date.plus_days(-1);
      load_staff_day();
      return;
    case Kind::NextDay:
      staff_.notice = {};
      if (staff_.date < store_.center_time().date_of(clock_.now())) staff_.date = staff_.date.plus_days(1);
      load_staff_day();
      return;
    case Kind::SignOut: {
      if (!staff_.report || action.index >= staff_.report->visits.size()) return;
      if (auto done = core::sign_out(store_, staff_.report->visits[action.index].visit_id); !done) {
        return staff_fail(done.error());
      }
      load_staff_day();
      return;
    }
    case Kind::AcknowledgeAlerts:
      for (auto& alert : crisis_alerts_) {
        if (alert.acknowledged) continue;
        alert.acknowledged = true;
        if (auto audited = core::record_audit(store_, staff_.member->id, "crisis.acknowledge", core::iso_utc(alert.at));
            !audited) {
          return staff_fail(audited.error());
        }
      }
      return;
    case Kind::Unlock: {
      if (action.index >= staff_.locked_staff.size()) return;
      if (auto unlocked = core::unlock_staff(store_, staff_.member->id, staff_.locked_staff[action.index].id);
          !unlocked) {
        return staff_fail(unlocked.error());
      }
      load_staff_day();
      return;
    }
  }
}

void KioskApp::end_staff_mode() { wipe(); }

void KioskApp::staff_fail(const core::Error& error) {
  log::error(error.message);
  staff_.error_key = "error.generic";
  if (screen_ == ScreenId::StaffLogin) staff_.message = {"error.generic", 0};
}

}  // namespace porchlight::app
