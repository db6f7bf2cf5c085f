// Staff mode: a referral made by staff. Find the person on the shared name search (or make it without a name), then
// the service by words or category, the day to ask how it went and a note. Core stores it with made_by = this staff
// member, audits it and queues it for the hub in one transaction; the referrals page then says what was made.
#include <cstdio>

#include "porchlight/app/kiosk_app.hpp"
#include "porchlight/core/referrals.hpp"
#include "porchlight/core/text.hpp"
#include "porchlight/log.hpp"

namespace porchlight::app {

namespace {

constexpr int kServiceLimit = 30;
constexpr int kDefaultFollowUpDays = 7;  // as a self-referral's

}  // namespace

void KioskApp::open_referral_who() {
  staff_.referral_made.clear();
  staff_.sign_in = StaffSignIn{};
  staff_.page = StaffPage::ReferralWho;
}

void KioskApp::on_referral_who(const ui::StaffSignInAction& action) {
  using Kind = ui::StaffSignInAction::Kind;
  StaffSignIn& find = staff_.sign_in;
  std::optional<core::ParticipantMatch> person;
  switch (action.kind) {
    case Kind::None:
      return;
    case Kind::Back:
      staff_.sign_in = StaffSignIn{};
      staff_.page = StaffPage::Referrals;
      return;
    case Kind::Typed:
      find_staff_matches(find);
      return;
    case Kind::Picked:
      if (action.index >= find.matches.size()) return;
      person = find.matches[action.index];
      break;
    case Kind::Guest:
      break;
  }
  staff_.referral_form = StaffReferralForm{};
  staff_.referral_form.person = std::move(person);
  staff_.referral_form.follow_up = store_.center_time().date_of(clock_.now()).plus_days(kDefaultFollowUpDays);
  staff_.sign_in = StaffSignIn{};
  staff_.page = StaffPage::ReferralForm;
}

void KioskApp::find_referral_services() {
  StaffReferralForm& form = staff_.referral_form;
  form.error_key.clear();
  const std::string words = form.category ? std::string() : core::tidy_spaces(form.query);
  auto found = core::search_directory(store_, words, form.category, kServiceLimit);
  if (!found) {
    log::error(found.error().message);
    form.error_key = "error.generic";
    return;
  }
  form.found = std::move(found.value());
  form.chosen.reset();
  if (form.found.empty()) form.error_key = "staff.referral_no_results";
  describe_referral_services();
}

// Open-now words are in the staff member's current language; made again after a language switch.
void KioskApp::describe_referral_services() {
  StaffReferralForm& form = staff_.referral_form;
  form.rows.clear();
  for (const auto& service : form.found) {
    std::string detail = open_status_words(service.status);
    if (!service.organization.empty() && service.organization != service.name) {
      detail += "  \xC2\xB7  " + service.organization;
    }
    form.rows.push_back({service.name, std::move(detail)});
  }
  form.rows_language = std::string(ui::language_code(session_.language));
}

void KioskApp::draw_referral_form(ui::Ui& ui) {
  if (staff_.page == StaffPage::ReferralWho) {
    StaffSignIn& find = staff_.sign_in;
    on_referral_who(ui::staff_sign_in_screen(ui, {find.typed, find.keyboard, find.matches, find.error_key,
                                                  "staff.referral_who_heading", "staff.referral_no_name"}));
    return;
  }
  StaffReferralForm& form = staff_.referral_form;
  if (form.rows_language != ui::language_code(session_.language)) describe_referral_services();
  const std::vector<ui::CategoryTile> tiles = category_tiles();
  std::optional<std::size_t> category_index;
  if (form.category) {
    const auto& categories = core::all_categories();
    for (std::size_t i = 0; i < categories.size(); ++i) {
      if (categories[i] == *form.category) category_index = i;
    }
  }
  const std::string who =
      form.person ? form.person->display_name : ui::tr("staff.referral_anonymous", session_.language);
  on_referral_form(ui::staff_referral_form_screen(
      ui, {who, tiles, category_index, form.query, form.rows, form.chosen, form.follow_up,
           store_.center_time().date_of(clock_.now()), form.note, form.active_field, form.keyboard, form.error_key}));
}

void KioskApp::on_referral_form(const ui::StaffReferralFormAction& action) {
  using Kind = ui::StaffReferralFormAction::Kind;
  StaffReferralForm& form = staff_.referral_form;
  switch (action.kind) {
    case Kind::None:
      return;
    case Kind::Back:
      // Back to the name search, with what was typed there gone: a new person starts a new referral.
      staff_.referral_form = StaffReferralForm{};
      open_referral_who();
      return;
    case Kind::Category: {
      const auto& categories = core::all_categories();
      if (action.index >= categories.size()) return;
      form.category = categories[action.index];
      form.active_field = ui::ReferralFormField::None;
      find_referral_services();
      return;
    }
    case Kind::Search:
      form.category.reset();
      form.active_field = ui::ReferralFormField::None;
      if (core::tidy_spaces(form.query).empty()) return;
      find_referral_services();
      return;
    case Kind::Pick:
      if (action.index >= form.found.size()) return;
      form.chosen = action.index;
      form.error_key.clear();
      return;
    case Kind::Save:
      save_staff_referral();
      return;
  }
}

void KioskApp::save_staff_referral() {
  StaffReferralForm& form = staff_.referral_form;
  if (!staff_.member) return;
  if (!form.chosen || *form.chosen >= form.found.size()) {
    form.error_key = "staff.referral_choose_service";
    return;
  }
  const core::ServiceSummary& service = form.found[*form.chosen];
  core::NewReferral referral;
  referral.service_id = service.id;
  if (form.person) referral.participant_id = form.person->id;
  referral.staff_id = staff_.member->id;
  referral.follow_up_due = form.follow_up;
  referral.notes = core::tidy_spaces(form.note);
  if (auto made = core::make_referral(store_, referral); !made) {
    // Everything chosen and typed stays on the form; the log says why.
    log::error(made.error().message);
    form.error_key = "error.generic";
    return;
  }
  if (options_.sync_worker) options_.sync_worker->sync_now();
  const std::string who =
      form.person ? form.person->display_name : ui::tr("staff.referral_anonymous", session_.language);
  staff_.referral_made = ui::tr_format("staff.referral_made", session_.language,
                                       {{"who", who}, {"service", service.name}, {"date", day_text(form.follow_up)}});
  staff_.referral_form = StaffReferralForm{};
  staff_.page = StaffPage::Referrals;
  load_staff_referrals();
}

}  // namespace porchlight::app
