// The wire format both sides share: what parses, what is refused and why, gzip with its ceiling, and the backoff.
#include <fstream>
#include <random>

#include "porchlight/sync/client.hpp"
#include "porchlight/sync/gzip.hpp"
#include "porchlight/sync/protocol.hpp"
#include "test_support.hpp"

using namespace porchlight::test;
namespace wire = porchlight::sync;
using nlohmann::json;

namespace {

json good_mutation(int seq) {
  return {{"id", "m" + std::to_string(seq)}, {"seq", seq}, {"entity", "visit"}, {"entity_id", "v1"},
          {"operation", "signed_in"}, {"created_at", 1'795'000'000'000}, {"payload", {{"id", "v1"}}}};
}

}  // namespace

TEST_CASE("protocol: a push request round-trips through JSON") {
  wire::PushRequest request;
  request.pending = 12;
  request.mutations.push_back({"m1", 1, "visit", "v1", "signed_in", 5, {{"id", "v1"}, {"reasons", {"meal"}}}});
  const auto parsed = wire::parse_push_request(wire::to_json(request).dump());
  REQUIRE(parsed);
  CHECK(parsed->pending == 12);
  REQUIRE(parsed->mutations.size() == 1);
  CHECK(parsed->mutations[0].id == "m1");
  CHECK(parsed->mutations[0].payload["reasons"][0] == "meal");
}

TEST_CASE("protocol: bad push bodies are refused with the field and the record named") {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"", "not valid JSON"},
      {"[1, 2]", "must be a JSON object"},
      {"{}", "'mutations' must be an array"},
      {R"({"mutations": [1]})", "mutation 0 is not an object"},
  };
  for (const auto& [body, why] : cases) {
    CAPTURE(body);
    const auto parsed = wire::parse_push_request(body);
    REQUIRE_FALSE(parsed);
    CHECK(contains(parsed.error().message, why));
  }
  auto missing_seq = good_mutation(2);
  missing_seq.erase("seq");
  const auto parsed = wire::parse_push_request(json{{"mutations", {good_mutation(1), missing_seq}}}.dump());
  REQUIRE_FALSE(parsed);
  CHECK(parsed.error().message == "mutation 1: 'seq' must be an integer");
  auto bad_payload = good_mutation(1);
  bad_payload["payload"] = "text";
  CHECK(wire::parse_push_request(json{{"mutations", {bad_payload}}}.dump()).error().message ==
        "mutation 0: 'payload' must be an object");
}

TEST_CASE("protocol: JSON nested deeper than the limit is refused before parsing - strings may hold brackets") {
  const std::string deep = std::string(100, '[') + std::string(100, ']');
  const auto refused = wire::parse_json_limited(deep);
  REQUIRE_FALSE(refused);
  CHECK(contains(refused.error().message, "nested deeper than 32"));
  const std::string brackets_in_text = R"({"note": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ \" [[["})";
  CHECK(wire::parse_json_limited(brackets_in_text));
}

TEST_CASE("protocol: a batch of more than 500 records is refused") {
  json mutations = json::array();
  for (int i = 1; i <= 501; ++i) mutations.push_back(good_mutation(i));
  const auto parsed = wire::parse_push_request(json{{"mutations", mutations}}.dump());
  REQUIRE_FALSE(parsed);
  CHECK(contains(parsed.error().message, "at most 500"));
}

TEST_CASE("gzip: round trip, garbage refused, and a small body that expands too far is stopped") {
  const std::string text(100'000, 'a');
  const auto packed = wire::gzip_compress(text);
  REQUIRE(packed);
  CHECK(wire::looks_gzipped(*packed));
  CHECK(packed->size() < 1'000);
  CHECK(*wire::gzip_decompress(*packed, 200'000) == text);
  const auto bomb = wire::gzip_decompress(*packed, 50'000);
  REQUIRE_FALSE(bomb);
  CHECK(contains(bomb.error().message, "expands beyond"));
  CHECK_FALSE(wire::gzip_decompress("\x1f\x8bnot really gzip", 1'000));
  CHECK_FALSE(wire::gzip_decompress(packed->substr(0, packed->size() / 2), 200'000));
}

TEST_CASE("backoff: full jitter under a doubling ceiling capped at 5 minutes - Retry-After is a floor") {
  std::mt19937_64 random(42);
  using std::chrono::milliseconds;
  for (int failures = 1; failures <= 20; ++failures) {
    const auto ceiling = std::min<std::int64_t>(300'000, 1'000LL << std::min(failures - 1, 20));
    std::int64_t largest = 0;
    for (int i = 0; i < 200; ++i) {
      const auto delay = wire::backoff_delay(failures, std::nullopt, random).count();
      CHECK(delay >= 0);
      CHECK(delay <= ceiling);
      largest = std::max(largest, delay);
    }
    CHECK(largest > ceiling / 2);  // it does spread over the whole range
  }
  for (int i = 0; i < 50; ++i) CHECK(wire::backoff_delay(1, 30, random) >= milliseconds(30'000));
  CHECK(wire::backoff_delay(1, 86'400, random) <= milliseconds(3'600'000));  // at most an hour, whatever is asked
}

TEST_CASE("hub URLs: https anywhere, plain http only to this machine") {
  CHECK(wire::hub_url_problem("https://hub.example.org").empty());
  CHECK(wire::hub_url_problem("http://127.0.0.1:8750").empty());
  CHECK(wire::hub_url_problem("http://localhost:8750").empty());
  CHECK(wire::hub_url_problem("http://[::1]:8750").empty());
  CHECK_FALSE(wire::hub_url_problem("http://hub.example.org").empty());
  CHECK_FALSE(wire::hub_url_problem("http://127.0.0.1.evil.example").empty());
  CHECK_FALSE(wire::hub_url_problem("http://localhost.evil.example").empty());
  CHECK_FALSE(wire::hub_url_problem("ftp://hub.example.org").empty());
  // Read as libcurl reads them: what comes before '@' is a user name, so these go to hub.example.org.
  CHECK_FALSE(wire::hub_url_problem("http://localhost:80@hub.example.org").empty());
  CHECK_FALSE(wire::hub_url_problem("http://127.0.0.1:8750@hub.example.org/").empty());
  CHECK_FALSE(wire::hub_url_problem("http://[::1]@hub.example.org").empty());
  CHECK_FALSE(wire::hub_url_problem("http://127.0.0.2:8750").empty());
  CHECK_FALSE(wire::hub_url_problem("https://").empty());
  CHECK_FALSE(wire::hub_url_problem("hub.example.org").empty());
  CHECK(wire::hub_url_problem("HTTP://hub.example.org").find("https://") != std::string::npos);
}

TEST_CASE("protocol: a pull query is whole decimal numbers, since not negative - absent ones keep their defaults") {
  const auto defaults = wire::parse_pull_query(std::nullopt, std::nullopt);
  REQUIRE(defaults);
  CHECK(defaults->since == 0);
  CHECK(defaults->limit == wire::kMaxPullPage);
  const auto given = wire::parse_pull_query("1795532400000", "50");
  REQUIRE(given);
  CHECK(given->since == 1'795'532'400'000);
  CHECK(given->limit == 50);
  CHECK(wire::parse_pull_query("-1", std::nullopt).error().message == "since must not be negative");
  // std::stoll took these (spaces, a sign, trailing text) and std::stoul turned "-1" into a huge limit.
  for (const char* bad : {"", "abc", "12abc", " 12", "+12", "1e3", "99999999999999999999"}) {
    CAPTURE(bad);
    CHECK(wire::parse_pull_query(bad, std::nullopt).error().message == "since and limit must be whole numbers");
    CHECK(wire::parse_pull_query(std::nullopt, bad).error().message == "since and limit must be whole numbers");
  }
  CHECK_FALSE(wire::parse_pull_query(std::nullopt, "-1"));
}

TEST_CASE("sync config: a field of the wrong type is refused, not thrown") {
  TempDir dir;
  const auto path = dir.file("kiosk.db.sync.json");
  // tests/fuzz/corpus/config/crash-hub-url-object.json: json::value() used to throw type_error, ending the kiosk.
  std::ofstream(path) << "{\"hub_url\": {}, \"token\": \"t\"}";
  const auto loaded = wire::load_sync_config(path);
  REQUIRE_FALSE(loaded);
  CHECK(contains(loaded.error().message, "hub_url must be text"));

  std::ofstream(path, std::ios::trunc) << "{\"hub_url\": \"https://hub.example.org\", \"token\": \"t\", \"ca_file\": 5}";
  CHECK(contains(wire::load_sync_config(path).error().message, "ca_file must be text"));

  std::ofstream(path, std::ios::trunc) << "{\"hub_url\": \"https://hub.example.org\", \"token\": \"t\"}";
  const auto good = wire::load_sync_config(path);
  REQUIRE(good);
  REQUIRE(good->has_value());
  CHECK((*good)->hub_url == "https://hub.example.org");
  CHECK((*good)->device_id.empty());
}

TEST_CASE("backoff: a failed round that moved records first waits as after one failure, not longer") {
  wire::SyncOutcome nothing_moved;
  CHECK(wire::failures_after(0, nothing_moved) == 1);
  CHECK(wire::failures_after(7, nothing_moved) == 8);
  wire::SyncOutcome some_pushed;
  some_pushed.pushed = 500;
  CHECK(wire::failures_after(7, some_pushed) == 1);
  wire::SyncOutcome resent;  // a batch whose answer was lost the round before, acknowledged as already held
  resent.duplicates = 500;
  CHECK(wire::failures_after(7, resent) == 1);
  wire::SyncOutcome pulled_only;
  pulled_only.pulled = 3;
  CHECK(wire::failures_after(4, pulled_only) == 1);
  wire::SyncOutcome succeeded;
  succeeded.ok = true;
  CHECK(wire::failures_after(7, succeeded) == 0);
}
