#include "porchlight/core/participants.hpp"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "porchlight/core/audit.hpp"
#include "porchlight/core/outbox.hpp"
#include "porchlight/core/text.hpp"

namespace porchlight::core {

namespace {

constexpr std::size_t kMaxNameLength = 60;

// Every column a ParticipantMatch needs, in this order.
constexpr const char* kMatchColumns = "id, first_name, last_name, pin_hash IS NOT NULL, birth_date IS NOT NULL";

ParticipantMatch read_match(const Query& query) {
  return ParticipantMatch{query.text(0), display_name(query.text(1), query.text(2)), query.integer(3) != 0,
                          query.integer(4) != 0};
}

Result<std::string> clean_name(const std::string& raw, const char* which, bool allow_initial) {
  std::string name = normalize_nfc(tidy_spaces(raw));
  if (!is_valid_utf8(name) || has_control_characters(name)) {
    return make_error(std::string("the ") + which + " has characters that cannot be used");
  }
  // "G." is how people write an initial; store the letter alone so it shows as "Maria G.".
  if (allow_initial && name.size() >= 2 && name.back() == '.' && code_point_count(name) == 2) name.pop_back();
  if (name.empty()) return make_error(std::string("please enter a ") + which);
  if (code_point_count(name) > kMaxNameLength) {
    return make_error(std::string("the ") + which + " is too long (at most 60 letters)");
  }
  return name;
}

Result<std::optional<std::string>> clean_phone(const std::optional<std::string>& raw) {
  if (!raw) return std::optional<std::string>();
  const std::string phone = tidy_spaces(*raw);
  if (phone.empty()) return std::optional<std::string>();
  int digits = 0;
  for (char c : phone) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.' && c != '+') {
      return make_error("a phone number has only digits, spaces and - ( ) +");
    }
  }
  if (digits < 7 || digits > 15) return make_error("a phone number has 7 to 15 digits");
  return std::optional<std::string>(phone);
}

Result<std::optional<std::string>> clean_email(const std::optional<std::string>& raw) {
  if (!raw) return std::optional<std::string>();
  const std::string email = tidy_spaces(*raw);
  if (email.empty()) return std::optional<std::string>();
  const auto at = email.find('@');
  const bool shaped = at != std::string::npos && at > 0 && email.find('@', at + 1) == std::string::npos &&
                      email.find('.', at + 2) != std::string::npos && email.back() != '.' &&
                      email.find(' ') == std::string::npos && email.size() <= 254;
  if (!shaped || has_control_characters(email)) return make_error("that does not look like an email address");
  return std::optional<std::string>(email);
}

Result<std::optional<std::string>> clean_birth_date(Store& store, const std::optional<std::string>& raw) {
  if (!raw || raw->empty()) return std::optional<std::string>();
  const auto date = LocalDate::parse(*raw);
  if (!date) return make_error("a birth date is written YYYY-MM-DD and must be a real day");
  if (date->year < 1900 || *date > store.center_time().date_of(store.now())) {
    return make_error("that birth date is not possible");
  }
  return std::optional<std::string>(date->iso());
}

// A code for a printed member card: 10 characters that a barcode scanner types and a person can read
// aloud (no 0/O or 1/I/L to confuse).
std::string new_card_code() {
  static constexpr char kAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  std::string code = "PL";
  for (int i = 0; i < 8; ++i) code.push_back(kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)]);
  return code;
}

Result<std::string> assign_new_card(Store& store, const std::string& participant_id) {
  PL_TRY_ASSIGN(update, store.db().query("UPDATE participant SET card_code = ?1, updated_at = ?2 WHERE id = ?3"));
  // A clash among 31^8 codes is unlikely but possible; the unique index tells us, so try again.
  for (int attempt = 0; attempt < 5; ++attempt) {
    const std::string code = new_card_code();
    update.bind(1, code).bind(2, store.now()).bind(3, participant_id);
    auto done = update.run();
    if (done) return code;
    if (done.error().message.find("UNIQUE") == std::string::npos) return done.error();
    update.reset();
  }
  return make_error("could not make a unique member card code");
}

// What leaves the kiosk about a new participant. Without their consent to share, the hub learns only that
// a person exists (an opaque id, for unduplicated counts across centers), never who.
sync::ParticipantCreated participant_payload(const std::string& id, const std::string& first, const std::string& last,
                                             const std::optional<std::string>& phone,
                                             const std::optional<std::string>& email,
                                             const std::optional<std::string>& birth_date,
                                             const NewParticipant& person, const Store& store, Millis now) {
  sync::ParticipantCreated payload{id,
                                   person.consent_record,
                                   person.consent_contact,
                                   person.consent_share,
                                   store.center().center_id,
                                   store.center().device_id,
                                   iso_utc(now),
                                   std::nullopt};
  if (!person.consent_share) return payload;
  payload.details = sync::SharedParticipantDetails{first,
                                                   last,
                                                   person.consent_contact ? phone : std::nullopt,
                                                   person.consent_contact ? email : std::nullopt,
                                                   birth_date,
                                                   person.language};
  return payload;
}

}  // namespace

Result<std::string> register_participant(Store& store, const NewParticipant& person) {
  PL_TRY_ASSIGN(first, clean_name(person.first_name, "first name", false));
  PL_TRY_ASSIGN(last, clean_name(person.last_name, "last name or initial", true));
  PL_TRY_ASSIGN(phone, clean_phone(person.phone));
  PL_TRY_ASSIGN(email, clean_email(person.email));
  PL_TRY_ASSIGN(birth_date, clean_birth_date(store, person.birth_date));
  if (person.language != "en" && person.language != "es") return make_error("the language must be en or es");
  if (!person.consent_record) {
    return make_error("we can only keep your name with your OK; you can sign in as a guest instead");
  }
  std::optional<std::string> pin_hash;
  if (person.pin && !person.pin->empty()) {
    if (!is_valid_pin(*person.pin)) return make_error("a PIN is 4 to 6 digits");
    PL_TRY_ASSIGN(hash, hash_pin(*person.pin, store.pin_cost()));
    pin_hash = std::move(hash);
  }

  const Millis now = store.now();
  const std::string id = store.new_id();
  PL_TRY_ASSIGN(transaction, store.db().begin());
  PL_TRY_ASSIGN(insert, store.db().query(
                            "INSERT INTO participant (id, first_name, last_name, first_key, last_key, pin_hash, phone, "
                            "email, birth_date, language, consent_record, consent_contact, consent_share, center_id, "
                            "device_id, created_at, updated_at) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)"));
  PL_TRY(insert.bind(1, id)
             .bind(2, first)
             .bind(3, last)
             .bind(4, fold_for_search(first))
             .bind(5, fold_for_search(last))
             .bind(6, pin_hash)
             .bind(7, phone)
             .bind(8, email)
             .bind(9, birth_date)
             .bind(10, person.language)
             .bind(11, person.consent_record)
             .bind(12, person.consent_contact)
             .bind(13, person.consent_share)
             .bind(14, store.center().center_id)
             .bind(15, store.center().device_id)
             .bind(16, now)
             .run());
  PL_TRY(assign_new_card(store, id));
  PL_TRY(enqueue_mutation(store, sync::MutationKind::ParticipantCreated, id,
                          participant_payload(id, first, last, phone, email, birth_date, person, store, now)));
  PL_TRY(transaction.commit());
  return id;
}

Result<std::vector<ParticipantMatch>> find_participants(Store& store, std::string_view typed, int limit) {
  std::vector<ParticipantMatch> matches;
  const std::string folded = fold_for_search(typed);
  if (folded.empty() || limit <= 0) return matches;

  std::vector<std::string> words;
  for (std::size_t start = 0; start < folded.size();) {
    const auto space = folded.find(' ', start);
    words.push_back(folded.substr(start, space == std::string::npos ? std::string::npos : space - start));
    if (space == std::string::npos) break;
    start = space + 1;
  }

  // Each attempt: (drive by first name?, prefix of the driving column, prefix the other column must have).
  struct Attempt {
    bool by_first;
    std::string prefix;
    std::string other_prefix;
  };
  std::vector<Attempt> attempts;
  attempts.push_back({true, folded, ""});  // "mary ann" as a first name, or one word
  if (words.size() >= 2) {
    std::string leading;  // every word but the last: the first name; the last word: the surname
    for (std::size_t i = 0; i + 1 < words.size(); ++i) leading += (i ? " " : "") + words[i];
    std::string trailing;  // the first word as the surname, the rest as the first name ("garcia maria")
    for (std::size_t i = 1; i < words.size(); ++i) trailing += (i > 1 ? " " : "") + words[i];
    // Drive each two-part attempt by the longer part: "m brenda" scans the few surnames starting "brenda",
    // not the hundred thousand first names starting "m".
    auto first_and_last = [&](const std::string& first, const std::string& last) {
      if (last.size() > first.size()) {
        attempts.push_back({false, last, first});
      } else {
        attempts.push_back({true, first, last});
      }
    };
    first_and_last(leading, words.back());
    first_and_last(trailing, words.front());
  }
  attempts.push_back({false, folded, ""});  // one word as a surname, or "de la cruz"

  // Byte 0xFF never occurs in UTF-8, so [prefix, prefix + 0xFF) holds exactly the keys starting with prefix.
  const std::string beyond = "\xFF";
  for (const auto& attempt : attempts) {
    if (static_cast<int>(matches.size()) >= limit) break;
    const std::string sql =
        attempt.by_first
            ? std::string("SELECT ") + kMatchColumns +
                  " FROM participant INDEXED BY participant_by_first WHERE merged_into IS NULL AND first_key >= ?1 "
                  "AND first_key < ?2 AND last_key >= ?3 AND last_key < ?4 ORDER BY first_key, last_key LIMIT ?5"
            : std::string("SELECT ") + kMatchColumns +
                  " FROM participant INDEXED BY participant_by_last WHERE merged_into IS NULL AND last_key >= ?1 "
                  "AND last_key < ?2 AND first_key >= ?3 AND first_key < ?4 ORDER BY last_key, first_key LIMIT ?5";
    PL_TRY_ASSIGN(query, store.db().query(sql));
    query.bind(1, attempt.prefix)
        .bind(2, attempt.prefix + beyond)
        .bind(3, attempt.other_prefix)
        .bind(4, attempt.other_prefix + beyond)
        .bind(5, limit);
    for (;;) {
      PL_TRY_ASSIGN(has_row, query.step());
      if (!has_row) break;
      auto match = read_match(query);
      bool seen = false;
      for (const auto& earlier : matches) seen = seen || earlier.id == match.id;
      if (!seen && static_cast<int>(matches.size()) < limit) matches.push_back(std::move(match));
    }
  }
  return matches;
}

Result<std::vector<std::string>> participant_ids(Store& store, int limit) {
  PL_TRY_ASSIGN(query, store.db().query("SELECT id FROM participant WHERE merged_into IS NULL "
                                        "ORDER BY created_at DESC, id DESC LIMIT ?1"));
  query.bind(1, limit);
  return query.collect([](const Query& row) { return row.text(0); });
}

Result<bool> confirm_by_pin(Store& store, const std::string& participant_id, std::string_view pin) {
  PL_TRY_ASSIGN(query, store.db().query("SELECT pin_hash FROM participant WHERE id = ?1 AND merged_into IS NULL"));
  query.bind(1, participant_id);
  PL_TRY_ASSIGN(has_row, query.step());
  if (!has_row || query.is_null(0)) return false;
  return verify_pin(query.text(0), pin);
}

Result<bool> confirm_by_birth_date(Store& store, const std::string& participant_id, std::string_view birth_date) {
  const auto date = LocalDate::parse(birth_date);
  if (!date) return false;
  PL_TRY_ASSIGN(query, store.db().query("SELECT birth_date FROM participant WHERE id = ?1 AND merged_into IS NULL"));
  query.bind(1, participant_id);
  PL_TRY_ASSIGN(has_row, query.step());
  if (!has_row || query.is_null(0)) return false;
  // Comparing with sodium_memcmp keeps the time the same whether the first digits match or not.
  const std::string stored = query.text(0);
  const std::string given = date->iso();
  return stored.size() == given.size() && sodium_memcmp(stored.data(), given.data(), given.size()) == 0;
}

Result<std::optional<ParticipantMatch>> find_by_card(Store& store, std::string_view code) {
  std::string cleaned;
  for (char c : code) {
    if (c == ' ' || c == '-' || c == '\r' || c == '\n' || c == '\t') continue;
    cleaned.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  PL_TRY_ASSIGN(query, store.db().query(std::string("SELECT ") + kMatchColumns +
                                        " FROM participant WHERE card_code = ?1 AND merged_into IS NULL"));
  query.bind(1, cleaned);
  PL_TRY_ASSIGN(has_row, query.step());
  if (!has_row) return std::optional<ParticipantMatch>();
  return std::optional<ParticipantMatch>(read_match(query));
}

Result<std::string> issue_member_card(Store& store, const std::string& participant_id) {
  PL_TRY_ASSIGN(live_id, current_participant_id(store, participant_id));
  PL_TRY_ASSIGN(transaction, store.db().begin());
  PL_TRY_ASSIGN(code, assign_new_card(store, live_id));
  PL_TRY(transaction.commit());
  return code;
}

Result<std::string> current_participant_id(Store& store, const std::string& participant_id) {
  PL_TRY_ASSIGN(query, store.db().query("SELECT merged_into FROM participant WHERE id = ?1"));
  std::string current = participant_id;
  for (int hops = 0; hops < 16; ++hops) {
    query.bind(1, current);
    PL_TRY_ASSIGN(has_row, query.step());
    if (!has_row) return make_error("no participant has the id " + participant_id);
    auto next = query.optional_text(0);
    if (!next) return current;
    current = *next;
    query.reset();
  }
  return make_error("participant " + participant_id + " is merged in a loop; ask an admin to check the database");
}

Result<ParticipantRecord> get_participant(Store& store, const std::string& participant_id) {
  PL_TRY_ASSIGN(query, store.db().query(
                           "SELECT id, first_name, last_name, phone, email, birth_date, language, consent_record, "
                           "consent_contact, consent_share, pin_hash IS NOT NULL, card_code, merged_into, created_at, "
                           "first_visit_at FROM participant WHERE id = ?1"));
  query.bind(1, participant_id);
  PL_TRY_ASSIGN(has_row, query.step());
  if (!has_row) return make_error("no participant has the id " + participant_id);
  ParticipantRecord record;
  record.id = query.text(0);
  record.first_name = query.text(1);
  record.last_name = query.text(2);
  record.display_name = display_name(record.first_name, record.last_name);
  record.phone = query.optional_text(3);
  record.email = query.optional_text(4);
  record.birth_date = query.optional_text(5);
  record.language = query.text(6);
  record.consent_record = query.integer(7) != 0;
  record.consent_contact = query.integer(8) != 0;
  record.consent_share = query.integer(9) != 0;
  record.has_pin = query.integer(10) != 0;
  record.card_code = query.optional_text(11);
  record.merged_into = query.optional_text(12);
  record.created_at = query.integer(13);
  record.first_visit_at = query.optional_integer(14);
  return record;
}

Result<void> merge_participants(Store& store, const std::string& keep, const std::string& duplicate,
                                const std::optional<std::string>& staff_id) {
  if (keep == duplicate) return make_error("a participant cannot be merged into themselves");
  PL_TRY_ASSIGN(kept, get_participant(store, keep));
  PL_TRY_ASSIGN(dropped, get_participant(store, duplicate));
  if (kept.merged_into) return make_error("participant " + keep + " was already merged into another record");
  if (dropped.merged_into) return make_error("participant " + duplicate + " was already merged into another record");

  const Millis now = store.now();
  PL_TRY_ASSIGN(transaction, store.db().begin());
  {
    PL_TRY_ASSIGN(move_visits, store.db().query("UPDATE visit SET participant_id = ?1, updated_at = ?3 "
                                                "WHERE participant_id = ?2"));
    PL_TRY(move_visits.bind(1, keep).bind(2, duplicate).bind(3, now).run());
  }
  {
    // Referrals and group attendance follow the person too. One person is on a session's list once: where both
    // records joined the same session, the kept row takes the duplicate's check-in if it has none, and the
    // duplicate's row goes.
    PL_TRY_ASSIGN(move_referrals, store.db().query("UPDATE referral SET participant_id = ?1, updated_at = ?3 "
                                                   "WHERE participant_id = ?2"));
    PL_TRY(move_referrals.bind(1, keep).bind(2, duplicate).bind(3, now).run());
    PL_TRY_ASSIGN(fold_attendance,
                  store.db().query("UPDATE attendance AS kept SET "
                                   "attended_at = coalesce(kept.attended_at, dup.attended_at), "
                                   "marked_by = CASE WHEN kept.attended_at IS NULL THEN dup.marked_by "
                                   "  ELSE kept.marked_by END, updated_at = ?3 "
                                   "FROM attendance AS dup WHERE kept.participant_id = ?1 AND dup.participant_id = ?2 "
                                   "AND dup.session_id = kept.session_id"));
    PL_TRY(fold_attendance.bind(1, keep).bind(2, duplicate).bind(3, now).run());
    PL_TRY_ASSIGN(drop_twice_listed,
                  store.db().query("DELETE FROM attendance WHERE participant_id = ?2 AND session_id IN "
                                   "(SELECT session_id FROM attendance WHERE participant_id = ?1)"));
    PL_TRY(drop_twice_listed.bind(1, keep).bind(2, duplicate).run());
    PL_TRY_ASSIGN(move_attendance, store.db().query("UPDATE attendance SET participant_id = ?1, updated_at = ?3 "
                                                    "WHERE participant_id = ?2"));
    PL_TRY(move_attendance.bind(1, keep).bind(2, duplicate).bind(3, now).run());
  }
  {
    // The duplicate's card code moves over only when the kept record has none; free it first (unique index).
    PL_TRY_ASSIGN(retire, store.db().query("UPDATE participant SET merged_into = ?1, card_code = NULL, updated_at = ?3 "
                                           "WHERE id = ?2"));
    PL_TRY(retire.bind(1, keep).bind(2, duplicate).bind(3, now).run());
  }
  {
    // Fill what the kept record lacks; sharing and contact stay only if both records allowed them.
    PL_TRY_ASSIGN(fill,
                  store.db().query(
                      "UPDATE participant SET "
                      "phone = coalesce(phone, ?2), email = coalesce(email, ?3), "
                      "birth_date = coalesce(birth_date, ?4), card_code = coalesce(card_code, ?5), "
                      "pin_hash = coalesce(pin_hash, (SELECT pin_hash FROM participant WHERE id = ?6)), "
                      "first_visit_at = CASE WHEN first_visit_at IS NULL THEN ?7 WHEN ?7 IS NULL THEN first_visit_at "
                      "  ELSE min(first_visit_at, ?7) END, "
                      "consent_contact = consent_contact AND ?8, consent_share = consent_share AND ?9, "
                      "updated_at = ?10 WHERE id = ?1"));
    PL_TRY(fill.bind(1, keep)
               .bind(2, dropped.phone)
               .bind(3, dropped.email)
               .bind(4, dropped.birth_date)
               .bind(5, dropped.card_code)
               .bind(6, duplicate)
               .bind(7, dropped.first_visit_at)
               .bind(8, dropped.consent_contact)
               .bind(9, dropped.consent_share)
               .bind(10, now)
               .run());
  }
  PL_TRY(enqueue_mutation(store, sync::MutationKind::ParticipantMerged, duplicate,
                          sync::ParticipantMerged{duplicate, keep, iso_utc(now)}));
  PL_TRY(record_audit(store, staff_id, "participant.merge", keep, "merged " + duplicate));
  return transaction.commit();
}

}  // namespace porchlight::core
