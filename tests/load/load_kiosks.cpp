#include "load_kiosks.hpp"

#include <httplib.h>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <random>
#include <stdexcept>
#include <thread>

#include <nlohmann/json.hpp>

namespace porchlight::load {

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

std::string mutation_id(int kiosk, int record) {
  char text[64];
  std::snprintf(text, sizeof text, "0190a000-%04x-7000-8000-%012x", kiosk & 0xffff, record);
  return text;
}

json visit_mutation(int kiosk, int record, const std::string& device_id) {
  const std::string id = mutation_id(kiosk, record);
  const std::string visit_id = "v" + id.substr(1);
  const int day = 1 + record % 28;
  char date[16];
  std::snprintf(date, sizeof date, "2026-11-%02d", day);
  return {{"id", id},
          {"seq", record + 1},
          {"entity", "visit"},
          {"entity_id", visit_id},
          {"operation", "signed_in"},
          {"created_at", 1'795'000'000'000 + record},
          {"payload",
           {{"id", visit_id},
            {"participant_id", record % 5 == 0 ? json() : json("p" + std::to_string(kiosk) + "-" + std::to_string(record % 97))},
            {"guest", record % 5 == 0},
            {"signed_in_at", std::string(date) + "T15:00:00.000Z"},
            {"local_date", date},
            {"reasons", json::array({"drop-in"})},
            {"device_id", device_id}}}};
}

}  // namespace

std::vector<LoadKiosk> enroll_kiosks(const std::string& host, int port, const std::vector<std::string>& codes) {
  std::vector<LoadKiosk> kiosks;
  httplib::Client client(host, port);
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const json body = {{"code", codes[i]}, {"device_name", "load-" + std::to_string(i)}};
    const auto answer = client.Post("/v1/enroll", body.dump(), "application/json");
    if (!answer || answer->status != 200) throw std::runtime_error("enrolling a load kiosk failed");
    const auto reply = json::parse(answer->body);
    kiosks.push_back({reply.at("token").get<std::string>(), reply.at("device_id").get<std::string>()});
  }
  return kiosks;
}

LoadResult run_load(const std::vector<LoadKiosk>& kiosks, const LoadOptions& options) {
  LoadResult result;
  std::mutex mutex;
  std::atomic<std::int64_t> failures{0};
  std::atomic<bool> all_done{true};
  const auto started = Clock::now();
  const auto deadline = started + options.give_up_after;

  std::vector<std::thread> threads;
  for (std::size_t k = 0; k < kiosks.size(); ++k) {
    threads.emplace_back([&, k] {
      std::mt19937 random(static_cast<unsigned>(k) * 7919u + 1u);
      std::size_t hub = k % options.hubs.size();
      auto connect = [&] {
        auto client = std::make_unique<httplib::Client>(options.hubs[hub].first, options.hubs[hub].second);
        client->set_connection_timeout(2, 0);
        client->set_read_timeout(30, 0);
        return client;
      };
      auto client = connect();
      std::vector<std::string> sent;
      std::vector<std::string> acknowledged;
      int batch_number = 0;
      for (int first = 0; first < options.records_per_kiosk; first += options.batch_size) {
        const int last = std::min(options.records_per_kiosk, first + options.batch_size);
        json mutations = json::array();
        for (int r = first; r < last; ++r) {
          mutations.push_back(visit_mutation(static_cast<int>(k), r, kiosks[k].device_id));
          sent.push_back(mutation_id(static_cast<int>(k), r));
        }
        const std::string body = json{{"pending", options.records_per_kiosk - last}, {"mutations", mutations}}.dump();
        const httplib::Headers headers{{"Authorization", "Bearer " + kiosks[k].token},
                                       {"Idempotency-Key", mutation_id(static_cast<int>(k), first) + "." + std::to_string(last)}};
        const int sends = ++batch_number % options.duplicate_every == 0 ? 2 : 1;
        for (int send = 0; send < sends; ++send) {
          for (;;) {
            if (Clock::now() > deadline) {
              all_done = false;
              return;
            }
            const auto answer = client->Post("/v1/sync/push", headers, body, "application/json");
            if (answer && answer->status == 200) {
              if (send == 0) {
                const auto reply = json::parse(answer->body);
                std::vector<std::string> rejected;
                for (const auto& r : reply.at("rejected")) rejected.push_back(r.at("id").get<std::string>());
                for (int r = first; r < last; ++r) {
                  const auto id = mutation_id(static_cast<int>(k), r);
                  if (std::find(rejected.begin(), rejected.end(), id) == rejected.end() &&
                      r + 1 <= reply.at("through_seq").get<int>()) {
                    acknowledged.push_back(id);
                  }
                }
              }
              break;
            }
            // Refused or unreachable: the next hub, after a short jittered pause.
            ++failures;
            hub = (hub + 1) % options.hubs.size();
            client = connect();
            std::this_thread::sleep_for(std::chrono::milliseconds(50 + random() % 200));
          }
        }
      }
      std::lock_guard lock(mutex);
      result.sent.insert(result.sent.end(), sent.begin(), sent.end());
      result.acknowledged.insert(result.acknowledged.end(), acknowledged.begin(), acknowledged.end());
    });
  }
  for (auto& thread : threads) thread.join();
  result.failed_requests = failures;
  result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  result.complete = all_done;
  return result;
}

}  // namespace porchlight::load
