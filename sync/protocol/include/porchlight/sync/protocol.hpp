#pragma once
// The wire format between a kiosk and porchlight-hub: JSON bodies, shared by sync/client and sync/hub so the two
// cannot disagree. Every parser takes outside input and answers with an error value naming what is wrong; none
// throws. docs/architecture.md and sync/protocol/README.md describe it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "porchlight/result.hpp"

namespace porchlight::sync {

inline constexpr std::string_view kEnrollPath = "/v1/enroll";
inline constexpr std::string_view kPushPath = "/v1/sync/push";
inline constexpr std::string_view kPullPath = "/v1/sync/pull";
inline constexpr std::string_view kIdempotencyHeader = "Idempotency-Key";

// Limits the hub enforces and the client stays under.
inline constexpr std::size_t kMaxBatchMutations = 500;
inline constexpr std::size_t kMaxBatchBytes = 1 << 20;         // the client's batch, uncompressed JSON
inline constexpr std::size_t kMaxRequestBytes = 4 << 20;       // what the hub reads, after decompression
inline constexpr int kMaxJsonDepth = 32;
inline constexpr std::size_t kMaxPullPage = 1000;

// Parses JSON from outside, refusing documents nested deeper than `max_depth` (a stack-exhaustion guard).
Result<nlohmann::json> parse_json_limited(std::string_view text, int max_depth = kMaxJsonDepth);

struct EnrollRequest {
  std::string code;
  std::string device_name;
};
struct EnrollResponse {
  std::string device_id;
  std::string token;  // shown once; the hub keeps only its hash
  std::string center_id;
  std::string center_name;
};

// One outbox row on the wire. `seq` is the kiosk's own outbox sequence; `id` is the mutation's UUIDv7.
struct Mutation {
  std::string id;
  std::int64_t seq = 0;
  std::string entity;     // "participant", "visit", ...
  std::string entity_id;
  std::string operation;  // "created", "signed_in", ...
  std::int64_t created_at = 0;  // ms since the epoch, UTC
  nlohmann::json payload;       // an object
};

struct PushRequest {
  std::int64_t pending = 0;  // how many records the kiosk still holds unsent, for the hub's metrics
  std::vector<Mutation> mutations;
};

struct Rejection {
  std::string id;
  std::string reason;
};

// The hub answers only after its transaction committed: every mutation of the batch with seq <= `through_seq`
// is held by the hub, except the `rejected` ones, which it will never accept (the kiosk parks them).
struct PushResponse {
  std::int64_t through_seq = 0;
  std::int64_t applied = 0;     // new to the hub
  std::int64_t duplicates = 0;  // already held (a retried batch)
  std::vector<Rejection> rejected;
};

// Hub-owned data coming down: directory, calendar and kiosk settings, in the hub's feed order.
struct FeedItem {
  std::int64_t seq = 0;
  std::string kind;  // "setting", "directory.service", "calendar.group", ...
  std::string id;
  bool deleted = false;
  nlohmann::json payload;  // an object; null when deleted
};

struct PullResponse {
  std::vector<FeedItem> items;
  std::int64_t next_cursor = 0;  // pass as ?since= next time
  bool more = false;             // another page is waiting
};

nlohmann::json to_json(const EnrollRequest& request);
nlohmann::json to_json(const EnrollResponse& response);
nlohmann::json to_json(const Mutation& mutation);
nlohmann::json to_json(const PushRequest& request);
nlohmann::json to_json(const PushResponse& response);
nlohmann::json to_json(const FeedItem& item);
nlohmann::json to_json(const PullResponse& response);

Result<EnrollRequest> parse_enroll_request(std::string_view body);
Result<EnrollResponse> parse_enroll_response(std::string_view body);
Result<PushRequest> parse_push_request(std::string_view body);
Result<PushResponse> parse_push_response(std::string_view body);
Result<PullResponse> parse_pull_response(std::string_view body);

// A pull's query (?since=&limit=), as the hub reads it: whole decimal numbers, `since` not negative; each
// nullopt when the query leaves it out. The hub clamps `limit` to 1..kMaxPullPage itself.
struct PullQuery {
  std::int64_t since = 0;
  std::size_t limit = kMaxPullPage;
};
Result<PullQuery> parse_pull_query(std::optional<std::string_view> since, std::optional<std::string_view> limit);

// What a client does about a refused request, carried as "code" in every error body the hub sends.
enum class ErrorCode {
  bad_record,      // a record of the batch can never be stored: park it (bisect a batch to find it)
  too_large,       // the request is over a limit: a smaller batch may pass; a single record over it is parked
  not_authorised,  // the token is unknown or revoked, or the enrollment code refused: enroll again
  try_later,       // the hub's own trouble (its database): retry after a while
  bad_request,     // the request as a whole is wrong (not one record's fault): nothing to park, fix the client
};
std::string_view wire_name(ErrorCode code);
std::optional<ErrorCode> error_code_named(std::string_view name);

// A refusal: its code for the client to act on, and words for logs and staff.
struct Error {
  ErrorCode code = ErrorCode::bad_request;
  std::string message;
};

// {"error": detail, "code": code, "message": text}: the body of every 4xx and 5xx the hub sends. `detail` names
// the particular refusal ("device_revoked", "idempotency_key_reused"); clients act on `code`.
nlohmann::json error_body(const Error& error, std::string_view detail);
// The "message" (else "error") of such a body, or empty when the body is not one.
std::string error_message_of(std::string_view body);
// The refusal an answer with HTTP `status` and `body` carries. A hub from before error codes sends none: the code
// is then read from the status (413 too large, 401/403 not authorised, 5xx try later) and, for a 400, from the
// one wording such hubs used for a record at fault ("mutation 3: ..."), so a newer kiosk still parks it.
Error error_of(int status, std::string_view body);

// A push body that cannot be read, with the code saying whether one record is at fault (bad_record) or the
// batch as a whole (bad_request).
Result<PushRequest> parse_push_request(std::string_view body, ErrorCode& fault);

}  // namespace porchlight::sync
