#include "porchlight/core/sync_state.hpp"

#include "porchlight/core/crisis_lines.hpp"
#include "porchlight/core/directory.hpp"
#include "porchlight/core/ical.hpp"

namespace porchlight::core {

namespace {

constexpr const char* kCursorKey = "sync.pull_cursor";
constexpr const char* kLastAttemptKey = "sync.last_attempt_at";
constexpr const char* kLastSuccessKey = "sync.last_success_at";
constexpr const char* kLastErrorKey = "sync.last_error";

Result<std::optional<std::string>> read_setting(Store& store, const char* key) {
  PL_TRY_ASSIGN(query, store.db().query("SELECT value FROM setting WHERE key = ?1"));
  query.bind(1, key);
  PL_TRY_ASSIGN(has_row, query.step());
  if (!has_row) return std::optional<std::string>();
  return std::optional<std::string>(query.text(0));
}

Result<void> write_setting(Store& store, const char* key, const std::string& value) {
  PL_TRY_ASSIGN(query, store.db().query("INSERT INTO setting (key, value) VALUES (?1, ?2) "
                                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
  return query.bind(1, key).bind(2, value).run();
}

std::optional<Millis> as_millis(const std::optional<std::string>& text) {
  if (!text || text->empty()) return std::nullopt;
  return std::strtoll(text->c_str(), nullptr, 10);
}

// A hub-owned setting. Each is checked as the kiosk's own setters check it; a bad one is refused, not half-set.
Result<void> apply_setting(Store& store, const std::string& key, const nlohmann::json& value) {
  if (key == "center_name") {
    if (!value.is_string()) return make_error("center_name must be text");
    return store.set_center_name(value.get<std::string>());
  }
  if (key == "time_zone") {
    if (!value.is_string()) return make_error("time_zone must be text");
    return store.set_time_zone(value.get<std::string>());
  }
  if (key == "fiscal_year_start_month") {
    if (!value.is_number_integer()) return make_error("fiscal_year_start_month must be a whole number");
    return store.set_fiscal_year_start_month(value.get<int>());
  }
  if (key == "share_sensitive_reasons") {
    if (!value.is_boolean()) return make_error("share_sensitive_reasons must be true or false");
    return store.set_share_sensitive_reasons(value.get<bool>());
  }
  if (key == "retention_months") {
    if (!value.is_number_integer()) return make_error("retention_months must be a whole number");
    const auto months = value.get<std::int64_t>();  // checked as 64 bits: a huge value must not wrap into range
    if (months < 0 || months > kMaxRetentionMonths) return make_error("retention_months must be 0 to 600");
    return store.set_retention_months(static_cast<int>(months));
  }
  if (key == "crisis_lines") {
    if (!value.is_array()) return make_error("crisis_lines must be a list");
    std::vector<CrisisLine> lines;
    for (const auto& item : value) {
      if (!item.is_object()) return make_error("each crisis line must be an object");
      CrisisLine line;
      for (auto [field, target] : {std::pair{"label_en", &line.label_en}, std::pair{"label_es", &line.label_es},
                                   std::pair{"number", &line.number}}) {
        const auto found = item.find(field);
        if (found != item.end() && !found->is_string()) return make_error(std::string(field) + " must be text");
        if (found != item.end()) *target = found->get<std::string>();
      }
      lines.push_back(std::move(line));
    }
    return set_crisis_lines(store, lines);
  }
  return make_error("this kiosk has no setting called " + key);
}

}  // namespace

Result<void> record_push_outcome(Store& store, const std::vector<std::string>& acknowledged,
                                 const std::vector<std::pair<std::string, std::string>>& refused) {
  const Millis now = store.now();
  PL_TRY_ASSIGN(transaction, store.db().begin());
  PL_TRY_ASSIGN(ack, store.db().query("UPDATE outbox SET acked_at = ?2 WHERE mutation_id = ?1 AND acked_at IS NULL"));
  for (const auto& id : acknowledged) {
    PL_TRY(ack.bind(1, id).bind(2, now).run());
    ack.reset();
  }
  PL_TRY_ASSIGN(park, store.db().query("UPDATE outbox SET parked_at = ?2, parked_reason = ?3 "
                                       "WHERE mutation_id = ?1 AND acked_at IS NULL"));
  for (const auto& [id, reason] : refused) {
    PL_TRY(park.bind(1, id).bind(2, now).bind(3, reason.empty() ? std::string("refused by the hub") : reason).run());
    park.reset();
  }
  return transaction.commit();
}

Result<std::vector<ParkedMutation>> parked_mutations(Store& store, int limit) {
  PL_TRY_ASSIGN(query, store.db().query("SELECT mutation_id, entity, operation, parked_reason, parked_at FROM outbox "
                                        "WHERE parked_at IS NOT NULL ORDER BY seq LIMIT ?1"));
  query.bind(1, limit);
  return query.collect([](const Query& row) {
    return ParkedMutation{row.text(0), row.text(1), row.text(2), row.text(3), row.integer(4)};
  });
}

Result<FeedApplied> apply_feed_page(Store& store, const std::vector<FeedChange>& changes, std::int64_t next_cursor) {
  FeedApplied outcome;
  PL_TRY_ASSIGN(transaction, store.db().begin());
  // Directory services come by the hundred: imported together, with one rebuild of categories and search.
  auto services = nlohmann::json::array();
  for (const auto& change : changes) {
    if (change.kind == "directory.service" && !change.deleted) services.push_back(change.payload);
  }
  if (!services.empty()) {
    const auto parsed = parse_hsds_json(services.dump(), "hub");
    PL_TRY_ASSIGN(report, import_directory(store, parsed));
    for (const auto& problem : report.problems) outcome.problems.push_back("directory: " + problem.text());
    outcome.refused += static_cast<int>(report.problems.size());
  }
  for (const auto& change : changes) {
    if (change.kind == "directory.service") {
      // A service the hub withdrew stays until the next full import; the hub does not withdraw services yet.
      if (!change.deleted) ++outcome.applied;
      continue;
    }
    if (change.kind == "calendar.ics") {
      const auto ics = change.payload.find("ics");
      Result<ImportSummary> imported = change.deleted || ics == change.payload.end() || !ics->is_string()
                                           ? Result<ImportSummary>(make_error("the calendar has no text"))
                                           : import_calendar(store, ics->get<std::string>(), std::nullopt);
      if (!imported) {
        ++outcome.refused;
        outcome.problems.push_back("calendar: " + imported.error().message);
      } else {
        ++outcome.applied;
      }
      continue;
    }
    if (change.kind == "setting") {
      if (change.deleted) {
        ++outcome.applied;  // a setting withdrawn on the hub keeps the kiosk's last value
        continue;
      }
      const auto value = change.payload.find("value");
      Result<void> applied = value == change.payload.end() ? Result<void>(make_error("the setting has no value"))
                                                             : apply_setting(store, change.id, *value);
      if (!applied) {
        ++outcome.refused;
        outcome.problems.push_back("setting " + change.id + ": " + applied.error().message);
        continue;
      }
      ++outcome.applied;
      outcome.settings_changed = true;
    } else {
      ++outcome.unknown_kind;
    }
  }
  PL_TRY(write_setting(store, kCursorKey, std::to_string(next_cursor)));
  PL_TRY(transaction.commit());
  return outcome;
}

Result<std::int64_t> pull_cursor(Store& store) {
  PL_TRY_ASSIGN(value, read_setting(store, kCursorKey));
  return as_millis(value).value_or(0);
}

Result<SyncNotes> sync_notes(Store& store) {
  SyncNotes notes;
  PL_TRY_ASSIGN(attempt, read_setting(store, kLastAttemptKey));
  PL_TRY_ASSIGN(success, read_setting(store, kLastSuccessKey));
  PL_TRY_ASSIGN(error, read_setting(store, kLastErrorKey));
  notes.last_attempt_at = as_millis(attempt);
  notes.last_success_at = as_millis(success);
  notes.last_error = error.value_or("");
  return notes;
}

Result<void> note_sync_success(Store& store) {
  const std::string now = std::to_string(store.now());
  PL_TRY_ASSIGN(transaction, store.db().begin());
  PL_TRY(write_setting(store, kLastAttemptKey, now));
  PL_TRY(write_setting(store, kLastSuccessKey, now));
  PL_TRY(write_setting(store, kLastErrorKey, ""));
  return transaction.commit();
}

Result<void> note_sync_failure(Store& store, const std::string& error) {
  PL_TRY_ASSIGN(transaction, store.db().begin());
  PL_TRY(write_setting(store, kLastAttemptKey, std::to_string(store.now())));
  PL_TRY(write_setting(store, kLastErrorKey, error));
  return transaction.commit();
}

}  // namespace porchlight::core
