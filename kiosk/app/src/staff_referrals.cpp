// Staff mode's referrals page: referrals due for follow-up (made, or no answer yet, due today or earlier), and the
// outcome staff heard when they asked. Each update is audited under the staff member's name by core.
#include <cstdio>

#include "porchlight/app/kiosk_app.hpp"
#include "porchlight/core/referrals.hpp"
#include "porchlight/log.hpp"

namespace porchlight::app {

void KioskApp::open_staff_referrals() {
  staff_.notice = {};
  staff_.referral_made.clear();
  staff_.page = StaffPage::Referrals;
  load_staff_referrals();
}

void KioskApp::load_staff_referrals() {
  staff_.referrals.clear();
  staff_.referral_rows.clear();
  staff_.referrals_error_key.clear();
  if (!staff_.member) return;
  const core::LocalDate today = store_.center_time().date_of(clock_.now());
  auto due = core::referrals_due(store_, today);
  if (!due) {
    log::error(due.error().message);
    staff_.referrals_error_key = "error.generic";
    return;
  }
  const ui::Language language = session_.language;
  for (const auto& referral : *due) {
    ui::StaffReferralRow row;
    row.who = referral.participant_name.empty() ? ui::tr("staff.referral_anonymous", language)
                                                : referral.participant_name;
    row.service = referral.service_name;
    if (!referral.organization_name.empty() && referral.organization_name != referral.service_name) {
      row.service += " (" + referral.organization_name + ")";
    }
    const std::string made = store_.center_time().date_of(referral.created_at).iso();
    const std::string status_key =
        referral.status == core::ReferralStatus::NoAnswer ? "referral.status.no_answer" : "referral.status.made";
    row.detail = ui::tr_format("staff.referral_detail", language,
                               {{"category", ui::tr("category." + referral.category, language)},
                                {"made", made},
                                {"due", referral.follow_up_due ? referral.follow_up_due->iso() : std::string("-")},
                                {"status", ui::tr(status_key, language)}});
    staff_.referral_rows.push_back(std::move(row));
  }
  staff_.referrals = std::move(due.value());
}

void KioskApp::draw_staff_referrals(ui::Ui& ui) {
  const core::LocalDate today = store_.center_time().date_of(clock_.now());
  on_staff_referrals(ui::staff_referrals_screen(
      ui, {day_text(today), staff_.referral_rows, staff_.referrals_error_key, staff_.referral_made}));
}

void KioskApp::on_staff_referrals(const ui::StaffReferralsAction& action) {
  using Kind = ui::StaffReferralsAction::Kind;
  if (!staff_.member || action.kind == Kind::None) return;
  if (action.kind == Kind::New) {
    open_referral_who();
    return;
  }
  if (action.kind == Kind::Back) {
    staff_.referral_made.clear();
    staff_.page = StaffPage::Day;
    load_staff_day();
    return;
  }
  if (action.index >= staff_.referrals.size()) return;
  staff_.referral_made.clear();
  core::ReferralUpdate update;
  update.status = action.kind == Kind::Connected      ? core::ReferralStatus::Connected
                  : action.kind == Kind::NotConnected ? core::ReferralStatus::NotConnected
                                                      : core::ReferralStatus::NoAnswer;
  update.staff_id = staff_.member->id;
  if (update.status == core::ReferralStatus::NoAnswer) {
    // Nobody reached yet: ask again in a week rather than leaving it at the top of the list.
    update.follow_up_due = store_.center_time().date_of(clock_.now()).plus_days(7);
  }
  auto updated = core::update_referral(store_, staff_.referrals[action.index].id, update);
  if (!updated) {
    log::error(updated.error().message);
    staff_.referrals_error_key = "error.generic";
    return;
  }
  if (options_.sync_worker) options_.sync_worker->sync_now();
  load_staff_referrals();
}

}  // namespace porchlight::app
