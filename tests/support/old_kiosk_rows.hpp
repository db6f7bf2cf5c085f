#pragma once
// Rows a kiosk could have written at schema version `version`, with raw SQL as that version's code would. The
// migration tests start from them, and so does the package upgrade test's "previous release" database.
namespace porchlight::test {

// `exec` runs one SQL statement (given as const char*) and fails the caller's way when it does not succeed.
template <class Exec>
void put_old_kiosk_rows(Exec&& exec, int version) {
  if (version >= 1) {
    exec("INSERT INTO setting (key, value) VALUES ('test.marker', 'kept')");
    exec(
        "INSERT INTO participant (id, first_name, last_name, first_key, last_key, language, consent_record, "
        "center_id, device_id, created_at, updated_at) VALUES "
        "('p-maria', 'Maria', 'García', 'maria', 'garcia', 'es', 1, 'center-1', 'device-1', 1000, 1000)");
    exec(
        "INSERT INTO staff (id, name, role, pin_hash, center_id, device_id, created_at, updated_at) VALUES "
        "('s-sam', 'Sam Old', 'peer', '$argon2id$v=19$m=8,t=1,p=1$xx$yy', 'center-1', 'device-1', 1000, 1000)");
  }
  if (version >= 2) {
    exec(
        "INSERT INTO reason (code, label_en, label_es, sensitive, position) VALUES "
        "('laundry', 'Laundry', 'Lavandería', 0, 200)");
    exec(
        "INSERT INTO visit (id, participant_id, guest, signed_in_at, center_id, device_id, created_at, updated_at) "
        "VALUES ('v-1', 'p-maria', 0, 2000, 'center-1', 'device-1', 2000, 2000)");
    exec("INSERT INTO visit_reason (visit_id, reason_code) VALUES ('v-1', 'laundry')");
    exec("UPDATE participant SET first_visit_at = 2000 WHERE id = 'p-maria'");
  }
  if (version >= 3) {
    exec("UPDATE participant SET card_code = 'CARD-1' WHERE id = 'p-maria'");
    exec(
        "INSERT INTO outbox (mutation_id, entity, entity_id, operation, payload, created_at) VALUES "
        "('m-1', 'participant', 'p-maria', 'created', '{}', 1000)");
  }
  if (version >= 4) {
    exec(
        "INSERT INTO calendar_group (id, uid, title, starts_local, duration_minutes, rrule, capacity, center_id, "
        "device_id, created_at, updated_at) VALUES ('g-wrap', 'wrap@center', 'WRAP', '20260303T180000', 90, "
        "'FREQ=WEEKLY;BYDAY=TU', 8, 'center-1', 'device-1', 3000, 3000)");
    exec(
        "INSERT INTO calendar_session (id, group_id, occurrence, cancelled, starts_at, ends_at, created_at, "
        "updated_at) VALUES ('s-1', 'g-wrap', '20260303T180000', 0, 4000, 5000, 3000, 3000)");
    exec(
        "INSERT INTO attendance (id, session_id, participant_id, visit_id, joined_at, center_id, device_id, "
        "created_at, updated_at) VALUES ('a-1', 's-1', 'p-maria', 'v-1', 3500, 'center-1', 'device-1', 3500, 3500)");
  }
  if (version >= 5) {
    exec("INSERT INTO hsds_organization (id, name, imported_at) VALUES ('o-1', 'Eastside Church', 3000)");
    exec(
        "INSERT INTO hsds_service (id, organization_id, name, status, imported_at) VALUES "
        "('s-1', 'o-1', 'Eastside Food Bank', 'active', 3000)");
    exec(
        "INSERT INTO referral (id, participant_id, service_id, service_name, category, self_referral, status, "
        "follow_up_due, center_id, device_id, created_at, updated_at) VALUES ('r-1', 'p-maria', 's-1', "
        "'Eastside Food Bank', 'food', 1, 'made', '2026-03-17', 'center-1', 'device-1', 3000, 3000)");
    exec(
        "INSERT INTO referral_event (id, referral_id, at, status, source) VALUES ('e-1', 'r-1', 3000, 'made', 'kiosk')");
  }
}

}  // namespace porchlight::test
