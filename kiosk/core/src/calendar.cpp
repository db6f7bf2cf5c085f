// Groups, their sessions and attendance on the SQLite store.
#include "porchlight/core/calendar.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <mutex>
#include <unordered_map>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "calendar_internal.hpp"
#include "porchlight/core/audit.hpp"
#include "porchlight/core/outbox.hpp"
#include "porchlight/core/participants.hpp"
#include "porchlight/core/text.hpp"

namespace porchlight::core {

namespace {

constexpr Millis kMinute = 60'000;

std::string join_keys(const std::vector<LocalDateTime>& times, bool all_day) {
  std::string joined;
  for (const auto& time : times) joined += (joined.empty() ? "" : ",") + time.key(all_day);
  return joined;
}

std::vector<LocalDateTime> split_keys(const std::string& joined) {
  std::vector<LocalDateTime> times;
  std::size_t start = 0;
  while (start < joined.size()) {
    auto comma = joined.find(',', start);
    if (comma == std::string::npos) comma = joined.size();
    if (auto time = LocalDateTime::parse_key(std::string_view(joined).substr(start, comma - start))) {
      times.push_back(*time);
    }
    start = comma + 1;
  }
  return times;
}

constexpr const char* kGroupColumns =
    "id, uid, title, description, facilitator, room, category, language, capacity, sensitive, starts_local, "
    "duration_minutes, all_day, floating, rrule, rdates, exdates, checkin_before_minutes, checkin_after_minutes, "
    "cancelled_at, created_at, updated_at, time_zone";

Group read_group(const Query& row) {
  Group group;
  group.id = row.text(0);
  group.uid = row.text(1);
  group.title = row.text(2);
  group.description = row.text(3);
  group.facilitator = row.text(4);
  group.room = row.text(5);
  group.category = row.text(6);
  group.language = row.text(7);
  if (auto capacity = row.optional_integer(8)) group.capacity = static_cast<int>(*capacity);
  group.sensitive = row.integer(9) != 0;
  group.start = LocalDateTime::parse_key(row.text(10)).value_or(LocalDateTime{});
  group.duration_minutes = static_cast<int>(row.integer(11));
  group.all_day = row.integer(12) != 0;
  group.floating = row.integer(13) != 0;
  group.rrule = row.text(14);
  group.rdates = split_keys(row.text(15));
  group.exdates = split_keys(row.text(16));
  group.check_in = CheckInWindow{static_cast<int>(row.integer(17)), static_cast<int>(row.integer(18))};
  group.cancelled = !row.is_null(19);
  group.created_at = row.integer(20);
  group.updated_at = row.integer(21);
  group.time_zone = row.text(22);
  return group;
}

SessionOverride read_override(const Query& row, int first) {
  SessionOverride change;
  change.occurrence = LocalDateTime::parse_key(row.text(first)).value_or(LocalDateTime{});
  change.cancelled = row.integer(first + 1) != 0;
  if (auto start = row.optional_text(first + 2)) change.start = LocalDateTime::parse_key(*start);
  if (auto minutes = row.optional_integer(first + 3)) change.duration_minutes = static_cast<int>(*minutes);
  change.room = row.optional_text(first + 4);
  return change;
}

struct SessionName {
  std::string group_id;
  LocalDateTime occurrence;
};

Result<SessionName> parse_session_key(const std::string& key) {
  const auto slash = key.rfind('/');
  if (slash == std::string::npos || slash == 0) {
    return make_error("'" + key + "' does not name a session (it looks like GROUP-ID/20261110T180000)");
  }
  auto occurrence = LocalDateTime::parse_key(std::string_view(key).substr(slash + 1));
  if (!occurrence) return make_error("'" + key + "' does not name a session (bad date and time after the /)");
  return SessionName{key.substr(0, slash), *occurrence};
}

std::string session_key(const std::string& group_id, const LocalDateTime& occurrence, bool all_day) {
  return group_id + "/" + occurrence.key(all_day);
}

struct SessionTimes {
  Millis start = 0;
  Millis end = 0;
};

Result<SessionTimes> session_times(const std::string& zone, const Occurrence& session, bool all_day) {
  PL_TRY_ASSIGN(start, local_to_utc(zone, session.start));
  if (all_day) {
    const int days = std::max(1, (session.duration_minutes + 1439) / 1440);
    PL_TRY_ASSIGN(end, local_to_utc(zone, LocalDateTime{session.start.date.plus_days(days), 0, 0, 0}));
    return SessionTimes{start, end};
  }
  return SessionTimes{start, start + session.duration_minutes * kMinute};
}

Result<std::vector<SessionOverride>> overrides_of(Store& store, const std::string& group_id) {
  PL_TRY_ASSIGN(query, store.db().query("SELECT occurrence, cancelled, starts_local, duration_minutes, room FROM "
                                        "calendar_session WHERE group_id = ?1 AND (cancelled = 1 OR starts_local IS "
                                        "NOT NULL OR duration_minutes IS NOT NULL OR room IS NOT NULL) "
                                        "ORDER BY occurrence"));
  query.bind(1, group_id);
  return query.collect([](const Query& row) { return read_override(row, 0); });
}

// The one session of `group` with this original start, or an error when the group has no such session.
Result<Occurrence> occurrence_of(const Group& group, const std::vector<SessionOverride>& overrides,
                                 const LocalDateTime& occurrence, const std::string& zone) {
  PL_TRY_ASSIGN(plain, expand_group(group, {}, occurrence.date, occurrence.date, zone));
  const auto found = std::find_if(plain.begin(), plain.end(),
                                  [&](const Occurrence& candidate) { return candidate.occurrence == occurrence; });
  if (found == plain.end()) {
    return make_error("the group '" + group.title + "' has no session at " + occurrence.iso(group.all_day));
  }
  Occurrence session = *found;
  for (const auto& change : overrides) {
    if (change.occurrence != occurrence) continue;
    session.cancelled = change.cancelled;
    if (change.start && *change.start != occurrence) {
      session.start = *change.start;
      session.moved = true;
    }
    if (change.duration_minutes) session.duration_minutes = *change.duration_minutes;
    if (change.room) session.room = change.room;
  }
  return session;
}

Session make_session(const Group& group, const Occurrence& occurrence, const SessionTimes& times, int joined) {
  Session session;
  session.key = session_key(group.id, occurrence.occurrence, group.all_day);
  session.group_id = group.id;
  session.group_uid = group.uid;
  session.title = group.title;
  session.description = group.description;
  session.facilitator = group.facilitator;
  session.room = occurrence.room.value_or(group.room);
  session.category = group.category;
  session.language = group.language;
  session.occurrence = occurrence.occurrence;
  session.start_local = occurrence.start;
  session.start = times.start;
  session.end = times.end;
  session.all_day = group.all_day;
  session.cancelled = occurrence.cancelled || group.cancelled;
  session.moved = occurrence.moved;
  session.added = occurrence.added;
  session.sensitive = group.sensitive;
  session.capacity = group.capacity;
  session.joined = joined;
  if (group.capacity) session.seats_left = std::max(0, *group.capacity - joined);
  session.check_in = group.check_in;
  return session;
}

Result<std::pair<Group, std::vector<SessionOverride>>> group_with_overrides(Store& store, const std::string& id) {
  PL_TRY_ASSIGN(group, get_group(store, id));
  PL_TRY_ASSIGN(overrides, overrides_of(store, id));
  return std::make_pair(std::move(group), std::move(overrides));
}

// The session row of one occurrence, made when first needed (someone joins, staff change it).
Result<std::string> session_row(Store& store, const Group& group, const Occurrence& occurrence) {
  {
    PL_TRY_ASSIGN(existing, store.db().query("SELECT id FROM calendar_session WHERE group_id = ?1 AND occurrence = ?2"));
    existing.bind(1, group.id).bind(2, occurrence.occurrence.key(group.all_day));
    PL_TRY_ASSIGN(found, existing.step());
    if (found) return existing.text(0);
  }
  PL_TRY_ASSIGN(times, session_times(store.center().time_zone, occurrence, group.all_day));
  const std::string id = store.new_id();
  PL_TRY_ASSIGN(insert, store.db().query("INSERT INTO calendar_session (id, group_id, occurrence, starts_at, ends_at, "
                                         "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)"));
  PL_TRY(insert.bind(1, id)
             .bind(2, group.id)
             .bind(3, occurrence.occurrence.key(group.all_day))
             .bind(4, times.start)
             .bind(5, times.end)
             .bind(6, store.now())
             .run());
  return id;
}

// Brings every stored session row of a group in line with its definition (times after an edit or a move).
Result<void> refresh_session_times(Store& store, const Group& group) {
  PL_TRY_ASSIGN(overrides, overrides_of(store, group.id));
  PL_TRY_ASSIGN(rows, store.db().query("SELECT id, occurrence FROM calendar_session WHERE group_id = ?1"));
  rows.bind(1, group.id);
  PL_TRY_ASSIGN(sessions, rows.collect([](const Query& row) { return std::make_pair(row.text(0), row.text(1)); }));
  PL_TRY_ASSIGN(update, store.db().query("UPDATE calendar_session SET starts_at = ?2, ends_at = ?3 WHERE id = ?1"));
  for (const auto& [id, key] : sessions) {
    const auto occurrence = LocalDateTime::parse_key(key);
    if (!occurrence) continue;
    Occurrence session;
    session.occurrence = *occurrence;
    session.start = *occurrence;
    session.duration_minutes = group.duration_minutes;
    for (const auto& change : overrides) {
      if (change.occurrence != *occurrence) continue;
      if (change.start) session.start = *change.start;
      if (change.duration_minutes) session.duration_minutes = *change.duration_minutes;
    }
    PL_TRY_ASSIGN(times, session_times(store.center().time_zone, session, group.all_day));
    PL_TRY(update.bind(1, id).bind(2, times.start).bind(3, times.end).run());
    update.reset();
  }
  return {};
}

sync::CalendarGroupRecord group_payload(const Group& group, const Store& store) {
  auto times = [&](const std::vector<LocalDateTime>& list) {
    std::vector<std::string> out;
    for (const auto& time : list) out.push_back(time.key(group.all_day));
    return out;
  };
  return {group.id,
          group.uid,
          group.title,
          group.description,
          group.facilitator,
          group.room,
          group.category,
          group.language,
          group.capacity,
          group.sensitive,
          store.center().time_zone,
          group.time_zone,
          group.start.key(group.all_day),
          group.duration_minutes,
          group.all_day,
          group.rrule,
          times(group.rdates),
          times(group.exdates),
          group.check_in.before_minutes,
          group.check_in.after_minutes,
          group.cancelled,
          store.center().center_id,
          store.center().device_id};
}

// `operation` is the staff action ("cancel", "restore", "move"), named the same in the audit log and on the wire.
Result<void> queue_session_change(Store& store, const Group& group, const SessionOverride& change,
                                  const std::string& operation) {
  const auto kind = sync::mutation_kind("calendar_session", operation);
  if (!kind) return make_error("no session change is called '" + operation + "'");
  sync::CalendarSessionChange payload{group.id,
                                      group.uid,
                                      change.occurrence.key(group.all_day),
                                      change.cancelled,
                                      change.start ? std::optional(change.start->key(group.all_day)) : std::nullopt,
                                      change.duration_minutes,
                                      change.room,
                                      store.center().center_id,
                                      store.center().device_id};
  return enqueue_mutation(store, *kind, session_key(group.id, change.occurrence, group.all_day), payload);
}

// Writes one session's exception (inside the caller's transaction).
Result<void> write_override(Store& store, const Group& group, const SessionOverride& change) {
  Occurrence plain;
  plain.occurrence = change.occurrence;
  plain.start = change.occurrence;
  plain.duration_minutes = group.duration_minutes;
  PL_TRY_ASSIGN(row_id, session_row(store, group, plain));
  PL_TRY_ASSIGN(update, store.db().query("UPDATE calendar_session SET cancelled = ?2, starts_local = ?3, "
                                         "duration_minutes = ?4, room = ?5, updated_at = ?6 WHERE id = ?1"));
  std::optional<std::string> moved_to;
  if (change.start) moved_to = change.start->key(group.all_day);
  PL_TRY(update.bind(1, row_id)
             .bind(2, change.cancelled)
             .bind(3, moved_to)
             .bind(4, change.duration_minutes)
             .bind(5, change.room)
             .bind(6, store.now())
             .run());
  PL_TRY_ASSIGN(bump, store.db().query("UPDATE calendar_group SET revision = revision + 1 WHERE id = ?1"));
  return bump.bind(1, group.id).run();
}

Result<void> audit_if(Store& store, const std::optional<std::string>& staff_id, const std::string& action,
                      const std::string& subject, const std::string& detail) {
  return record_audit(store, staff_id, action, subject, detail);
}

}  // namespace

// ---- definitions -------------------------------------------------------------------------------------

Result<SavedGroup> store_group(Store& store, const GroupDefinition& definition, bool cancelled,
                               const std::optional<std::vector<SessionOverride>>& overrides) {
  PL_TRY_ASSIGN(clean, checked_definition(definition));
  const Millis now = store.now();
  SavedGroup saved;
  if (clean.uid.empty()) clean.uid = store.new_id() + "@porchlight";
  {
    PL_TRY_ASSIGN(existing, store.db().query("SELECT id FROM calendar_group WHERE uid = ?1"));
    existing.bind(1, clean.uid);
    PL_TRY_ASSIGN(found, existing.step());
    if (found) saved.id = existing.text(0);
  }
  saved.created = saved.id.empty();
  if (saved.created) saved.id = store.new_id();
  PL_TRY_ASSIGN(
      write,
      store.db().query(
          "INSERT INTO calendar_group (id, uid, title, description, facilitator, room, category, language, capacity, "
          "sensitive, starts_local, duration_minutes, all_day, floating, rrule, rdates, exdates, "
          "checkin_before_minutes, checkin_after_minutes, cancelled_at, center_id, device_id, created_at, updated_at, "
          "time_zone) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
          "?20, ?21, ?22, ?23, ?23, ?24) ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description, "
          "facilitator = excluded.facilitator, room = excluded.room, category = excluded.category, "
          "language = excluded.language, capacity = excluded.capacity, sensitive = excluded.sensitive, "
          "starts_local = excluded.starts_local, duration_minutes = excluded.duration_minutes, "
          "all_day = excluded.all_day, floating = excluded.floating, rrule = excluded.rrule, "
          "time_zone = excluded.time_zone, "
          "rdates = excluded.rdates, exdates = excluded.exdates, "
          "checkin_before_minutes = excluded.checkin_before_minutes, "
          "checkin_after_minutes = excluded.checkin_after_minutes, "
          "cancelled_at = CASE WHEN excluded.cancelled_at IS NULL THEN NULL "
          "ELSE coalesce(calendar_group.cancelled_at, excluded.cancelled_at) END, updated_at = excluded.updated_at, "
          "revision = calendar_group.revision + 1"));
  PL_TRY(write.bind(1, saved.id)
             .bind(2, clean.uid)
             .bind(3, clean.title)
             .bind(4, clean.description)
             .bind(5, clean.facilitator)
             .bind(6, clean.room)
             .bind(7, clean.category)
             .bind(8, clean.language)
             .bind(9, clean.capacity)
             .bind(10, clean.sensitive)
             .bind(11, clean.start.key(clean.all_day))
             .bind(12, clean.duration_minutes)
             .bind(13, clean.all_day)
             .bind(14, clean.floating)
             .bind(15, clean.rrule)
             .bind(16, join_keys(clean.rdates, clean.all_day))
             .bind(17, join_keys(clean.exdates, clean.all_day))
             .bind(18, clean.check_in.before_minutes)
             .bind(19, clean.check_in.after_minutes)
             .bind(20, cancelled ? std::optional<Millis>(now) : std::nullopt)
             .bind(21, store.center().center_id)
             .bind(22, store.center().device_id)
             .bind(23, now)
             .bind(24, clean.time_zone)
             .run());
  PL_TRY_ASSIGN(group, get_group(store, saved.id));
  if (overrides) {
    // Sessions someone joined keep their row (attendance points at it); their exceptions are replaced.
    PL_TRY_ASSIGN(clear, store.db().query("UPDATE calendar_session SET cancelled = 0, starts_local = NULL, "
                                          "duration_minutes = NULL, room = NULL, updated_at = ?2 WHERE group_id = ?1"));
    PL_TRY(clear.bind(1, saved.id).bind(2, now).run());
    PL_TRY_ASSIGN(drop, store.db().query("DELETE FROM calendar_session WHERE group_id = ?1 AND NOT EXISTS "
                                         "(SELECT 1 FROM attendance a WHERE a.session_id = calendar_session.id)"));
    PL_TRY(drop.bind(1, saved.id).run());
    for (const auto& change : *overrides) PL_TRY(write_override(store, group, change));
  }
  PL_TRY(refresh_session_times(store, group));
  PL_TRY(enqueue_mutation(store, sync::MutationKind::CalendarGroupSaved, group.id, group_payload(group, store)));
  return saved;
}

// ---- groups ----------------------------------------------------------------------------------------------

Result<bool> group_has_session_records(Store& store, const std::string& group_id) {
  PL_TRY_ASSIGN(query, store.db().query("SELECT EXISTS (SELECT 1 FROM calendar_session WHERE group_id = ?1)"));
  query.bind(1, group_id);
  PL_TRY_ASSIGN(found, query.single_int());
  return found != 0;
}

Result<std::string> save_group(Store& store, const GroupDefinition& group, const std::optional<std::string>& staff_id) {
  PL_TRY_ASSIGN(transaction, store.db().begin());
  if (!group.uid.empty()) {
    PL_TRY_ASSIGN(existing, store.db().query("SELECT id FROM calendar_group WHERE uid = ?1"));
    existing.bind(1, group.uid);
    PL_TRY_ASSIGN(found, existing.step());
    if (found) {
      PL_TRY_ASSIGN(before, get_group(store, existing.text(0)));
      const bool timing_changed = before.start != group.start || before.rrule != group.rrule ||
                                  before.rdates != group.rdates || before.exdates != group.exdates ||
                                  before.all_day != group.all_day || before.time_zone != group.time_zone;
      if (timing_changed) {
        PL_TRY_ASSIGN(locked, group_has_session_records(store, before.id));
        if (locked) return make_error(std::string(kGroupTimingLocked));
      }
    }
  }
  PL_TRY_ASSIGN(saved, store_group(store, group, false, std::nullopt));
  PL_TRY(audit_if(store, staff_id, saved.created ? "calendar.group.create" : "calendar.group.edit", saved.id,
                  group.title));
  PL_TRY(transaction.commit());
  return saved.id;
}

Result<void> cancel_group(Store& store, const std::string& group_id, const std::optional<std::string>& staff_id) {
  PL_TRY_ASSIGN(transaction, store.db().begin());
  PL_TRY_ASSIGN(group, get_group(store, group_id));
  if (group.cancelled) return make_error("the group '" + group.title + "' is already cancelled");
  PL_TRY_ASSIGN(update,
                store.db().query("UPDATE calendar_group SET cancelled_at = ?2, updated_at = ?2, revision = revision + 1 "
                                 "WHERE id = ?1"));
  PL_TRY(update.bind(1, group_id).bind(2, store.now()).run());
  group.cancelled = true;
  PL_TRY(enqueue_mutation(store, sync::MutationKind::CalendarGroupCancelled, group.id, group_payload(group, store)));
  PL_TRY(audit_if(store, staff_id, "calendar.group.cancel", group.id, group.title));
  return transaction.commit();
}

Result<std::vector<Group>> list_groups(Store& store, bool include_cancelled) {
  PL_TRY_ASSIGN(query, store.db().query(std::string("SELECT ") + kGroupColumns +
                                        " FROM calendar_group WHERE cancelled_at IS NULL OR ?1 "
                                        "ORDER BY title COLLATE NOCASE, id"));
  query.bind(1, include_cancelled);
  return query.collect(read_group);
}

Result<Group> get_group(Store& store, const std::string& group_id) {
  PL_TRY_ASSIGN(query, store.db().query(std::string("SELECT ") + kGroupColumns + " FROM calendar_group WHERE id = ?1"));
  query.bind(1, group_id);
  PL_TRY_ASSIGN(found, query.step());
  if (!found) return make_error("no group has the id " + group_id);
  return read_group(query);
}

Result<std::vector<SessionOverride>> group_overrides(Store& store, const std::string& group_id) {
  return overrides_of(store, group_id);
}

// ---- single sessions -----------------------------------------------------------------------------------

namespace {

Result<void> change_session(Store& store, const std::string& key, const std::optional<std::string>& staff_id,
                            const std::string& action,
                            const std::function<Result<void>(const Group&, SessionOverride&)>& edit) {
  PL_TRY_ASSIGN(name, parse_session_key(key));
  PL_TRY_ASSIGN(transaction, store.db().begin());
  PL_TRY_ASSIGN(loaded, group_with_overrides(store, name.group_id));
  const auto& [group, overrides] = loaded;
  PL_TRY_ASSIGN(session, occurrence_of(group, overrides, name.occurrence, store.center().time_zone));
  SessionOverride change;
  change.occurrence = name.occurrence;
  change.cancelled = session.cancelled;
  if (session.moved) change.start = session.start;
  for (const auto& existing : overrides) {
    if (existing.occurrence == name.occurrence) change = existing;
  }
  PL_TRY(edit(group, change));
  PL_TRY(write_override(store, group, change));
  PL_TRY(refresh_session_times(store, group));
  PL_TRY(queue_session_change(store, group, change, action));
  PL_TRY(audit_if(store, staff_id, "calendar.session." + action, key, group.title));
  return transaction.commit();
}

}  // namespace

Result<void> cancel_session(Store& store, const std::string& session_key_text,
                            const std::optional<std::string>& staff_id) {
  return change_session(store, session_key_text, staff_id, "cancel", [](const Group& group, SessionOverride& change) {
    if (change.cancelled) return Result<void>(make_error("that session of '" + group.title + "' is already cancelled"));
    change.cancelled = true;
    return Result<void>();
  });
}

Result<void> restore_session(Store& store, const std::string& session_key_text,
                             const std::optional<std::string>& staff_id) {
  return change_session(store, session_key_text, staff_id, "restore", [](const Group& group, SessionOverride& change) {
    if (!change.cancelled) return Result<void>(make_error("that session of '" + group.title + "' is not cancelled"));
    change.cancelled = false;
    return Result<void>();
  });
}

Result<void> move_session(Store& store, const std::string& session_key_text, const LocalDateTime& new_start,
                          std::optional<int> duration_minutes, std::optional<std::string> room,
                          const std::optional<std::string>& staff_id) {
  if (duration_minutes && (*duration_minutes < 1 || *duration_minutes > kMaxDurationMinutes)) {
    return make_error("a session lasts from 1 minute to 14 days");
  }
  std::optional<std::string> clean_room;
  if (room) {
    PL_TRY_ASSIGN(tidy, clean_text(*room, "room", false, 120));
    clean_room = tidy;
  }
  return change_session(store, session_key_text, staff_id, "move", [&](const Group& group, SessionOverride& change) {
    LocalDateTime start = new_start;
    if (group.all_day) start.hour = start.minute = start.second = 0;
    change.start = start == change.occurrence ? std::nullopt : std::optional<LocalDateTime>(start);
    if (duration_minutes) change.duration_minutes = *duration_minutes;
    if (clean_room) change.room = *clean_room;
    return Result<void>();
  });
}

Result<std::string> add_session(Store& store, const std::string& group_id, const LocalDateTime& start,
                                const std::optional<std::string>& staff_id) {
  PL_TRY_ASSIGN(transaction, store.db().begin());
  PL_TRY_ASSIGN(group, get_group(store, group_id));
  if (group.cancelled) return make_error("the group '" + group.title + "' is cancelled");
  LocalDateTime when = start;
  if (group.all_day) when.hour = when.minute = when.second = 0;
  PL_TRY_ASSIGN(existing, expand_group(group, {}, when.date, when.date, store.center().time_zone));
  for (const auto& session : existing) {
    if (session.occurrence == when) return make_error("'" + group.title + "' already has a session then");
  }
  GroupDefinition changed = group;
  changed.rdates.push_back(when);
  changed.exdates.erase(std::remove(changed.exdates.begin(), changed.exdates.end(), when), changed.exdates.end());
  PL_TRY(store_group(store, changed, group.cancelled, std::nullopt));
  const std::string key = session_key(group.id, when, group.all_day);
  PL_TRY(audit_if(store, staff_id, "calendar.session.add", key, group.title));
  PL_TRY(transaction.commit());
  return key;
}

// ---- what the kiosk shows ------------------------------------------------------------------------------

SessionPhase session_phase(const Session& session, Millis now) {
  if (session.cancelled) return SessionPhase::Cancelled;
  if (now >= session.end) return SessionPhase::Ended;
  if (now >= session.start) return SessionPhase::InProgress;
  if (now >= session.start - 60 * kMinute) return SessionPhase::StartingSoon;
  return SessionPhase::Upcoming;
}

bool check_in_open(const Session& session, Millis now) {
  if (session.cancelled) return false;
  return now >= session.start - session.check_in.before_minutes * kMinute &&
         now <= session.start + session.check_in.after_minutes * kMinute && now < session.end;
}

namespace {

// The kiosk asks for today and this week over and over; a group's sessions only change with its revision.
// So each group's sessions (with UTC times, without seat counts) are kept for a horizon of weeks around
// what was asked, and rebuilt when the group's revision, the horizon or the center's zone no longer fit.
struct CachedGroup {
  std::int64_t revision = 0;
  std::string zone;
  LocalDate from;
  LocalDate to;
  std::vector<Session> sessions;  // joined = 0, seats_left = capacity
  std::optional<SkippedGroup> skipped;  // its rule could not be expanded: no sessions, and why
};

struct CalendarCache {
  std::mutex mutex;
  std::unordered_map<std::string, CachedGroup> groups;
};

CalendarCache& cache_of(Store& store) {
  auto& slot = store.calendar_cache_slot();
  if (!slot) slot = std::make_shared<CalendarCache>();
  return *static_cast<CalendarCache*>(slot.get());
}

constexpr int kHorizonBefore = 28;
constexpr int kHorizonAfter = 56;

Result<CachedGroup> build_cache_entry(Store& store, const std::string& group_id, std::int64_t revision, LocalDate from,
                                      LocalDate to) {
  PL_TRY_ASSIGN(loaded, group_with_overrides(store, group_id));
  const auto& [group, overrides] = loaded;
  CachedGroup entry;
  entry.revision = revision;
  entry.zone = store.center().time_zone;
  entry.from = from.plus_days(-kHorizonBefore);
  entry.to = to.plus_days(kHorizonAfter);
  auto expanded = expand_group(group, overrides, entry.from, entry.to, entry.zone);
  if (!expanded) {
    // One group that cannot be expanded must not hide the others: it is left out, and named.
    entry.skipped = SkippedGroup{group.id, group.title, expanded.error().message};
    return entry;
  }
  const auto& occurrences = expanded.value();
  entry.sessions.reserve(occurrences.size());
  for (const auto& occurrence : occurrences) {
    PL_TRY_ASSIGN(times, session_times(entry.zone, occurrence, group.all_day));
    entry.sessions.push_back(make_session(group, occurrence, times, 0));
  }
  return entry;
}

}  // namespace

Result<std::vector<Session>> sessions_between(Store& store, LocalDate from, LocalDate to,
                                              std::vector<SkippedGroup>* skipped) {
  const LocalDateTime range_start{from, 0, 0, 0};
  const LocalDateTime range_end{to.plus_days(1), 0, 0, 0};
  std::vector<std::pair<std::string, std::int64_t>> current;
  {
    PL_TRY_ASSIGN(query, store.db().query("SELECT id, revision FROM calendar_group WHERE cancelled_at IS NULL"));
    PL_TRY_ASSIGN(rows, query.collect([](const Query& row) { return std::make_pair(row.text(0), row.integer(1)); }));
    current = std::move(rows);
  }
  // A cache filled inside a transaction could keep what a rollback undoes; only committed state is kept.
  const bool may_keep = sqlite3_get_autocommit(store.db().handle()) != 0;
  CalendarCache& cache = cache_of(store);
  std::lock_guard<std::mutex> lock(cache.mutex);
  std::vector<Session> sessions;
  for (const auto& [id, revision] : current) {
    auto found = cache.groups.find(id);
    const bool fits = found != cache.groups.end() && found->second.revision == revision &&
                      found->second.zone == store.center().time_zone && found->second.from <= from &&
                      to <= found->second.to;
    CachedGroup fresh;
    const CachedGroup* entry = fits ? &found->second : nullptr;
    if (!entry) {
      PL_TRY_ASSIGN(built, build_cache_entry(store, id, revision, from, to));
      if (may_keep) {
        entry = &(cache.groups[id] = std::move(built));
      } else {
        fresh = std::move(built);
        entry = &fresh;
      }
    }
    if (entry->skipped && skipped) skipped->push_back(*entry->skipped);
    for (const auto& session : entry->sessions) {
      if (session.start_local >= range_start && session.start_local < range_end) sessions.push_back(session);
    }
  }
  if (cache.groups.size() > current.size() * 2 + 64) cache.groups.clear();  // groups deleted or cancelled

  if (!sessions.empty()) {
    // Seat counts are always read fresh. Stored start times can be off by a day from a move; read a margin.
    std::unordered_map<std::string, int> joined;
    const TimeRange days = store.center_time().days(DateRange{from.plus_days(-15), to.plus_days(15)});
    PL_TRY_ASSIGN(query, store.db().query("SELECT s.group_id, s.occurrence, count(a.id) FROM calendar_session s "
                                          "JOIN attendance a ON a.session_id = s.id "
                                          "WHERE s.starts_at >= ?1 AND s.starts_at < ?2 GROUP BY s.id"));
    query.bind(1, days.start).bind(2, days.end);
    for (;;) {
      PL_TRY_ASSIGN(has_row, query.step());
      if (!has_row) break;
      joined[query.text(0) + "/" + query.text(1)] = static_cast<int>(query.integer(2));
    }
    for (auto& session : sessions) {
      const auto count = joined.find(session.key);
      session.joined = count == joined.end() ? 0 : count->second;
      if (session.capacity) session.seats_left = std::max(0, *session.capacity - session.joined);
    }
  }
  std::sort(sessions.begin(), sessions.end(), [](const Session& a, const Session& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.title != b.title) return a.title < b.title;
    return a.key < b.key;
  });
  return sessions;
}

Result<std::vector<Session>> sessions_on(Store& store, LocalDate day) { return sessions_between(store, day, day); }

Result<std::vector<Session>> sessions_open_for_check_in(Store& store, Millis now) {
  // Check-in windows reach at most a day either side of a start.
  const LocalDate today = store.center_time().date_of(now);
  PL_TRY_ASSIGN(candidates, sessions_between(store, today.plus_days(-1), today.plus_days(1)));
  std::vector<Session> open;
  for (auto& session : candidates) {
    if (check_in_open(session, now)) open.push_back(std::move(session));
  }
  return open;
}

Result<Session> find_session(Store& store, const std::string& key) {
  PL_TRY_ASSIGN(name, parse_session_key(key));
  PL_TRY_ASSIGN(loaded, group_with_overrides(store, name.group_id));
  const auto& [group, overrides] = loaded;
  PL_TRY_ASSIGN(occurrence, occurrence_of(group, overrides, name.occurrence, store.center().time_zone));
  PL_TRY_ASSIGN(times, session_times(store.center().time_zone, occurrence, group.all_day));
  PL_TRY_ASSIGN(count, store.db().query("SELECT count(*) FROM attendance a JOIN calendar_session s ON s.id = "
                                        "a.session_id WHERE s.group_id = ?1 AND s.occurrence = ?2"));
  count.bind(1, group.id).bind(2, name.occurrence.key(group.all_day));
  PL_TRY_ASSIGN(joined, count.single_int());
  return make_session(group, occurrence, times, static_cast<int>(joined));
}

// ---- joining and rosters -------------------------------------------------------------------------------

namespace {

// What leaves the kiosk about one attendance. Like visits: an opaque participant id (for unduplicated
// counts), never a name; for a group marked sensitive, not even that unless the center allows it.
sync::AttendanceRecord attendance_payload(Store& store, const std::string& id, const Session& session,
                                         const std::string& participant_id, const std::optional<std::string>& visit_id,
                                         const std::optional<std::string>& added_by, std::optional<Millis> attended_at,
                                         Millis joined_at) {
  const bool identify = !session.sensitive || store.center().share_sensitive_reasons;
  return {id,
          session.key,
          session.group_uid,
          session.occurrence.key(session.all_day),
          iso_utc(session.start),
          identify ? std::optional(participant_id) : std::nullopt,
          identify ? visit_id : std::nullopt,
          added_by,
          iso_utc(joined_at),
          attended_at ? std::optional(iso_utc(*attended_at)) : std::nullopt,
          store.center().center_id,
          store.center().device_id};
}

Result<void> require_staff(Store& store, const std::optional<std::string>& staff_id) {
  if (!staff_id) return {};
  PL_TRY_ASSIGN(staff, store.db().query("SELECT count(*) FROM staff WHERE id = ?1 AND active = 1"));
  PL_TRY_ASSIGN(known, staff.bind(1, *staff_id).single_int());
  if (known == 0) return make_error("no staff member has the id " + *staff_id);
  return {};
}

}  // namespace

Result<JoinOutcome> join_session(Store& store, const JoinRequest& request) {
  PL_TRY_ASSIGN(name, parse_session_key(request.session_key));
  const Millis now = store.now();
  PL_TRY_ASSIGN(transaction, store.db().begin());  // BEGIN IMMEDIATE: the seat count cannot change under us
  PL_TRY_ASSIGN(session, find_session(store, request.session_key));
  if (session.cancelled) return JoinOutcome::Cancelled;
  PL_TRY_ASSIGN(participant_id, current_participant_id(store, request.participant_id));
  PL_TRY(require_staff(store, request.staff_id));
  if (request.visit_id) {
    PL_TRY_ASSIGN(visit, store.db().query("SELECT count(*) FROM visit WHERE id = ?1"));
    PL_TRY_ASSIGN(known, visit.bind(1, *request.visit_id).single_int());
    if (known == 0) return make_error("no visit has the id " + *request.visit_id);
  }
  PL_TRY_ASSIGN(group, get_group(store, name.group_id));
  PL_TRY_ASSIGN(overrides, overrides_of(store, group.id));
  PL_TRY_ASSIGN(occurrence, occurrence_of(group, overrides, name.occurrence, store.center().time_zone));
  PL_TRY_ASSIGN(session_id, session_row(store, group, occurrence));
  {
    PL_TRY_ASSIGN(already, store.db().query("SELECT count(*) FROM attendance WHERE session_id = ?1 AND "
                                            "participant_id = ?2"));
    PL_TRY_ASSIGN(count, already.bind(1, session_id).bind(2, participant_id).single_int());
    if (count > 0) return JoinOutcome::AlreadyJoined;
  }
  if (session.capacity) {
    PL_TRY_ASSIGN(taken, store.db().query("SELECT count(*) FROM attendance WHERE session_id = ?1"));
    PL_TRY_ASSIGN(count, taken.bind(1, session_id).single_int());
    if (count >= *session.capacity) return JoinOutcome::Full;
  }
  const std::string id = store.new_id();
  const std::optional<Millis> attended_at = request.attended ? std::optional<Millis>(now) : std::nullopt;
  PL_TRY_ASSIGN(insert, store.db().query("INSERT INTO attendance (id, session_id, participant_id, visit_id, joined_at, "
                                         "added_by, attended_at, marked_by, center_id, device_id, created_at, "
                                         "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?5, ?5)"));
  PL_TRY(insert.bind(1, id)
             .bind(2, session_id)
             .bind(3, participant_id)
             .bind(4, request.visit_id)
             .bind(5, now)
             .bind(6, request.staff_id)
             .bind(7, attended_at)
             .bind(8, request.attended ? request.staff_id : std::nullopt)
             .bind(9, store.center().center_id)
             .bind(10, store.center().device_id)
             .run());
  PL_TRY(enqueue_mutation(store, sync::MutationKind::AttendanceJoined, id,
                          attendance_payload(store, id, session, participant_id, request.visit_id, request.staff_id,
                                             attended_at, now)));
  if (request.staff_id) PL_TRY(audit_if(store, request.staff_id, "calendar.roster.add", request.session_key, id));
  PL_TRY(transaction.commit());
  return JoinOutcome::Joined;
}

Result<void> mark_attended(Store& store, const std::string& session_key_text, const std::string& participant_id,
                           bool attended, const std::optional<std::string>& staff_id) {
  PL_TRY_ASSIGN(name, parse_session_key(session_key_text));
  const Millis now = store.now();
  PL_TRY_ASSIGN(transaction, store.db().begin());
  PL_TRY(require_staff(store, staff_id));
  PL_TRY_ASSIGN(session, find_session(store, session_key_text));
  PL_TRY_ASSIGN(current, current_participant_id(store, participant_id));
  PL_TRY_ASSIGN(query, store.db().query("SELECT a.id, a.visit_id, a.added_by, a.joined_at FROM attendance a JOIN "
                                        "calendar_session s ON s.id = a.session_id WHERE s.group_id = ?1 AND "
                                        "s.occurrence = ?2 AND a.participant_id = ?3"));
  query.bind(1, name.group_id).bind(2, name.occurrence.key(session.all_day)).bind(3, current);
  PL_TRY_ASSIGN(found, query.step());
  if (!found) return make_error("that person has not joined this session of '" + session.title + "'");
  const std::string id = query.text(0);
  const auto visit_id = query.optional_text(1);
  const auto added_by = query.optional_text(2);
  const Millis joined_at = query.integer(3);
  PL_TRY_ASSIGN(update, store.db().query("UPDATE attendance SET attended_at = ?2, marked_by = ?3, updated_at = ?4 "
                                         "WHERE id = ?1"));
  const std::optional<Millis> attended_at = attended ? std::optional<Millis>(now) : std::nullopt;
  PL_TRY(update.bind(1, id).bind(2, attended_at).bind(3, staff_id).bind(4, now).run());
  PL_TRY(enqueue_mutation(store, attended ? sync::MutationKind::AttendanceAttended : sync::MutationKind::AttendanceNotAttended, id,
                          attendance_payload(store, id, session, current, visit_id, added_by, attended_at, joined_at)));
  PL_TRY(audit_if(store, staff_id, attended ? "calendar.roster.attended" : "calendar.roster.not_attended",
                  session_key_text, id));
  return transaction.commit();
}

namespace {

Result<std::vector<StaffRosterEntry>> roster_rows(Store& store, const std::string& key) {
  PL_TRY_ASSIGN(session, find_session(store, key));
  PL_TRY_ASSIGN(name, parse_session_key(key));
  PL_TRY_ASSIGN(query, store.db().query(
                           "SELECT a.participant_id, p.first_name, p.last_name, a.attended_at IS NOT NULL, "
                           "a.added_by IS NOT NULL, a.joined_at FROM attendance a JOIN calendar_session s ON "
                           "s.id = a.session_id JOIN participant p ON p.id = a.participant_id WHERE s.group_id = ?1 "
                           "AND s.occurrence = ?2 ORDER BY a.joined_at, a.id"));
  query.bind(1, name.group_id).bind(2, name.occurrence.key(session.all_day));
  return query.collect([](const Query& row) {
    StaffRosterEntry entry;
    entry.participant_id = row.text(0);
    entry.display_name = display_name(row.text(1), row.text(2));
    entry.full_name = row.text(1) + " " + row.text(2);
    entry.attended = row.integer(3) != 0;
    entry.added_by_staff = row.integer(4) != 0;
    entry.joined_at = row.integer(5);
    return entry;
  });
}

}  // namespace

Result<std::vector<RosterEntry>> session_roster(Store& store, const std::string& key) {
  PL_TRY_ASSIGN(rows, roster_rows(store, key));
  std::vector<RosterEntry> roster;
  roster.reserve(rows.size());
  for (auto& row : rows) roster.push_back(static_cast<RosterEntry&&>(std::move(row)));
  return roster;
}

Result<std::vector<StaffRosterEntry>> session_roster_for_staff(Store& store, const std::string& key,
                                                               const std::optional<std::string>& staff_id) {
  PL_TRY_ASSIGN(rows, roster_rows(store, key));
  PL_TRY(record_audit(store, staff_id, "calendar.roster.view", key));
  return rows;
}

}  // namespace porchlight::core
