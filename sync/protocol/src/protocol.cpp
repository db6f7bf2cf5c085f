#include "porchlight/sync/protocol.hpp"

#include <charconv>

namespace porchlight::sync {

namespace {

using nlohmann::json;

// The deepest nesting of arrays and objects in `text`, counting only brackets outside strings. Run before the
// parser so a hostile "[[[[..." is refused without recursion.
int nesting_depth(std::string_view text) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

// Field readers that say which field is wrong.
Result<std::string> need_string(const json& object, const char* key, bool allow_empty = false) {
  const auto found = object.find(key);
  if (found == object.end() || !found->is_string()) return make_error(std::string("'") + key + "' must be a string");
  auto value = found->get<std::string>();
  if (!allow_empty && value.empty()) return make_error(std::string("'") + key + "' must not be empty");
  return value;
}

Result<std::int64_t> need_integer(const json& object, const char* key) {
  const auto found = object.find(key);
  if (found == object.end() || !found->is_number_integer()) {
    return make_error(std::string("'") + key + "' must be an integer");
  }
  return found->get<std::int64_t>();
}

Result<json> need_object_document(std::string_view body) {
  PL_TRY_ASSIGN(document, parse_json_limited(body));
  if (!document.is_object()) return make_error("the body must be a JSON object");
  return document;
}

Result<Mutation> parse_mutation(const json& item, std::size_t index) {
  const auto where = [index](const porchlight::Error& error) {
    return make_error("mutation " + std::to_string(index) + ": " + error.message);
  };
  if (!item.is_object()) return make_error("mutation " + std::to_string(index) + " is not an object");
  Mutation mutation;
  auto id = need_string(item, "id");
  if (!id) return where(id.error());
  mutation.id = std::move(*id);
  auto seq = need_integer(item, "seq");
  if (!seq) return where(seq.error());
  if (*seq <= 0) return where(make_error("'seq' must be positive"));
  mutation.seq = *seq;
  auto entity = need_string(item, "entity");
  if (!entity) return where(entity.error());
  mutation.entity = std::move(*entity);
  auto entity_id = need_string(item, "entity_id");
  if (!entity_id) return where(entity_id.error());
  mutation.entity_id = std::move(*entity_id);
  auto operation = need_string(item, "operation");
  if (!operation) return where(operation.error());
  mutation.operation = std::move(*operation);
  auto created_at = need_integer(item, "created_at");
  if (!created_at) return where(created_at.error());
  mutation.created_at = *created_at;
  const auto payload = item.find("payload");
  if (payload == item.end() || !payload->is_object()) return where(make_error("'payload' must be an object"));
  mutation.payload = *payload;
  return mutation;
}

}  // namespace

Result<json> parse_json_limited(std::string_view text, int max_depth) {
  if (nesting_depth(text) > max_depth) {
    return make_error("the JSON is nested deeper than " + std::to_string(max_depth) + " levels");
  }
  json document = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return make_error("the body is not valid JSON");
  return document;
}

json to_json(const EnrollRequest& request) { return {{"code", request.code}, {"device_name", request.device_name}}; }

json to_json(const EnrollResponse& response) {
  return {{"device_id", response.device_id},
          {"token", response.token},
          {"center_id", response.center_id},
          {"center_name", response.center_name}};
}

json to_json(const Mutation& mutation) {
  return {{"id", mutation.id},
          {"seq", mutation.seq},
          {"entity", mutation.entity},
          {"entity_id", mutation.entity_id},
          {"operation", mutation.operation},
          {"created_at", mutation.created_at},
          {"payload", mutation.payload}};
}

json to_json(const PushRequest& request) {
  json mutations = json::array();
  for (const auto& mutation : request.mutations) mutations.push_back(to_json(mutation));
  return {{"pending", request.pending}, {"mutations", std::move(mutations)}};
}

json to_json(const PushResponse& response) {
  json rejected = json::array();
  for (const auto& rejection : response.rejected) {
    rejected.push_back({{"id", rejection.id}, {"reason", rejection.reason}});
  }
  return {{"through_seq", response.through_seq},
          {"applied", response.applied},
          {"duplicates", response.duplicates},
          {"rejected", std::move(rejected)}};
}

json to_json(const FeedItem& item) {
  return {{"seq", item.seq}, {"kind", item.kind}, {"id", item.id}, {"deleted", item.deleted}, {"payload", item.payload}};
}

json to_json(const PullResponse& response) {
  json items = json::array();
  for (const auto& item : response.items) items.push_back(to_json(item));
  return {{"items", std::move(items)}, {"next_cursor", response.next_cursor}, {"more", response.more}};
}

Result<EnrollRequest> parse_enroll_request(std::string_view body) {
  PL_TRY_ASSIGN(document, need_object_document(body));
  EnrollRequest request;
  PL_TRY_ASSIGN(code, need_string(document, "code"));
  request.code = std::move(code);
  if (document.contains("device_name")) {
    PL_TRY_ASSIGN(name, need_string(document, "device_name", true));
    request.device_name = std::move(name);
  }
  return request;
}

Result<EnrollResponse> parse_enroll_response(std::string_view body) {
  PL_TRY_ASSIGN(document, need_object_document(body));
  EnrollResponse response;
  PL_TRY_ASSIGN(device_id, need_string(document, "device_id"));
  PL_TRY_ASSIGN(token, need_string(document, "token"));
  PL_TRY_ASSIGN(center_id, need_string(document, "center_id"));
  PL_TRY_ASSIGN(center_name, need_string(document, "center_name"));
  response.device_id = std::move(device_id);
  response.token = std::move(token);
  response.center_id = std::move(center_id);
  response.center_name = std::move(center_name);
  return response;
}

Result<PushRequest> parse_push_request(std::string_view body) {
  ErrorCode fault = ErrorCode::bad_request;
  return parse_push_request(body, fault);
}

Result<PushRequest> parse_push_request(std::string_view body, ErrorCode& fault) {
  fault = ErrorCode::bad_request;
  PL_TRY_ASSIGN(document, need_object_document(body));
  PushRequest request;
  if (document.contains("pending")) {
    PL_TRY_ASSIGN(pending, need_integer(document, "pending"));
    request.pending = std::max<std::int64_t>(0, pending);
  }
  const auto mutations = document.find("mutations");
  if (mutations == document.end() || !mutations->is_array()) return make_error("'mutations' must be an array");
  if (mutations->size() > kMaxBatchMutations) {
    return make_error("a batch holds at most " + std::to_string(kMaxBatchMutations) + " mutations");
  }
  request.mutations.reserve(mutations->size());
  for (std::size_t i = 0; i < mutations->size(); ++i) {
    auto mutation = parse_mutation((*mutations)[i], i);
    if (!mutation) {
      fault = ErrorCode::bad_record;
      return mutation.error();
    }
    request.mutations.push_back(std::move(mutation.value()));
  }
  return request;
}

Result<PushResponse> parse_push_response(std::string_view body) {
  PL_TRY_ASSIGN(document, need_object_document(body));
  PushResponse response;
  PL_TRY_ASSIGN(through, need_integer(document, "through_seq"));
  response.through_seq = through;
  if (document.contains("applied")) {
    PL_TRY_ASSIGN(applied, need_integer(document, "applied"));
    response.applied = applied;
  }
  if (document.contains("duplicates")) {
    PL_TRY_ASSIGN(duplicates, need_integer(document, "duplicates"));
    response.duplicates = duplicates;
  }
  const auto rejected = document.find("rejected");
  if (rejected != document.end()) {
    if (!rejected->is_array()) return make_error("'rejected' must be an array");
    for (const auto& item : *rejected) {
      if (!item.is_object()) return make_error("a rejection must be an object");
      PL_TRY_ASSIGN(id, need_string(item, "id"));
      PL_TRY_ASSIGN(reason, need_string(item, "reason", true));
      response.rejected.push_back({std::move(id), std::move(reason)});
    }
  }
  return response;
}

Result<PullResponse> parse_pull_response(std::string_view body) {
  PL_TRY_ASSIGN(document, need_object_document(body));
  PullResponse response;
  PL_TRY_ASSIGN(next, need_integer(document, "next_cursor"));
  response.next_cursor = next;
  const auto more = document.find("more");
  response.more = more != document.end() && more->is_boolean() && more->get<bool>();
  const auto items = document.find("items");
  if (items == document.end() || !items->is_array()) return make_error("'items' must be an array");
  for (const auto& entry : *items) {
    if (!entry.is_object()) return make_error("a feed item must be an object");
    FeedItem item;
    PL_TRY_ASSIGN(seq, need_integer(entry, "seq"));
    PL_TRY_ASSIGN(kind, need_string(entry, "kind"));
    PL_TRY_ASSIGN(id, need_string(entry, "id"));
    item.seq = seq;
    item.kind = std::move(kind);
    item.id = std::move(id);
    const auto deleted = entry.find("deleted");
    item.deleted = deleted != entry.end() && deleted->is_boolean() && deleted->get<bool>();
    const auto payload = entry.find("payload");
    if (!item.deleted) {
      if (payload == entry.end() || !payload->is_object()) return make_error("a feed item's 'payload' must be an object");
      item.payload = *payload;
    }
    response.items.push_back(std::move(item));
  }
  return response;
}

namespace {

constexpr std::pair<ErrorCode, std::string_view> kErrorCodeNames[] = {
    {ErrorCode::bad_record, "bad_record"},         {ErrorCode::too_large, "too_large"},
    {ErrorCode::not_authorised, "not_authorised"}, {ErrorCode::try_later, "try_later"},
    {ErrorCode::bad_request, "bad_request"},
};

}  // namespace

std::string_view wire_name(ErrorCode code) {
  for (const auto& [known, name] : kErrorCodeNames) {
    if (known == code) return name;
  }
  return "bad_request";
}

std::optional<ErrorCode> error_code_named(std::string_view name) {
  for (const auto& [code, known] : kErrorCodeNames) {
    if (known == name) return code;
  }
  return std::nullopt;
}

json error_body(const Error& error, std::string_view detail) {
  return {{"error", std::string(detail)}, {"code", std::string(wire_name(error.code))}, {"message", error.message}};
}

Error error_of(int status, std::string_view body) {
  Error error{ErrorCode::bad_request, error_message_of(body)};
  const json document = json::parse(body.begin(), body.end(), nullptr, false);
  if (document.is_object()) {
    const auto code = document.find("code");
    if (code != document.end() && code->is_string()) {
      if (auto known = error_code_named(code->get<std::string>())) {
        error.code = *known;
        return error;
      }
    }
  }
  // A hub from before error codes (or a proxy's own page): the status says what to do.
  if (status == 413) {
    error.code = ErrorCode::too_large;
  } else if (status == 401 || status == 403) {
    error.code = ErrorCode::not_authorised;
  } else if (status >= 500) {
    error.code = ErrorCode::try_later;
  } else if (status == 400 && error.message.rfind("mutation ", 0) == 0) {
    error.code = ErrorCode::bad_record;
  }
  return error;
}

std::string error_message_of(std::string_view body) {
  const json document = json::parse(body.begin(), body.end(), nullptr, false);
  if (!document.is_object()) return {};
  for (const char* key : {"message", "error"}) {
    const auto found = document.find(key);
    if (found != document.end() && found->is_string()) return found->get<std::string>();
  }
  return {};
}

namespace {

// The whole text is one decimal number in range: no sign, spaces or trailing characters.
template <class Number>
std::optional<Number> whole_number(std::string_view text) {
  Number value{};
  const auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (problem != std::errc() || end != text.data() + text.size() || text.empty() || text.front() == '-') {
    return std::nullopt;
  }
  return value;
}

}  // namespace

Result<PullQuery> parse_pull_query(std::optional<std::string_view> since, std::optional<std::string_view> limit) {
  PullQuery query;
  if (since) {
    if (!since->empty() && since->front() == '-' && whole_number<std::int64_t>(since->substr(1))) {
      return make_error("since must not be negative");
    }
    const auto value = whole_number<std::int64_t>(*since);
    if (!value) return make_error("since and limit must be whole numbers");
    query.since = *value;
  }
  if (limit) {
    const auto value = whole_number<std::size_t>(*limit);
    if (!value) return make_error("since and limit must be whole numbers");
    query.limit = *value;
  }
  return query;
}

}  // namespace porchlight::sync
