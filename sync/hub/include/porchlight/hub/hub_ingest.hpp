#pragma once
// Pushed records: checked, stored once each, and projected into the report tables (hub_push.cpp).
#include <string>

#include "porchlight/hub/hub_database.hpp"
#include "porchlight/hub/hub_devices.hpp"
#include "porchlight/sync/protocol.hpp"

namespace porchlight::hub {

// What a push's Idempotency-Key turned out to be: new, the same batch sent again, or a key already used for a
// batch of other records (refused: answering with the first batch's answer would lose the second's records).
enum class BatchKey { New, Replayed, ReusedForOtherRecords };

class HubIngest : public virtual HubDatabase {
 public:
  // Applies a batch in one transaction: new mutations stored and projected, repeats counted as duplicates,
  // records rejected for good when malformed or naming another center's records. The same Idempotency-Key with
  // the same records gets the stored answer again; with other records nothing is applied and the answer is empty.
  // `key_use`, when given, says which happened.
  Result<sync::PushResponse> push(const Device& device, const sync::PushRequest& request,
                                  const std::string& idempotency_key, BatchKey* key_use = nullptr);

 protected:
  HubIngest() = default;
  ~HubIngest() = default;
};

}  // namespace porchlight::hub
