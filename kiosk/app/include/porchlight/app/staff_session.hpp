#pragma once
// Everything staff mode holds across frames. Ending staff mode is `session = {}`: no full name or report outlives it.
#include <optional>
#include <string>
#include <vector>

#include "porchlight/core/civil_time.hpp"
#include "porchlight/core/clock.hpp"
#include "porchlight/core/participants.hpp"
#include "porchlight/core/referrals.hpp"
#include "porchlight/core/reports.hpp"
#include "porchlight/core/staff.hpp"
#include "porchlight/core/visits.hpp"
#include "porchlight/ui/keyboard.hpp"
#include "porchlight/ui/staff_screens.hpp"

namespace porchlight::app {

// A finger resting on the hidden top-left corner; a long enough rest opens staff sign-in.
struct CornerPress {
  bool holding = false;
  bool fired = false;  // already opened staff sign-in; nothing more until the finger lifts
  core::Millis since = 0;
};

// What a login try said, shown until the next try (formatted at draw time, in the current language).
struct StaffLoginMessage {
  std::string key;  // a translation key, or empty
  int number = 0;   // tries left or seconds to wait
};

// Which staff page is up: the day's attendance, or signing someone in (find them, then their reasons).
enum class StaffPage { Day, SignInFind, SignInReasons, Groups, GroupsAdd, Referrals };

// What the last export said: a translation key, and the files written (or the folder that failed).
struct StaffNotice {
  std::string key;
  std::string path;
  std::string second_path;
  bool error = false;
};

// Signing someone in on their behalf.
struct StaffSignIn {
  std::string typed;
  ui::KeyboardState keyboard;
  std::vector<core::ParticipantMatch> matches;
  std::optional<core::ParticipantMatch> chosen;  // nullopt: a guest
  std::vector<core::VisitReason> reasons;        // the configured list
  std::vector<std::string> chosen_reasons;
  std::optional<int> mood;
  std::string error_key;
};

struct StaffSession {
  // Sign-in: the list of names, the one chosen, the PIN typed so far.
  std::vector<core::StaffMember> staff;
  std::optional<std::size_t> chosen;
  std::string pin;
  StaffLoginMessage message;

  // Signed in: who, the day shown, its report (full names: staff mode only) and the admin's list of locked accounts.
  std::optional<core::StaffMember> member;
  core::LocalDate date;
  std::optional<core::DailyAttendance> report;
  std::string report_language;          // reason labels are in this language ("en"/"es")
  std::vector<std::string> left_times;  // per report row: local "HH:MM" signed out, or empty
  std::vector<core::StaffMember> locked_staff;
  std::string error_key;
  StaffPage page = StaffPage::Day;
  StaffNotice notice;
  StaffSignIn sign_in;

  // The day's groups: sessions with full-name rosters (audited when read), and whom a roster row is.
  std::vector<ui::StaffGroupSession> groups;
  std::vector<std::string> group_keys;
  std::vector<std::vector<std::string>> roster_ids;
  std::size_t adding_to = 0;  // the session "Add someone" was tapped on
  std::string groups_error_key;

  // Referrals due for follow-up (made or no answer, due today or earlier), oldest due first.
  std::vector<core::Referral> referrals;
  std::vector<ui::StaffReferralRow> referral_rows;
  std::string referrals_error_key;
};

}  // namespace porchlight::app
