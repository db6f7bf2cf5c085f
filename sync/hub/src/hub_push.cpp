// Pushed records: each checked (its shape, its text, and that it names only the pushing kiosk's center's records),
// stored once, and projected into the report tables, in one transaction per batch.
#include <map>
#include <set>

#include "porchlight/hub/hub_ingest.hpp"
#include "record_checks.hpp"

namespace porchlight::hub {

namespace {

using nlohmann::json;

SqlValue value_of(const std::optional<std::string>& text) { return text ? SqlValue(*text) : SqlValue(); }

std::optional<std::string> string_field(const json& payload, const char* key) {
  if (!payload.is_object() || !payload.contains(key) || !payload[key].is_string()) return std::nullopt;
  return payload[key].get<std::string>();
}

constexpr std::size_t kRowsPerStatement = 100;  // 10 columns x 100 rows: far under both engines' parameter limits

// "($1, $2, ...), ($11, ...)" for `rows` rows of `columns` values.
std::string values_clause(std::size_t rows, std::size_t columns) {
  std::string text;
  std::size_t n = 1;
  for (std::size_t r = 0; r < rows; ++r) {
    text += r ? ", (" : "(";
    for (std::size_t c = 0; c < columns; ++c) text += (c ? ", $" : "$") + std::to_string(n++);
    text += ')';
  }
  return text;
}

// Stores the mutations not held yet, in multi-row statements; returns the ids that were new.
Result<std::set<std::string>> store_new_mutations(SqlSession& session, const Device& device,
                                                  const std::vector<const sync::Mutation*>& mutations, Millis received) {
  std::set<std::string> inserted;
  for (std::size_t first = 0; first < mutations.size(); first += kRowsPerStatement) {
    const std::size_t count = std::min(kRowsPerStatement, mutations.size() - first);
    std::vector<SqlValue> values;
    values.reserve(count * 10);
    for (std::size_t i = first; i < first + count; ++i) {
      const auto& m = *mutations[i];
      values.insert(values.end(), {m.id, device.id, device.center_id, m.seq, m.entity, m.entity_id, m.operation,
                                   m.created_at, received, m.payload.dump()});
    }
    PL_TRY_ASSIGN(stored, session.run("INSERT INTO mutation (id, device_id, center_id, seq, entity, entity_id, "
                                      "operation, created_at, received_at, payload) VALUES " +
                                          values_clause(count, 10) + " ON CONFLICT (id) DO NOTHING RETURNING id",
                                      values));
    for (const auto& row : stored.rows) inserted.insert(as_text(row[0]));
  }
  return inserted;
}


// Rows of `select_in` (a query ending in "IN (") for every id, asked in statements of kRowsPerStatement ids.
Result<std::vector<SqlRow>> rows_for_ids(SqlSession& session, const std::string& select_in,
                                         const std::set<std::string>& ids) {
  std::vector<SqlRow> rows;
  std::vector<SqlValue> chunk;
  const auto ask = [&]() -> Result<void> {
    std::string placeholders;
    for (std::size_t n = 1; n <= chunk.size(); ++n) placeholders += (n > 1 ? ", $" : "$") + std::to_string(n);
    PL_TRY_ASSIGN(found, session.run(select_in + placeholders + ")", chunk));
    for (auto& row : found.rows) rows.push_back(std::move(row));
    chunk.clear();
    return {};
  };
  for (const auto& id : ids) {
    chunk.emplace_back(id);
    if (chunk.size() == kRowsPerStatement) PL_TRY(ask());
  }
  if (!chunk.empty()) PL_TRY(ask());
  return rows;
}

// The participants a record names: its own id for participant records, the kept record of a merge, and the
// participant_id any record (a visit, a referral, a group's attendance) carries.
std::vector<std::string> participants_named(const sync::Mutation& mutation) {
  std::vector<std::string> ids;
  if (mutation.entity == "participant") ids.push_back(mutation.entity_id);
  if (auto kept = string_field(mutation.payload, "merged_into")) ids.push_back(*kept);
  if (auto person = string_field(mutation.payload, "participant_id")) ids.push_back(*person);
  return ids;
}

// Which center holds each participant and visit the hub already knows among those a batch names.
struct Owners {
  std::map<std::string, std::string> participant_center;
  std::map<std::string, std::string> visit_center;
};

Result<Owners> owners_of(SqlSession& session, const std::vector<const sync::Mutation*>& mutations) {
  std::set<std::string> participants;
  std::set<std::string> visits;
  for (const auto* mutation : mutations) {
    for (auto& id : participants_named(*mutation)) participants.insert(std::move(id));
    if (mutation->entity == "visit") visits.insert(mutation->entity_id);
  }
  Owners owners;
  PL_TRY_ASSIGN(people, rows_for_ids(session, "SELECT id, center_id FROM participant WHERE id IN (", participants));
  for (const auto& row : people) owners.participant_center[as_text(row[0])] = as_text(row[1]);
  PL_TRY_ASSIGN(signed_in, rows_for_ids(session, "SELECT id, center_id FROM visit WHERE id IN (", visits));
  for (const auto& row : signed_in) owners.visit_center[as_text(row[0])] = as_text(row[1]);
  return owners;
}

// Why a record may not touch what it names, or empty. A kiosk writes its own center's records only: ids the hub
// has not seen yet are the kiosk's to make. Visits are checked by center, not by kiosk: a kiosk enrolled again
// has a new device id and must still sign out the visits it signed in before.
std::string ownership_reason(const sync::Mutation& mutation, const Device& device, const Owners& owners) {
  for (const auto& id : participants_named(mutation)) {
    const auto found = owners.participant_center.find(id);
    if (found != owners.participant_center.end() && found->second != device.center_id) {
      return "participant " + id + " is not a record of this kiosk's center";
    }
  }
  if (mutation.entity == "visit") {
    const auto found = owners.visit_center.find(mutation.entity_id);
    if (found != owners.visit_center.end() && found->second != device.center_id) {
      return "visit " + mutation.entity_id + " is not a record of this kiosk's center";
    }
  }
  return {};
}

// What identifies a batch's records for its Idempotency-Key: the mutations in their canonical JSON. `pending` is
// left out on purpose: the kiosk's backlog grows between retries of the same batch.
std::string batch_fingerprint(const sync::PushRequest& request) {
  json mutations = json::array();
  for (const auto& mutation : request.mutations) mutations.push_back(sync::to_json(mutation));
  // Replacing rather than throwing on bad UTF-8: records are checked after the key, and refused one by one.
  return hash_secret(mutations.dump(-1, ' ', false, json::error_handler_t::replace));
}

// Sign-ins in multi-row statements, each participant id resolved through merges the hub already knows.
Result<void> insert_visits(SqlSession& session, const Device& device, const std::vector<const sync::Mutation*>& visits) {
  for (std::size_t first = 0; first < visits.size(); first += kRowsPerStatement) {
    const std::size_t count = std::min(kRowsPerStatement, visits.size() - first);
    // Checked by rejection_reason before they got here: each reads.
    std::vector<sync::VisitSignedIn> sign_ins;
    for (std::size_t i = first; i < first + count; ++i) {
      PL_TRY_ASSIGN(sign_in, sync::parse_visit_signed_in(visits[i]->payload));
      sign_ins.push_back(std::move(sign_in));
    }
    std::map<std::string, std::string> merged;
    {
      std::vector<SqlValue> ids;
      for (const auto& sign_in : sign_ins) {
        if (sign_in.participant_id) ids.emplace_back(*sign_in.participant_id);
      }
      if (!ids.empty()) {
        std::string placeholders;
        for (std::size_t n = 1; n <= ids.size(); ++n) placeholders += (n > 1 ? ", $" : "$") + std::to_string(n);
        PL_TRY_ASSIGN(found, session.run("SELECT id, merged_into FROM participant WHERE merged_into IS NOT NULL AND id IN (" +
                                             placeholders + ")",
                                         ids));
        for (const auto& row : found.rows) merged[as_text(row[0])] = as_text(row[1]);
      }
    }
    std::vector<SqlValue> values;
    values.reserve(count * 9);
    for (std::size_t i = first; i < first + count; ++i) {
      const auto& sign_in = sign_ins[i - first];
      std::optional<std::string> participant = sign_in.participant_id;
      if (participant) {
        if (auto found = merged.find(*participant); found != merged.end()) participant = found->second;
      }
      // Kiosks before local_date was sent: the UTC day is the nearest there is.
      const std::string local_date = sign_in.local_date.value_or(sign_in.signed_in_at.substr(0, 10));
      values.insert(values.end(), {visits[i]->entity_id, device.center_id, device.id, value_of(participant),
                                   std::int64_t{participant ? 0 : 1}, sign_in.signed_in_at, local_date,
                                   json(sign_in.reasons).dump(), json(sign_in.sensitive_reasons).dump()});
    }
    PL_TRY(session.run("INSERT INTO visit (id, center_id, device_id, participant_id, guest, signed_in_at, local_date, "
                       "reasons, sensitive_reasons) VALUES " + values_clause(count, 9) + " ON CONFLICT (id) DO NOTHING",
                       values));
  }
  return {};
}

// What a kiosk's retention purge clears: the keys of a participant payload that name or reach the person.
constexpr const char* kIdentifyingKeys[] = {"first_name", "last_name", "phone", "email", "birth_date"};

// The records other than visits that name `person` in their payload (referrals, group attendance...), as stored
// in the mutation log of `center_id`: on the hub the log is their only copy. The text search only narrows the
// scan (a plain substring, not LIKE: an id is the kiosk's text and may hold % or a trailing backslash); each
// payload is read to be sure.
Result<std::vector<std::pair<std::string, json>>> records_naming(SqlSession& session, const std::string& center_id,
                                                                const std::string& person) {
  const std::string contains =
      session.dialect() == Dialect::PostgreSQL ? "strpos(payload, $2) > 0" : "instr(payload, $2) > 0";
  const std::vector<SqlValue> lookup{center_id, person};
  PL_TRY_ASSIGN(rows, session.run("SELECT id, payload FROM mutation WHERE center_id = $1 AND "
                                  "entity NOT IN ('participant', 'visit') AND " + contains,
                                  lookup));
  std::vector<std::pair<std::string, json>> found;
  for (const auto& row : rows.rows) {
    auto parsed = sync::parse_json_limited(as_text(row[1]));
    if (!parsed || !parsed->is_object() || string_field(*parsed, "participant_id") != person) continue;
    found.emplace_back(as_text(row[0]), std::move(parsed.value()));
  }
  return found;
}

// The hub keeps each pushed payload twice (the mutation log and the participant projection); a purge clears the
// person from both, and the staff notes from their referrals, so the hub holds no more than the kiosk does.
// Records that reached the hub after a merge still naming the merged duplicate are the person's too.
Result<void> apply_purge(SqlSession& session, const Device& device, const sync::Mutation& mutation) {
  const std::string& id = mutation.entity_id;
  {
    const std::vector<SqlValue> lookup{id, device.center_id};
    PL_TRY_ASSIGN(found, session.run("SELECT payload FROM participant WHERE id = $1 AND center_id = $2", lookup));
    if (!found.rows.empty()) {
      auto payload = sync::parse_json_limited(as_text(found.rows[0][0]));
      json cleared = payload && payload->is_object() ? std::move(payload.value()) : json::object();
      for (const char* key : kIdentifyingKeys) cleared.erase(key);
      PL_TRY_ASSIGN(purge, sync::parse_participant_purged(mutation.payload));
      cleared["purged_at"] = purge.purged_at.empty() ? json() : json(purge.purged_at);
      const std::vector<SqlValue> update{id, device.center_id, cleared.dump()};
      PL_TRY(session.run("UPDATE participant SET payload = $3 WHERE id = $1 AND center_id = $2", update));
    }
  }
  // The person's own records.
  const std::vector<SqlValue> logged{device.center_id, id};
  PL_TRY_ASSIGN(rows, session.run("SELECT id, payload FROM mutation WHERE center_id = $1 AND "
                                  "entity = 'participant' AND entity_id = $2",
                                  logged));
  for (const auto& row : rows.rows) {
    auto parsed = sync::parse_json_limited(as_text(row[1]));
    if (!parsed || !parsed->is_object()) continue;
    json payload = std::move(parsed.value());
    bool changed = false;
    for (const char* key : kIdentifyingKeys) changed = payload.erase(key) > 0 || changed;
    if (!changed) continue;
    const std::vector<SqlValue> update{as_text(row[0]), payload.dump()};
    PL_TRY(session.run("UPDATE mutation SET payload = $2 WHERE id = $1", update));
  }
  // The staff notes of referrals that name them, or a duplicate merged into them.
  std::vector<std::string> names{id};
  const std::vector<SqlValue> merged_lookup{id, device.center_id};
  PL_TRY_ASSIGN(merged, session.run("SELECT id FROM participant WHERE merged_into = $1 AND center_id = $2",
                                    merged_lookup));
  for (const auto& row : merged.rows) names.push_back(as_text(row[0]));
  for (const auto& name : names) {
    PL_TRY_ASSIGN(records, records_naming(session, device.center_id, name));
    for (auto& [record_id, payload] : records) {
      if (payload.erase("note") == 0) continue;
      const std::vector<SqlValue> update{record_id, payload.dump()};
      PL_TRY(session.run("UPDATE mutation SET payload = $2 WHERE id = $1", update));
    }
  }
  return {};
}

// Two registrations become one person, within the pushing kiosk's center only: the duplicate (and earlier
// duplicates of it) point at the kept record, and its visits, referrals and group attendance become the kept
// person's. Either id may be new to the hub (its registration was refused or not sent): a placeholder holds it
// for this center.
Result<void> apply_merge(SqlSession& session, const Device& device, const sync::Mutation& mutation) {
  const std::string& duplicate = mutation.entity_id;
  PL_TRY_ASSIGN(merged_record, sync::parse_participant_merged(mutation.payload));
  const std::string& keep = merged_record.merged_into;
  for (const auto& id : {duplicate, keep}) {
    const std::vector<SqlValue> placeholder{id, device.center_id, mutation.created_at};
    PL_TRY(session.run("INSERT INTO participant (id, center_id, payload, created_at) VALUES ($1, $2, '{}', $3) "
                       "ON CONFLICT (id) DO NOTHING",
                       placeholder));
  }
  const std::vector<SqlValue> merge{duplicate, keep, device.center_id};
  PL_TRY(session.run("UPDATE participant SET merged_into = $2 WHERE center_id = $3 AND (id = $1 OR merged_into = $1)",
                     merge));
  PL_TRY(session.run("UPDATE visit SET participant_id = $2 WHERE center_id = $3 AND participant_id = $1", merge));
  PL_TRY_ASSIGN(records, records_naming(session, device.center_id, duplicate));
  for (auto& [record_id, payload] : records) {
    payload["participant_id"] = keep;
    const std::vector<SqlValue> update{record_id, payload.dump()};
    PL_TRY(session.run("UPDATE mutation SET payload = $2 WHERE id = $1", update));
  }
  return {};
}

// A new participant: the hub keeps the payload as it came (the registration's shared details, when any).
Result<void> project_participant(SqlSession& session, const Device& device, const sync::Mutation& mutation) {
  const std::vector<SqlValue> values{mutation.entity_id, device.center_id, mutation.payload.dump(),
                                     mutation.created_at};
  PL_TRY(session.run("INSERT INTO participant (id, center_id, payload, created_at) VALUES ($1, $2, $3, $4) "
                     "ON CONFLICT (id) DO UPDATE SET payload = excluded.payload "
                     "WHERE participant.center_id = excluded.center_id",
                     values));
  return {};
}

Result<void> project_sign_out(SqlSession& session, const Device& device, const sync::Mutation& mutation) {
  PL_TRY_ASSIGN(sign_out, sync::parse_visit_signed_out(mutation.payload));
  const std::vector<SqlValue> values{mutation.entity_id, sign_out.signed_out_at, device.center_id};
  PL_TRY(session.run("UPDATE visit SET signed_out_at = $2 WHERE id = $1 AND center_id = $3", values));
  return {};
}

// One record's effect on the report tables. Every write is limited to the pushing kiosk's center as well:
// ownership_reason already refused records naming another center's, and this keeps it so should a check ever be
// missed.
using Projector = Result<void> (*)(SqlSession&, const Device&, const sync::Mutation&);

// The kinds the hub reads, each with what it does. Sign-ins have no projector: runs of them (nearly every record)
// go in multi-row statements (insert_visits). Kinds not listed are kept in the mutation log only.
struct KindHandler {
  sync::MutationKind kind;
  Projector project;
};
constexpr KindHandler kKindHandlers[] = {
    {sync::MutationKind::ParticipantCreated, project_participant},
    {sync::MutationKind::ParticipantMerged, apply_merge},
    {sync::MutationKind::ParticipantPurged, apply_purge},
    {sync::MutationKind::VisitSignedIn, nullptr},
    {sync::MutationKind::VisitSignedOut, project_sign_out},
};

const KindHandler* handler_for(const sync::Mutation& mutation) {
  const auto kind = sync::mutation_kind(mutation.entity, mutation.operation);
  if (!kind) return nullptr;
  for (const auto& handler : kKindHandlers) {
    if (handler.kind == *kind) return &handler;
  }
  return nullptr;
}

bool is_sign_in(const sync::Mutation& mutation) {
  const auto* handler = handler_for(mutation);
  return handler && handler->kind == sync::MutationKind::VisitSignedIn;
}

}  // namespace

bool hub_reads(sync::MutationKind kind) {
  for (const auto& handler : kKindHandlers) {
    if (handler.kind == kind) return true;
  }
  return false;
}

Result<sync::PushResponse> HubIngest::push(const Device& device, const sync::PushRequest& request,
                                          const std::string& idempotency_key, BatchKey* key_use) {
  if (key_use) *key_use = BatchKey::New;
  const std::string fingerprint = batch_fingerprint(request);
  PL_TRY_ASSIGN(session, pool_->acquire());
  PL_TRY_ASSIGN(transaction, SqlTransaction::begin(*session));
  if (!idempotency_key.empty()) {
    const std::vector<SqlValue> lookup{device.id, idempotency_key};
    PL_TRY_ASSIGN(seen, session->run("SELECT response, body_hash FROM push_batch "
                                     "WHERE device_id = $1 AND idempotency_key = $2",
                                     lookup));
    if (!seen.rows.empty()) {
      // Batches stored before keys were tied to their records have no hash: answered as before.
      if (seen.rows[0][1] && as_text(seen.rows[0][1]) != fingerprint) {
        if (key_use) *key_use = BatchKey::ReusedForOtherRecords;
        return sync::PushResponse{};
      }
      // The same batch again (the answer was lost on the way): the same answer, nothing applied twice.
      PL_TRY_ASSIGN(stored, sync::parse_push_response(as_text(seen.rows[0][0])));
      if (key_use) *key_use = BatchKey::Replayed;
      return stored;
    }
  }

  // Each record is checked on its own, in the kiosk's order: its shape and text first, then what it names.
  sync::PushResponse response;
  const Millis received = now();
  std::map<const sync::Mutation*, std::string> refusals;
  std::vector<const sync::Mutation*> well_formed;
  for (const auto& mutation : request.mutations) {
    response.through_seq = std::max(response.through_seq, mutation.seq);
    if (auto reason = rejection_reason(mutation); !reason.empty()) {
      refusals[&mutation] = std::move(reason);
    } else {
      well_formed.push_back(&mutation);
    }
  }
  PL_TRY_ASSIGN(owners, owners_of(*session, well_formed));
  std::vector<const sync::Mutation*> accepted;
  for (const auto& mutation : request.mutations) {
    if (!refusals.count(&mutation)) {
      if (auto reason = ownership_reason(mutation, device, owners); !reason.empty()) {
        refusals[&mutation] = std::move(reason);
      } else {
        accepted.push_back(&mutation);
        continue;
      }
    }
    response.rejected.push_back({mutation.id, refusals[&mutation]});
  }
  PL_TRY_ASSIGN(inserted, store_new_mutations(*session, device, accepted, received));
  response.applied = static_cast<std::int64_t>(inserted.size());
  response.duplicates = static_cast<std::int64_t>(accepted.size() - inserted.size());

  // Effects in the kiosk's order; runs of sign-ins (nearly everything) go in multi-row statements.
  std::vector<const sync::Mutation*> sign_ins;
  for (const auto* mutation : accepted) {
    if (!inserted.count(mutation->id)) continue;
    if (is_sign_in(*mutation)) {
      sign_ins.push_back(mutation);
      continue;
    }
    PL_TRY(insert_visits(*session, device, sign_ins));
    sign_ins.clear();
    if (const auto* handler = handler_for(*mutation); handler && handler->project) {
      PL_TRY(handler->project(*session, device, *mutation));
    }
  }
  PL_TRY(insert_visits(*session, device, sign_ins));

  const std::vector<SqlValue> cursor{device.id, received, request.pending, response.through_seq};
  PL_TRY(session->run("UPDATE device SET last_seen_at = $2, last_pending = $3, "
                      "through_seq = CASE WHEN through_seq < $4 THEN $4 ELSE through_seq END WHERE id = $1",
                      cursor));
  if (!idempotency_key.empty()) {
    const std::vector<SqlValue> batch{device.id, idempotency_key, sync::to_json(response).dump(), received,
                                      fingerprint};
    PL_TRY(session->run("INSERT INTO push_batch (device_id, idempotency_key, response, received_at, body_hash) "
                        "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (device_id, idempotency_key) DO NOTHING",
                        batch));
  }
  PL_TRY(transaction.commit());
  return response;
}
}  // namespace porchlight::hub
