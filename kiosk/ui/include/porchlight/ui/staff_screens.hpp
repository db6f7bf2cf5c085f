#pragma once
// Staff mode's screens (screens/staff_*.cpp): who is signing in, and the day's attendance with full names. Only the
// app's staff mode calls these; the participant screens never see a surname or a reason.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "porchlight/core/calendar.hpp"
#include "porchlight/core/participants.hpp"
#include "porchlight/core/reports.hpp"
#include "porchlight/core/staff.hpp"
#include "porchlight/ui/format.hpp"  // clock_text, date_text: the staff calendar forms use them
#include "porchlight/ui/keyboard.hpp"
#include "porchlight/ui/screens.hpp"
#include "porchlight/ui/touch.hpp"

namespace porchlight::ui {

// The hidden area at the top left of the top bar: nothing drawn, and true while a finger rests on it without
// dragging. The app times the press (a long press opens staff sign-in).
bool staff_corner(Ui& ui);

// --- "Who are you?" then the PIN ---------------------------------------------------------------------------------
struct StaffLoginView {
  std::span<const core::StaffMember> staff;
  const core::StaffMember* chosen = nullptr;  // null: choose a name first
  std::string& pin;                           // digits typed on the number pad
  std::string_view message;                   // already in the staff member's language; empty when nothing to say
};
struct StaffLoginAction {
  enum class Kind { None, Cancel, Back, Pick, Submit } kind = Kind::None;
  std::size_t index = 0;  // with Pick
};
StaffLoginAction staff_login_screen(Ui& ui, const StaffLoginView& view);

// --- the kiosk's sync with the hub (screens/staff_sync.cpp) ------------------------------------------------------
struct StaffSyncView {
  enum class State { NotEnrolled, Syncing, Online, Offline, Revoked } state = State::NotEnrolled;
  std::int64_t pending = 0;
  std::int64_t parked = 0;
  std::string oldest_pending;  // "Nov 23, 10:41"; empty when nothing waits
  std::string last_success;    // empty: never
  std::string last_error;      // empty: none
};
// The panel; true when "Sync now" was tapped.
bool staff_sync_panel(Ui& ui, const StaffSyncView& view, float width);

// --- the day's attendance ----------------------------------------------------------------------------------------
struct StaffAlertView {
  std::string time;  // "10:41"
  std::string from;  // the screen the participant was on, in words
};
struct StaffTodayView {
  std::string_view staff_name;
  bool admin = false;
  std::string date_text;
  bool can_go_forward = false;                      // not past today
  const core::DailyAttendance* report = nullptr;    // null when it could not be read
  std::span<const std::string> left_times;          // per visit row: local "HH:MM" signed out, or empty
  std::span<const StaffAlertView> alerts;           // not yet acknowledged
  std::span<const core::StaffMember> locked_staff;  // admins only
  std::string_view error_key;
  std::string_view notice;  // what the last export said, already in words; empty when nothing to say
  bool notice_is_error = false;
  const StaffSyncView* sync = nullptr;  // null when this kiosk has no sync
};
struct StaffTodayAction {
  enum class Kind {
    None,
    Exit,
    PreviousDay,
    NextDay,
    SignOut,
    AcknowledgeAlerts,
    Unlock,
    ExportDay,
    ExportMonth,
    SignSomeoneIn,
    SyncNow,
    Groups,
    Referrals
  } kind = Kind::None;
  std::size_t index = 0;  // the visit row (SignOut) or the locked account (Unlock)
};
StaffTodayAction staff_today_screen(Ui& ui, const StaffTodayView& view);

// --- the day's groups: rosters with full names, who came, cancel a session, add someone (screens/staff_groups.cpp)
struct StaffRosterRow {
  std::string full_name;
  bool attended = false;
  bool added_by_staff = false;
};
struct StaffGroupSession {
  std::string time_text;
  std::string title;
  std::string room;
  std::string seats_text;
  bool cancelled = false;
  bool ended = false;  // nothing left to cancel or move
  std::vector<StaffRosterRow> roster;
};
struct StaffGroupsView {
  std::string date_text;
  bool can_go_forward = false;
  std::span<StaffGroupSession> sessions;
  std::string_view error_key;
};
struct StaffGroupsAction {
  enum class Kind {
    None,
    Back,
    PreviousDay,
    NextDay,
    ToggleAttended,
    CancelSession,
    RestoreSession,
    AddPerson,
    MoveSession,
    EditGroup,
    NewGroup
  } kind = Kind::None;
  std::size_t session = 0;
  std::size_t row = 0;  // with ToggleAttended
};
StaffGroupsAction staff_groups_screen(Ui& ui, const StaffGroupsView& view);

// --- a group's form: new, or edit and cancel (screens/staff_group_form.cpp) ------------------------------------
// Text fields are buttons choosing what the on-screen keyboard types into; numbers are steppers; days are tiles.
enum class GroupFormField { None, Title, Room, Facilitator };
struct StaffGroupFormView {
  bool editing = false;
  std::string& title;
  std::string& room;
  std::string& facilitator;
  GroupFormField& active_field;
  KeyboardState& keyboard;
  core::WeeklyPattern& pattern;
  bool pattern_editable = true;  // false: the group's rule is not a plain weekly one and stays as it is
  int& start_minutes;            // minutes after midnight, center's wall clock
  int& duration_minutes;
  int& capacity;  // 0 = no limit
  int& checkin_before;
  int& checkin_after;
  bool& confirm_cancel;  // "Cancel the whole group" was tapped once; the next tap asks to confirm
  std::string_view error_key;
};
struct StaffGroupFormAction {
  enum class Kind { None, Back, Save, CancelGroup } kind = Kind::None;
};
StaffGroupFormAction staff_group_form_screen(Ui& ui, const StaffGroupFormView& view);

// --- move one session to another day, time or room (screens/staff_session_move.cpp) -----------------------------
struct StaffSessionMoveView {
  std::string_view title;
  std::string_view planned_text;  // when it was planned, in words
  core::LocalDate& day;
  int& start_minutes;
  int& duration_minutes;
  std::string& room;
  bool& typing_room;
  KeyboardState& keyboard;
  std::string_view error_key;
};
enum class StaffSessionMoveAction { None, Back, Save };
StaffSessionMoveAction staff_session_move_screen(Ui& ui, const StaffSessionMoveView& view);

// --- sign someone in on their behalf: find them by name, or a guest (screens/staff_sign_in.cpp) -----------------
struct StaffSignInView {
  std::string& typed;
  KeyboardState& keyboard;
  std::span<const core::ParticipantMatch> matches;  // "First L." only: the screen may be seen from the door
  std::string_view error_key;
  // The same search finds whom to add to a group or to refer: the heading and the no-name button say which.
  std::string_view heading_key = "staff.sign_in_heading";
  std::string_view guest_key = "staff.sign_in_guest";
};
struct StaffSignInAction {
  enum class Kind { None, Back, Typed, Picked, Guest } kind = Kind::None;
  std::size_t index = 0;  // with Picked
};
StaffSignInAction staff_sign_in_screen(Ui& ui, const StaffSignInView& view);

// --- referrals due for follow-up, with their outcome (screens/staff_referrals.cpp) ---------------------------------
struct StaffReferralRow {
  std::string who;      // "First L.", or "Anonymous" in the language
  std::string service;  // service and organization
  std::string detail;   // category, when made, when due, status: ready words
};
struct StaffReferralsView {
  std::string_view date_text;
  std::span<const StaffReferralRow> rows;
  std::string_view error_key;
  std::string_view notice;  // "Referral made: ...", in words, or empty
};
struct StaffReferralsAction {
  enum class Kind { None, Back, New, Connected, NotConnected, NoAnswer } kind = Kind::None;
  std::size_t index = 0;
};
StaffReferralsAction staff_referrals_screen(Ui& ui, const StaffReferralsView& view);

// --- a referral made by staff: the service, when to follow up, a note (screens/staff_referral_form.cpp) ------------
enum class ReferralFormField { None, Search, Note };
struct StaffServiceRow {
  std::string name;
  std::string detail;  // organization and whether it is open now, in words
};
struct StaffReferralFormView {
  std::string_view who;  // "First L.", or "Anonymous" in the language
  std::span<const CategoryTile> categories;
  std::optional<std::size_t> category;  // the tile whose services are listed
  std::string& query;
  std::span<const StaffServiceRow> services;
  std::optional<std::size_t> chosen;  // the service the referral is to
  core::LocalDate& follow_up;         // when to ask how it went; never before `earliest`
  core::LocalDate earliest;
  std::string& note;
  ReferralFormField& active_field;
  KeyboardState& keyboard;
  std::string_view error_key;
};
struct StaffReferralFormAction {
  enum class Kind { None, Back, Category, Search, Pick, Save } kind = Kind::None;
  std::size_t index = 0;  // Category: which tile; Pick: which service
};
StaffReferralFormAction staff_referral_form_screen(Ui& ui, const StaffReferralFormView& view);

}  // namespace porchlight::ui
