// porchlight-hub-load: many simulated kiosks pushing to real hubs at once; prints hub ingest in records/s.
// Enrollment codes come one per line on stdin (porchlight-hub enroll, run by the caller).
// Usage: porchlight-hub-load --hub 127.0.0.1:8750 [--hub ...] --kiosks 200 --records 1000 < codes
#include <cstdio>
#include <iostream>
#include <set>

#include <CLI/CLI.hpp>

#include "load_kiosks.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Simulated kiosks pushing to real hubs"};
  std::vector<std::string> hubs;
  int kiosks = 200;
  porchlight::load::LoadOptions options;
  app.add_option("--hub", hubs, "HOST:PORT of a hub (repeat for several)")->required();
  app.add_option("--kiosks", kiosks, "How many kiosks push at once");
  app.add_option("--records", options.records_per_kiosk, "Records each kiosk pushes");
  app.add_option("--batch", options.batch_size, "Records per batch (the client sends up to 500)");
  CLI11_PARSE(app, argc, argv);
  for (const auto& hub : hubs) {
    const auto colon = hub.rfind(':');
    options.hubs.emplace_back(hub.substr(0, colon), std::stoi(hub.substr(colon + 1)));
  }
  std::vector<std::string> codes;
  for (std::string line; codes.size() < static_cast<std::size_t>(kiosks) && std::getline(std::cin, line);) {
    if (!line.empty()) codes.push_back(line);
  }
  if (codes.size() != static_cast<std::size_t>(kiosks)) {
    std::fprintf(stderr, "hub-load: %d enrollment codes needed on stdin, got %zu\n", kiosks, codes.size());
    return 2;
  }
  const auto enrolled = porchlight::load::enroll_kiosks(options.hubs[0].first, options.hubs[0].second, codes);
  options.duplicate_every = 1'000'000;  // a clean ingest figure; the tests cover duplicates
  const auto result = porchlight::load::run_load(enrolled, options);
  const std::set<std::string> acknowledged(result.acknowledged.begin(), result.acknowledged.end());
  std::printf("%d kiosks x %d records: %zu acknowledged in %.2f s = %.0f records/s; %lld requests retried%s\n",
              kiosks, options.records_per_kiosk, acknowledged.size(), result.seconds,
              static_cast<double>(acknowledged.size()) / result.seconds, static_cast<long long>(result.failed_requests),
              result.complete ? "" : " (INCOMPLETE)");
  return result.complete ? 0 : 1;
}
