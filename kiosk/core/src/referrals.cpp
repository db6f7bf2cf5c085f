#include "porchlight/core/referrals.hpp"

#include <nlohmann/json.hpp>

#include "porchlight/core/audit.hpp"
#include "porchlight/core/csv.hpp"
#include "porchlight/core/outbox.hpp"
#include "porchlight/core/participants.hpp"
#include "porchlight/core/text.hpp"

namespace porchlight::core {

namespace {

constexpr int kDefaultFollowUpDays = 7;
constexpr std::size_t kMaxNoteBytes = 2000;

const char* const kSelect =
    "SELECT r.id, r.participant_id, p.first_name, p.last_name, r.service_id, r.service_name, "
    "coalesce(r.organization_name, ''), r.category, r.self_referral, r.made_by, r.status, r.follow_up_due, "
    "coalesce(r.notes, ''), r.created_at, r.updated_at FROM referral r LEFT JOIN participant p ON p.id = r.participant_id ";

Referral read_referral(const Query& row) {
  Referral r;
  r.id = row.text(0);
  r.participant_id = row.optional_text(1);
  if (r.participant_id) r.participant_name = display_name(row.text(2), row.text(3));
  r.service_id = row.text(4);
  r.service_name = row.text(5);
  r.organization_name = row.text(6);
  r.category = row.text(7);
  r.self_referral = row.integer(8) != 0;
  r.made_by = row.optional_text(9);
  r.status = parse_referral_status(row.text(10)).value_or(ReferralStatus::Made);
  if (auto due = row.optional_text(11)) r.follow_up_due = LocalDate::parse(*due);
  r.notes = row.text(12);
  r.created_at = row.integer(13);
  r.updated_at = row.integer(14);
  return r;
}

// Substance use and mental health referrals say why someone came: like sensitive visit reasons, they leave the
// kiosk tied to a person only where the center allows it.
bool sensitive_category(const std::string& category) { return category == "recovery" || category == "mental-health"; }

Result<bool> participant_shares(Store& store, const std::optional<std::string>& participant_id) {
  if (!participant_id) return false;
  PL_TRY_ASSIGN(query, store.db().query("SELECT consent_share FROM participant WHERE id = ?1"));
  query.bind(1, *participant_id);
  PL_TRY_ASSIGN(has_row, query.step());
  return has_row && query.integer(0) != 0;
}

// What the hub learns: the referral's facts always; who, only as an opaque id and not for sensitive categories
// unless the center shares them; staff notes only with the participant's consent to share.
Result<sync::ReferralRecord> outbox_payload(Store& store, const Referral& referral, const std::string& note) {
  const bool tie_to_person = !sensitive_category(referral.category) || store.center().share_sensitive_reasons;
  PL_TRY_ASSIGN(shares, participant_shares(store, referral.participant_id));
  sync::ReferralRecord payload;
  payload.id = referral.id;
  if (tie_to_person) payload.participant_id = referral.participant_id;
  payload.anonymous = !referral.participant_id.has_value();
  payload.service_id = referral.service_id;
  payload.service_name = referral.service_name;
  payload.category = referral.category;
  payload.self_referral = referral.self_referral;
  payload.made_by = referral.made_by;
  payload.status = std::string(to_string(referral.status));
  if (referral.follow_up_due) payload.follow_up_due = referral.follow_up_due->iso();
  payload.at = iso_utc(store.now());
  payload.center_id = store.center().center_id;
  payload.device_id = store.center().device_id;
  if (shares && tie_to_person && !note.empty()) payload.note = note;
  return payload;
}

Result<void> check_staff(Store& store, const std::optional<std::string>& staff_id) {
  if (!staff_id) return {};
  PL_TRY_ASSIGN(query, store.db().query("SELECT count(*) FROM staff WHERE id = ?1 AND active = 1"));
  PL_TRY_ASSIGN(known, query.bind(1, *staff_id).single_int());
  if (known == 0) return make_error("no staff member has the id " + *staff_id);
  return {};
}

Result<std::string> clean_note(const std::string& note) {
  if (!is_valid_utf8(note)) return make_error("the note is not valid text (UTF-8)");
  if (note.size() > kMaxNoteBytes) return make_error("the note is longer than 2000 characters");
  return normalize_nfc(note);
}

Result<void> add_event(Store& store, const std::string& referral_id, ReferralStatus status, const std::string& note,
                       const std::optional<std::string>& staff_id) {
  PL_TRY_ASSIGN(insert, store.db().query("INSERT INTO referral_event (id, referral_id, at, status, note, staff_id, source) "
                                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
  return insert.bind(1, store.new_id())
      .bind(2, referral_id)
      .bind(3, store.now())
      .bind(4, to_string(status))
      .bind(5, note.empty() ? std::optional<std::string>() : std::optional<std::string>(note))
      .bind(6, staff_id)
      .bind(7, staff_id ? "staff" : "kiosk")
      .run();
}

Result<std::vector<Referral>> collect(Query& query) { return query.collect(read_referral); }

}  // namespace

std::string_view to_string(ReferralStatus status) {
  switch (status) {
    case ReferralStatus::Made: return "made";
    case ReferralStatus::Connected: return "connected";
    case ReferralStatus::NotConnected: return "not_connected";
    case ReferralStatus::NoAnswer: return "no_answer";
  }
  return "made";
}

std::optional<ReferralStatus> parse_referral_status(std::string_view text) {
  for (auto status : {ReferralStatus::Made, ReferralStatus::Connected, ReferralStatus::NotConnected, ReferralStatus::NoAnswer}) {
    if (text == to_string(status)) return status;
  }
  if (text == "not-connected") return ReferralStatus::NotConnected;
  if (text == "no-answer") return ReferralStatus::NoAnswer;
  return std::nullopt;
}

Result<std::string> make_referral(Store& store, const NewReferral& request) {
  PL_TRY_ASSIGN(note, clean_note(request.notes));
  if (!note.empty() && !request.staff_id) return make_error("only staff add notes to a referral");
  Referral referral;
  {
    PL_TRY_ASSIGN(service, store.db().query("SELECT s.name, coalesce(o.name, '') FROM hsds_service s LEFT JOIN "
                                            "hsds_organization o ON o.id = s.organization_id WHERE s.id = ?1"));
    service.bind(1, request.service_id);
    PL_TRY_ASSIGN(found, service.step());
    if (!found) return make_error("no service in the directory has the id " + request.service_id);
    referral.service_name = service.text(0);
    referral.organization_name = service.text(1);
  }
  referral.category = "other";
  {
    PL_TRY_ASSIGN(categories, store.db().query("SELECT category FROM directory_category WHERE service_id = ?1"));
    categories.bind(1, request.service_id);
    PL_TRY_ASSIGN(codes, categories.collect([](const Query& row) { return row.text(0); }));
    for (auto category : all_categories()) {
      if (std::find(codes.begin(), codes.end(), category_code(category)) != codes.end()) {
        referral.category = std::string(category_code(category));
        break;
      }
    }
  }
  PL_TRY(check_staff(store, request.staff_id));
  const Millis now = store.now();
  PL_TRY_ASSIGN(transaction, store.db().begin());
  if (request.participant_id) {
    PL_TRY_ASSIGN(current, current_participant_id(store, *request.participant_id));
    referral.participant_id = std::move(current);
  }
  referral.id = store.new_id();
  referral.service_id = request.service_id;
  referral.self_referral = !request.staff_id.has_value();
  referral.made_by = request.staff_id;
  referral.follow_up_due = request.follow_up_due.value_or(store.center_time().date_of(now).plus_days(kDefaultFollowUpDays));
  referral.notes = note;
  {
    PL_TRY_ASSIGN(insert,
                  store.db().query(
                      "INSERT INTO referral (id, participant_id, service_id, service_name, organization_name, category, "
                      "made_by, self_referral, status, follow_up_due, notes, center_id, device_id, created_at, updated_at) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'made', ?9, ?10, ?11, ?12, ?13, ?13)"));
    PL_TRY(insert.bind(1, referral.id)
               .bind(2, referral.participant_id)
               .bind(3, referral.service_id)
               .bind(4, referral.service_name)
               .bind(5, referral.organization_name)
               .bind(6, referral.category)
               .bind(7, referral.made_by)
               .bind(8, referral.self_referral)
               .bind(9, referral.follow_up_due->iso())
               .bind(10, note.empty() ? std::optional<std::string>() : std::optional<std::string>(note))
               .bind(11, store.center().center_id)
               .bind(12, store.center().device_id)
               .bind(13, now)
               .run());
  }
  PL_TRY(add_event(store, referral.id, ReferralStatus::Made, note, request.staff_id));
  PL_TRY_ASSIGN(payload, outbox_payload(store, referral, note));
  PL_TRY(enqueue_mutation(store, sync::MutationKind::ReferralCreated, referral.id, payload));
  if (request.staff_id) PL_TRY(record_audit(store, request.staff_id, "referral.create", referral.id, referral.service_id));
  PL_TRY(transaction.commit());
  return referral.id;
}

Result<std::optional<Referral>> get_referral(Store& store, const std::string& referral_id) {
  PL_TRY_ASSIGN(query, store.db().query(std::string(kSelect) + "WHERE r.id = ?1"));
  query.bind(1, referral_id);
  PL_TRY_ASSIGN(has_row, query.step());
  if (!has_row) return std::optional<Referral>();
  return std::optional<Referral>(read_referral(query));
}

Result<void> update_referral(Store& store, const std::string& referral_id, const ReferralUpdate& update) {
  PL_TRY_ASSIGN(note, clean_note(update.note));
  if (!note.empty() && !update.staff_id) return make_error("only staff add notes to a referral");
  PL_TRY(check_staff(store, update.staff_id));
  PL_TRY_ASSIGN(transaction, store.db().begin());
  PL_TRY_ASSIGN(found, get_referral(store, referral_id));
  if (!found) return make_error("no referral has the id " + referral_id);
  Referral referral = std::move(*found);
  referral.status = update.status;
  if (update.follow_up_due) referral.follow_up_due = update.follow_up_due;
  if (!note.empty()) {
    const std::string dated = store.center_time().date_of(store.now()).iso() + ": " + note;
    referral.notes += (referral.notes.empty() ? "" : "\n") + dated;
  }
  {
    PL_TRY_ASSIGN(query, store.db().query("UPDATE referral SET status = ?2, follow_up_due = ?3, notes = ?4, "
                                          "updated_at = ?5 WHERE id = ?1"));
    PL_TRY(query.bind(1, referral_id)
               .bind(2, to_string(referral.status))
               .bind(3, referral.follow_up_due ? std::optional<std::string>(referral.follow_up_due->iso()) : std::nullopt)
               .bind(4, referral.notes.empty() ? std::optional<std::string>() : std::optional<std::string>(referral.notes))
               .bind(5, store.now())
               .run());
  }
  PL_TRY(add_event(store, referral_id, referral.status, note, update.staff_id));
  PL_TRY_ASSIGN(payload, outbox_payload(store, referral, note));
  PL_TRY(enqueue_mutation(store, sync::MutationKind::ReferralStatusChanged, referral_id, payload));
  if (update.staff_id)
    PL_TRY(record_audit(store, update.staff_id, "referral.update", referral_id, std::string(to_string(referral.status))));
  return transaction.commit();
}

Result<std::optional<Referral>> pending_follow_up(Store& store, const std::string& participant_id) {
  const TimeRange today = store.center_time().day(store.center_time().date_of(store.now()));
  PL_TRY_ASSIGN(current, current_participant_id(store, participant_id));
  PL_TRY_ASSIGN(query, store.db().query(std::string(kSelect) +
                                        "WHERE r.participant_id = ?1 AND r.status = 'made' AND r.created_at < ?2 "
                                        "ORDER BY r.created_at DESC LIMIT 1"));
  query.bind(1, current).bind(2, today.start);
  PL_TRY_ASSIGN(has_row, query.step());
  if (!has_row) return std::optional<Referral>();
  return std::optional<Referral>(read_referral(query));
}

Result<void> answer_follow_up(Store& store, const std::string& referral_id, FollowUpAnswer answer) {
  ReferralUpdate update;
  update.status = answer == FollowUpAnswer::Yes  ? ReferralStatus::Connected
                  : answer == FollowUpAnswer::No ? ReferralStatus::NotConnected
                                                 : ReferralStatus::NoAnswer;
  return update_referral(store, referral_id, update);
}

Result<std::vector<Referral>> referrals_due(Store& store, LocalDate date) {
  PL_TRY_ASSIGN(query, store.db().query(std::string(kSelect) +
                                        "WHERE r.status IN ('made', 'no_answer') AND r.follow_up_due <= ?1 "
                                        "ORDER BY r.follow_up_due, r.created_at"));
  query.bind(1, date.iso());
  return collect(query);
}

Result<std::vector<Referral>> list_referrals(Store& store, DateRange range) {
  const TimeRange span = store.center_time().days(range);
  PL_TRY_ASSIGN(query, store.db().query(std::string(kSelect) +
                                        "WHERE r.created_at >= ?1 AND r.created_at < ?2 ORDER BY r.created_at DESC"));
  query.bind(1, span.start).bind(2, span.end);
  return collect(query);
}

Result<ReferralReport> referral_report(Store& store, DateRange range) {
  ReferralReport report;
  report.range = range;
  for (auto category : all_categories()) {
    report.rows.push_back({std::string(category_code(category)), std::string(category_label(category))});
  }
  report.rows.push_back({"other", "Other"});
  const TimeRange span = store.center_time().days(range);
  PL_TRY_ASSIGN(query, store.db().query("SELECT category, status, count(*) FROM referral WHERE created_at >= ?1 AND "
                                        "created_at < ?2 GROUP BY category, status"));
  query.bind(1, span.start).bind(2, span.end);
  PL_TRY_ASSIGN(counts, query.collect([](const Query& row) {
    return std::make_tuple(row.text(0), row.text(1), row.integer(2));
  }));
  for (const auto& [category, status, n] : counts) {
    // Named capture: clang 14 (the fuzz build) cannot capture a structured binding directly.
    auto row = std::find_if(report.rows.begin(), report.rows.end(),
                            [&found = category](const auto& r) { return r.category == found; });
    if (row == report.rows.end()) row = report.rows.end() - 1;  // a category this version does not know
    for (auto* target : {&*row, &report.total}) {
      target->made += n;
      if (status == "connected") target->connected += n;
      if (status == "not_connected") target->not_connected += n;
      if (status == "no_answer") target->no_answer += n;
      if (status == "made") target->open += n;
    }
  }
  report.total.category = "total";
  report.total.label = "Total";
  return report;
}

std::string referral_report_csv(const ReferralReport& report) {
  std::string out = csv_row({"from", "to", "category", "label", "referrals", "connected", "not_connected", "no_answer",
                             "not_yet_followed_up"});
  auto line = [&](const ReferralOutcomeRow& row) {
    out += csv_row({report.range.from.iso(), report.range.to.iso(), row.category, row.label, std::to_string(row.made),
                    std::to_string(row.connected), std::to_string(row.not_connected), std::to_string(row.no_answer),
                    std::to_string(row.open)});
  };
  for (const auto& row : report.rows) line(row);
  line(report.total);
  return out;
}

}  // namespace porchlight::core
