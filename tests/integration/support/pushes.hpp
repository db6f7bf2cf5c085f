#pragma once
// A kiosk's pushes written by hand, for the hub tests that send what the real client never would: records naming
// another center's people, reused keys, oversized and malformed fields. Sent over HTTP as the client sends them.
#include <doctest/doctest.h>
#include <httplib.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "admin.hpp"
#include "hub.hpp"

namespace porchlight::test {

// The device token a kiosk got when it enrolled (from its .sync.json beside the database).
std::string kiosk_token(const Admin& kiosk);

// One record as the kiosk's outbox sends it.
nlohmann::json mutation(const std::string& id, std::int64_t seq, const std::string& entity,
                        const std::string& entity_id, const std::string& operation, nlohmann::json payload);

// A sign-in record (mutation id "m-" + visit id), for a person or, without one, a guest.
nlohmann::json sign_in(const std::string& visit_id, std::int64_t seq, const std::optional<std::string>& participant,
                       nlohmann::json reasons = nlohmann::json::array({"meal"}));

// A kiosk's push over HTTP, as the sync client sends it (without gzip).
class Pusher {
 public:
  Pusher(const Hub& hub, const Admin& kiosk);
  httplib::Result post(const nlohmann::json& mutations, const std::string& idempotency_key,
                       std::int64_t pending = 0);
  // Any body at all, with the kiosk's token.
  httplib::Result post_body(const std::string& body, const httplib::Headers& extra_headers = {});
  // A push the hub must take (200); its answer.
  nlohmann::json push(const nlohmann::json& mutations, const std::string& idempotency_key = {});

 private:
  httplib::Client client_;
  std::string token_;
};

// The reason the hub gave for refusing the record `id`, or empty when it did not refuse it.
std::string refusal_of(const nlohmann::json& answer, const std::string& id);

}  // namespace porchlight::test
