#pragma once
// One function per screen (screens/*.cpp). Each draws from a view of the model the app owns and returns what the
// participant asked for; the app decides what happens (core calls, the next screen). No SQL here.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "porchlight/core/participants.hpp"
#include "porchlight/result.hpp"
#include "porchlight/core/take_away.hpp"
#include "porchlight/core/visits.hpp"
#include "porchlight/ui/keyboard.hpp"
#include "porchlight/ui/touch.hpp"

namespace porchlight::ui {

// --- on every screen ---------------------------------------------------------------------------------------------
struct TopBarView {
  std::string_view center_name;
  bool large_text = false;
};
enum class TopBarAction { None, ToggleLanguage, ToggleLargeText, Crisis };
TopBarAction top_bar(Ui& ui, const TopBarView& view);
[[nodiscard]] float top_bar_height(const Ui& ui);

// "Are you still there?" over the bottom of the screen during the last seconds before the idle wipe.
void idle_banner(Ui& ui, int seconds_left);

// Back on the left, the main action on the right, along the bottom of the content area.
struct ActionBarResult {
  bool back = false;
  bool primary = false;
};
ActionBarResult action_bar(Ui& ui, std::string_view primary_label, bool show_back = true);
[[nodiscard]] float action_bar_height(const Ui& ui);

// "03 / 14 / 1985" from the digits typed so far, in the language's order (placeholders for missing digits).
[[nodiscard]] std::string format_date_digits(const std::string& digits, Language language);

// --- screens -----------------------------------------------------------------------------------------------------
struct WelcomeView {
  std::string_view center_name;
  std::string date_text;
  std::string time_text;
  bool unknown_card = false;  // a scanned member card matched nobody
};
enum class WelcomeAction { None, SignIn, TodaysGroups, FindHelp };
WelcomeAction welcome_screen(Ui& ui, const WelcomeView& view);

enum class SignInChoice { None, Back, Returning, New, Guest };
SignInChoice sign_in_screen(Ui& ui);

// Name search shared by the participant's and the staff's screens: match tiles ("First L." only) in a
// drag-scrolled list, then the on-screen keyboard at the bottom of the window.
inline constexpr std::size_t kMaxNameCharacters = 40;
inline constexpr std::size_t kMinimumTypedForMatches = 2;
struct NameSearchOutcome {
  bool typed = false;                 // the typed text changed
  std::optional<std::size_t> picked;  // a match was tapped, or Done with exactly one match shown
};
NameSearchOutcome name_matches_and_keyboard(Ui& ui, std::string& typed, KeyboardState& keyboard,
                                            std::span<const core::ParticipantMatch> matches, float width);

struct ReturningView {
  std::string& typed;
  KeyboardState& keyboard;
  std::span<const core::ParticipantMatch> matches;  // only "First L." and an opaque id
};
struct ReturningAction {
  enum class Kind { None, Back, Typed, Picked } kind = Kind::None;
  std::size_t index = 0;
};
ReturningAction returning_screen(Ui& ui, const ReturningView& view);

enum class ConfirmMethod { Pin, BirthDate, Nothing };
struct ConfirmView {
  std::string_view display_name;
  ConfirmMethod method = ConfirmMethod::Pin;
  bool can_switch_method = false;
  std::string& entry;          // digits typed on the number pad
  std::string_view error_key;  // empty when there is nothing to say
};
enum class ConfirmAction { None, Back, Submit, SwitchMethod };
ConfirmAction confirm_screen(Ui& ui, const ConfirmView& view);

enum class NewField { None, FirstName, LastName, BirthDate, Pin };
struct NewView {
  std::string& first_name;
  std::string& last_name;
  std::string& birth_digits;
  std::string& pin;
  bool& consent;
  NewField& active_field;
  bool& scroll_to_active;  // set when the field changes: the form scrolls it into view once
  KeyboardState& keyboard;
  std::string_view error_key;
};
enum class NewAction { None, Back, Submit };
NewAction new_participant_screen(Ui& ui, const NewView& view);

// --- the group calendar ------------------------------------------------------------------------------------------
// One session on a card: what the calendar screens and the reasons screen show. Texts come ready from the app.
struct GroupCard {
  std::string id;  // the session key: widget ids and what the app joins
  std::string time_text;
  std::string title;
  std::string room;
  std::string facilitator;
  std::string seats_text;  // "3 seats left", "Full", or empty when there is no limit
  enum class Status { None, StartingSoon, InProgress, Cancelled, Ended } status = Status::None;
  bool full = false;
  bool joinable = false;  // someone identified could join it (not cancelled, ended or full)
  bool chosen = false;    // they chose to join it
};
// A card; with `can_join`, a Join toggle on the right. Returns true when the toggle flipped `card.chosen`.
bool group_card(Ui& ui, GroupCard& card, float width, bool can_join);

struct GroupsView {
  std::string_view date_text;
  std::span<GroupCard> cards;
  bool can_join = false;  // a participant is identified
};
enum class GroupsAction { None, Back, Week, Changed };
GroupsAction todays_groups_screen(Ui& ui, const GroupsView& view);

struct WeekDay {
  std::string day_text;  // "Tuesday, November 24"
  std::vector<GroupCard> cards;
};
enum class WeekAction { None, Back };
WeekAction week_groups_screen(Ui& ui, std::span<WeekDay> days);

struct ReasonsView {
  std::span<const core::VisitReason> reasons;
  std::vector<std::string>& chosen;  // codes
  std::optional<int>& mood;
  std::string_view error_key;
  std::string_view welcome_back_name = {};  // first name after a member-card scan, else empty
  std::span<GroupCard> open_groups = {};    // sessions in their check-in window (identified participants only)
  bool offer_all_groups = false;            // "See all of today's groups" (identified participants)
  bool offer_find_help = false;             // "Find help": a referral made now is tied to them
};
enum class ReasonsAction { None, Back, Submit, AllGroups, FindHelp };
ReasonsAction reasons_screen(Ui& ui, const ReasonsView& view);

enum class DoneAction { None, Finish };
// `notes`: lines under the greeting ("You joined WRAP.", "Women's circle is full.").
DoneAction done_screen(Ui& ui, std::string_view first_name, std::span<const std::string> notes = {});

struct CrisisLine {
  std::string label;  // in the participant's language
  std::string number;
};
enum class CrisisAction { None, Close };
CrisisAction crisis_screen(Ui& ui, std::span<const CrisisLine> local_lines);
// "Call or text 988" in its red frame, `width` wide: the crisis screen's and the out-of-service screen's.
void crisis_988_block(Ui& ui, float width);

// --- out of service: the kiosk's database cannot be opened -------------------------------------------------------
// Participants see that the kiosk is out of service, to ask staff, and the crisis lines built into the program (the
// center's own lines live in the database that did not open). "For staff" shows what is wrong and what to do.
struct OutOfServiceView {
  bool staff = false;  // the staff part is open
  ErrorKind kind = ErrorKind::other;
  std::string_view message;         // the error as the log has it
  std::string_view database_path;   // the file the kiosk tries to open
  std::string_view backups_folder;  // where package upgrades leave their backups
  int retry_seconds = 30;
  bool still_failing = false;  // "Try again" was tapped and the open failed again
};
enum class OutOfServiceAction { None, ForStaff, Back, TryAgain };
OutOfServiceAction out_of_service_screen(Ui& ui, const OutOfServiceView& view);

// --- Find help (the resource directory) ------------------------------------------------------------------------
struct CategoryTile {
  std::string code;  // "food", "mental-health": the widget id is "category-" + code
  std::string label;
};
struct FindHelpView {
  std::span<const CategoryTile> categories;
  std::string& query;  // typed on the on-screen keyboard
  bool& typing;        // the keyboard is up (tapping the search field raises it)
  KeyboardState& keyboard;
};
struct FindHelpAction {
  enum class Kind { None, Back, Category, Search } kind = Kind::None;
  std::size_t index = 0;  // Category: which tile
};
FindHelpAction find_help_screen(Ui& ui, const FindHelpView& view);

// One service in the results; texts come ready from the app (the open status already in the language).
struct HelpListItem {
  std::string id;
  std::string name;
  std::string organization;
  std::string status_text;
};
struct HelpListView {
  std::string_view title;  // "Food", "Results for “rent”"
  std::span<const HelpListItem> items;
};
struct HelpListAction {
  enum class Kind { None, Back, Open } kind = Kind::None;
  std::size_t index = 0;
};
HelpListAction help_list_screen(Ui& ui, const HelpListView& view);

struct HelpSection {
  std::string heading_key;  // a translation key: "help.who"
  std::string body;
};
struct HelpDetailView {
  std::string_view name;
  std::string_view organization;
  std::string_view status_text;
  bool open_now = false;
  std::span<const HelpSection> sections;
  const core::QrCode* qr = nullptr;  // "Take this with you"; null when the text would not fit a code
  std::string_view notice_key;       // after "I want this" or "Print"; empty when there is nothing to say
  bool notice_is_problem = false;
  bool referred = false;  // "I want this" was tapped already
};
enum class HelpDetailAction { None, Back, WantThis, Print };
HelpDetailAction help_detail_screen(Ui& ui, const HelpDetailView& view);

// "Last time you were referred to Eastside Food Bank — did you get help?" at the next sign-in.
enum class FollowUpAction { None, Yes, No, Skip };
FollowUpAction follow_up_screen(Ui& ui, std::string_view service_name);

}  // namespace porchlight::ui
