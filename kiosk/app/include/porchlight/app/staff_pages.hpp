#pragma once
// Staff mode's pages. Each owns what it shows and what was typed on it; the signed-in member and the day shown are
// the StaffSession's (kept across pages, dropped with staff mode). Their .cpp files are split by feature:
// staff_flow.cpp (sign-in, the day), staff_export.cpp, staff_sign_in.cpp, staff_groups.cpp, staff_group_edit.cpp,
// staff_referrals.cpp, staff_new_referral.cpp.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "porchlight/app/page.hpp"
#include "porchlight/app/person_picker.hpp"

namespace porchlight::app {

// "Who are you?" and the PIN (staff_flow.cpp).
class StaffLoginPage : public Page {
 public:
  explicit StaffLoginPage(PageContext& context);
  [[nodiscard]] ScreenId id() const override { return ScreenId::StaffLogin; }
  Transition draw(PageContext& context) override;
  // What staff tap, without a screen (demo screens).
  Transition pick(std::size_t index);
  Transition submit(PageContext& context, std::string pin);
  [[nodiscard]] const std::vector<core::StaffMember>& staff() const { return staff_; }

 private:
  Transition on_staff_login(PageContext& context, const ui::StaffLoginAction& action);

  // The list of names, the one chosen, the PIN typed so far, what the last try said.
  std::vector<core::StaffMember> staff_;
  std::optional<std::size_t> chosen_;
  std::string pin_;
  StaffLoginMessage message_;
};

// Base of the pages shown once a staff member is signed in: without one (staff mode ended) the session ends.
class SignedInStaffPage : public Page {
 public:
  [[nodiscard]] ScreenId id() const override { return ScreenId::Staff; }
  Transition draw(PageContext& context) final;

 protected:
  virtual Transition draw_signed_in(PageContext& context) = 0;
};

// The day's attendance, alerts, locked accounts, exports and the sync panel (staff_flow.cpp, staff_export.cpp).
class StaffDayPage : public SignedInStaffPage {
 public:
  explicit StaffDayPage(PageContext& context) { load_staff_day(context); }

 protected:
  Transition draw_signed_in(PageContext& context) override;

 private:
  void load_staff_day(PageContext& context);
  Transition on_staff_today(PageContext& context, const ui::StaffTodayAction& action);
  void export_day(PageContext& context);
  void export_month(PageContext& context);
};

// Signing someone in on their behalf: find them (or a guest), then their reasons (staff_sign_in.cpp).
class StaffSignInPage : public SignedInStaffPage {
 protected:
  Transition draw_signed_in(PageContext& context) override;

 private:
  Transition on_staff_reasons(PageContext& context, ui::ReasonsAction action);

  PersonPicker find_;
  bool choosing_reasons_ = false;
  std::optional<core::ParticipantMatch> chosen_;  // nullopt: a guest
  std::vector<core::VisitReason> reasons_;        // the configured list
  std::vector<std::string> chosen_reasons_;
  std::optional<int> mood_;
  std::string error_key_;
};

// The day's groups with full-name rosters, marking who came, cancelling, adding someone (staff_groups.cpp).
class StaffGroupsPage : public SignedInStaffPage {
 public:
  explicit StaffGroupsPage(PageContext& context) { load_staff_groups(context); }
  // Times and seats are put in words again in the new language.
  void language_changed(PageContext& context) override {
    if (groups_language_ != ui::language_code(context.language())) load_staff_groups(context);
  }
  [[nodiscard]] const std::vector<std::string>& group_ids() const { return group_ids_; }
  [[nodiscard]] const std::vector<std::string>& group_keys() const { return group_keys_; }
  Transition edit_group(PageContext& context, const std::string& group_id);  // empty: a new group
  Transition move_session(PageContext& context, std::size_t index);

 protected:
  Transition draw_signed_in(PageContext& context) override;

 private:
  void load_staff_groups(PageContext& context);
  Transition on_staff_groups(PageContext& context, const ui::StaffGroupsAction& action);
  void on_staff_groups_add(PageContext& context, const PersonPicker::Answer& answer);

  // Sessions with full-name rosters (audited when read), and whom a roster row is.
  std::vector<ui::StaffGroupSession> groups_;
  std::vector<std::string> group_keys_;
  std::vector<std::string> group_ids_;
  std::vector<std::vector<std::string>> roster_ids_;
  std::string groups_language_;  // times and seats were put in words in this language ("en"/"es")
  std::string error_key_;
  std::optional<PersonPicker> adding_;  // "Add someone" was tapped on session `adding_to_`
  std::size_t adding_to_ = 0;
};

// Making or editing a group, cancelling it (staff_group_edit.cpp).
class GroupFormPage : public SignedInStaffPage {
 public:
  explicit GroupFormPage(GroupForm form) : form_(std::move(form)) {}

 protected:
  Transition draw_signed_in(PageContext& context) override;

 private:
  Transition on_group_form(PageContext& context, const ui::StaffGroupFormAction& action);
  GroupForm form_;
};

// Moving one session (staff_group_edit.cpp).
class SessionMovePage : public SignedInStaffPage {
 public:
  explicit SessionMovePage(SessionMove move) : move_(std::move(move)) {}
  [[nodiscard]] SessionMove& move() { return move_; }

 protected:
  Transition draw_signed_in(PageContext& context) override;

 private:
  Transition on_session_move(PageContext& context, ui::StaffSessionMoveAction action);
  SessionMove move_;
};

// Referrals due for follow-up, and the outcome staff heard (staff_referrals.cpp). `made`: "Referral made: ..."
class StaffReferralsPage : public SignedInStaffPage {
 public:
  explicit StaffReferralsPage(PageContext& context, std::string made = {}) : referral_made_(std::move(made)) {
    load_staff_referrals(context);
  }
  [[nodiscard]] const std::vector<core::Referral>& referrals() const { return referrals_; }

 protected:
  Transition draw_signed_in(PageContext& context) override;

 private:
  void load_staff_referrals(PageContext& context);
  Transition on_staff_referrals(PageContext& context, const ui::StaffReferralsAction& action);

  std::vector<core::Referral> referrals_;  // made or no answer, due today or earlier, oldest due first
  std::vector<ui::StaffReferralRow> referral_rows_;
  std::string error_key_;
  std::string referral_made_;
};

// Whom a staff referral is for, or nobody by name (staff_new_referral.cpp).
class ReferralWhoPage : public SignedInStaffPage {
 public:
  [[nodiscard]] PersonPicker& picker() { return find_; }
  Transition answer(PageContext& context, const PersonPicker::Answer& answer);

 protected:
  Transition draw_signed_in(PageContext& context) override;

 private:
  PersonPicker find_{"staff.referral_who_heading", "staff.referral_no_name"};
};

// The referral itself: the service by words or category, the follow-up day, a note (staff_new_referral.cpp).
class ReferralFormPage : public SignedInStaffPage {
 public:
  ReferralFormPage(PageContext& context, std::optional<core::ParticipantMatch> person);
  [[nodiscard]] const StaffReferralForm& form() const { return form_; }
  [[nodiscard]] StaffReferralForm& form() { return form_; }
  Transition on_referral_form(PageContext& context, const ui::StaffReferralFormAction& action);

 protected:
  Transition draw_signed_in(PageContext& context) override;

 private:
  void find_referral_services(PageContext& context);
  void describe_referral_services(PageContext& context);
  Transition save_staff_referral(PageContext& context);
  StaffReferralForm form_;
};

}  // namespace porchlight::app
