#pragma once
// Referrals: a participant (or an anonymous guest) says "I want this" at the kiosk, or staff refer someone, to a
// service of the directory. Each change is an event that goes to the outbox in the same transaction; the next
// sign-in asks "did you get help?".
#include <optional>
#include <string>
#include <vector>

#include "porchlight/core/directory.hpp"
#include "porchlight/core/store.hpp"

namespace porchlight::core {

enum class ReferralStatus { Made, Connected, NotConnected, NoAnswer };
std::string_view to_string(ReferralStatus status);  // "made", "connected", "not_connected", "no_answer"
std::optional<ReferralStatus> parse_referral_status(std::string_view text);

struct NewReferral {
  std::string service_id;
  std::optional<std::string> participant_id;  // empty: anonymous
  std::optional<std::string> staff_id;        // empty: a self-referral at the kiosk
  std::optional<LocalDate> follow_up_due;     // empty: a week from today
  std::string notes;                          // staff only
};

struct Referral {
  std::string id;
  std::optional<std::string> participant_id;
  std::string participant_name;  // "First L." for staff views; empty when anonymous
  std::string service_id;
  std::string service_name;
  std::string organization_name;
  std::string category;  // category code at the time of the referral ("food"), "other" when it had none
  bool self_referral = true;
  std::optional<std::string> made_by;
  ReferralStatus status = ReferralStatus::Made;
  std::optional<LocalDate> follow_up_due;
  std::string notes;
  Millis created_at = 0;
  Millis updated_at = 0;
};

// Returns the new referral's id once it is durable (with its outbox row; staff referrals are audited).
Result<std::string> make_referral(Store& store, const NewReferral& referral);

struct ReferralUpdate {
  ReferralStatus status = ReferralStatus::Made;
  std::string note;                     // appended to the notes (staff)
  std::optional<std::string> staff_id;  // empty: the participant answered at the kiosk
  std::optional<LocalDate> follow_up_due;
};
Result<void> update_referral(Store& store, const std::string& referral_id, const ReferralUpdate& update);

Result<std::optional<Referral>> get_referral(Store& store, const std::string& referral_id);

// The referral to ask about when this participant signs in: the latest one still "made", from an earlier day.
Result<std::optional<Referral>> pending_follow_up(Store& store, const std::string& participant_id);

enum class FollowUpAnswer { Yes, No, Skip };
// "Did you get help?": yes -> connected, no -> not connected, skip -> no answer (staff may still follow up).
Result<void> answer_follow_up(Store& store, const std::string& referral_id, FollowUpAnswer answer);

// Referrals still open (made or no answer) with the follow-up due on or before `date`, oldest due first.
Result<std::vector<Referral>> referrals_due(Store& store, LocalDate date);
// Referrals made in the range, newest first.
Result<std::vector<Referral>> list_referrals(Store& store, DateRange range);

struct ReferralOutcomeRow {
  std::string category;  // code
  std::string label;
  std::int64_t made = 0;  // every referral in the range
  std::int64_t connected = 0;
  std::int64_t not_connected = 0;
  std::int64_t no_answer = 0;
  std::int64_t open = 0;  // still "made"
};
struct ReferralReport {
  DateRange range;
  std::vector<ReferralOutcomeRow> rows;  // every category, in tile order, then "other"
  ReferralOutcomeRow total;
};
Result<ReferralReport> referral_report(Store& store, DateRange range);
std::string referral_report_csv(const ReferralReport& report);

}  // namespace porchlight::core
