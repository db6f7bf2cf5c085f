#pragma once
// Everything a participant typed or chose lives in ParticipantSession, so the idle wipe is one assignment.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "porchlight/app/card_scan.hpp"
#include "porchlight/core/participants.hpp"
#include "porchlight/core/directory.hpp"
#include "porchlight/core/take_away.hpp"
#include "porchlight/ui/keyboard.hpp"
#include "porchlight/ui/screens.hpp"
#include "porchlight/ui/strings.hpp"

namespace porchlight::app {

// StaffLogin and Staff are staff mode; the rest are the participant's screens.
enum class ScreenId {
  Welcome, SignIn, Returning, Confirm, New, Reasons, Done, Crisis, TodaysGroups, WeekGroups, FindHelp, HelpList,
  HelpDetail, FollowUp, StaffLogin, Staff,
  // Staff pages drawn for screenshots and touch checks; the app itself shows them as part of Staff.
  StaffGroups, StaffGroupForm, StaffSessionMove, StaffReferrals, StaffReferralForm,
  // Not KioskApp's: the OutOfServiceScreen that runs instead of it while the database does not open (its
  // participant part and its staff part), listed so --screenshot draws them.
  OutOfService, OutOfServiceStaff
};

[[nodiscard]] std::string_view screen_name(ScreenId screen);  // "welcome", "sign-in", ...
[[nodiscard]] std::optional<ScreenId> parse_screen_name(std::string_view name);
[[nodiscard]] std::span<const ScreenId> all_screens();

// "Find help": what was typed or chosen, what was found and the service on screen (wiped with the rest).
struct FindHelpState {
  std::string query;
  bool typing = false;
  ui::KeyboardState keyboard;
  std::optional<core::Category> category;  // the tile chosen, or nullopt for a word search
  std::string list_title;
  std::vector<ui::HelpListItem> items;
  std::optional<core::ServiceDetail> detail;
  std::string status_text;
  std::vector<ui::HelpSection> sections;
  std::string take_away_text;        // what the QR code and the printout hold
  std::optional<core::QrCode> qr;
  std::string notice_key;
  bool notice_is_problem = false;
  bool referred = false;
  ScreenId back_to = ScreenId::Welcome;  // Welcome, or Reasons during a sign-in
};

// The referral asked about at this sign-in ("did you get help?").
struct FollowUpQuestion {
  std::string referral_id;
  std::string service_name;
};

struct ParticipantSession {
  ui::Language language = ui::Language::English;
  bool large_text = false;

  // Returning: the typed name, its matches ("First L." only), the one picked and how they prove it is them.
  std::string name_query;
  std::vector<core::ParticipantMatch> matches;
  std::optional<core::ParticipantMatch> chosen;
  ui::ConfirmMethod confirm_method = ui::ConfirmMethod::Pin;
  std::string confirm_entry;
  int failed_confirmations = 0;

  // New registration.
  std::string first_name;
  std::string last_name;
  std::string birth_digits;
  std::string pin;
  bool consent = false;
  ui::NewField active_field = ui::NewField::FirstName;
  bool scroll_to_active_field = true;

  ui::KeyboardState keyboard;

  // Who is signing in (nullopt with guest = true for a guest) and what for.
  std::optional<std::string> participant_id;
  bool guest = false;
  std::string greeting_name;  // first name only, for "Welcome, Maria!"
  bool welcome_back = false;  // signed in with a member card: Reasons greets them by first name
  std::vector<std::string> reasons;
  std::optional<int> mood;
  std::vector<std::string> chosen_sessions;  // session keys they chose to join (joined when they finish)
  std::vector<std::string> done_notes;       // "You joined WRAP." on Done

  FindHelpState help;
  std::optional<FollowUpQuestion> follow_up;

  std::string error_key;  // a translation key, or empty

  // What a barcode scanner has typed on Welcome, and until when "We don't know that card" shows (0: not shown).
  CardScanBuffer card_scan;
  core::Millis card_notice_until = 0;
};

// "YYYY-MM-DD" from 8 digits in the language's order (MMDDYYYY in English, DDMMYYYY in Spanish), if a real date.
[[nodiscard]] std::optional<std::string> birth_date_from_digits(const std::string& digits, ui::Language language);

// "Maria" from "Maria G.".
[[nodiscard]] std::string first_word(std::string_view display_name);

}  // namespace porchlight::app
