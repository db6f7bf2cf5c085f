#include "porchlight/sync/client.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "porchlight/core/audit.hpp"
#include "porchlight/core/outbox.hpp"
#include "porchlight/core/sync_state.hpp"
#include "porchlight/sync/gzip.hpp"
#include "porchlight/sync/protocol.hpp"

namespace porchlight::sync {

namespace {

using nlohmann::json;

std::string trim_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string describe_failure(const HttpResponse& response) {
  if (!response.transport_error.empty()) return response.transport_error;
  std::string message = error_message_of(response.body);
  if (message.empty()) message = "the hub answered " + std::to_string(response.status) + " with something unreadable";
  return "hub " + std::to_string(response.status) + ": " + message;
}

std::vector<std::string> auth_headers(const SyncConfig& config) {
  return {"Authorization: Bearer " + config.token, "Accept: application/json"};
}

// Same batch, same key, on every retry and after a restart: the first and last mutation ids, the count, and a
// hash of the records. The hub refuses a key sent again with other records (422), so a batch whose records
// changed meanwhile (a retention purge strips payloads still waiting) must go under a key of its own.
std::string idempotency_key(const std::vector<core::OutboxEntry>& batch) {
  std::string records;
  for (const auto& entry : batch) records += entry.mutation_id + '\n' + entry.payload + '\n';
  return batch.front().mutation_id + "." + batch.back().mutation_id + "." + std::to_string(batch.size()) + "." +
         core::chain_hash({records}).substr(0, 16);
}

Result<Mutation> to_mutation(const core::OutboxEntry& entry) {
  auto payload = parse_json_limited(entry.payload);
  if (!payload || !payload->is_object()) return make_error("its payload is not a JSON object");
  return Mutation{entry.mutation_id, entry.seq, entry.entity, entry.entity_id, entry.operation, entry.created_at,
                  std::move(payload.value())};
}

enum class PushStep { Done, Continue, Failed };

}  // namespace

std::filesystem::path sync_config_path(const std::filesystem::path& database_path) {
  return database_path.string() + ".sync.json";
}

Result<std::optional<SyncConfig>> load_sync_config(const std::filesystem::path& path) {
  std::ifstream file(path);
  if (!file) return std::optional<SyncConfig>();
  std::stringstream text;
  text << file.rdbuf();
  auto document = parse_json_limited(text.str());
  if (!document || !document->is_object()) return make_error(path.string() + " is not readable sync configuration");
  // json::value() throws when the key holds another type; a hand-edited file must be refused, not end the
  // kiosk (found by fuzzing).
  const auto text_of = [&](const char* key, std::string& out) {
    const auto found = document->find(key);
    if (found == document->end()) return true;
    if (!found->is_string()) return false;
    out = found->get<std::string>();
    return true;
  };
  SyncConfig config;
  for (const auto& [key, field] : {std::pair{"hub_url", &config.hub_url}, std::pair{"token", &config.token},
                                   std::pair{"device_id", &config.device_id}, std::pair{"center_name", &config.center_name},
                                   std::pair{"ca_file", &config.ca_file}}) {
    if (!text_of(key, *field)) return make_error(path.string() + ": " + key + " must be text");
  }
  if (config.hub_url.empty() || config.token.empty()) return make_error(path.string() + " has no hub_url or token");
  return std::optional<SyncConfig>(std::move(config));
}

Result<void> save_sync_config(const std::filesystem::path& path, const SyncConfig& config) {
  const json document = {{"hub_url", config.hub_url},         {"token", config.token},
                         {"device_id", config.device_id},     {"center_name", config.center_name},
                         {"ca_file", config.ca_file}};
  const std::string text = document.dump(2) + "\n";
  const std::string temporary = path.string() + ".tmp";
  // Owner-only from the first byte: the token must never be readable by others, even for a moment.
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return make_error("cannot write " + temporary);
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written || std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    return make_error("cannot save " + path.string());
  }
  return {};
}

Result<SyncConfig> enroll(const std::string& hub_url, const std::string& code, const std::string& device_name,
                          const std::string& ca_file, const std::filesystem::path& config_path) {
  const std::string base = trim_slash(hub_url);
  if (auto problem = hub_url_problem(base); !problem.empty()) return make_error(problem);
  HttpClient http(HttpOptions{ca_file});
  const auto response = http.post(base + std::string(kEnrollPath), to_json(EnrollRequest{code, device_name}).dump(),
                                  {"Content-Type: application/json"});
  if (response.status != 200) return make_error("enrollment failed: " + describe_failure(response));
  PL_TRY_ASSIGN(enrolled, parse_enroll_response(response.body));
  SyncConfig config{base, enrolled.token, enrolled.device_id, enrolled.center_name, ca_file};
  PL_TRY(save_sync_config(config_path, config));
  return config;
}

SyncOutcome sync_once(core::Store& store, const SyncConfig& config, HttpClient& http, SyncLimits limits) {
  SyncOutcome outcome;
  const auto fail = [&](std::string error, const HttpResponse* response) {
    outcome.ok = false;
    outcome.error = std::move(error);
    if (response) {
      outcome.retry_after_seconds = response->retry_after_seconds;
      outcome.revoked = response->status != 200 &&
                        error_of(static_cast<int>(response->status), response->body).code == ErrorCode::not_authorised;
    }
    (void)core::note_sync_failure(store, outcome.error);
    return outcome;
  };

  // Push: oldest first, in batches, until nothing is pending. The backlog is counted once (counting it per batch
  // would cost a scan of everything pending each time), then kept up to date as batches go.
  std::size_t batch_limit = std::max<std::size_t>(1, limits.batch_mutations);
  auto status = core::outbox_status(store);
  if (!status) return fail(status.error().message, nullptr);
  std::int64_t backlog = status->pending;
  for (;;) {
    auto pending = core::pending_mutations(store, static_cast<int>(batch_limit));
    if (!pending) return fail(pending.error().message, nullptr);
    if (pending->empty()) break;
    PushRequest request;
    request.pending = backlog;
    std::vector<core::OutboxEntry> batch;
    std::vector<std::pair<std::string, std::string>> unreadable;
    std::size_t bytes = 0;
    for (auto& entry : *pending) {
      auto mutation = to_mutation(entry);
      if (!mutation) {
        unreadable.emplace_back(entry.mutation_id, "the kiosk could not read this record: " + mutation.error().message);
        continue;
      }
      const std::size_t size = entry.payload.size() + 256;
      if (!batch.empty() && bytes + size > limits.batch_bytes) break;
      bytes += size;
      request.mutations.push_back(std::move(mutation.value()));
      batch.push_back(std::move(entry));
    }
    if (!unreadable.empty()) {
      if (auto parked = core::record_push_outcome(store, {}, unreadable); !parked) return fail(parked.error().message, nullptr);
      outcome.parked += static_cast<int>(unreadable.size());
    }
    if (batch.empty()) continue;
    // What will still wait once this batch is in: the hub's metrics show each kiosk's backlog.
    request.pending = std::max<std::int64_t>(0, backlog - static_cast<std::int64_t>(batch.size()));

    auto body = gzip_compress(to_json(request).dump());
    if (!body) return fail(body.error().message, nullptr);
    const auto response =
        http.post(config.hub_url + std::string(kPushPath), *body,
                  {"Authorization: Bearer " + config.token, "Content-Type: application/json", "Content-Encoding: gzip",
                   std::string(kIdempotencyHeader) + ": " + idempotency_key(batch)});
    // The hub's code says whether a record is at fault (one it cannot read, or too large): anything else is the
    // hub's trouble or the batch's as a whole, not a record's.
    const ErrorCode refusal = response.status == 200 || !response.transport_error.empty()
                                  ? ErrorCode::try_later
                                  : error_of(static_cast<int>(response.status), response.body).code;
    const bool record_at_fault = refusal == ErrorCode::bad_record || refusal == ErrorCode::too_large;
    if (record_at_fault && batch.size() > 1) {
      // Smaller batches find the one record at fault; the others go through.
      batch_limit = std::max<std::size_t>(1, batch.size() / 2);
      continue;
    }
    if (record_at_fault) {
      // A single record the hub will never take: park it, so the records behind it still go.
      const std::string reason = describe_failure(response);
      if (auto parked = core::record_push_outcome(store, {}, {{batch.front().mutation_id, reason}}); !parked) {
        return fail(parked.error().message, nullptr);
      }
      ++outcome.parked;
      continue;
    }
    if (response.status != 200) return fail(describe_failure(response), &response);
    auto answer = parse_push_response(response.body);
    if (!answer) return fail("the hub's answer was unreadable: " + answer.error().message, &response);
    std::vector<std::string> acknowledged;
    std::vector<std::pair<std::string, std::string>> refused;
    for (const auto& rejection : answer->rejected) refused.emplace_back(rejection.id, rejection.reason);
    for (const auto& entry : batch) {
      const bool was_refused = std::any_of(refused.begin(), refused.end(),
                                           [&](const auto& r) { return r.first == entry.mutation_id; });
      if (!was_refused && entry.seq <= answer->through_seq) acknowledged.push_back(entry.mutation_id);
    }
    if (acknowledged.empty() && refused.empty()) return fail("the hub acknowledged nothing of a batch", &response);
    if (auto saved = core::record_push_outcome(store, acknowledged, refused); !saved) {
      return fail(saved.error().message, nullptr);
    }
    backlog = std::max<std::int64_t>(0, backlog - static_cast<std::int64_t>(acknowledged.size() + refused.size()));
    outcome.pushed += static_cast<int>(answer->applied);
    outcome.duplicates += static_cast<int>(answer->duplicates);
    outcome.parked += static_cast<int>(refused.size());
    batch_limit = std::max<std::size_t>(1, limits.batch_mutations);
  }

  // Pull: every page since the saved cursor, each saved with its cursor in one transaction.
  for (;;) {
    auto cursor = core::pull_cursor(store);
    if (!cursor) return fail(cursor.error().message, nullptr);
    const auto response = http.get(config.hub_url + std::string(kPullPath) + "?since=" + std::to_string(*cursor),
                                   auth_headers(config));
    if (response.status != 200) return fail(describe_failure(response), &response);
    auto page = parse_pull_response(response.body);
    if (!page) return fail("the hub's feed was unreadable: " + page.error().message, &response);
    if (page->next_cursor < *cursor) return fail("the hub's feed went backwards", &response);
    std::vector<core::FeedChange> changes;
    for (auto& item : page->items) {
      changes.push_back({item.seq, std::move(item.kind), std::move(item.id), item.deleted, std::move(item.payload)});
    }
    auto applied = core::apply_feed_page(store, changes, page->next_cursor);
    if (!applied) return fail(applied.error().message, nullptr);
    outcome.pulled += applied->applied;
    outcome.settings_changed = outcome.settings_changed || applied->settings_changed;
    if (!page->more || page->items.empty()) break;
  }

  outcome.ok = true;
  (void)core::note_sync_success(store);
  return outcome;
}

int failures_after(int previous_failures, const SyncOutcome& outcome) {
  if (outcome.ok) return 0;
  const bool moved_records = outcome.pushed + outcome.duplicates + outcome.parked + outcome.pulled > 0;
  return moved_records ? 1 : previous_failures + 1;
}

std::chrono::milliseconds backoff_delay(int consecutive_failures, std::optional<int> retry_after_seconds,
                                        std::mt19937_64& random, std::chrono::milliseconds base,
                                        std::chrono::milliseconds cap) {
  const int exponent = std::clamp(consecutive_failures - 1, 0, 30);
  const auto ceiling = std::min<std::int64_t>(cap.count(), base.count() << std::min(exponent, 20));
  std::uniform_int_distribution<std::int64_t> pick(0, std::max<std::int64_t>(0, ceiling));
  auto delay = std::chrono::milliseconds(pick(random));
  if (retry_after_seconds) {
    // Honoured, up to an hour: a misconfigured proxy must not silence a kiosk for days.
    const std::int64_t asked = std::clamp<std::int64_t>(*retry_after_seconds, 0, 3600) * 1000;
    delay = std::max(delay, std::chrono::milliseconds(asked));
  }
  return delay;
}

}  // namespace porchlight::sync
