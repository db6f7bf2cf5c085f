#pragma once
// Every record change that leaves the kiosk writes an outbox row in the same transaction as the change,
// so a change is either saved and queued for the hub, or neither. The sync client drains it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "porchlight/core/store.hpp"

namespace porchlight::core {

struct OutboxEntry {
  std::int64_t seq = 0;
  std::string mutation_id;
  std::string entity;  // "participant", "visit", ...
  std::string entity_id;
  std::string operation;  // "created", "signed_out", "merged", ...
  std::string payload;    // JSON text
  Millis created_at = 0;
};

struct OutboxStatus {
  std::int64_t pending = 0;
  std::int64_t parked = 0;
  std::optional<Millis> oldest_pending_at;
};

// Call inside the transaction that makes the change.
Result<void> enqueue_mutation(Store& store, const std::string& entity, const std::string& entity_id,
                              const std::string& operation, const nlohmann::json& payload);

Result<std::vector<OutboxEntry>> pending_mutations(Store& store, int limit);
Result<OutboxStatus> outbox_status(Store& store);

}  // namespace porchlight::core
