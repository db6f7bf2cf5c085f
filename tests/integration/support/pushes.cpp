#include "pushes.hpp"

namespace porchlight::test {

using nlohmann::json;

std::string kiosk_token(const Admin& kiosk) {
  return json::parse(read_file(kiosk.db().string() + ".sync.json")).at("token").get<std::string>();
}

json mutation(const std::string& id, std::int64_t seq, const std::string& entity, const std::string& entity_id,
              const std::string& operation, json payload) {
  return {{"id", id},
          {"seq", seq},
          {"entity", entity},
          {"entity_id", entity_id},
          {"operation", operation},
          {"created_at", 1'795'446'000'000},
          {"payload", std::move(payload)}};
}

json sign_in(const std::string& visit_id, std::int64_t seq, const std::optional<std::string>& participant,
             json reasons) {
  return mutation("m-" + visit_id, seq, "visit", visit_id, "signed_in",
                  {{"id", visit_id},
                   {"participant_id", participant ? json(*participant) : json()},
                   {"signed_in_at", "2026-11-23T15:00:00.000Z"},
                   {"local_date", "2026-11-23"},
                   {"reasons", std::move(reasons)}});
}

Pusher::Pusher(const Hub& hub, const Admin& kiosk) : client_("127.0.0.1", hub.port()), token_(kiosk_token(kiosk)) {}

httplib::Result Pusher::post(const json& mutations, const std::string& idempotency_key, std::int64_t pending) {
  httplib::Headers headers;
  if (!idempotency_key.empty()) headers.emplace("Idempotency-Key", idempotency_key);
  return post_body(json{{"pending", pending}, {"mutations", mutations}}.dump(), headers);
}

httplib::Result Pusher::post_body(const std::string& body, const httplib::Headers& extra_headers) {
  httplib::Headers headers = extra_headers;
  headers.emplace("Authorization", "Bearer " + token_);
  return client_.Post("/v1/sync/push", headers, body, "application/json");
}

json Pusher::push(const json& mutations, const std::string& idempotency_key) {
  const auto answer = post(mutations, idempotency_key);
  REQUIRE(answer);
  INFO(answer->body);
  REQUIRE(answer->status == 200);
  return json::parse(answer->body);
}

std::string refusal_of(const json& answer, const std::string& id) {
  for (const auto& rejection : answer.at("rejected")) {
    if (rejection.at("id") == id) return rejection.at("reason").get<std::string>();
  }
  return {};
}

}  // namespace porchlight::test
