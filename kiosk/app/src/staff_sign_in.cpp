// Staff mode: signing someone in on their behalf. Find them by name (or a guest), pick the reasons on the
// participant's reasons screen, and the visit is committed with signed_in_by = the staff member; then the day's
// list (today's) shows it.
#include <cstdio>
#include <string>

#include "porchlight/app/staff_pages.hpp"
#include "porchlight/core/visits.hpp"
#include "porchlight/log.hpp"

namespace porchlight::app {

Transition StaffSignInPage::draw_signed_in(PageContext& context) {
  if (choosing_reasons_) {
    return on_staff_reasons(context,
                            ui::reasons_screen(context.ui, {reasons_, chosen_reasons_, mood_, error_key_}));
  }
  const PersonPicker::Answer answer = find_.draw(context.ui, context.store);
  switch (answer.kind) {
    case PersonPicker::Answer::Kind::None:
      return Transition::stay();
    case PersonPicker::Answer::Kind::Back:
      return Transition::go_to<StaffDayPage>(context);
    case PersonPicker::Answer::Kind::Picked:
    case PersonPicker::Answer::Kind::NoName:
      chosen_ = answer.person;  // nullopt: a guest
      break;
  }
  auto reasons = core::list_reasons(context.store);
  if (!reasons) {
    log::error(reasons.error().message);
    find_.set_error("error.generic");
    return Transition::stay();
  }
  reasons_ = std::move(reasons.value());
  chosen_reasons_.clear();
  mood_.reset();
  error_key_.clear();
  choosing_reasons_ = true;
  return Transition::stay();
}

Transition StaffSignInPage::on_staff_reasons(PageContext& context, ui::ReasonsAction action) {
  if (action == ui::ReasonsAction::None) return Transition::stay();
  if (action == ui::ReasonsAction::Back) {
    error_key_.clear();
    find_.set_error("");
    choosing_reasons_ = false;
    return Transition::stay();
  }
  if (chosen_reasons_.empty()) {
    error_key_ = "reasons.need_one";
    return Transition::stay();
  }
  core::SignIn visit;
  if (chosen_) visit.participant_id = chosen_->id;
  visit.reasons = chosen_reasons_;
  visit.mood = mood_;
  visit.signed_in_by = context.staff.member->id;
  if (auto done = core::sign_in(context.store, visit); !done) {
    log::error(done.error().message);
    error_key_ = "error.generic";
    return Transition::stay();
  }
  // Back to the day's list, on today, where the new sign-in shows.
  context.staff.date = context.today();
  return Transition::go_to<StaffDayPage>(context);
}

}  // namespace porchlight::app
