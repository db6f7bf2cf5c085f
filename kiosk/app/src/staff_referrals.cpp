// Staff mode's referrals page: referrals due for follow-up (made, or no answer yet, due today or earlier), and the
// outcome staff heard when they asked. Each update is audited under the staff member's name by core.
#include <cstdio>

#include "porchlight/app/staff_pages.hpp"
#include "porchlight/app/words.hpp"
#include "porchlight/core/referrals.hpp"
#include "porchlight/log.hpp"

namespace porchlight::app {

void StaffReferralsPage::load_staff_referrals(PageContext& context) {
  referrals_.clear();
  referral_rows_.clear();
  error_key_.clear();
  if (!context.staff.member) return;
  const core::LocalDate today = context.today();
  auto due = core::referrals_due(context.store, today);
  if (!due) {
    log::error(due.error().message);
    error_key_ = "error.generic";
    return;
  }
  const ui::Language language = context.language();
  for (const auto& referral : *due) {
    ui::StaffReferralRow row;
    row.who = referral.participant_name.empty() ? ui::tr("staff.referral_anonymous", language)
                                                : referral.participant_name;
    row.service = referral.service_name;
    if (!referral.organization_name.empty() && referral.organization_name != referral.service_name) {
      row.service += " (" + referral.organization_name + ")";
    }
    const std::string made = context.store.center_time().date_of(referral.created_at).iso();
    const std::string status_key =
        referral.status == core::ReferralStatus::NoAnswer ? "referral.status.no_answer" : "referral.status.made";
    row.detail = ui::tr_format("staff.referral_detail", language,
                               {{"category", ui::tr("category." + referral.category, language)},
                                {"made", made},
                                {"due", referral.follow_up_due ? referral.follow_up_due->iso() : std::string("-")},
                                {"status", ui::tr(status_key, language)}});
    referral_rows_.push_back(std::move(row));
  }
  referrals_ = std::move(due.value());
}

Transition StaffReferralsPage::draw_signed_in(PageContext& context) {
  const core::LocalDate today = context.today();
  return on_staff_referrals(context, ui::staff_referrals_screen(context.ui, {day_text(today, context.language()),
                                                                             referral_rows_, error_key_,
                                                                             referral_made_}));
}

Transition StaffReferralsPage::on_staff_referrals(PageContext& context, const ui::StaffReferralsAction& action) {
  using Kind = ui::StaffReferralsAction::Kind;
  if (action.kind == Kind::None) return Transition::stay();
  if (action.kind == Kind::New) return Transition::go_to<ReferralWhoPage>();
  if (action.kind == Kind::Back) return Transition::go_to<StaffDayPage>(context);
  if (action.index >= referrals_.size()) return Transition::stay();
  referral_made_.clear();
  core::ReferralUpdate update;
  update.status = action.kind == Kind::Connected      ? core::ReferralStatus::Connected
                  : action.kind == Kind::NotConnected ? core::ReferralStatus::NotConnected
                                                      : core::ReferralStatus::NoAnswer;
  update.staff_id = context.staff.member->id;
  if (update.status == core::ReferralStatus::NoAnswer) {
    // Nobody reached yet: ask again in a week rather than leaving it at the top of the list.
    update.follow_up_due = context.today().plus_days(7);
  }
  auto updated = core::update_referral(context.store, referrals_[action.index].id, update);
  if (!updated) {
    log::error(updated.error().message);
    error_key_ = "error.generic";
    return Transition::stay();
  }
  context.sync_now();
  load_staff_referrals(context);
  return Transition::stay();
}

}  // namespace porchlight::app
