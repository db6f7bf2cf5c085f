#pragma once
// Append-only record of what staff did. Each entry carries the hash of the one before it, so a changed
// or deleted row breaks the chain where it happened.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "porchlight/core/store.hpp"
#include "porchlight/formats/chain_hash.hpp"

namespace porchlight::core {

// The link of the chain (BLAKE2b-256 over length-prefixed fields) is the formats library's, shared with the hub.
using formats::chain_hash;

struct AuditEntry {
  std::int64_t seq = 0;
  std::string id;
  Millis at = 0;
  std::optional<std::string> staff_id;
  std::string action;   // "report.daily.view", "export.daily.csv", "staff.unlock", ...
  std::string subject;  // what it was about: a date, an id
  std::string detail;
};

Result<void> record_audit(Store& store, const std::optional<std::string>& staff_id, const std::string& action,
                          const std::string& subject, const std::string& detail = {});

Result<std::vector<AuditEntry>> recent_audit(Store& store, int limit);

struct AuditVerification {
  bool intact = true;
  std::int64_t entries = 0;
  std::optional<std::int64_t> first_broken_seq;
  std::string problem;
};
Result<AuditVerification> verify_audit_chain(Store& store);

}  // namespace porchlight::core
