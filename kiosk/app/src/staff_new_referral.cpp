// Staff mode: a referral made by staff. Find the person on the shared name search (or make it without a name), then
// the service by words or category, the day to ask how it went and a note. Core stores it with made_by = this staff
// member, audits it and queues it for the hub in one transaction; the referrals page then says what was made.
#include <cstdio>

#include "porchlight/app/staff_pages.hpp"
#include "porchlight/app/words.hpp"
#include "porchlight/core/referrals.hpp"
#include "porchlight/core/text.hpp"
#include "porchlight/log.hpp"

namespace porchlight::app {

namespace {

constexpr int kServiceLimit = 30;
constexpr int kDefaultFollowUpDays = 7;  // as a self-referral's

}  // namespace

Transition ReferralWhoPage::draw_signed_in(PageContext& context) {
  return answer(context, find_.draw(context.ui, context.store));
}

Transition ReferralWhoPage::answer(PageContext& context, const PersonPicker::Answer& answer) {
  using Kind = PersonPicker::Answer::Kind;
  switch (answer.kind) {
    case Kind::None:
      return Transition::stay();
    case Kind::Back:
      return Transition::go_to<StaffReferralsPage>(context);
    case Kind::Picked:
    case Kind::NoName:
      break;
  }
  return Transition::go_to<ReferralFormPage>(context, answer.person);
}

ReferralFormPage::ReferralFormPage(PageContext& context, std::optional<core::ParticipantMatch> person) {
  form_.person = std::move(person);
  form_.follow_up = context.today().plus_days(kDefaultFollowUpDays);
}

void ReferralFormPage::find_referral_services(PageContext& context) {
  StaffReferralForm& form = form_;
  form.error_key.clear();
  const std::string words = form.category ? std::string() : core::tidy_spaces(form.query);
  auto found = core::search_directory(context.store, words, form.category, kServiceLimit);
  if (!found) {
    log::error(found.error().message);
    form.error_key = "error.generic";
    return;
  }
  form.found = std::move(found.value());
  form.chosen.reset();
  if (form.found.empty()) form.error_key = "staff.referral_no_results";
  describe_referral_services(context);
}

// Open-now words are in the staff member's current language; made again after a language switch.
void ReferralFormPage::describe_referral_services(PageContext& context) {
  StaffReferralForm& form = form_;
  form.rows.clear();
  for (const auto& service : form.found) {
    std::string detail = open_status_words(service.status, context.language());
    if (!service.organization.empty() && service.organization != service.name) {
      detail += "  \xC2\xB7  " + service.organization;
    }
    form.rows.push_back({service.name, std::move(detail)});
  }
  form.rows_language = std::string(ui::language_code(context.language()));
}

Transition ReferralFormPage::draw_signed_in(PageContext& context) {
  const ui::Language language = context.language();
  StaffReferralForm& form = form_;
  if (form.rows_language != ui::language_code(language)) describe_referral_services(context);
  const std::vector<ui::CategoryTile> tiles = category_tiles(language);
  std::optional<std::size_t> category_index;
  if (form.category) {
    const auto& categories = core::all_categories();
    for (std::size_t i = 0; i < categories.size(); ++i) {
      if (categories[i] == *form.category) category_index = i;
    }
  }
  const std::string who = form.person ? form.person->display_name : ui::tr("staff.referral_anonymous", language);
  return on_referral_form(context, ui::staff_referral_form_screen(
      context.ui, {who, tiles, category_index, form.query, form.rows, form.chosen, form.follow_up, context.today(),
                   form.note, form.active_field, form.keyboard, form.error_key}));
}

Transition ReferralFormPage::on_referral_form(PageContext& context, const ui::StaffReferralFormAction& action) {
  using Kind = ui::StaffReferralFormAction::Kind;
  StaffReferralForm& form = form_;
  switch (action.kind) {
    case Kind::None:
      return Transition::stay();
    case Kind::Back:
      // Back to the name search, with what was typed there gone: a new person starts a new referral.
      return Transition::go_to<ReferralWhoPage>();
    case Kind::Category: {
      const auto& categories = core::all_categories();
      if (action.index >= categories.size()) return Transition::stay();
      form.category = categories[action.index];
      form.active_field = ui::ReferralFormField::None;
      find_referral_services(context);
      return Transition::stay();
    }
    case Kind::Search:
      form.category.reset();
      form.active_field = ui::ReferralFormField::None;
      if (core::tidy_spaces(form.query).empty()) return Transition::stay();
      find_referral_services(context);
      return Transition::stay();
    case Kind::Pick:
      if (action.index >= form.found.size()) return Transition::stay();
      form.chosen = action.index;
      form.error_key.clear();
      return Transition::stay();
    case Kind::Save:
      return save_staff_referral(context);
  }
  return Transition::stay();
}

Transition ReferralFormPage::save_staff_referral(PageContext& context) {
  StaffReferralForm& form = form_;
  const ui::Language language = context.language();
  if (!form.chosen || *form.chosen >= form.found.size()) {
    form.error_key = "staff.referral_choose_service";
    return Transition::stay();
  }
  const core::ServiceSummary& service = form.found[*form.chosen];
  core::NewReferral referral;
  referral.service_id = service.id;
  if (form.person) referral.participant_id = form.person->id;
  referral.staff_id = context.staff.member->id;
  referral.follow_up_due = form.follow_up;
  referral.notes = core::tidy_spaces(form.note);
  if (auto made = core::make_referral(context.store, referral); !made) {
    // Everything chosen and typed stays on the form; the log says why.
    log::error(made.error().message);
    form.error_key = "error.generic";
    return Transition::stay();
  }
  context.sync_now();
  const std::string who = form.person ? form.person->display_name : ui::tr("staff.referral_anonymous", language);
  std::string referral_made =
      ui::tr_format("staff.referral_made", language,
                    {{"who", who}, {"service", service.name}, {"date", day_text(form.follow_up, language)}});
  return Transition::go_to<StaffReferralsPage>(context, std::move(referral_made));
}

}  // namespace porchlight::app
