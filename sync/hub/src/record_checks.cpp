#include "record_checks.hpp"

#include "porchlight/formats/text.hpp"

namespace porchlight::hub {

namespace {

using nlohmann::json;

std::string string_problem(const std::string& text, std::size_t max_bytes) {
  if (text.find('\0') != std::string::npos) return "holds a NUL byte";
  if (!formats::is_valid_utf8(text)) return "is not valid UTF-8";
  if (text.size() > max_bytes) return "is longer than " + std::to_string(max_bytes) + " bytes";
  return {};
}

// The first bad string under `value`; `where` grows into a path ('reasons'[0]) for the message.
std::string first_text_problem(const json& value, std::size_t max_bytes, const std::string& where) {
  if (value.is_string()) {
    auto problem = string_problem(value.get_ref<const std::string&>(), max_bytes);
    return problem.empty() ? problem : (where.empty() ? "a value" : where) + " " + problem;
  }
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      if (auto problem = string_problem(key, max_bytes); !problem.empty()) return "a key in " + (where.empty() ? std::string("it") : where) + " " + problem;
      if (auto problem = first_text_problem(item, max_bytes, where + "'" + key + "'"); !problem.empty()) return problem;
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (auto problem = first_text_problem(value[i], max_bytes, where + "[" + std::to_string(i) + "]");
          !problem.empty()) {
        return problem;
      }
    }
  }
  return {};
}

// The kinds the hub reads (hub_push.cpp) are read by their protocol readers; the others are stored as they came
// (the hub does not project them), so only the participant they name is checked.
std::string shape_problem(const sync::Mutation& mutation) {
  const json& p = mutation.payload;
  const auto kind = sync::mutation_kind(mutation.entity, mutation.operation);
  if (kind && hub_reads(*kind)) {
    if (auto problem = sync::payload_problem(*kind, p); !problem.empty()) return problem;
  }
  if (kind == sync::MutationKind::VisitSignedIn && p.value("id", json()) != mutation.entity_id) {
    return "the visit's payload id does not match entity_id";
  }
  // Whatever the entity, a participant is named by a string id: ownership is checked on it.
  if (p.contains("participant_id") && !p["participant_id"].is_null() && !p["participant_id"].is_string())
    return "participant_id must be a string or null";
  return {};
}

}  // namespace

std::string text_problem(const json& value, std::size_t max_string_bytes) {
  return first_text_problem(value, max_string_bytes, "");
}

std::string rejection_reason(const sync::Mutation& mutation) {
  const std::pair<const char*, const std::string*> names[] = {{"the record's id", &mutation.id},
                                                              {"the entity", &mutation.entity},
                                                              {"the entity_id", &mutation.entity_id},
                                                              {"the operation", &mutation.operation}};
  for (const auto& [what, text] : names) {
    if (text->empty()) return std::string(what) + " is empty";
    if (auto problem = string_problem(*text, kMaxRecordIdBytes); !problem.empty()) return std::string(what) + " " + problem;
  }
  if (auto problem = text_problem(mutation.payload, kMaxRecordTextBytes); !problem.empty()) {
    return "the payload's " + problem;
  }
  if (mutation.payload.dump().size() > kMaxRecordPayloadBytes) {
    return "the payload is larger than " + std::to_string(kMaxRecordPayloadBytes) + " bytes";
  }
  return shape_problem(mutation);
}

std::string feed_payload_problem(const json& payload) {
  if (auto problem = text_problem(payload, kMaxFeedItemBytes); !problem.empty()) return problem;
  if (payload.dump().size() > kMaxFeedItemBytes) {
    return "the item is larger than " + std::to_string(kMaxFeedItemBytes) + " bytes";
  }
  return {};
}

}  // namespace porchlight::hub
