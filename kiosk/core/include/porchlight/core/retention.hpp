#pragma once
// Retention: after the center's chosen number of months without a visit, a participant's identifying fields
// are purged. The row, their visits, group attendance and referral outcomes stay, so every count (monthly,
// unduplicated, new versus returning, groups, referrals) is the same before and after.
#include <cstdint>
#include <optional>
#include <string>

#include "porchlight/core/store.hpp"

namespace porchlight::core {

// What a purged participant is called from then on, on staff screens and in the admin tool.
inline constexpr const char* kPurgedFirstName = "Former";
inline constexpr const char* kPurgedLastName = "participant";

struct PurgeOptions {
  // Overrides the center's retention_months (the admin tool's --months); nullopt uses the setting.
  std::optional<int> months;
  // Counts who would be purged and changes nothing (no audit entry, no outbox row, no vacuum).
  bool dry_run = false;
};

struct PurgeSummary {
  int months = 0;                 // the retention used; 0 = never, nothing done
  Millis cutoff = 0;              // participants last seen before this instant were purged
  std::int64_t participants = 0;  // purged now (or, on a dry run, that would be)
  std::int64_t referrals = 0;     // their referrals whose staff notes were cleared
  std::int64_t outbox_rewritten = 0;  // queued or sent payloads that no longer carry their details
  bool dry_run = false;
};

// The first instant that still counts as recent: the start of the center's day `months` calendar months before
// `as_of` (31 March minus one month is 28 or 29 February).
Millis retention_cutoff(const Store& store, Millis as_of, int months);

// Replaces the identifying fields of every participant whose last visit (or creation, when they never came) is
// older than the retention, clears staff-typed notes on their referrals, strips their details from outbox
// payloads (queued and sent alike), queues one participant "purge" mutation each so the hub clears its copy,
// audits the count (never a name) under `acting_staff_id`, then checkpoints the WAL (TRUNCATE) and VACUUMs so
// the old bytes are gone from the files, not only from the tables. Cheap when nobody is due: one indexed count.
Result<PurgeSummary> purge_inactive_participants(Store& store, Millis as_of,
                                                 const std::optional<std::string>& acting_staff_id,
                                                 const PurgeOptions& options = {});

}  // namespace porchlight::core
