#pragma once
// Appending to the hub's audit log inside a transaction another part of the hub opened (hub_audit.cpp).
#include "porchlight/hub/hub_audit.hpp"
#include "porchlight/hub/sql.hpp"

namespace porchlight::hub {

// Appends one entry inside the caller's open transaction, so a change and its entry commit together.
Result<void> append_audit(SqlSession& session, Millis now, const HubAuditNote& note);

}  // namespace porchlight::hub
