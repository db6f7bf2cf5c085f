#pragma once
// Everything staff mode holds across frames. Ending staff mode is `session = {}`: no full name or report outlives it.
#include <optional>
#include <string>
#include <vector>

#include "porchlight/core/calendar.hpp"
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

// What the last export said: a translation key, and the files written (or the folder that failed).
struct StaffNotice {
  std::string key;
  std::string path;
  std::string second_path;
  bool error = false;
};

// A group being made or edited. Everything typed stays here until it is saved or staff go back, so a refusal
// loses nothing.
struct GroupForm {
  std::string group_id;                         // empty: a new group
  std::optional<core::GroupDefinition> editing;  // what editing started from (uid, description, exceptions, ...)
  std::string title;
  std::string room;
  std::string facilitator;
  ui::GroupFormField active_field = ui::GroupFormField::None;
  ui::KeyboardState keyboard;
  core::WeeklyPattern pattern;
  bool pattern_editable = true;
  int start_minutes = 18 * 60;
  int duration_minutes = 60;
  int capacity = 0;  // 0 = no limit
  int checkin_before = 15;
  int checkin_after = 30;
  bool confirm_cancel = false;
  std::string error_key;
};

// One session being moved: where it goes, starting from where it is now.
struct SessionMove {
  std::string session_key;
  std::string title;
  core::LocalDateTime planned;  // where it is now
  core::LocalDate day;
  int start_minutes = 0;
  int duration_minutes = 60;
  std::string room;
  bool typing_room = false;
  ui::KeyboardState keyboard;
  std::string error_key;
};

// A referral staff are making. The person was found on the shared name search (PersonPicker); everything
// chosen or typed stays here until it is saved or staff go back, so a refusal loses nothing.
struct StaffReferralForm {
  std::optional<core::ParticipantMatch> person;  // nullopt: nobody by name
  std::string query;
  std::optional<core::Category> category;
  std::vector<core::ServiceSummary> found;
  std::vector<ui::StaffServiceRow> rows;  // `found` in words, in `rows_language`
  std::string rows_language;
  std::optional<std::size_t> chosen;
  core::LocalDate follow_up;
  std::string note;
  ui::ReferralFormField active_field = ui::ReferralFormField::None;
  ui::KeyboardState keyboard{.sentence_case = true};
  std::string error_key;
};

// Who is signed in and the day they look at (staff pages keep their own lists; these outlive a page).
struct StaffSession {
  // Signed in: who, the day shown, its report (full names: staff mode only) and the admin's list of locked accounts.
  std::optional<core::StaffMember> member;
  core::LocalDate date;
  std::optional<core::DailyAttendance> report;
  std::string report_language;          // reason labels are in this language ("en"/"es")
  std::vector<std::string> left_times;  // per report row: local "HH:MM" signed out, or empty
  std::vector<core::StaffMember> locked_staff;
  std::string error_key;
  StaffNotice notice;
};

}  // namespace porchlight::app
