#include "porchlight/core/retention.hpp"

#include <algorithm>
#include <vector>

#include <nlohmann/json.hpp>

#include "porchlight/core/audit.hpp"
#include "porchlight/core/outbox.hpp"

namespace porchlight::core {

namespace {

// Set in the purge's own transaction and cleared only once the files are scrubbed, so a checkpoint that another
// connection blocked is tried again at the next run instead of leaving old pages in the WAL for good.
constexpr const char* kScrubPendingKey = "retention.scrub_pending";

// Participants not purged yet who were created before the cutoff and have not come since.
constexpr const char* kDueWhere =
    "FROM participant p INDEXED BY participant_unpurged_by_created "
    "WHERE p.purged_at IS NULL AND p.created_at < ?1 "
    "AND NOT EXISTS (SELECT 1 FROM visit v WHERE v.participant_id = p.id AND v.signed_in_at >= ?1)";

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

// The payload keys that name or reach a person. Referral payloads carry staff notes under "note".
constexpr const char* kStripParticipant = "'$.first_name', '$.last_name', '$.phone', '$.email', '$.birth_date'";

Result<void> clear_participant(Store& store, const std::string& id, Millis now) {
  PL_TRY_ASSIGN(query, store.db().query(
                           "UPDATE participant SET first_name = ?2, last_name = ?3, first_key = '', last_key = '', "
                           "pin_hash = NULL, phone = NULL, email = NULL, birth_date = NULL, card_code = NULL, "
                           "consent_contact = 0, purged_at = ?4, updated_at = ?4 WHERE id = ?1"));
  return query.bind(1, id).bind(2, kPurgedFirstName).bind(3, kPurgedLastName).bind(4, now).run();
}

// Clears the staff-typed notes on the person's referrals and their events; returns how many referrals had any.
Result<std::int64_t> clear_referral_notes(Store& store, const std::string& id) {
  PL_TRY_ASSIGN(count, store.db().query(
                           "SELECT count(*) FROM referral r WHERE r.participant_id = ?1 AND (r.notes IS NOT NULL OR "
                           "EXISTS (SELECT 1 FROM referral_event e WHERE e.referral_id = r.id AND e.note IS NOT NULL))"));
  PL_TRY_ASSIGN(with_notes, count.bind(1, id).single_int());
  if (with_notes == 0) return with_notes;
  {
    PL_TRY_ASSIGN(events, store.db().query("UPDATE referral_event SET note = NULL WHERE note IS NOT NULL AND "
                                           "referral_id IN (SELECT id FROM referral WHERE participant_id = ?1)"));
    PL_TRY(events.bind(1, id).run());
  }
  PL_TRY_ASSIGN(referrals, store.db().query("UPDATE referral SET notes = NULL WHERE participant_id = ?1 AND "
                                            "notes IS NOT NULL"));
  PL_TRY(referrals.bind(1, id).run());
  return with_notes;
}

// Strips the person's details from every outbox payload that carries them, whether still queued (the hub then
// never receives them) or already sent (the kiosk keeps no copy).
Result<std::int64_t> strip_outbox(Store& store, const std::string& id) {
  std::int64_t changed = 0;
  {
    PL_TRY_ASSIGN(participant,
                  store.db().query(std::string("UPDATE outbox SET payload = json_remove(payload, ") + kStripParticipant +
                                   ") WHERE entity = 'participant' AND entity_id = ?1 AND payload <> json_remove("
                                   "payload, " + kStripParticipant + ")"));
    PL_TRY(participant.bind(1, id).run());
    changed += participant.changes();
  }
  PL_TRY_ASSIGN(referral, store.db().query(
                              "UPDATE outbox SET payload = json_remove(payload, '$.note') WHERE entity = 'referral' "
                              "AND json_type(payload, '$.note') IS NOT NULL "
                              "AND entity_id IN (SELECT r.id FROM referral r WHERE r.participant_id = ?1)"));
  PL_TRY(referral.bind(1, id).run());
  changed += referral.changes();
  return changed;
}

Result<bool> scrub_pending(Store& store) {
  PL_TRY_ASSIGN(query, store.db().query("SELECT count(*) FROM setting WHERE key = ?1"));
  PL_TRY_ASSIGN(count, query.bind(1, kScrubPendingKey).single_int());
  return count > 0;
}

// PRAGMA wal_checkpoint(TRUNCATE) answers (busy, log frames, checkpointed frames); busy = 1 means a reader on
// another connection kept some frames in the WAL, so the old bytes may still be there.
Result<void> checkpoint_truncate(Store& store) {
  PL_TRY_ASSIGN(query, store.db().query("PRAGMA wal_checkpoint(TRUNCATE)"));
  PL_TRY_ASSIGN(has_row, query.step());
  if (!has_row) return make_error("database: the WAL checkpoint gave no answer");
  if (query.integer(0) != 0) {
    return make_error("database: the WAL could not be emptied (another program is reading the database); "
                      "the purge is saved and its old data will be scrubbed at the next run");
  }
  return {};
}

// Old values live on in free pages, the WAL and (outside WAL mode) the rollback journal. secure_delete (on
// since open) zeroes freed cells; the checkpoint copies the zeroed pages home and empties the WAL; VACUUM
// rebuilds the file without free pages; the last checkpoint empties the WAL that VACUUM wrote through.
Result<void> scrub_files(Store& store) {
  {
    PL_TRY_ASSIGN(secure, store.db().query("PRAGMA secure_delete"));
    PL_TRY_ASSIGN(on, secure.single_int());
    if (on != 1) return make_error("database: secure_delete is not on; refusing to leave deleted data readable");
  }
  PL_TRY(checkpoint_truncate(store));
  PL_TRY(store.db().exec("VACUUM"));
  {
    PL_TRY_ASSIGN(done, store.db().query("DELETE FROM setting WHERE key = ?1"));
    PL_TRY(done.bind(1, kScrubPendingKey).run());
  }
  return checkpoint_truncate(store);
}

}  // namespace

Millis retention_cutoff(const Store& store, Millis as_of, int months) {
  const LocalDate today = store.center_time().date_of(as_of);
  const int total = today.year * 12 + (today.month - 1) - months;
  LocalDate then{total / 12, total % 12 + 1, 1};
  then.day = std::min(today.day, days_in_month(then.year, then.month));
  return store.center_time().day(then).start;
}

Result<PurgeSummary> purge_inactive_participants(Store& store, Millis as_of,
                                                 const std::optional<std::string>& acting_staff_id,
                                                 const PurgeOptions& options) {
  PurgeSummary summary;
  summary.dry_run = options.dry_run;
  summary.months = options.months.value_or(store.center().retention_months);
  if (summary.months < 0 || summary.months > kMaxRetentionMonths) {
    return make_error("retention is 0 (keep for ever) or 1 to " + std::to_string(kMaxRetentionMonths) + " months");
  }
  if (summary.months == 0) return summary;
  summary.cutoff = retention_cutoff(store, as_of, summary.months);

  if (options.dry_run) {
    PL_TRY_ASSIGN(count, store.db().query(std::string("SELECT count(*) ") + kDueWhere));
    PL_TRY_ASSIGN(due, count.bind(1, summary.cutoff).single_int());
    summary.participants = due;
    return summary;
  }

  const Millis now = store.now();
  {
    PL_TRY_ASSIGN(transaction, store.db().begin());
    std::vector<std::string> due;
    {
      PL_TRY_ASSIGN(select, store.db().query(std::string("SELECT p.id ") + kDueWhere));
      select.bind(1, summary.cutoff);
      PL_TRY_ASSIGN(ids, select.collect([](const Query& row) { return row.text(0); }));
      due = std::move(ids);
    }
    if (due.empty()) {
      PL_TRY(transaction.commit());
      PL_TRY_ASSIGN(pending, scrub_pending(store));
      if (pending) PL_TRY(scrub_files(store));
      return summary;
    }
    for (const auto& id : due) {
      PL_TRY(clear_participant(store, id, now));
      PL_TRY_ASSIGN(referrals, clear_referral_notes(store, id));
      summary.referrals += referrals;
      PL_TRY_ASSIGN(rewritten, strip_outbox(store, id));
      summary.outbox_rewritten += rewritten;
      // The hub clears its copy too: its stored payloads came from earlier, unstripped, outbox rows.
      PL_TRY(enqueue_mutation(store, sync::MutationKind::ParticipantPurged, id,
                              sync::ParticipantPurged{id, iso_utc(now), store.center().center_id,
                                                      store.center().device_id}));
    }
    summary.participants = static_cast<std::int64_t>(due.size());
    // A count and the cutoff only: the audit log is append-only, so a name written here could never be purged.
    PL_TRY(record_audit(store, acting_staff_id, "participant.purge",
                        store.center_time().date_of(summary.cutoff).iso(),
                        std::to_string(summary.participants) + " participants, " + std::to_string(summary.months) +
                            " months without a visit"));
    {
      PL_TRY_ASSIGN(mark, store.db().query("INSERT INTO setting (key, value) VALUES (?1, '1') "
                                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
      PL_TRY(mark.bind(1, kScrubPendingKey).run());
    }
    PL_TRY(transaction.commit());
  }
  PL_TRY(scrub_files(store));
  return summary;
}

}  // namespace porchlight::core
