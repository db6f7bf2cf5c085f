#pragma once
// The hub's own hash-chained audit log.
#include <cstdint>
#include <string>
#include <vector>

#include "porchlight/hub/hub_database.hpp"

namespace porchlight::hub {

// One entry of the hub's own audit log: who did what to what. Actors are "cli:USER" (the command line, as that
// system user), "kiosk@ADDRESS" (an enrolment over HTTP) and "admin-token:LABEL@ADDRESS" (the report API).
struct HubAuditEntry {
  std::int64_t seq = 0;
  std::string id;
  Millis at = 0;
  std::string actor;
  std::string action;   // enrollment_code.create, device.enroll, device.revoke, report.view, admin_token.create,
                        // settings.set, directory.import, calendar.import
  std::string subject;  // what it was done to: a center, a device id, a report, a file
  std::string detail;
};

// What to write to the audit log in the same transaction as a change.
struct HubAuditNote {
  std::string actor;
  std::string action;
  std::string subject;
  std::string detail;
};

struct HubAuditVerification {
  std::int64_t entries = 0;
  bool intact = true;
  std::int64_t first_broken_seq = 0;  // the first entry that does not hold, when not intact
  std::string problem;
  std::string head_hash;  // the last entry's hash: note it elsewhere to anchor the chain
};

class HubAudit : public virtual HubDatabase {
 public:
  // The hub's own hash-chained audit log: appended in one transaction of its own, read newest first, verified.
  Result<void> record_audit(const HubAuditNote& note);
  Result<std::vector<HubAuditEntry>> recent_audit(int limit);
  Result<HubAuditVerification> verify_audit();

 protected:
  HubAudit() = default;
  ~HubAudit() = default;
};

}  // namespace porchlight::hub
