#pragma once
// The participant's pages. What the participant typed or chose for the sign-in (who, reasons, groups, what "Find
// help" found) is the ParticipantSession's, so the idle wipe is one assignment; what a page only shows (the reasons
// offered, group cards) is the page's. Their .cpp files are split by feature: flow.cpp (sign-in), groups_flow.cpp
// (the group calendar), help_flow.cpp ("Find help", "did you get help?").
#include <string>
#include <vector>

#include "porchlight/app/page.hpp"
#include "porchlight/core/visits.hpp"

namespace porchlight::app {

class WelcomePage : public Page {
 public:
  [[nodiscard]] ScreenId id() const override { return ScreenId::Welcome; }
  Transition draw(PageContext& context) override;
};

class SignInPage : public Page {
 public:
  [[nodiscard]] ScreenId id() const override { return ScreenId::SignIn; }
  Transition draw(PageContext& context) override;
};

// The typed name and its matches ("First L." only) are the session's.
class ReturningPage : public Page {
 public:
  [[nodiscard]] ScreenId id() const override { return ScreenId::Returning; }
  Transition draw(PageContext& context) override;
};

// PIN or birth date; three misses and no more tries here.
class ConfirmPage : public Page {
 public:
  [[nodiscard]] ScreenId id() const override { return ScreenId::Confirm; }
  Transition draw(PageContext& context) override;
};

class NewParticipantPage : public Page {
 public:
  [[nodiscard]] ScreenId id() const override { return ScreenId::New; }
  Transition draw(PageContext& context) override;
};

// The reasons for the visit, the mood, and the groups whose check-in is open; "Sign in" saves it all at once.
class ReasonsPage : public Page {
 public:
  explicit ReasonsPage(PageContext& context) { load_reasons(context); }
  [[nodiscard]] ScreenId id() const override { return ScreenId::Reasons; }
  Transition draw(PageContext& context) override;
  void language_changed(PageContext& context) override;
  // Back from "All groups" or "Find help": the groups offered are read again (choices are the session's).
  void resumed(PageContext& context) override { load_open_groups(context); }

 private:
  void load_reasons(PageContext& context);
  void load_open_groups(PageContext& context);
  Transition on_reasons(PageContext& context, ui::ReasonsAction action);

  std::vector<core::VisitReason> reasons_;
  std::vector<ui::GroupCard> open_group_cards_;  // check-in open now
};

// "Welcome, Maria!": KioskApp wipes the session after AppOptions::done_timeout.
class DonePage : public Page {
 public:
  [[nodiscard]] ScreenId id() const override { return ScreenId::Done; }
  Transition draw(PageContext& context) override;
};

// "Did you get help from ...?" about a referral waiting for an answer.
class FollowUpPage : public Page {
 public:
  [[nodiscard]] ScreenId id() const override { return ScreenId::FollowUp; }
  Transition draw(PageContext& context) override;
};

// 988 and the center's own lines; opened over any page by the top bar, closing goes back to it.
class CrisisPage : public Page {
 public:
  [[nodiscard]] ScreenId id() const override { return ScreenId::Crisis; }
  Transition draw(PageContext& context) override;
};

// Today's groups; choosing one to join needs a name (groups_flow.cpp).
class TodaysGroupsPage : public Page {
 public:
  // `back_to`: Welcome, or Reasons during a sign-in (then this page is open over it).
  TodaysGroupsPage(PageContext& context, ScreenId back_to) : back_to_(back_to) { load_todays_groups(context); }
  [[nodiscard]] ScreenId id() const override { return ScreenId::TodaysGroups; }
  Transition draw(PageContext& context) override;
  void language_changed(PageContext& context) override;

 private:
  void load_todays_groups(PageContext& context);
  Transition on_todays_groups(PageContext& context, ui::GroupsAction action);

  ScreenId back_to_;
  std::vector<ui::GroupCard> group_cards_;
};

// This week's groups, to read (groups_flow.cpp).
class WeekGroupsPage : public Page {
 public:
  WeekGroupsPage(PageContext& context, ScreenId back_to) : back_to_(back_to) { load_week_groups(context); }
  [[nodiscard]] ScreenId id() const override { return ScreenId::WeekGroups; }
  Transition draw(PageContext& context) override;
  void language_changed(PageContext& context) override;

 private:
  void load_week_groups(PageContext& context);

  ScreenId back_to_;
  std::vector<ui::WeekDay> week_days_;
};

// "Find help": category tiles and word search; what was typed and found is the session's (help_flow.cpp).
class FindHelpPage : public Page {
 public:
  [[nodiscard]] ScreenId id() const override { return ScreenId::FindHelp; }
  Transition draw(PageContext& context) override;
  Transition on_find_help(PageContext& context, const ui::FindHelpAction& action);
};

class HelpListPage : public Page {
 public:
  [[nodiscard]] ScreenId id() const override { return ScreenId::HelpList; }
  Transition draw(PageContext& context) override;
  void language_changed(PageContext& context) override;
};

// A service's card: its take-away QR code, "I want this" (a self-referral), "Print".
class HelpDetailPage : public Page {
 public:
  [[nodiscard]] ScreenId id() const override { return ScreenId::HelpDetail; }
  Transition draw(PageContext& context) override;
  void language_changed(PageContext& context) override;

 private:
  Transition on_help_detail(PageContext& context, ui::HelpDetailAction action);
  void print_take_away(PageContext& context);
};

// Steps shared by several pages (and the card scanner, and the demo screens).
void refresh_matches(PageContext& context);
Transition start_confirm(PageContext& context, const core::ParticipantMatch& match);
// After someone is identified: "did you get help?" when a referral waits for an answer, else the reasons.
Transition continue_after_identifying(PageContext& context);
// Opened from Welcome they take its place; from Reasons they open over it.
Transition open_todays_groups(PageContext& context, ScreenId back_to);
Transition open_find_help(PageContext& context, ScreenId back_to);
// The group cards' choices into the session's chosen sessions.
void remember_chosen(ParticipantSession& session, const std::vector<ui::GroupCard>& cards);
// Saves the visit and joins the chosen sessions in one transaction and puts what happened into the Done page's notes.
// False when nothing was saved (the session's error_key says why).
bool sign_in_with_chosen_sessions(PageContext& context, const core::SignIn& visit);
// The service's card (from the list, or the demo screens); stays when it cannot be read.
Transition open_service(PageContext& context, const std::string& service_id);

}  // namespace porchlight::app
