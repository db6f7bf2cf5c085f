#pragma once
// Hub-owned data going down to kiosks: published items and the pages kiosks pull.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "porchlight/hub/hub_audit.hpp"
#include "porchlight/hub/hub_database.hpp"
#include "porchlight/hub/hub_devices.hpp"
#include "porchlight/sync/protocol.hpp"

namespace porchlight::hub {

class HubFeed : public virtual HubDatabase {
 public:
  // Hub-owned data: a center's kiosks (or every kiosk when `center_id` is empty) receive it at their next pull.
  // `audit`, when given, is written to the audit log in the same transaction. A payload with a NUL byte, invalid
  // UTF-8 or over kMaxFeedItemBytes is refused (record_checks.hpp).
  Result<void> publish(const std::optional<std::string>& center_id, const std::string& kind, const std::string& id,
                       const std::optional<nlohmann::json>& payload,
                       const std::optional<HubAuditNote>& audit = std::nullopt);
  // A page of the feed holds at most `limit` items and about kMaxPullPageBytes of payloads; items over the item
  // limit (published by an older hub) are never sent.
  Result<sync::PullResponse> pull(const Device& device, std::int64_t since, std::size_t limit);

 protected:
  HubFeed() = default;
  ~HubFeed() = default;
};

}  // namespace porchlight::hub
