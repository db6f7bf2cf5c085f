#include "porchlight/core/visits.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "porchlight/core/outbox.hpp"
#include "porchlight/core/participants.hpp"

namespace porchlight::core {

namespace {

// Columns: code, label_en, label_es, sensitive, position, active.
VisitReason read_reason(const Query& row) {
  return VisitReason{
      row.text(0),        row.text(1), row.text(2), row.integer(3) != 0, static_cast<int>(row.integer(4)),
      row.integer(5) != 0};
}

Result<VisitReason> find_reason(Store& store, const std::string& code) {
  PL_TRY_ASSIGN(query, store.db().query("SELECT code, label_en, label_es, sensitive, position, active FROM reason "
                                        "WHERE code = ?1"));
  query.bind(1, code);
  PL_TRY_ASSIGN(has_row, query.step());
  if (!has_row || query.integer(5) == 0) return make_error("'" + code + "' is not one of the center's visit reasons");
  return read_reason(query);
}

}  // namespace

Result<std::string> sign_in(Store& store, const SignIn& visit) {
  if (visit.reasons.empty()) return make_error("please choose at least one reason for your visit");
  if (visit.mood && (*visit.mood < 1 || *visit.mood > 5)) return make_error("the mood is a number from 1 to 5");
  std::vector<std::string> reasons = visit.reasons;
  std::sort(reasons.begin(), reasons.end());
  reasons.erase(std::unique(reasons.begin(), reasons.end()), reasons.end());
  // Only the reasons that may leave the kiosk go into the outbox: sensitive ones (substance use, mental
  // health) stay here unless the center's configuration allows them out.
  sync::VisitSignedIn payload;
  // Those of the shared reasons that are sensitive (sensitive_reasons) are named as such so the hub's reports that
  // show them carry a notice against re-disclosure.
  for (const auto& code : reasons) {
    PL_TRY_ASSIGN(reason, find_reason(store, code));
    if (!reason.sensitive || store.center().share_sensitive_reasons) payload.reasons.push_back(code);
    if (reason.sensitive && store.center().share_sensitive_reasons) payload.sensitive_reasons.push_back(code);
  }

  const Millis now = store.now();
  const std::string id = store.new_id();
  PL_TRY_ASSIGN(transaction, store.db().begin());

  std::optional<std::string> participant_id;
  if (visit.participant_id) {
    // A record merged away signs in the person it was merged into.
    PL_TRY_ASSIGN(current, current_participant_id(store, *visit.participant_id));
    participant_id = std::move(current);
  }
  if (visit.signed_in_by) {
    PL_TRY_ASSIGN(staff, store.db().query("SELECT count(*) FROM staff WHERE id = ?1 AND active = 1"));
    PL_TRY_ASSIGN(known, staff.bind(1, *visit.signed_in_by).single_int());
    if (known == 0) return make_error("no staff member has the id " + *visit.signed_in_by);
  }

  {
    PL_TRY_ASSIGN(insert,
                  store.db().query(
                      "INSERT INTO visit (id, participant_id, guest, signed_in_at, mood, signed_in_by, "
                      "center_id, device_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?4, ?4)"));
    PL_TRY(insert.bind(1, id)
               .bind(2, participant_id)
               .bind(3, !participant_id.has_value())
               .bind(4, now)
               .bind(5, visit.mood)
               .bind(6, visit.signed_in_by)
               .bind(7, store.center().center_id)
               .bind(8, store.center().device_id)
               .run());
  }
  {
    PL_TRY_ASSIGN(add_reason, store.db().query("INSERT INTO visit_reason (visit_id, reason_code) VALUES (?1, ?2)"));
    for (const auto& code : reasons) {
      PL_TRY(add_reason.bind(1, id).bind(2, code).run());
      add_reason.reset();
    }
  }
  if (participant_id) {
    PL_TRY_ASSIGN(
        first_visit,
        store.db().query("UPDATE participant SET first_visit_at = ?2 WHERE id = ?1 AND first_visit_at IS NULL"));
    PL_TRY(first_visit.bind(1, *participant_id).bind(2, now).run());
  }
  payload.id = id;
  payload.participant_id = participant_id;
  payload.guest = !participant_id.has_value();
  payload.signed_in_at = iso_utc(now);
  // The center's own calendar day, so the hub counts days as the center does without knowing its zone.
  payload.local_date = store.center_time().date_of(now).iso();
  payload.mood = visit.mood;
  payload.signed_in_by = visit.signed_in_by;
  payload.center_id = store.center().center_id;
  payload.device_id = store.center().device_id;
  PL_TRY(enqueue_mutation(store, sync::MutationKind::VisitSignedIn, id, payload));
  PL_TRY(transaction.commit());
  return id;
}

Result<void> sign_out(Store& store, const std::string& visit_id) {
  const Millis now = store.now();
  PL_TRY_ASSIGN(transaction, store.db().begin());
  {
    PL_TRY_ASSIGN(current, store.db().query("SELECT signed_out_at FROM visit WHERE id = ?1"));
    current.bind(1, visit_id);
    PL_TRY_ASSIGN(found, current.step());
    if (!found) return make_error("no visit has the id " + visit_id);
    if (!current.is_null(0)) return make_error("that visit is already signed out");
  }
  PL_TRY_ASSIGN(update, store.db().query("UPDATE visit SET signed_out_at = ?2, updated_at = ?2 WHERE id = ?1"));
  PL_TRY(update.bind(1, visit_id).bind(2, now).run());
  PL_TRY(enqueue_mutation(store, sync::MutationKind::VisitSignedOut, visit_id,
                          sync::VisitSignedOut{visit_id, iso_utc(now)}));
  return transaction.commit();
}

Result<std::vector<VisitReason>> list_reasons(Store& store, bool include_inactive) {
  PL_TRY_ASSIGN(query, store.db().query("SELECT code, label_en, label_es, sensitive, position, active FROM reason "
                                        "WHERE active = 1 OR ?1 ORDER BY position, code"));
  query.bind(1, include_inactive);
  return query.collect(read_reason);
}

Result<void> save_reason(Store& store, const VisitReason& reason) {
  if (reason.code.empty() || reason.code.size() > 40) return make_error("a reason code is 1 to 40 characters");
  for (char c : reason.code) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      return make_error("a reason code uses lower-case letters, digits and - only");
    }
  }
  if (reason.label_en.empty() || reason.label_es.empty())
    return make_error("a reason needs English and Spanish labels");
  PL_TRY_ASSIGN(
      query,
      store.db().query("INSERT INTO reason (code, label_en, label_es, sensitive, position, active) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (code) DO UPDATE SET label_en = excluded.label_en, "
                       "label_es = excluded.label_es, sensitive = excluded.sensitive, position = excluded.position, "
                       "active = excluded.active"));
  return query.bind(1, reason.code)
      .bind(2, reason.label_en)
      .bind(3, reason.label_es)
      .bind(4, reason.sensitive)
      .bind(5, reason.position)
      .bind(6, reason.active)
      .run();
}

}  // namespace porchlight::core
