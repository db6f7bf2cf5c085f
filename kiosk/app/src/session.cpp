#include "porchlight/app/session.hpp"

#include <array>

#include "porchlight/core/civil_time.hpp"

namespace porchlight::app {

namespace {

struct NamedScreen {
  ScreenId id;
  std::string_view name;
};

constexpr std::array<NamedScreen, 23> kScreens{{{ScreenId::Welcome, "welcome"},
                                                {ScreenId::SignIn, "sign-in"},
                                                {ScreenId::Returning, "returning"},
                                                {ScreenId::Confirm, "confirm"},
                                                {ScreenId::New, "new"},
                                                {ScreenId::Reasons, "reasons"},
                                                {ScreenId::Done, "done"},
                                                {ScreenId::Crisis, "crisis"},
                                                {ScreenId::TodaysGroups, "todays-groups"},
                                                {ScreenId::WeekGroups, "week-groups"},
                                                {ScreenId::FindHelp, "find-help"},
                                                {ScreenId::HelpList, "help-list"},
                                                {ScreenId::HelpDetail, "help-detail"},
                                                {ScreenId::FollowUp, "follow-up"},
                                                {ScreenId::StaffLogin, "staff-login"},
                                                {ScreenId::Staff, "staff"},
                                                {ScreenId::StaffGroups, "staff-groups"},
                                                {ScreenId::StaffGroupForm, "staff-group-form"},
                                                {ScreenId::StaffSessionMove, "staff-session-move"},
                                                {ScreenId::StaffReferrals, "staff-referrals"},
                                                {ScreenId::StaffReferralForm, "staff-referral-form"},
                                                {ScreenId::OutOfService, "out-of-service"},
                                                {ScreenId::OutOfServiceStaff, "out-of-service-staff"}}};

constexpr std::array<ScreenId, 23> kScreenIds{
    ScreenId::Welcome,      ScreenId::SignIn,     ScreenId::Returning,      ScreenId::Confirm,
    ScreenId::New,          ScreenId::Reasons,    ScreenId::Done,           ScreenId::Crisis,
    ScreenId::TodaysGroups, ScreenId::WeekGroups, ScreenId::FindHelp,       ScreenId::HelpList,
    ScreenId::HelpDetail,   ScreenId::FollowUp,   ScreenId::StaffLogin,     ScreenId::Staff,
    ScreenId::StaffGroups,  ScreenId::StaffGroupForm, ScreenId::StaffSessionMove, ScreenId::StaffReferrals,
    ScreenId::StaffReferralForm, ScreenId::OutOfService, ScreenId::OutOfServiceStaff};

}  // namespace

std::string_view screen_name(ScreenId screen) {
  for (const auto& named : kScreens) {
    if (named.id == screen) return named.name;
  }
  return "welcome";
}

std::optional<ScreenId> parse_screen_name(std::string_view name) {
  for (const auto& named : kScreens) {
    if (named.name == name) return named.id;
  }
  return std::nullopt;
}

std::span<const ScreenId> all_screens() { return kScreenIds; }

std::optional<std::string> birth_date_from_digits(const std::string& digits, ui::Language language) {
  if (digits.size() != 8) return std::nullopt;
  const std::string first = digits.substr(0, 2);
  const std::string second = digits.substr(2, 2);
  const std::string year = digits.substr(4, 4);
  const std::string month = language == ui::Language::Spanish ? second : first;
  const std::string day = language == ui::Language::Spanish ? first : second;
  const std::string iso = year + "-" + month + "-" + day;
  if (!core::LocalDate::parse(iso)) return std::nullopt;
  return iso;
}

std::string first_word(std::string_view display_name) {
  const auto space = display_name.find(' ');
  return std::string(display_name.substr(0, space));
}

}  // namespace porchlight::app
