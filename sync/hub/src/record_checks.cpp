#include "record_checks.hpp"

#include "porchlight/formats/text.hpp"

namespace porchlight::hub {

namespace {

using nlohmann::json;

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

std::string shape_problem(const sync::Mutation& mutation) {
  const json& p = mutation.payload;
  if (mutation.entity == "visit" && mutation.operation == "signed_in") {
    if (!p.contains("id") || p["id"] != mutation.entity_id) return "the visit's payload id does not match entity_id";
    if (!is_timestamp(p.value("signed_in_at", json()))) return "the visit has no valid signed_in_at";
    if (p.contains("participant_id") && !p["participant_id"].is_null() && !p["participant_id"].is_string())
      return "the visit's participant_id must be a string or null";
    if (p.contains("local_date") && (!p["local_date"].is_string() || !is_date(p["local_date"].get<std::string>())))
      return "the visit's local_date must be YYYY-MM-DD";
    if (p.contains("reasons") && !p["reasons"].is_array()) return "the visit's reasons must be a list";
    if (p.contains("sensitive_reasons") && !p["sensitive_reasons"].is_array())
      return "the visit's sensitive_reasons must be a list";
  } else if (mutation.entity == "visit" && mutation.operation == "signed_out") {
    if (!is_timestamp(p.value("signed_out_at", json()))) return "the sign-out has no valid signed_out_at";
  } else if (mutation.entity == "participant" && mutation.operation == "merged") {
    if (!p.contains("merged_into") || !p["merged_into"].is_string()) return "the merge has no merged_into id";
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
