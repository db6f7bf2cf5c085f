// The hub's schema, in each engine's words. Version 2.
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
  reasons        TEXT NOT NULL,
  -- Which of those reasons the center marks sensitive: reports that show them carry a re-disclosure notice.
  sensitive_reasons TEXT NOT NULL DEFAULT '[]'
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
INSERT INTO hub_meta (key, value) VALUES ('schema_version', '2') ON CONFLICT (key) DO NOTHING;
)sql";

std::string replaced(std::string text, const std::string& marker, const std::string& with) {
  for (auto at = text.find(marker); at != std::string::npos; at = text.find(marker, at + with.size())) {
    text.replace(at, marker.size(), with);
  }
  return text;
}

}  // namespace

const char* hub_schema_upgrade_from_1() {
  return "ALTER TABLE visit ADD COLUMN sensitive_reasons TEXT NOT NULL DEFAULT '[]';"
         "UPDATE hub_meta SET value = '2' WHERE key = 'schema_version';";
}

std::string hub_schema(Dialect dialect) {
  return replaced(kSchemaTemplate, "@SERIAL@",
                  dialect == Dialect::PostgreSQL ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT");
}

}  // namespace porchlight::hub
