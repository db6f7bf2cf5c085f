// Staff mode: how it opens (a long press on the hidden corner, or F12), sign-in, the day's attendance and how it ends.
#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "porchlight/app/kiosk_app.hpp"
#include "porchlight/app/staff_pages.hpp"
#include "porchlight/core/audit.hpp"
#include "porchlight/core/visits.hpp"
#include "porchlight/log.hpp"
#include "porchlight/ui/format.hpp"

namespace porchlight::app {

namespace {

constexpr const char* kDailyViewAction = "report.daily.view";

}  // namespace

void KioskApp::watch_staff_entry(ui::Ui& ui, core::Millis now) {
  if (screen() == ScreenId::StaffLogin || screen() == ScreenId::Staff) {
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
  ui::Ui ui;
  ui.language = session_.language;
  PageContext here = context(ui);
  pages_.back() = std::make_unique<StaffLoginPage>(here);
}

StaffLoginPage::StaffLoginPage(PageContext& context) {
  auto staff = core::list_staff(context.store);
  if (!staff) {
    context.staff_fail(staff.error());
    message_ = {"error.generic", 0};
  } else {
    staff_ = std::move(staff.value());
  }
}

Transition StaffLoginPage::draw(PageContext& context) {
  const core::StaffMember* chosen = chosen_ ? &staff_[*chosen_] : nullptr;
  std::string message;
  if (!message_.key.empty()) {
    const std::string number = std::to_string(message_.number);
    message = ui::tr_format(message_.key, context.language(), {{"tries", number}, {"seconds", number}});
  }
  return on_staff_login(context, ui::staff_login_screen(context.ui, {staff_, chosen, pin_, message}));
}

Transition StaffLoginPage::pick(std::size_t index) {
  if (index < staff_.size()) chosen_ = index;
  pin_.clear();
  message_ = {};
  return Transition::stay();
}

Transition StaffLoginPage::submit(PageContext& context, std::string pin) {
  pin_ = std::move(pin);
  return on_staff_login(context, {ui::StaffLoginAction::Kind::Submit, 0});
}

Transition StaffLoginPage::on_staff_login(PageContext& context, const ui::StaffLoginAction& action) {
  using Kind = ui::StaffLoginAction::Kind;
  StaffSession& staff = context.staff;
  switch (action.kind) {
    case Kind::None:
      return Transition::stay();
    case Kind::Cancel:
      return Transition::end();
    case Kind::Back:
      chosen_.reset();
      pin_.clear();
      message_ = {};
      return Transition::stay();
    case Kind::Pick:
      return pick(action.index);
    case Kind::Submit:
      break;
  }
  if (!chosen_ || pin_.empty()) return Transition::stay();
  const core::StaffMember& who = staff_[*chosen_];
  auto login = core::staff_login(context.store, who.id, pin_);
  pin_.clear();
  if (!login) {
    context.staff_fail(login.error());
    message_ = {"error.generic", 0};
    return Transition::stay();
  }
  const core::StaffLogin& result = login.value();
  switch (result.outcome) {
    case core::StaffLogin::Outcome::SignedIn:
      staff.member = result.member;
      message_ = {};
      staff.date = context.today();
      return Transition::go_to<StaffDayPage>(context);
    case core::StaffLogin::Outcome::WrongPin:
      message_ = {"staff.wrong_pin", result.tries_before_lock};
      return Transition::stay();
    case core::StaffLogin::Outcome::MustWait:
      message_ = {"staff.must_wait", result.wait_seconds};
      return Transition::stay();
    case core::StaffLogin::Outcome::Locked:
      message_ = {"staff.locked", 0};
      return Transition::stay();
  }
  return Transition::stay();
}

Transition SignedInStaffPage::draw(PageContext& context) {
  if (!context.staff.member) return Transition::end();
  return draw_signed_in(context);
}

void StaffDayPage::load_staff_day(PageContext& context) {
  StaffSession& staff_ = context.staff;
  if (!staff_.member) return;
  staff_.error_key.clear();
  staff_.report.reset();
  staff_.left_times.clear();
  // Every look at who came is on the record, before it is shown.
  if (auto audited = core::record_audit(context.store, staff_.member->id, kDailyViewAction, staff_.date.iso());
      !audited) {
    return context.staff_fail(audited.error());
  }
  staff_.report_language = std::string(ui::language_code(context.language()));
  auto report = core::daily_attendance(context.store, staff_.date, staff_.report_language);
  if (!report) return context.staff_fail(report.error());
  staff_.report = std::move(report.value());
  for (const auto& row : staff_.report->visits) {
    staff_.left_times.push_back(row.signed_out_at ? context.store.center_time().clock_time(*row.signed_out_at) : "");
  }
  staff_.locked_staff.clear();
  if (staff_.member->role == core::StaffRole::Admin) {
    auto staff = core::list_staff(context.store);
    if (!staff) return context.staff_fail(staff.error());
    for (auto& member : staff.value()) {
      if (member.locked) staff_.locked_staff.push_back(std::move(member));
    }
  }
}

Transition StaffDayPage::draw_signed_in(PageContext& context) {
  StaffSession& staff_ = context.staff;
  const ui::Language language = context.language();
  // The language was switched: reason labels are read again in it.
  if (staff_.report && staff_.report_language != ui::language_code(language)) load_staff_day(context);
  std::vector<ui::StaffAlertView> alerts;
  for (const auto& alert : context.crisis_alerts) {
    if (alert.acknowledged) continue;
    alerts.push_back({context.store.center_time().clock_time(alert.at),
                      ui::tr("screen." + std::string(screen_name(alert.from)), language)});
  }
  const core::LocalDate today = context.today();
  ui::StaffTodayView view;
  view.staff_name = staff_.member->name;
  view.admin = staff_.member->role == core::StaffRole::Admin;
  view.date_text = ui::date_text(language, staff_.date) + " " + std::to_string(staff_.date.year);
  view.can_go_forward = staff_.date < today;
  view.report = staff_.report ? &*staff_.report : nullptr;
  view.left_times = staff_.left_times;
  view.alerts = alerts;
  view.locked_staff = staff_.locked_staff;
  view.error_key = staff_.error_key;
  std::string notice;
  if (!staff_.notice.key.empty()) {
    notice = ui::tr_format(staff_.notice.key, language,
                           {{"path", staff_.notice.path}, {"second", staff_.notice.second_path}});
  }
  view.notice = notice;
  view.notice_is_error = staff_.notice.error;
  const auto sync = context.sync_panel.view(context.store, context.clock, context.options.sync_worker, language);
  view.sync = sync ? &*sync : nullptr;
  return on_staff_today(context, ui::staff_today_screen(context.ui, view));
}

Transition StaffDayPage::on_staff_today(PageContext& context, const ui::StaffTodayAction& action) {
  using Kind = ui::StaffTodayAction::Kind;
  StaffSession& staff_ = context.staff;
  core::Store& store_ = context.store;
  switch (action.kind) {
    case Kind::None:
      return Transition::stay();
    case Kind::Exit:
      return Transition::end();
    case Kind::ExportDay:
      export_day(context);
      return Transition::stay();
    case Kind::ExportMonth:
      export_month(context);
      return Transition::stay();
    case Kind::SignSomeoneIn:
      staff_.notice = {};
      return Transition::go_to<StaffSignInPage>();
    case Kind::SyncNow:
      context.sync_now();
      context.sync_panel.recount();  // count again once the round has run
      return Transition::stay();
    case Kind::Groups:
      staff_.notice = {};
      return Transition::go_to<StaffGroupsPage>(context);
    case Kind::Referrals:
      staff_.notice = {};
      return Transition::go_to<StaffReferralsPage>(context);
    case Kind::PreviousDay:
      staff_.notice = {};
      staff_.date = staff_.date.plus_days(-1);
      load_staff_day(context);
      return Transition::stay();
    case Kind::NextDay:
      staff_.notice = {};
      if (staff_.date < context.today()) staff_.date = staff_.date.plus_days(1);
      load_staff_day(context);
      return Transition::stay();
    case Kind::SignOut: {
      if (!staff_.report || action.index >= staff_.report->visits.size()) return Transition::stay();
      if (auto done = core::sign_out(store_, staff_.report->visits[action.index].visit_id); !done) {
        context.staff_fail(done.error());
        return Transition::stay();
      }
      load_staff_day(context);
      return Transition::stay();
    }
    case Kind::AcknowledgeAlerts:
      for (auto& alert : context.crisis_alerts) {
        if (alert.acknowledged) continue;
        alert.acknowledged = true;
        if (auto audited = core::record_audit(store_, staff_.member->id, "crisis.acknowledge", core::iso_utc(alert.at));
            !audited) {
          context.staff_fail(audited.error());
          return Transition::stay();
        }
      }
      return Transition::stay();
    case Kind::Unlock: {
      if (action.index >= staff_.locked_staff.size()) return Transition::stay();
      if (auto unlocked = core::unlock_staff(store_, staff_.member->id, staff_.locked_staff[action.index].id);
          !unlocked) {
        context.staff_fail(unlocked.error());
        return Transition::stay();
      }
      load_staff_day(context);
      return Transition::stay();
    }
  }
  return Transition::stay();
}

void PageContext::staff_fail(const core::Error& error) const {
  log::error(error.message);
  staff.error_key = "error.generic";
}

}  // namespace porchlight::app
