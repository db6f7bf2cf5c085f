#include "migrations.hpp"

namespace porchlight::core {

namespace {

// Version 1: the center, its participants and its staff.
// Times are INTEGER milliseconds since the Unix epoch, UTC. Ids are UUIDv7 text.
const char* const kVersion1 = R"sql(
CREATE TABLE setting (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE participant (
  id              TEXT PRIMARY KEY,
  first_name      TEXT NOT NULL CHECK (length(first_name) > 0),
  last_name       TEXT NOT NULL CHECK (length(last_name) > 0),
  -- Case- and accent-folded copies that lookup-while-typing searches by prefix.
  first_key       TEXT NOT NULL,
  last_key        TEXT NOT NULL,
  pin_hash        TEXT,
  phone           TEXT,
  email           TEXT,
  birth_date      TEXT CHECK (birth_date IS NULL OR birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  language        TEXT NOT NULL DEFAULT 'en',
  consent_record  INTEGER NOT NULL DEFAULT 0,
  consent_contact INTEGER NOT NULL DEFAULT 0,
  consent_share   INTEGER NOT NULL DEFAULT 0,
  merged_into     TEXT REFERENCES participant(id),
  center_id       TEXT NOT NULL,
  device_id       TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE INDEX participant_by_first ON participant(first_key, last_key) WHERE merged_into IS NULL;
CREATE INDEX participant_by_last  ON participant(last_key, first_key) WHERE merged_into IS NULL;
CREATE INDEX participant_by_created ON participant(created_at);

CREATE TABLE staff (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL CHECK (length(name) > 0),
  role            TEXT NOT NULL CHECK (role IN ('peer', 'admin')),
  pin_hash        TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  last_failed_at  INTEGER,
  locked_at       INTEGER,
  active          INTEGER NOT NULL DEFAULT 1,
  center_id       TEXT NOT NULL,
  device_id       TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE UNIQUE INDEX staff_by_name ON staff(name COLLATE NOCASE) WHERE active = 1;
)sql";

// Version 2: why people come, and each sign-in.
const char* const kVersion2 = R"sql(
CREATE TABLE reason (
  code      TEXT PRIMARY KEY CHECK (length(code) > 0),
  label_en  TEXT NOT NULL,
  label_es  TEXT NOT NULL,
  sensitive INTEGER NOT NULL DEFAULT 0,
  position  INTEGER NOT NULL DEFAULT 0,
  active    INTEGER NOT NULL DEFAULT 1
) WITHOUT ROWID;

INSERT INTO reason (code, label_en, label_es, sensitive, position) VALUES
  ('drop-in',     'Drop in and connect',        'Pasar y convivir',              0, 10),
  ('group',       'Attend a group',             'Ir a un grupo',                 0, 20),
  ('peer-support','Talk with a peer supporter', 'Hablar con un compañero de apoyo', 0, 30),
  ('resources',   'Find resources',             'Buscar recursos',               0, 40),
  ('computer',    'Use a computer or phone',    'Usar una computadora o teléfono', 0, 50),
  ('meal',        'Meal or snack',              'Comida o merienda',             0, 60),
  ('wellness',    'Wellness activity',          'Actividad de bienestar',        0, 70),
  ('recovery',    'Recovery support',           'Apoyo en la recuperación',      1, 80),
  ('mental-health','Mental health support',     'Apoyo de salud mental',         1, 90),
  ('volunteer',   'Volunteer',                  'Voluntariado',                  0, 100);

CREATE TABLE visit (
  id            TEXT PRIMARY KEY,
  participant_id TEXT REFERENCES participant(id),
  guest         INTEGER NOT NULL DEFAULT 0 CHECK (guest IN (0, 1)),
  signed_in_at  INTEGER NOT NULL,
  signed_out_at INTEGER,
  mood          INTEGER CHECK (mood IS NULL OR mood BETWEEN 1 AND 5),
  signed_in_by  TEXT REFERENCES staff(id),
  center_id     TEXT NOT NULL,
  device_id     TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  CHECK ((guest = 1 AND participant_id IS NULL) OR (guest = 0 AND participant_id IS NOT NULL))
);
-- Covering indexes: a day's or a month's visits and its distinct people come from the index alone.
CREATE INDEX visit_by_time ON visit(signed_in_at, participant_id);
CREATE INDEX visit_by_participant ON visit(participant_id, signed_in_at);

CREATE TABLE visit_reason (
  visit_id    TEXT NOT NULL REFERENCES visit(id),
  reason_code TEXT NOT NULL REFERENCES reason(code),
  PRIMARY KEY (visit_id, reason_code)
) WITHOUT ROWID;

-- When each person first came: new-versus-returning counts read it instead of scanning history.
ALTER TABLE participant ADD COLUMN first_visit_at INTEGER;
CREATE INDEX participant_by_first_visit ON participant(first_visit_at) WHERE merged_into IS NULL;
)sql";

// Version 3: what leaves the kiosk (outbox), what staff did (audit), and member cards.
const char* const kVersion3 = R"sql(
CREATE TABLE outbox (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  mutation_id   TEXT NOT NULL UNIQUE,
  entity        TEXT NOT NULL,
  entity_id     TEXT NOT NULL,
  operation     TEXT NOT NULL,
  payload       TEXT NOT NULL CHECK (json_valid(payload)),
  created_at    INTEGER NOT NULL,
  acked_at      INTEGER,
  parked_at     INTEGER,
  parked_reason TEXT
);
CREATE INDEX outbox_pending ON outbox(seq) WHERE acked_at IS NULL AND parked_at IS NULL;

CREATE TABLE audit (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  id        TEXT NOT NULL UNIQUE,
  at        INTEGER NOT NULL,
  staff_id  TEXT REFERENCES staff(id),
  action    TEXT NOT NULL,
  subject   TEXT,
  detail    TEXT,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

ALTER TABLE participant ADD COLUMN card_code TEXT;
CREATE UNIQUE INDEX participant_by_card ON participant(card_code) WHERE card_code IS NOT NULL;
)sql";


// Version 4: the group calendar. A group keeps its first start as wall-clock text in the center's zone and
// its recurrence as iCalendar text; a session row exists only once something happens to that session
// (an exception, or someone joins), named by its original start (the iCalendar RECURRENCE-ID).
const char* const kVersion4 = R"sql(
CREATE TABLE calendar_group (
  id                     TEXT PRIMARY KEY,
  uid                    TEXT NOT NULL UNIQUE CHECK (length(uid) > 0),
  title                  TEXT NOT NULL CHECK (length(title) > 0),
  description            TEXT NOT NULL DEFAULT '',
  facilitator            TEXT NOT NULL DEFAULT '',
  room                   TEXT NOT NULL DEFAULT '',
  category               TEXT NOT NULL DEFAULT '',
  language               TEXT NOT NULL DEFAULT 'en',
  capacity               INTEGER CHECK (capacity IS NULL OR capacity > 0),
  sensitive              INTEGER NOT NULL DEFAULT 0 CHECK (sensitive IN (0, 1)),
  starts_local           TEXT NOT NULL,  -- 'YYYYMMDDTHHMMSS', or 'YYYYMMDD' when all day
  duration_minutes       INTEGER NOT NULL CHECK (duration_minutes > 0),
  all_day                INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1)),
  floating               INTEGER NOT NULL DEFAULT 0 CHECK (floating IN (0, 1)),
  rrule                  TEXT NOT NULL DEFAULT '',
  rdates                 TEXT NOT NULL DEFAULT '',  -- comma-separated wall-clock keys
  exdates                TEXT NOT NULL DEFAULT '',
  checkin_before_minutes INTEGER NOT NULL DEFAULT 15 CHECK (checkin_before_minutes >= 0),
  checkin_after_minutes  INTEGER NOT NULL DEFAULT 30 CHECK (checkin_after_minutes >= 0),
  cancelled_at           INTEGER,
  revision               INTEGER NOT NULL DEFAULT 1,  -- counts every change to the group or its sessions
  center_id              TEXT NOT NULL,
  device_id              TEXT NOT NULL,
  created_at             INTEGER NOT NULL,
  updated_at             INTEGER NOT NULL
);

CREATE TABLE calendar_session (
  id               TEXT PRIMARY KEY,
  group_id         TEXT NOT NULL REFERENCES calendar_group(id),
  occurrence       TEXT NOT NULL,  -- original start, wall clock (RECURRENCE-ID)
  cancelled        INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
  starts_local     TEXT,           -- moved: the new start
  duration_minutes INTEGER CHECK (duration_minutes IS NULL OR duration_minutes > 0),
  room             TEXT,
  starts_at        INTEGER NOT NULL,  -- UTC, kept in step with the group for reports
  ends_at          INTEGER NOT NULL,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  UNIQUE (group_id, occurrence)
);
CREATE INDEX calendar_session_by_start ON calendar_session(starts_at);

CREATE TABLE attendance (
  id             TEXT PRIMARY KEY,
  session_id     TEXT NOT NULL REFERENCES calendar_session(id),
  participant_id TEXT NOT NULL REFERENCES participant(id),
  visit_id       TEXT REFERENCES visit(id),
  joined_at      INTEGER NOT NULL,
  added_by       TEXT REFERENCES staff(id),
  attended_at    INTEGER,
  marked_by      TEXT REFERENCES staff(id),
  center_id      TEXT NOT NULL,
  device_id      TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  UNIQUE (session_id, participant_id)
);
CREATE INDEX attendance_by_participant ON attendance(participant_id);
)sql";

// Version 5: the resource directory ("Find help") and referrals.
// hsds_* tables hold the network's directory in the shape of Open Referral HSDS 3.0, keyed by HSDS ids and
// holding values as the source gave them. The hub owns them (sync replaces them, "the hub wins"), so they
// carry no foreign keys to each other: a partial page from the hub or a messy file must never block the rest.
// Referrals are this kiosk's own records and follow the usual rules (center, device, outbox).
const char* const kVersion5 = R"sql(
CREATE TABLE hsds_organization (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, alternate_name TEXT, description TEXT, email TEXT, website TEXT,
  tax_status TEXT, tax_id TEXT, year_incorporated TEXT, legal_status TEXT, logo TEXT, uri TEXT,
  parent_organization_id TEXT, imported_at INTEGER NOT NULL
);
CREATE TABLE hsds_service (
  id TEXT PRIMARY KEY, organization_id TEXT NOT NULL, name TEXT NOT NULL, alternate_name TEXT, description TEXT,
  url TEXT, email TEXT, status TEXT NOT NULL, interpretation_services TEXT, application_process TEXT,
  fees_description TEXT, wait_time TEXT, fees TEXT, accreditations TEXT, eligibility_description TEXT,
  minimum_age TEXT, maximum_age TEXT, assured_date TEXT, assurer_email TEXT, licenses TEXT, alert TEXT,
  last_modified TEXT, imported_at INTEGER NOT NULL
);
CREATE INDEX hsds_service_by_organization ON hsds_service(organization_id);
CREATE INDEX hsds_service_by_name ON hsds_service(name COLLATE NOCASE, id);
CREATE TABLE hsds_location (
  id TEXT PRIMARY KEY, location_type TEXT NOT NULL, url TEXT, organization_id TEXT, name TEXT, alternate_name TEXT,
  description TEXT, transportation TEXT, latitude TEXT, longitude TEXT, external_identifier TEXT,
  external_identifier_type TEXT, imported_at INTEGER NOT NULL
);
CREATE TABLE hsds_service_at_location (
  id TEXT PRIMARY KEY, service_id TEXT NOT NULL, location_id TEXT NOT NULL, description TEXT,
  imported_at INTEGER NOT NULL
);
CREATE INDEX hsds_service_at_location_by_service ON hsds_service_at_location(service_id);
CREATE INDEX hsds_service_at_location_by_location ON hsds_service_at_location(location_id);
CREATE TABLE hsds_address (
  id TEXT PRIMARY KEY, location_id TEXT, attention TEXT, address_1 TEXT NOT NULL, address_2 TEXT, city TEXT NOT NULL,
  region TEXT, state_province TEXT NOT NULL, postal_code TEXT NOT NULL, country TEXT NOT NULL,
  address_type TEXT NOT NULL, imported_at INTEGER NOT NULL
);
CREATE INDEX hsds_address_by_location ON hsds_address(location_id);
CREATE TABLE hsds_phone (
  id TEXT PRIMARY KEY, location_id TEXT, service_id TEXT, organization_id TEXT, service_at_location_id TEXT,
  number TEXT NOT NULL, extension TEXT, type TEXT, description TEXT, imported_at INTEGER NOT NULL
);
CREATE INDEX hsds_phone_by_service ON hsds_phone(service_id);
CREATE INDEX hsds_phone_by_location ON hsds_phone(location_id);
CREATE INDEX hsds_phone_by_organization ON hsds_phone(organization_id);
CREATE INDEX hsds_phone_by_service_at_location ON hsds_phone(service_at_location_id);
CREATE TABLE hsds_schedule (
  id TEXT PRIMARY KEY, service_id TEXT, location_id TEXT, service_at_location_id TEXT, valid_from TEXT,
  valid_to TEXT, dtstart TEXT, timezone TEXT, until TEXT, count TEXT, wkst TEXT, freq TEXT, interval TEXT,
  byday TEXT, byweekno TEXT, bymonthday TEXT, byyearday TEXT, description TEXT, opens_at TEXT, closes_at TEXT,
  schedule_link TEXT, attending_type TEXT, notes TEXT, imported_at INTEGER NOT NULL
);
CREATE INDEX hsds_schedule_by_service ON hsds_schedule(service_id);
CREATE INDEX hsds_schedule_by_location ON hsds_schedule(location_id);
CREATE INDEX hsds_schedule_by_service_at_location ON hsds_schedule(service_at_location_id);
CREATE TABLE hsds_language (
  id TEXT PRIMARY KEY, service_id TEXT, location_id TEXT, phone_id TEXT, name TEXT, code TEXT, note TEXT,
  imported_at INTEGER NOT NULL
);
CREATE INDEX hsds_language_by_service ON hsds_language(service_id);
CREATE INDEX hsds_language_by_location ON hsds_language(location_id);
CREATE TABLE hsds_cost_option (
  id TEXT PRIMARY KEY, service_id TEXT NOT NULL, valid_from TEXT, valid_to TEXT, option TEXT, currency TEXT,
  amount TEXT, amount_description TEXT, imported_at INTEGER NOT NULL
);
CREATE INDEX hsds_cost_option_by_service ON hsds_cost_option(service_id);
CREATE TABLE hsds_taxonomy (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL, uri TEXT, version TEXT,
  imported_at INTEGER NOT NULL
);
CREATE TABLE hsds_taxonomy_term (
  id TEXT PRIMARY KEY, code TEXT, name TEXT NOT NULL, description TEXT NOT NULL, parent_id TEXT, taxonomy TEXT,
  language TEXT, taxonomy_id TEXT, term_uri TEXT, imported_at INTEGER NOT NULL
);
CREATE TABLE hsds_attribute (
  id TEXT PRIMARY KEY, link_id TEXT NOT NULL, taxonomy_term_id TEXT NOT NULL, link_type TEXT,
  link_entity TEXT NOT NULL, value TEXT, imported_at INTEGER NOT NULL
);
CREATE INDEX hsds_attribute_by_link ON hsds_attribute(link_id);

-- The kiosk's own categories (food, shelter, ...) of each service, derived from its taxonomy terms at import.
CREATE TABLE directory_category (
  service_id TEXT NOT NULL,
  category   TEXT NOT NULL,
  PRIMARY KEY (category, service_id)
) WITHOUT ROWID;
CREATE INDEX directory_category_by_service ON directory_category(service_id);
-- Each service's folded name ("clinica de credito"), made at import, so results sort without folding per keystroke.
CREATE TABLE directory_name (
  service_id TEXT PRIMARY KEY,
  name_key   TEXT NOT NULL
) WITHOUT ROWID;

-- Word search while typing: one row per service (rowid = hsds_service.rowid); unicode61 with
-- remove_diacritics 2 makes "credito" find "crédito"; prefix indexes make each keystroke an index lookup.
CREATE VIRTUAL TABLE directory_search USING fts5(
  name, organization, description, taxonomy,
  tokenize = "unicode61 remove_diacritics 2", prefix = '1 2 3'
);

CREATE TABLE referral (
  id                TEXT PRIMARY KEY,
  participant_id    TEXT REFERENCES participant(id),
  service_id        TEXT NOT NULL,
  -- What the service was called when referred: the directory may change or drop it later.
  service_name      TEXT NOT NULL,
  organization_name TEXT,
  category          TEXT NOT NULL,
  made_by           TEXT REFERENCES staff(id),
  self_referral     INTEGER NOT NULL CHECK (self_referral IN (0, 1)),
  status            TEXT NOT NULL CHECK (status IN ('made', 'connected', 'not_connected', 'no_answer')),
  follow_up_due     TEXT CHECK (follow_up_due IS NULL OR
                                follow_up_due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  notes             TEXT,
  center_id         TEXT NOT NULL,
  device_id         TEXT NOT NULL,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  CHECK (self_referral = 1 OR made_by IS NOT NULL)
);
CREATE INDEX referral_by_participant ON referral(participant_id, created_at);
CREATE INDEX referral_by_follow_up ON referral(follow_up_due) WHERE status IN ('made', 'no_answer');
CREATE INDEX referral_by_created ON referral(created_at);

-- Every change of a referral as an event (the referral row holds the latest state).
CREATE TABLE referral_event (
  id          TEXT PRIMARY KEY,
  referral_id TEXT NOT NULL REFERENCES referral(id),
  at          INTEGER NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('made', 'connected', 'not_connected', 'no_answer')),
  note        TEXT,
  staff_id    TEXT REFERENCES staff(id),
  source      TEXT NOT NULL CHECK (source IN ('kiosk', 'staff'))
);
CREATE INDEX referral_event_by_referral ON referral_event(referral_id, at);
)sql";

// Version 6: retention. A participant whose identifying fields were purged keeps the row (counts stay) and
// is marked so the daily purge passes over them.
const char* const kVersion6 = R"sql(
ALTER TABLE participant ADD COLUMN purged_at INTEGER;
-- The daily run looks only at people not purged yet: once everyone old is purged it reads a handful of rows.
CREATE INDEX participant_unpurged_by_created ON participant(created_at) WHERE purged_at IS NULL;
)sql";

// Version 7: failed staff sign-ins under a name or id that is no staff account, counted exactly like an
// account's (waits, then a lock), so that neither the answers nor their sequence tell which names exist. Keyed
// by a BLAKE2b hash of the folded name, so the table is no list of names people typed.
const char* const kVersion7 = R"sql(
CREATE TABLE staff_login_unknown (
  key_hash        TEXT PRIMARY KEY,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  last_failed_at  INTEGER,
  locked_at       INTEGER
) WITHOUT ROWID;
)sql";

// Version 8: the zone a group's rule repeats in, when an imported event's TZID is not the center's zone
// (RFC 5545 expands a rule in its DTSTART's zone). Empty: the center's wall clock, as before.
const char* const kVersion8 = R"sql(
ALTER TABLE calendar_group ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';
)sql";

}  // namespace

const std::vector<std::string>& migration_steps() {
  static const std::vector<std::string> steps{kVersion1, kVersion2, kVersion3, kVersion4,
                                              kVersion5, kVersion6, kVersion7, kVersion8};
  return steps;
}

}  // namespace porchlight::core
