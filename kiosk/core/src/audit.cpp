#include "porchlight/core/audit.hpp"

#include <sodium.h>

#include <array>

namespace porchlight::core {

namespace {

constexpr const char* kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

std::string entry_hash(const std::string& prev_hash, const AuditEntry& entry) {
  return chain_hash({prev_hash, entry.id, std::to_string(entry.at), entry.staff_id.value_or(""), entry.action,
                     entry.subject, entry.detail});
}

AuditEntry read_entry(const Query& query) {
  return AuditEntry{query.integer(0), query.text(1), query.integer(2), query.optional_text(3),
                    query.text(4),    query.text(5), query.text(6)};
}

}  // namespace

Result<void> record_audit(Store& store, const std::optional<std::string>& staff_id, const std::string& action,
                          const std::string& subject, const std::string& detail) {
  if (sodium_init() < 0) return make_error("the cryptography library could not start");
  PL_TRY_ASSIGN(transaction, store.db().begin());
  std::string prev_hash = kGenesisHash;
  {
    PL_TRY_ASSIGN(last, store.db().query("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1"));
    PL_TRY_ASSIGN(has_row, last.step());
    if (has_row) prev_hash = last.text(0);
  }
  const AuditEntry entry{0, store.new_id(), store.now(), staff_id, action, subject, detail};
  PL_TRY_ASSIGN(insert,
                store.db().query("INSERT INTO audit (id, at, staff_id, action, subject, detail, prev_hash, hash) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
  PL_TRY(insert.bind(1, entry.id)
             .bind(2, entry.at)
             .bind(3, entry.staff_id)
             .bind(4, entry.action)
             .bind(5, entry.subject)
             .bind(6, entry.detail)
             .bind(7, prev_hash)
             .bind(8, entry_hash(prev_hash, entry))
             .run());
  return transaction.commit();
}

Result<std::vector<AuditEntry>> recent_audit(Store& store, int limit) {
  PL_TRY_ASSIGN(query, store.db().query("SELECT seq, id, at, staff_id, action, subject, detail FROM audit "
                                        "ORDER BY seq DESC LIMIT ?1"));
  query.bind(1, limit);
  return query.collect(read_entry);
}

Result<AuditVerification> verify_audit_chain(Store& store) {
  if (sodium_init() < 0) return make_error("the cryptography library could not start");
  PL_TRY_ASSIGN(query, store.db().query("SELECT seq, id, at, staff_id, action, subject, detail, prev_hash, hash "
                                        "FROM audit ORDER BY seq"));
  AuditVerification result;
  std::string expected_prev = kGenesisHash;
  std::int64_t expected_seq = 1;
  for (;;) {
    PL_TRY_ASSIGN(has_row, query.step());
    if (!has_row) break;
    const AuditEntry entry = read_entry(query);
    ++result.entries;
    auto broken = [&](std::string problem) {
      result.intact = false;
      result.first_broken_seq = entry.seq;
      result.problem = std::move(problem);
    };
    // AUTOINCREMENT never reuses or skips a number in an append-only table: a gap is a deleted entry.
    if (entry.seq != expected_seq) {
      // Name the first entry that is gone, not the survivor after it: that is where the record was cut.
      broken(entry.seq == expected_seq + 1
                 ? "audit entry " + std::to_string(expected_seq) + " is missing (deleted)"
                 : "audit entries " + std::to_string(expected_seq) + " to " + std::to_string(entry.seq - 1) +
                       " are missing (deleted)");
      result.first_broken_seq = expected_seq;
    } else if (query.text(7) != expected_prev) {
      broken("audit entry " + std::to_string(entry.seq) + " does not follow the one before it");
    } else if (query.text(8) != entry_hash(expected_prev, entry)) {
      broken("audit entry " + std::to_string(entry.seq) + " was changed after it was written");
    }
    if (!result.intact) return result;
    expected_prev = query.text(8);
    expected_seq = entry.seq + 1;
  }
  // SQLite remembers the highest number AUTOINCREMENT handed out: entries missing at the end show here.
  PL_TRY_ASSIGN(sequence, store.db().query("SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'audit'"));
  PL_TRY_ASSIGN(highest_issued, sequence.single_int());
  if (highest_issued >= expected_seq) {
    result.intact = false;
    result.first_broken_seq = expected_seq;
    result.problem = "audit entries from number " + std::to_string(expected_seq) + " on are missing (deleted)";
  }
  return result;
}

}  // namespace porchlight::core
