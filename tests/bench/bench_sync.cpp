// porchlight-bench-sync: how long a kiosk's backlog takes to reach a real hub on loopback.
// It fills a temporary kiosk database with N sign-ins (one transaction: the filling is not what is measured),
// enrolls with the hub given, and times the real client's sync_once until nothing is pending.
// Usage: porchlight-bench-sync --hub URL --code CODE [--records 100000]
#include <chrono>
#include <cstdio>
#include <filesystem>

#include <CLI/CLI.hpp>

#include "porchlight/core/outbox.hpp"
#include "porchlight/core/participants.hpp"
#include "porchlight/core/visits.hpp"
#include "porchlight/sync/client.hpp"

namespace core = porchlight::core;
namespace sync_client = porchlight::sync;

int main(int argc, char** argv) {
  CLI::App app{"Times a kiosk backlog draining to a hub"};
  std::string hub;
  std::string code;
  int records = 100'000;
  app.add_option("--hub", hub, "Hub URL")->required();
  app.add_option("--code", code, "Enrollment code")->required();
  app.add_option("--records", records, "Backlog size");
  CLI11_PARSE(app, argc, argv);

  const auto dir = std::filesystem::temp_directory_path() / ("porchlight-bench-sync-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto db = dir / "kiosk.db";
  int status = 1;
  {
    core::StoreOptions options;
    options.pin_cost = core::PinHashCost::Fast;
    options.initial_time_zone = "America/New_York";
    auto store = core::Store::open(db, options);
    if (!store) {
      std::fprintf(stderr, "bench-sync: %s\n", store.error().message.c_str());
      return 1;
    }
    auto& s = *store.value();
    {
      auto transaction = s.db().begin();
      core::NewParticipant person;
      person.first_name = "Bench";
      person.last_name = "Person";
      person.consent_record = true;
      person.consent_share = true;
      const auto someone = core::register_participant(s, person);
      for (int i = 0; i < records - 1; ++i) {
        core::SignIn visit;
        if (i % 4 != 0) visit.participant_id = someone.value();
        visit.reasons = {"drop-in"};
        if (!core::sign_in(s, visit)) return 1;
      }
      if (!transaction || !transaction->commit()) return 1;
    }
    const auto queued = core::outbox_status(s).value().pending;
    auto config = sync_client::enroll(hub, code, "bench", "", sync_client::sync_config_path(db));
    if (!config) {
      std::fprintf(stderr, "bench-sync: %s\n", config.error().message.c_str());
      return 1;
    }
    sync_client::HttpClient http;
    const auto started = std::chrono::steady_clock::now();
    const auto outcome = sync_client::sync_once(s, *config, http);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const auto left = core::outbox_status(s).value().pending;
    std::printf("backlog of %lld records drained in %.2f s (%.0f records/s); pushed %d, left %lld%s%s\n",
                static_cast<long long>(queued), seconds, static_cast<double>(queued) / seconds, outcome.pushed,
                static_cast<long long>(left), outcome.ok ? "" : "; error: ", outcome.error.c_str());
    status = outcome.ok && left == 0 ? 0 : 1;
  }
  std::filesystem::remove_all(dir);
  return status;
}
