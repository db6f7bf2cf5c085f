// The hub's schema, in each engine's words: version 1, then one script per later version (forward only).
#include "hub_schema.hpp"

namespace porchlight::hub {

namespace {

// Shared text with two spellings filled in: the feed's auto-increment key and the integer type.
const char* const kSchemaTemplate = R"sql(
CREATE TABLE IF NOT EXISTS hub_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS center (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS enrollment_code (
  code_hash  TEXT PRIMARY KEY,
  center_id  TEXT NOT NULL REFERENCES center(id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at    BIGINT,
  device_id  TEXT
);
CREATE TABLE IF NOT EXISTS device (
  id           TEXT PRIMARY KEY,
  center_id    TEXT NOT NULL REFERENCES center(id),
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  enrolled_at  BIGINT NOT NULL,
  revoked_at   BIGINT,
  last_seen_at BIGINT,
  last_pending BIGINT NOT NULL DEFAULT 0,
  through_seq  BIGINT NOT NULL DEFAULT 0
);
-- Every mutation a kiosk pushed, once: its id is the key, so a replay changes nothing.
CREATE TABLE IF NOT EXISTS mutation (
  id          TEXT PRIMARY KEY,
  device_id   TEXT NOT NULL REFERENCES device(id),
  center_id   TEXT NOT NULL REFERENCES center(id),
  seq         BIGINT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   TEXT NOT NULL,
  operation   TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  payload     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mutation_by_device ON mutation(device_id, seq);
-- The answer to each batch, so a retried Idempotency-Key gets the same answer.
CREATE TABLE IF NOT EXISTS push_batch (
  device_id       TEXT NOT NULL REFERENCES device(id),
  idempotency_key TEXT NOT NULL,
  response        TEXT NOT NULL,
  received_at     BIGINT NOT NULL,
  PRIMARY KEY (device_id, idempotency_key)
);
CREATE TABLE IF NOT EXISTS participant (
  id          TEXT PRIMARY KEY,
  center_id   TEXT NOT NULL REFERENCES center(id),
  merged_into TEXT,
  payload     TEXT NOT NULL,
  created_at  BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS visit (
  id             TEXT PRIMARY KEY,
  center_id      TEXT NOT NULL REFERENCES center(id),
  device_id      TEXT NOT NULL REFERENCES device(id),
  participant_id TEXT,
  guest          INTEGER NOT NULL,
  signed_in_at   TEXT NOT NULL,
  local_date     TEXT NOT NULL,
  signed_out_at  TEXT,
  reasons        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS visit_by_center_date ON visit(center_id, local_date);
CREATE INDEX IF NOT EXISTS visit_by_participant ON visit(participant_id);
-- Hub-owned data for kiosks, newest change of each item only; seq orders the pull feed.
CREATE TABLE IF NOT EXISTS feed_item (
  seq        @SERIAL@,
  center_id  TEXT REFERENCES center(id),
  kind       TEXT NOT NULL,
  item_id    TEXT NOT NULL,
  deleted    INTEGER NOT NULL,
  payload    TEXT,
  changed_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS feed_by_item ON feed_item(COALESCE(center_id, ''), kind, item_id);
-- Coordinators' tokens for the report API; only hashes are kept.
CREATE TABLE IF NOT EXISTS admin_token (
  token_hash TEXT PRIMARY KEY,
  label      TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
INSERT INTO hub_meta (key, value) VALUES ('schema_version', '1') ON CONFLICT (key) DO NOTHING;
)sql";

// Version 2: the hub's own audit log, a hash chain like the kiosk's (kiosk/core/src/audit.cpp). The head row is
// the chain's lock and its end: every append locks it first, so concurrent hubs over one PostgreSQL queue up and
// the chain never forks; and entries deleted from the end show as a head that no entry matches.
const char* const kAuditSchema = R"sql(
CREATE TABLE IF NOT EXISTS hub_audit (
  seq       BIGINT PRIMARY KEY,
  id        TEXT NOT NULL UNIQUE,
  at        BIGINT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  subject   TEXT NOT NULL,
  detail    TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS hub_audit_head (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO hub_audit_head (id, seq, hash) VALUES (1, 0, '@GENESIS@') ON CONFLICT (id) DO NOTHING;
)sql";

// Append-only: the hub's own code never changes or removes an entry, so the database refuses it too.
const char* const kAuditGuardSQLite = R"sql(
CREATE TRIGGER IF NOT EXISTS hub_audit_no_update BEFORE UPDATE ON hub_audit
BEGIN SELECT RAISE(ABORT, 'the hub audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS hub_audit_no_delete BEFORE DELETE ON hub_audit
BEGIN SELECT RAISE(ABORT, 'the hub audit log is append-only'); END;
)sql";

const char* const kAuditGuardPostgreSQL = R"sql(
CREATE OR REPLACE FUNCTION hub_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the hub audit log is append-only'; END $$;
CREATE TRIGGER hub_audit_no_change BEFORE UPDATE OR DELETE ON hub_audit
  FOR EACH ROW EXECUTE FUNCTION hub_audit_refuse_change();
CREATE TRIGGER hub_audit_no_truncate BEFORE TRUNCATE ON hub_audit
  FOR EACH STATEMENT EXECUTE FUNCTION hub_audit_refuse_change();
)sql";

std::string replaced(std::string text, const std::string& marker, const std::string& with) {
  for (auto at = text.find(marker); at != std::string::npos; at = text.find(marker, at + with.size())) {
    text.replace(at, marker.size(), with);
  }
  return text;
}

}  // namespace

std::string hub_migration(int from_version, Dialect dialect) {
  const bool postgres = dialect == Dialect::PostgreSQL;
  switch (from_version) {
    case 0:
      return replaced(kSchemaTemplate, "@SERIAL@", postgres ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT");
    case 1:
      return replaced(kAuditSchema, "@GENESIS@", kHubAuditGenesisHash) +
             (postgres ? kAuditGuardPostgreSQL : kAuditGuardSQLite);
    case 2:
      // Each visit's sensitive reasons, for the re-disclosure notice on exports that show them.
      return "ALTER TABLE visit ADD COLUMN sensitive_reasons TEXT NOT NULL DEFAULT '[]';";
    case 3:
      // A hash of each batch's records beside its Idempotency-Key, so a key sent again with other records is
      // refused instead of answered for the first batch (rows from before have none, and answer as they did).
      return "ALTER TABLE push_batch ADD COLUMN body_hash TEXT;";
    default:
      return {};
  }
}

}  // namespace porchlight::hub
