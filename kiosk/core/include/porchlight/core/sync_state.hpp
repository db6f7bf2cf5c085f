#pragma once
// The kiosk's side of sync that lives in its database: what the hub acknowledged or refused, the pull cursor
// saved with the data it brought, hub-owned settings applied, and the last outcome staff see. No network here:
// sync/client does the talking and calls these.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "porchlight/core/outbox.hpp"
#include "porchlight/core/store.hpp"

namespace porchlight::core {

struct ParkedMutation {
  std::string mutation_id;
  std::string entity;
  std::string operation;
  std::string reason;
  Millis parked_at = 0;
};

// After the hub answered a batch: `acknowledged` are held by the hub, `refused` never will be (parked with the
// hub's reason, kept and shown to staff, never sent again). One transaction.
Result<void> record_push_outcome(Store& store, const std::vector<std::string>& acknowledged,
                                 const std::vector<std::pair<std::string, std::string>>& refused);
Result<std::vector<ParkedMutation>> parked_mutations(Store& store, int limit = 100);

// A change of hub-owned data, as the pull feed brings it.
struct FeedChange {
  std::int64_t seq = 0;
  std::string kind;
  std::string id;
  bool deleted = false;
  nlohmann::json payload;
};

struct FeedApplied {
  int applied = 0;
  int unknown_kind = 0;     // kinds this kiosk does not know yet (a newer hub); skipped
  int refused = 0;          // known kinds whose content this kiosk cannot use (reported, skipped)
  bool settings_changed = false;
  std::vector<std::string> problems;  // one line per refused change
};

// Applies a page and saves `next_cursor` in the same transaction, so a crash never loses or repeats a page.
Result<FeedApplied> apply_feed_page(Store& store, const std::vector<FeedChange>& changes, std::int64_t next_cursor);
Result<std::int64_t> pull_cursor(Store& store);

// The last outcomes, for staff mode and `porchlight-admin sync status`.
struct SyncNotes {
  std::optional<Millis> last_attempt_at;
  std::optional<Millis> last_success_at;
  std::string last_error;  // empty after a success
};
Result<SyncNotes> sync_notes(Store& store);
Result<void> note_sync_success(Store& store);
Result<void> note_sync_failure(Store& store, const std::string& error);

}  // namespace porchlight::core
