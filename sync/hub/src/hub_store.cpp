#include "porchlight/hub/hub_store.hpp"

#include <sodium.h>

#include <array>
#include <chrono>
#include <map>
#include <set>

#include "hub_schema.hpp"
#include "porchlight/formats/chain_hash.hpp"
#include "porchlight/log.hpp"
#include "record_checks.hpp"

namespace porchlight::hub {

namespace {

using nlohmann::json;
constexpr Millis kEnrollmentCodeLifetime = 15 * 60 * 1000;
constexpr std::int64_t kMigrationLock = 7'501'001;  // pg_advisory_xact_lock keys: one schema change at a time
constexpr std::int64_t kFeedLock = 7'501'002;       // feed writes in seq order, so no pull skips a late commit

Millis system_now() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

SqlValue value_of(const std::optional<std::string>& text) { return text ? SqlValue(*text) : SqlValue(); }

Device device_from(const SqlRow& row) {
  Device device;
  device.id = as_text(row[0]);
  device.center_id = as_text(row[1]);
  device.center_name = as_text(row[2]);
  device.name = as_text(row[3]);
  device.enrolled_at = as_int(row[4]);
  if (row[5]) device.revoked_at = as_int(row[5]);
  if (row[6]) device.last_seen_at = as_int(row[6]);
  device.last_pending = as_int(row[7]);
  device.through_seq = as_int(row[8]);
  return device;
}

constexpr const char* kDeviceColumns =
    "d.id, d.center_id, c.name, d.name, d.enrolled_at, d.revoked_at, d.last_seen_at, d.last_pending, d.through_seq "
    "FROM device d JOIN center c ON c.id = d.center_id";

constexpr std::int64_t kAuditPage = 5'000;  // entries read at a time when verifying

// The kiosk's chain link (formats::chain_hash) over the previous hash and the entry. The number is hashed too, so an
// entry cannot be renumbered.
std::string audit_hash(const std::string& prev_hash, const HubAuditEntry& entry) {
  return formats::chain_hash({prev_hash, std::to_string(entry.seq), entry.id, std::to_string(entry.at), entry.actor,
                           entry.action, entry.subject, entry.detail});
}

// Appends one entry inside the caller's open transaction. Locking the head row first makes appends from every
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

HubAuditEntry audit_entry_from(const SqlRow& row) {
  return HubAuditEntry{as_int(row[0]),  as_text(row[1]), as_int(row[2]), as_text(row[3]),
                       as_text(row[4]), as_text(row[5]), as_text(row[6])};
}

}  // namespace

Result<std::unique_ptr<HubStore>> HubStore::open(std::unique_ptr<SqlPool> pool, std::function<Millis()> clock) {
  if (!clock) clock = system_now;
  std::unique_ptr<HubStore> store(new HubStore(std::move(pool), std::move(clock)));
  PL_TRY(migrate_to(*store->pool_, kHubSchemaVersion));
  return store;
}

Result<std::int64_t> HubStore::stored_schema_version(SqlPool& pool) {
  PL_TRY_ASSIGN(session, pool.acquire());
  // No hub_meta table yet is an empty database; asked through the catalogue so nothing is created.
  const char* has_meta = pool.dialect() == Dialect::PostgreSQL
                             ? "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND "
                               "table_name = 'hub_meta'"
                             : "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'hub_meta'";
  PL_TRY_ASSIGN(tables, session->run(has_meta));
  if (tables.rows.empty() || as_int(tables.rows[0][0]) == 0) return std::int64_t{0};
  PL_TRY_ASSIGN(found, session->run("SELECT value FROM hub_meta WHERE key = 'schema_version'"));
  return found.rows.empty() ? std::int64_t{0} : as_int(found.rows[0][0]);
}

int HubStore::current_schema_version() { return kHubSchemaVersion; }

Result<void> HubStore::migrate_to(SqlPool& pool, int target) {
  if (target > kHubSchemaVersion) {
    return make_error("this hub knows schema versions up to " + std::to_string(kHubSchemaVersion));
  }
  PL_TRY_ASSIGN(session, pool.acquire());
  PL_TRY_ASSIGN(transaction, SqlTransaction::begin(*session));
  if (pool.dialect() == Dialect::PostgreSQL) {
    const SqlValue key{kMigrationLock};
    PL_TRY(session->run("SELECT pg_advisory_xact_lock($1)", std::span(&key, 1)));
  }
  PL_TRY(session->run_script("CREATE TABLE IF NOT EXISTS hub_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"));
  PL_TRY_ASSIGN(found, session->run("SELECT value FROM hub_meta WHERE key = 'schema_version'"));
  const std::int64_t version = found.rows.empty() ? 0 : as_int(found.rows[0][0]);
  if (version > kHubSchemaVersion) {
    return make_error("the hub database is from a newer porchlight-hub (schema " + std::to_string(version) +
                      "); this one knows up to " + std::to_string(kHubSchemaVersion));
  }
  for (std::int64_t from = version; from < target; ++from) {
    PL_TRY(session->run_script(hub_migration(static_cast<int>(from), pool.dialect())));
  }
  if (version < target) {
    const std::vector<SqlValue> values{std::to_string(target)};
    PL_TRY(session->run("UPDATE hub_meta SET value = $1 WHERE key = 'schema_version'", values));
  }
  return transaction.commit();
}

Result<std::string> HubStore::ensure_center(const std::string& name) {
  if (name.empty()) return make_error("a center needs a name");
  PL_TRY_ASSIGN(session, pool_->acquire());
  PL_TRY_ASSIGN(transaction, SqlTransaction::begin(*session));
  const std::vector<SqlValue> insert{new_hub_id(now()), name, now()};
  PL_TRY(session->run("INSERT INTO center (id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING",
                      insert));
  const std::vector<SqlValue> lookup{name};
  PL_TRY_ASSIGN(found, session->run("SELECT id FROM center WHERE name = $1", lookup));
  if (found.rows.empty()) return make_error("the center " + name + " could not be made");
  PL_TRY(transaction.commit());
  return as_text(found.rows[0][0]);
}

Result<EnrollmentCode> HubStore::create_enrollment_code(const std::string& center_name, const std::string& actor) {
  PL_TRY_ASSIGN(center_id, ensure_center(center_name));
  PL_TRY_ASSIGN(session, pool_->acquire());
  PL_TRY_ASSIGN(transaction, SqlTransaction::begin(*session));
  EnrollmentCode code{random_enrollment_code(), now() + kEnrollmentCodeLifetime};
  const std::string code_hash = hash_secret(code.code);
  const std::vector<SqlValue> values{code_hash, center_id, now(), code.expires_at};
  PL_TRY(session->run("INSERT INTO enrollment_code (code_hash, center_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
                      values));
  // The code itself is a secret until used: the log names it by the start of its hash.
  PL_TRY(append_audit(*session, now(),
                      {actor, "enrollment_code.create", center_name,
                       "code " + code_hash.substr(0, 12) + ", single use, valid 15 minutes"}));
  PL_TRY(transaction.commit());
  return code;
}

Result<std::pair<Device, std::string>> HubStore::enroll(const std::string& typed_code, const std::string& device_name,
                                                       const std::string& actor) {
  const std::string code = normalize_enrollment_code(typed_code);
  PL_TRY_ASSIGN(session, pool_->acquire());
  PL_TRY_ASSIGN(transaction, SqlTransaction::begin(*session));
  const std::vector<SqlValue> lookup{hash_secret(code)};
  PL_TRY_ASSIGN(found,
                session->run("SELECT center_id, expires_at, used_at FROM enrollment_code WHERE code_hash = $1", lookup));
  if (found.rows.empty()) return make_error("unknown enrollment code");
  const auto& row = found.rows[0];
  if (row[2]) return make_error("this enrollment code has already been used; make a new one on the hub");
  if (as_int(row[1]) < now()) return make_error("this enrollment code has expired (codes last 15 minutes); make a new one");
  const std::string center_id = as_text(row[0]);
  const std::string device_id = new_hub_id(now());
  const std::string token = random_token();
  const std::string name = device_name.empty() ? "kiosk" : device_name;
  const std::vector<SqlValue> insert{device_id, center_id, name, hash_secret(token), now()};
  PL_TRY(session->run("INSERT INTO device (id, center_id, name, token_hash, enrolled_at) VALUES ($1, $2, $3, $4, $5)",
                      insert));
  const std::vector<SqlValue> use{hash_secret(code), now(), device_id};
  // The WHERE used_at IS NULL makes a second, concurrent use of the same code change nothing.
  PL_TRY_ASSIGN(used, session->run("UPDATE enrollment_code SET used_at = $2, device_id = $3 "
                                   "WHERE code_hash = $1 AND used_at IS NULL",
                                   use));
  if (used.affected != 1) return make_error("this enrollment code has already been used; make a new one on the hub");
  const std::vector<SqlValue> by_id{device_id};
  PL_TRY_ASSIGN(device, session->run(std::string("SELECT ") + kDeviceColumns + " WHERE d.id = $1", by_id));
  if (device.rows.empty()) return make_error("the new device could not be read back");
  Device enrolled = device_from(device.rows[0]);
  PL_TRY(append_audit(*session, now(),
                      {actor, "device.enroll", enrolled.id,
                       "'" + enrolled.name + "' of " + enrolled.center_name + " with code " +
                           hash_secret(code).substr(0, 12)}));
  PL_TRY(transaction.commit());
  return std::pair{std::move(enrolled), token};
}

Result<Authentication> HubStore::authenticate(const std::string& token) {
  Authentication auth;
  if (token.empty()) return auth;
  PL_TRY_ASSIGN(session, pool_->acquire());
  const std::vector<SqlValue> lookup{hash_secret(token)};
  PL_TRY_ASSIGN(found, session->run(std::string("SELECT ") + kDeviceColumns + " WHERE d.token_hash = $1", lookup));
  if (found.rows.empty()) return auth;
  auth.device = device_from(found.rows[0]);
  auth.problem = auth.device.revoked_at ? AuthProblem::Revoked : AuthProblem::None;
  return auth;
}

Result<std::vector<Device>> HubStore::list_devices() {
  PL_TRY_ASSIGN(session, pool_->acquire());
  PL_TRY_ASSIGN(found, session->run(std::string("SELECT ") + kDeviceColumns + " ORDER BY c.name, d.enrolled_at"));
  std::vector<Device> devices;
  for (const auto& row : found.rows) devices.push_back(device_from(row));
  return devices;
}

Result<void> HubStore::revoke_device(const std::string& device_id, const std::string& actor) {
  PL_TRY_ASSIGN(session, pool_->acquire());
  PL_TRY_ASSIGN(transaction, SqlTransaction::begin(*session));
  const std::vector<SqlValue> values{device_id, now()};
  PL_TRY_ASSIGN(changed,
                session->run("UPDATE device SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL", values));
  if (changed.affected == 0) {
    const std::vector<SqlValue> lookup{device_id};
    PL_TRY_ASSIGN(found, session->run("SELECT revoked_at FROM device WHERE id = $1", lookup));
    if (found.rows.empty()) return make_error("no device has the id " + device_id + " (see 'porchlight-hub devices list')");
    return make_error("that device is already revoked");
  }
  PL_TRY(append_audit(*session, now(), {actor, "device.revoke", device_id, ""}));
  return transaction.commit();
}

Result<void> HubStore::publish(const std::optional<std::string>& center_id, const std::string& kind,
                               const std::string& id, const std::optional<json>& payload,
                               const std::optional<HubAuditNote>& audit) {
  // What kiosks receive is bounded here: a kiosk holds each item in memory and in its own database.
  if (payload) {
    if (auto problem = feed_payload_problem(*payload); !problem.empty()) {
      return make_error(kind + " " + id + " cannot be sent to kiosks: " + problem);
    }
  }
  PL_TRY_ASSIGN(session, pool_->acquire());
  PL_TRY_ASSIGN(transaction, SqlTransaction::begin(*session));
  if (dialect() == Dialect::PostgreSQL) {
    const SqlValue key{kFeedLock};
    PL_TRY(session->run("SELECT pg_advisory_xact_lock($1)", std::span(&key, 1)));
  }
  const std::vector<SqlValue> item{value_of(center_id), kind, id};
  PL_TRY(session->run("DELETE FROM feed_item WHERE COALESCE(center_id, '') = COALESCE(CAST($1 AS TEXT), '') "
                      "AND kind = $2 AND item_id = $3",
                      item));
  const std::vector<SqlValue> insert{value_of(center_id), kind, id, std::int64_t{payload ? 0 : 1},
                                     payload ? SqlValue(payload->dump()) : SqlValue(), now()};
  PL_TRY(session->run("INSERT INTO feed_item (center_id, kind, item_id, deleted, payload, changed_at) "
                      "VALUES ($1, $2, $3, $4, $5, $6)",
                      insert));
  if (audit) PL_TRY(append_audit(*session, now(), *audit));
  return transaction.commit();
}

Result<sync::PullResponse> HubStore::pull(const Device& device, std::int64_t since, std::size_t limit) {
  limit = std::clamp<std::size_t>(limit, 1, sync::kMaxPullPage);
  PL_TRY_ASSIGN(session, pool_->acquire());
  // Sizes are measured in the database, so no oversized payload is ever read into the hub: items over the item
  // limit are left out, and past the page's byte budget rows come back without their payload (the next page
  // starts there). The first item always fits the budget, so every page moves the cursor on.
  const std::string bytes = dialect() == Dialect::PostgreSQL ? "COALESCE(octet_length(payload), 0)"
                                                             : "COALESCE(length(CAST(payload AS BLOB)), 0)";
  const std::vector<SqlValue> values{since, device.center_id, static_cast<std::int64_t>(limit + 1),
                                     static_cast<std::int64_t>(kMaxFeedItemBytes),
                                     static_cast<std::int64_t>(kMaxPullPageBytes)};
  PL_TRY_ASSIGN(found, session->run("WITH page AS (SELECT seq, kind, item_id, deleted, payload, " + bytes +
                                        " AS bytes FROM feed_item WHERE seq > $1 AND (center_id IS NULL OR "
                                        "center_id = $2) AND " + bytes + " <= $4 ORDER BY seq LIMIT $3), "
                                        "sized AS (SELECT seq, kind, item_id, deleted, payload, "
                                        "SUM(bytes) OVER (ORDER BY seq) - bytes AS bytes_before FROM page) "
                                        "SELECT seq, kind, item_id, deleted, "
                                        "CASE WHEN bytes_before < $5 THEN payload END, "
                                        "CASE WHEN bytes_before < $5 THEN 1 ELSE 0 END FROM sized ORDER BY seq",
                                    values));
  sync::PullResponse response;
  response.next_cursor = since;
  response.more = found.rows.size() > limit;
  for (std::size_t i = 0; i < found.rows.size() && i < limit; ++i) {
    const auto& row = found.rows[i];
    if (as_int(row[5]) == 0) {
      response.more = true;
      break;
    }
    sync::FeedItem item;
    item.seq = as_int(row[0]);
    item.kind = as_text(row[1]);
    item.id = as_text(row[2]);
    item.deleted = as_int(row[3]) != 0;
    response.next_cursor = item.seq;
    if (!item.deleted) {
      auto payload = sync::parse_json_limited(as_text(row[4]));
      if (!payload) return make_error("feed item " + std::to_string(item.seq) + ": " + payload.error().message);
      // Published before the hub checked text: such an item is passed over, never sent.
      if (auto problem = feed_payload_problem(*payload); !problem.empty()) {
        log::warning("feed item " + std::to_string(item.seq) + " (" + item.kind + ") is not sent: " + problem);
        continue;
      }
      item.payload = std::move(payload.value());
    }
    response.items.push_back(std::move(item));
  }
  return response;
}

Result<std::string> HubStore::create_admin_token(const std::string& label, const std::string& actor) {
  PL_TRY_ASSIGN(session, pool_->acquire());
  PL_TRY_ASSIGN(transaction, SqlTransaction::begin(*session));
  std::string token = random_token();
  const std::string token_hash = hash_secret(token);
  const std::string name = label.empty() ? std::string("coordinator") : label;
  const std::vector<SqlValue> values{token_hash, name, now()};
  PL_TRY(session->run("INSERT INTO admin_token (token_hash, label, created_at) VALUES ($1, $2, $3)", values));
  PL_TRY(append_audit(*session, now(), {actor, "admin_token.create", name, "token " + token_hash.substr(0, 12)}));
  PL_TRY(transaction.commit());
  return token;
}

Result<bool> HubStore::is_admin_token(const std::string& token) {
  PL_TRY_ASSIGN(label, admin_token_label(token));
  return label.has_value();
}

Result<std::optional<std::string>> HubStore::admin_token_label(const std::string& token) {
  if (token.empty()) return std::optional<std::string>();
  PL_TRY_ASSIGN(session, pool_->acquire());
  const std::vector<SqlValue> lookup{hash_secret(token)};
  PL_TRY_ASSIGN(found,
                session->run("SELECT label FROM admin_token WHERE token_hash = $1 AND revoked_at IS NULL", lookup));
  if (found.rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(as_text(found.rows[0][0]));
}

Result<void> HubStore::record_audit(const HubAuditNote& note) {
  PL_TRY_ASSIGN(session, pool_->acquire());
  PL_TRY_ASSIGN(transaction, SqlTransaction::begin(*session));
  PL_TRY(append_audit(*session, now(), note));
  return transaction.commit();
}

Result<std::vector<HubAuditEntry>> HubStore::recent_audit(int limit) {
  PL_TRY_ASSIGN(session, pool_->acquire());
  const std::vector<SqlValue> values{std::int64_t{std::max(limit, 0)}};
  PL_TRY_ASSIGN(found, session->run("SELECT seq, id, at, actor, action, subject, detail FROM hub_audit "
                                    "ORDER BY seq DESC LIMIT $1",
                                    values));
  std::vector<HubAuditEntry> entries;
  for (const auto& row : found.rows) entries.push_back(audit_entry_from(row));
  return entries;
}

Result<HubAuditVerification> HubStore::verify_audit() {
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

namespace {

// Visits, unique identified people and guest visits per center and period (`period` is an SQL expression over
// the center's own day, v.local_date), as rows of {center, period, visits, unique_people, guest_visits}.
template <class Row>
Result<std::vector<Row>> visit_counts(SqlPool& pool, const std::string& period, const ReportFilter& filter) {
  PL_TRY_ASSIGN(session, pool.acquire());
  const std::vector<SqlValue> values{value_of(filter.center), value_of(filter.from), value_of(filter.to)};
  PL_TRY_ASSIGN(found, session->run("SELECT c.name, " + period + " AS period, COUNT(*), COUNT(DISTINCT v.participant_id), "
                                    "SUM(CASE WHEN v.guest = 1 THEN 1 ELSE 0 END) "
                                    "FROM visit v JOIN center c ON c.id = v.center_id "
                                    "WHERE (CAST($1 AS TEXT) IS NULL OR c.name = $1) "
                                    "AND (CAST($2 AS TEXT) IS NULL OR v.local_date >= $2) "
                                    "AND (CAST($3 AS TEXT) IS NULL OR v.local_date <= $3) "
                                    "GROUP BY c.name, " + period + " ORDER BY c.name, period",
                                    values));
  std::vector<Row> rows;
  for (const auto& row : found.rows) {
    rows.push_back({as_text(row[0]), as_text(row[1]), as_int(row[2]), as_int(row[3]), as_int(row[4])});
  }
  return rows;
}

}  // namespace

Result<std::vector<AttendanceRow>> HubStore::attendance_by_day(const ReportFilter& filter) {
  return visit_counts<AttendanceRow>(*pool_, "v.local_date", filter);
}

Result<std::vector<MonthlyUnduplicatedRow>> HubStore::unduplicated_by_month(const ReportFilter& filter) {
  return visit_counts<MonthlyUnduplicatedRow>(*pool_, "substr(v.local_date, 1, 7)", filter);
}

Result<std::vector<ReasonRow>> HubStore::visits_by_reason(const ReportFilter& filter) {
  PL_TRY_ASSIGN(session, pool_->acquire());
  // Each visit's reasons are a JSON list; each engine unnests it in its own words.
  const bool postgres = dialect() == Dialect::PostgreSQL;
  const std::string each_reason = postgres ? "CROSS JOIN LATERAL jsonb_array_elements_text(CAST(v.reasons AS jsonb)) "
                                             "AS r(value)"
                                           : "CROSS JOIN json_each(v.reasons) AS r";
  const std::string is_sensitive =
      postgres ? "jsonb_exists(CAST(v.sensitive_reasons AS jsonb), r.value)"
               : "EXISTS (SELECT 1 FROM json_each(v.sensitive_reasons) AS s WHERE s.value = r.value)";
  const std::vector<SqlValue> values{value_of(filter.center), value_of(filter.from), value_of(filter.to)};
  PL_TRY_ASSIGN(found, session->run("SELECT c.name, substr(v.local_date, 1, 7) AS period, r.value AS reason, "
                                    "MAX(CASE WHEN " + is_sensitive + " THEN 1 ELSE 0 END), COUNT(*) "
                                    "FROM visit v JOIN center c ON c.id = v.center_id " + each_reason + " "
                                    "WHERE (CAST($1 AS TEXT) IS NULL OR c.name = $1) "
                                    "AND (CAST($2 AS TEXT) IS NULL OR v.local_date >= $2) "
                                    "AND (CAST($3 AS TEXT) IS NULL OR v.local_date <= $3) "
                                    "GROUP BY c.name, substr(v.local_date, 1, 7), r.value "
                                    "ORDER BY c.name, period, reason",
                                    values));
  std::vector<ReasonRow> rows;
  for (const auto& row : found.rows) {
    rows.push_back({as_text(row[0]), as_text(row[1]), as_text(row[2]), as_int(row[3]) != 0, as_int(row[4])});
  }
  return rows;
}

Result<HubTotals> HubStore::totals() {
  PL_TRY_ASSIGN(session, pool_->acquire());
  PL_TRY_ASSIGN(found, session->run("SELECT (SELECT COUNT(*) FROM center), (SELECT COUNT(*) FROM device), "
                                    "(SELECT COUNT(*) FROM mutation), (SELECT COUNT(*) FROM visit)"));
  const auto& row = found.rows.at(0);
  return HubTotals{as_int(row[0]), as_int(row[1]), as_int(row[2]), as_int(row[3])};
}

}  // namespace porchlight::hub
