#pragma once
#include <optional>
#include <string>
#include <vector>

#include "porchlight/core/store.hpp"

namespace porchlight::core {

struct NewParticipant {
  std::string first_name;
  std::string last_name;  // a whole surname or just an initial
  std::optional<std::string> pin;
  std::optional<std::string> phone;
  std::optional<std::string> email;
  std::optional<std::string> birth_date;  // YYYY-MM-DD
  std::string language = "en";            // "en" or "es"
  bool consent_record = false;            // may keep the name to recognise them next time (required)
  bool consent_contact = false;           // may phone or email them
  bool consent_share = false;             // profile may go to the center network's hub beyond counts
};

// What a public screen may know about a match: an opaque id and "First L.".
struct ParticipantMatch {
  std::string id;
  std::string display_name;
  bool has_pin = false;
  bool has_birth_date = false;
};

// The full record, for staff screens and the admin tool only.
struct ParticipantRecord {
  std::string id;
  std::string first_name;
  std::string last_name;
  std::string display_name;
  std::optional<std::string> phone;
  std::optional<std::string> email;
  std::optional<std::string> birth_date;
  std::string language;
  bool consent_record = false;
  bool consent_contact = false;
  bool consent_share = false;
  bool has_pin = false;
  std::optional<std::string> card_code;
  std::optional<std::string> merged_into;
  Millis created_at = 0;
  std::optional<Millis> first_visit_at;
};

// Validates, stores and queues a new participant; returns the new id. Also issues a member-card code.
Result<std::string> register_participant(Store& store, const NewParticipant& person);

// Lookup while typing. One word matches the start of the first or the last name; two or more words match
// the first name by the first word and the last name by the last word (either order). Case and accents are
// ignored. Ranked: exact first names before longer ones, first-name matches before last-name matches, then
// alphabetically. Merged-away records never appear.
Result<std::vector<ParticipantMatch>> find_participants(Store& store, std::string_view typed, int limit = 8);

// Ids of current (not merged-away) participants, newest first: for simulations and staff tools.
Result<std::vector<std::string>> participant_ids(Store& store, int limit);

Result<bool> confirm_by_pin(Store& store, const std::string& participant_id, std::string_view pin);
Result<bool> confirm_by_birth_date(Store& store, const std::string& participant_id, std::string_view birth_date);

// A printed member card's code identifies the participant directly (barcode scanners type it).
Result<std::optional<ParticipantMatch>> find_by_card(Store& store, std::string_view code);
// Replaces the participant's card code (a lost card stops working); returns the new code.
Result<std::string> issue_member_card(Store& store, const std::string& participant_id);

// The record that stands for the person now: follows merges (A merged into B merged into C gives C).
Result<std::string> current_participant_id(Store& store, const std::string& participant_id);

Result<ParticipantRecord> get_participant(Store& store, const std::string& participant_id);

// Folds `duplicate` into `keep`: visits move over, empty fields of `keep` are filled from `duplicate`,
// and `duplicate` stays only as a pointer to `keep`. Audited under `staff_id`.
Result<void> merge_participants(Store& store, const std::string& keep, const std::string& duplicate,
                                const std::optional<std::string>& staff_id);

}  // namespace porchlight::core
