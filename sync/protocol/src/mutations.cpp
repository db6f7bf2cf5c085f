#include "porchlight/sync/mutations.hpp"

#include <cassert>

namespace porchlight::sync {

namespace {

using nlohmann::json;

json nullable(const std::optional<std::string>& value) { return value ? json(*value) : json(); }
json nullable(const std::optional<int>& value) { return value ? json(*value) : json(); }

bool is_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

bool is_timestamp(const json& value) {
  if (!value.is_string()) return false;
  const auto& text = value.get_ref<const std::string&>();
  return text.size() >= 20 && is_date(text.substr(0, 10)) && text[10] == 'T';
}

// Reads one payload field by field and keeps the first problem. A key that is absent leaves its field as it was
// (older kiosks sent fewer keys); a key of the wrong type is a problem, named with `owner` ("the visit's").
class FieldReader {
 public:
  FieldReader(const json& payload, std::string owner) : payload_(payload), owner_(std::move(owner)) {
    if (!payload_.is_object()) problem_ = "the payload is not an object";
  }

  void text(const char* key, std::string& out) {
    const json* value = find(key);
    if (!value) return;
    if (!value->is_string()) return fail(key, " must be text");
    out = value->get<std::string>();
  }
  void optional_text(const char* key, std::optional<std::string>& out) {
    const json* value = find(key);
    if (!value) return;
    if (value->is_null()) {
      out.reset();
    } else if (value->is_string()) {
      out = value->get<std::string>();
    } else {
      fail(key, " must be a string or null");
    }
  }
  void flag(const char* key, bool& out) {
    const json* value = find(key);
    if (!value) return;
    if (!value->is_boolean()) return fail(key, " must be true or false");
    out = value->get<bool>();
  }
  void number(const char* key, int& out) {
    const json* value = find(key);
    if (!value) return;
    if (!fits_int(*value)) return fail(key, " must be a whole number");
    out = value->get<int>();
  }
  void optional_number(const char* key, std::optional<int>& out) {
    const json* value = find(key);
    if (!value) return;
    if (value->is_null()) {
      out.reset();
    } else if (fits_int(*value)) {
      out = value->get<int>();
    } else {
      fail(key, " must be a whole number or null");
    }
  }
  void texts(const char* key, std::vector<std::string>& out) {
    const json* value = find(key);
    if (!value) return;
    if (!value->is_array()) return fail(key, " must be a list");
    out.clear();
    for (const auto& item : *value) {
      if (!item.is_string()) return fail(key, " must be a list of text");
      out.push_back(item.get<std::string>());
    }
  }
  void date(const char* key, std::optional<std::string>& out) {
    const json* value = find(key);
    if (!value) return;
    if (!value->is_string() || !is_date(value->get<std::string>())) return fail(key, " must be YYYY-MM-DD");
    out = value->get<std::string>();
  }
  // A time the record cannot do without; `missing` is the whole message when it is absent or not a time.
  void required_timestamp(const char* key, std::string& out, const char* missing) {
    const json* value = find(key);
    if (!problem_.empty()) return;
    if (!value || !is_timestamp(*value)) {
      problem_ = missing;
      return;
    }
    out = value->get<std::string>();
  }
  void required_text(const char* key, std::string& out, const char* missing) {
    const json* value = find(key);
    if (!problem_.empty()) return;
    if (!value || !value->is_string()) {
      problem_ = missing;
      return;
    }
    out = value->get<std::string>();
  }
  bool has(const char* key) const { return payload_.is_object() && payload_.contains(key); }

  template <class T>
  Result<T> finish(T value) const {
    if (!problem_.empty()) return make_error(problem_);
    return value;
  }

 private:
  static bool fits_int(const json& value) {
    if (!value.is_number_integer()) return false;
    const auto number = value.get<std::int64_t>();
    return number >= INT32_MIN && number <= INT32_MAX;
  }
  const json* find(const char* key) const {
    if (!problem_.empty()) return nullptr;
    const auto found = payload_.find(key);
    return found == payload_.end() ? nullptr : &*found;
  }
  void fail(const char* key, const char* what) {
    if (problem_.empty()) problem_ = owner_ + key + what;
  }

  const json& payload_;
  std::string owner_;
  std::string problem_;
};

}  // namespace

const MutationName& name_of(MutationKind kind) {
  const auto& name = kMutationNames[static_cast<std::size_t>(kind)];
  assert(name.kind == kind);
  return name;
}

std::optional<MutationKind> mutation_kind(std::string_view entity, std::string_view operation) {
  for (const auto& name : kMutationNames) {
    if (name.entity == entity && name.operation == operation) return name.kind;
  }
  return std::nullopt;
}

// --- Writers: the exact JSON the kiosk has always written.

json to_json(const ParticipantCreated& p) {
  json out = {{"id", p.id},
              {"consent_record", p.consent_record},
              {"consent_contact", p.consent_contact},
              {"consent_share", p.consent_share},
              {"center_id", p.center_id},
              {"device_id", p.device_id},
              {"created_at", p.created_at}};
  if (p.details) {
    out["first_name"] = p.details->first_name;
    out["last_name"] = p.details->last_name;
    out["phone"] = nullable(p.details->phone);
    out["email"] = nullable(p.details->email);
    out["birth_date"] = nullable(p.details->birth_date);
    out["language"] = p.details->language;
  }
  return out;
}

json to_json(const ParticipantMerged& p) { return {{"id", p.id}, {"merged_into", p.merged_into}, {"at", p.at}}; }

json to_json(const ParticipantPurged& p) {
  return {{"id", p.id}, {"purged_at", p.purged_at}, {"center_id", p.center_id}, {"device_id", p.device_id}};
}

json to_json(const VisitSignedIn& p) {
  json out = {{"id", p.id},
              {"participant_id", nullable(p.participant_id)},
              {"guest", p.guest},
              {"signed_in_at", p.signed_in_at},
              {"reasons", p.reasons},
              {"sensitive_reasons", p.sensitive_reasons},
              {"mood", nullable(p.mood)},
              {"signed_in_by", nullable(p.signed_in_by)},
              {"center_id", p.center_id},
              {"device_id", p.device_id}};
  if (p.local_date) out["local_date"] = *p.local_date;
  return out;
}

json to_json(const VisitSignedOut& p) { return {{"id", p.id}, {"signed_out_at", p.signed_out_at}}; }

json to_json(const ReferralRecord& p) {
  json out = {{"id", p.id},
              {"participant_id", nullable(p.participant_id)},
              {"anonymous", p.anonymous},
              {"service_id", p.service_id},
              {"service_name", p.service_name},
              {"category", p.category},
              {"self_referral", p.self_referral},
              {"made_by", nullable(p.made_by)},
              {"status", p.status},
              {"follow_up_due", nullable(p.follow_up_due)},
              {"at", p.at},
              {"center_id", p.center_id},
              {"device_id", p.device_id}};
  if (p.note) out["note"] = *p.note;
  return out;
}

json to_json(const CalendarGroupRecord& p) {
  return {{"id", p.id},
          {"uid", p.uid},
          {"title", p.title},
          {"description", p.description},
          {"facilitator", p.facilitator},
          {"room", p.room},
          {"category", p.category},
          {"language", p.language},
          {"capacity", nullable(p.capacity)},
          {"sensitive", p.sensitive},
          {"time_zone", p.time_zone},
          {"rule_time_zone", p.rule_time_zone},
          {"start", p.start},
          {"duration_minutes", p.duration_minutes},
          {"all_day", p.all_day},
          {"rrule", p.rrule},
          {"rdates", p.rdates},
          {"exdates", p.exdates},
          {"check_in_before_minutes", p.check_in_before_minutes},
          {"check_in_after_minutes", p.check_in_after_minutes},
          {"cancelled", p.cancelled},
          {"center_id", p.center_id},
          {"device_id", p.device_id}};
}

json to_json(const CalendarSessionChange& p) {
  return {{"group_id", p.group_id},
          {"group_uid", p.group_uid},
          {"occurrence", p.occurrence},
          {"cancelled", p.cancelled},
          {"start", nullable(p.start)},
          {"duration_minutes", nullable(p.duration_minutes)},
          {"room", nullable(p.room)},
          {"center_id", p.center_id},
          {"device_id", p.device_id}};
}

json to_json(const AttendanceRecord& p) {
  return {{"id", p.id},
          {"session", p.session},
          {"group_uid", p.group_uid},
          {"occurrence", p.occurrence},
          {"session_start", p.session_start},
          {"participant_id", nullable(p.participant_id)},
          {"visit_id", nullable(p.visit_id)},
          {"added_by", nullable(p.added_by)},
          {"joined_at", p.joined_at},
          {"attended_at", nullable(p.attended_at)},
          {"center_id", p.center_id},
          {"device_id", p.device_id}};
}

// --- Readers.

Result<ParticipantCreated> parse_participant_created(const json& payload) {
  FieldReader read(payload, "the participant's ");
  ParticipantCreated p;
  read.text("id", p.id);
  read.flag("consent_record", p.consent_record);
  read.flag("consent_contact", p.consent_contact);
  read.flag("consent_share", p.consent_share);
  read.text("center_id", p.center_id);
  read.text("device_id", p.device_id);
  read.text("created_at", p.created_at);
  // A kiosk's retention purge removes the names from rows still queued; such a row has no details left.
  if (read.has("first_name")) {
    SharedParticipantDetails details;
    read.text("first_name", details.first_name);
    read.text("last_name", details.last_name);
    read.optional_text("phone", details.phone);
    read.optional_text("email", details.email);
    read.optional_text("birth_date", details.birth_date);
    read.text("language", details.language);
    p.details = std::move(details);
  }
  return read.finish(std::move(p));
}

Result<ParticipantMerged> parse_participant_merged(const json& payload) {
  FieldReader read(payload, "the merge's ");
  ParticipantMerged p;
  read.text("id", p.id);
  read.required_text("merged_into", p.merged_into, "the merge has no merged_into id");
  read.text("at", p.at);
  return read.finish(std::move(p));
}

Result<ParticipantPurged> parse_participant_purged(const json& payload) {
  FieldReader read(payload, "the purge's ");
  ParticipantPurged p;
  read.text("id", p.id);
  read.text("purged_at", p.purged_at);
  read.text("center_id", p.center_id);
  read.text("device_id", p.device_id);
  return read.finish(std::move(p));
}

Result<VisitSignedIn> parse_visit_signed_in(const json& payload) {
  FieldReader read(payload, "the visit's ");
  VisitSignedIn p;
  read.text("id", p.id);
  read.required_timestamp("signed_in_at", p.signed_in_at, "the visit has no valid signed_in_at");
  read.optional_text("participant_id", p.participant_id);
  read.date("local_date", p.local_date);
  read.texts("reasons", p.reasons);
  read.texts("sensitive_reasons", p.sensitive_reasons);
  read.flag("guest", p.guest);
  read.optional_number("mood", p.mood);
  read.optional_text("signed_in_by", p.signed_in_by);
  read.text("center_id", p.center_id);
  read.text("device_id", p.device_id);
  return read.finish(std::move(p));
}

Result<VisitSignedOut> parse_visit_signed_out(const json& payload) {
  FieldReader read(payload, "the sign-out's ");
  VisitSignedOut p;
  read.text("id", p.id);
  read.required_timestamp("signed_out_at", p.signed_out_at, "the sign-out has no valid signed_out_at");
  return read.finish(std::move(p));
}

Result<ReferralRecord> parse_referral(const json& payload) {
  FieldReader read(payload, "the referral's ");
  ReferralRecord p;
  read.text("id", p.id);
  read.optional_text("participant_id", p.participant_id);
  read.flag("anonymous", p.anonymous);
  read.text("service_id", p.service_id);
  read.text("service_name", p.service_name);
  read.text("category", p.category);
  read.flag("self_referral", p.self_referral);
  read.optional_text("made_by", p.made_by);
  read.text("status", p.status);
  read.optional_text("follow_up_due", p.follow_up_due);
  read.text("at", p.at);
  read.text("center_id", p.center_id);
  read.text("device_id", p.device_id);
  read.optional_text("note", p.note);
  return read.finish(std::move(p));
}

Result<CalendarGroupRecord> parse_calendar_group(const json& payload) {
  FieldReader read(payload, "the group's ");
  CalendarGroupRecord p;
  read.text("id", p.id);
  read.text("uid", p.uid);
  read.text("title", p.title);
  read.text("description", p.description);
  read.text("facilitator", p.facilitator);
  read.text("room", p.room);
  read.text("category", p.category);
  read.text("language", p.language);
  read.optional_number("capacity", p.capacity);
  read.flag("sensitive", p.sensitive);
  read.text("time_zone", p.time_zone);
  read.text("rule_time_zone", p.rule_time_zone);
  read.text("start", p.start);
  read.number("duration_minutes", p.duration_minutes);
  read.flag("all_day", p.all_day);
  read.text("rrule", p.rrule);
  read.texts("rdates", p.rdates);
  read.texts("exdates", p.exdates);
  read.number("check_in_before_minutes", p.check_in_before_minutes);
  read.number("check_in_after_minutes", p.check_in_after_minutes);
  read.flag("cancelled", p.cancelled);
  read.text("center_id", p.center_id);
  read.text("device_id", p.device_id);
  return read.finish(std::move(p));
}

Result<CalendarSessionChange> parse_calendar_session_change(const json& payload) {
  FieldReader read(payload, "the session's ");
  CalendarSessionChange p;
  read.text("group_id", p.group_id);
  read.text("group_uid", p.group_uid);
  read.text("occurrence", p.occurrence);
  read.flag("cancelled", p.cancelled);
  read.optional_text("start", p.start);
  read.optional_number("duration_minutes", p.duration_minutes);
  read.optional_text("room", p.room);
  read.text("center_id", p.center_id);
  read.text("device_id", p.device_id);
  return read.finish(std::move(p));
}

Result<AttendanceRecord> parse_attendance(const json& payload) {
  FieldReader read(payload, "the attendance's ");
  AttendanceRecord p;
  read.text("id", p.id);
  read.text("session", p.session);
  read.text("group_uid", p.group_uid);
  read.text("occurrence", p.occurrence);
  read.text("session_start", p.session_start);
  read.optional_text("participant_id", p.participant_id);
  read.optional_text("visit_id", p.visit_id);
  read.optional_text("added_by", p.added_by);
  read.text("joined_at", p.joined_at);
  read.optional_text("attended_at", p.attended_at);
  read.text("center_id", p.center_id);
  read.text("device_id", p.device_id);
  return read.finish(std::move(p));
}

std::string payload_problem(MutationKind kind, const json& payload) {
  const auto problem = [](const auto& parsed) { return parsed ? std::string() : parsed.error().message; };
  switch (kind) {
    case MutationKind::ParticipantCreated: return problem(parse_participant_created(payload));
    case MutationKind::ParticipantMerged: return problem(parse_participant_merged(payload));
    case MutationKind::ParticipantPurged: return problem(parse_participant_purged(payload));
    case MutationKind::VisitSignedIn: return problem(parse_visit_signed_in(payload));
    case MutationKind::VisitSignedOut: return problem(parse_visit_signed_out(payload));
    case MutationKind::ReferralCreated:
    case MutationKind::ReferralStatusChanged: return problem(parse_referral(payload));
    case MutationKind::CalendarGroupSaved:
    case MutationKind::CalendarGroupCancelled: return problem(parse_calendar_group(payload));
    case MutationKind::CalendarSessionCancelled:
    case MutationKind::CalendarSessionRestored:
    case MutationKind::CalendarSessionMoved: return problem(parse_calendar_session_change(payload));
    case MutationKind::AttendanceJoined:
    case MutationKind::AttendanceAttended:
    case MutationKind::AttendanceNotAttended: return problem(parse_attendance(payload));
  }
  return "unknown kind";
}

}  // namespace porchlight::sync
