#include <sodium.h>

#include <algorithm>

#include "hub_audit_log.hpp"
#include "hub_schema.hpp"
#include "porchlight/formats/chain_hash.hpp"

namespace porchlight::hub {

namespace {

constexpr std::int64_t kAuditPage = 5'000;  // entries read at a time when verifying

// The kiosk's chain link (formats::chain_hash) over the previous hash and the entry. The number is hashed too, so an
// entry cannot be renumbered.
std::string audit_hash(const std::string& prev_hash, const HubAuditEntry& entry) {
  return formats::chain_hash({prev_hash, std::to_string(entry.seq), entry.id, std::to_string(entry.at), entry.actor,
                           entry.action, entry.subject, entry.detail});
}

HubAuditEntry audit_entry_from(const SqlRow& row) {
  return HubAuditEntry{as_int(row[0]),  as_text(row[1]), as_int(row[2]), as_text(row[3]),
                       as_text(row[4]), as_text(row[5]), as_text(row[6])};
}

}  // namespace

// Locking the head row first makes appends from every
// connection and every hub process take turns (PostgreSQL: FOR UPDATE; SQLite: BEGIN IMMEDIATE already holds the
// database's write lock), so each entry follows the one committed before it and the chain never forks.
Result<void> append_audit(SqlSession& session, Millis now, const HubAuditNote& note) {
  if (sodium_init() < 0) return make_error("the cryptography library could not start");
  const char* const head_query = session.dialect() == Dialect::PostgreSQL
                                     ? "SELECT seq, hash FROM hub_audit_head WHERE id = 1 FOR UPDATE"
                                     : "SELECT seq, hash FROM hub_audit_head WHERE id = 1";
  PL_TRY_ASSIGN(head, session.run(head_query));
  if (head.rows.empty()) return make_error("the hub's audit log has lost its head row; run 'porchlight-hub audit verify'");
  const std::string prev_hash = as_text(head.rows[0][1]);
  const HubAuditEntry entry{as_int(head.rows[0][0]) + 1, new_hub_id(now), now, note.actor, note.action, note.subject,
                            note.detail};
  const std::string hash = audit_hash(prev_hash, entry);
  const std::vector<SqlValue> values{entry.seq,   entry.id,     entry.at,  entry.actor, entry.action,
                                     entry.subject, entry.detail, prev_hash, hash};
  PL_TRY(session.run("INSERT INTO hub_audit (seq, id, at, actor, action, subject, detail, prev_hash, hash) "
                     "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                     values));
  const std::vector<SqlValue> moved{entry.seq, hash};
  PL_TRY_ASSIGN(updated, session.run("UPDATE hub_audit_head SET seq = $1, hash = $2 WHERE id = 1", moved));
  if (updated.affected != 1) return make_error("the hub's audit log head could not be moved");
  return {};
}

Result<void> HubAudit::record_audit(const HubAuditNote& note) {
  PL_TRY_ASSIGN(session, pool_->acquire());
  PL_TRY_ASSIGN(transaction, SqlTransaction::begin(*session));
  PL_TRY(append_audit(*session, now(), note));
  return transaction.commit();
}

Result<std::vector<HubAuditEntry>> HubAudit::recent_audit(int limit) {
  PL_TRY_ASSIGN(session, pool_->acquire());
  const std::vector<SqlValue> values{std::int64_t{std::max(limit, 0)}};
  PL_TRY_ASSIGN(found, session->run("SELECT seq, id, at, actor, action, subject, detail FROM hub_audit "
                                    "ORDER BY seq DESC LIMIT $1",
                                    values));
  std::vector<HubAuditEntry> entries;
  for (const auto& row : found.rows) entries.push_back(audit_entry_from(row));
  return entries;
}

Result<HubAuditVerification> HubAudit::verify_audit() {
  if (sodium_init() < 0) return make_error("the cryptography library could not start");
  PL_TRY_ASSIGN(session, pool_->acquire());
  // One snapshot for the head and every entry, so hubs appending meanwhile cannot look like a broken chain.
  PL_TRY_ASSIGN(transaction, SqlTransaction::begin(*session));
  if (dialect() == Dialect::PostgreSQL) PL_TRY(session->run("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  HubAuditVerification result;
  PL_TRY_ASSIGN(head, session->run("SELECT seq, hash FROM hub_audit_head WHERE id = 1"));
  if (head.rows.empty()) {
    result.intact = false;
    result.problem = "the audit log's head row is missing";
    return result;
  }
  const std::int64_t head_seq = as_int(head.rows[0][0]);
  const std::string head_hash = as_text(head.rows[0][1]);
  std::string expected_prev = kHubAuditGenesisHash;
  std::int64_t expected_seq = 1;
  const auto broken = [&](std::int64_t seq, std::string problem) {
    result.intact = false;
    result.first_broken_seq = seq;
    result.problem = std::move(problem);
    return result;
  };
  for (;;) {
    const std::vector<SqlValue> page{expected_seq - 1, kAuditPage};
    PL_TRY_ASSIGN(found, session->run("SELECT seq, id, at, actor, action, subject, detail, prev_hash, hash "
                                      "FROM hub_audit WHERE seq > $1 ORDER BY seq LIMIT $2",
                                      page));
    for (const auto& row : found.rows) {
      const HubAuditEntry entry = audit_entry_from(row);
      const std::string number = std::to_string(entry.seq);
      // Numbers come from the head, one more each time: a gap is a deleted entry.
      if (entry.seq != expected_seq) {
        return broken(expected_seq, "audit entries from number " + std::to_string(expected_seq) + " to " +
                                        std::to_string(entry.seq - 1) + " are missing");
      }
      if (entry.seq > head_seq) return broken(entry.seq, "audit entry " + number + " is past the end the log recorded");
      if (as_text(row[7]) != expected_prev) {
        return broken(entry.seq, "audit entry " + number + " does not follow the one before it");
      }
      if (as_text(row[8]) != audit_hash(expected_prev, entry)) {
        return broken(entry.seq, "audit entry " + number + " was changed after it was written");
      }
      expected_prev = as_text(row[8]);
      expected_seq = entry.seq + 1;
      ++result.entries;
    }
    if (static_cast<std::int64_t>(found.rows.size()) < kAuditPage) break;
  }
  // The head remembers the last number handed out and its hash: entries missing at the end show here.
  if (head_seq >= expected_seq) {
    return broken(expected_seq, "audit entries from number " + std::to_string(expected_seq) + " on are missing");
  }
  if (head_hash != expected_prev) return broken(head_seq, "the audit log's recorded end does not match its last entry");
  result.head_hash = head_hash;
  PL_TRY(transaction.commit());
  return result;
}

}  // namespace porchlight::hub
