#pragma once
// Every record change that leaves the kiosk writes an outbox row in the same transaction as the change,
// so a change is either saved and queued for the hub, or neither. The sync client drains it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "porchlight/core/store.hpp"
#include "porchlight/sync/mutations.hpp"

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

// Call inside the transaction that makes the change. `payload` is the kind's struct from sync/mutations.hpp,
// written as JSON by the protocol (the one definition the hub reads too).
template <class Payload>
Result<void> enqueue_mutation(Store& store, sync::MutationKind kind, const std::string& entity_id,
                              const Payload& payload) {
  return enqueue_mutation_json(store, kind, entity_id, sync::to_json(payload));
}
Result<void> enqueue_mutation_json(Store& store, sync::MutationKind kind, const std::string& entity_id,
                                   const nlohmann::json& payload);

Result<std::vector<OutboxEntry>> pending_mutations(Store& store, int limit);
Result<OutboxStatus> outbox_status(Store& store);

}  // namespace porchlight::core
