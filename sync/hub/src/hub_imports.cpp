// What coordinators publish to kiosks from the hub: the network's resource directory (HSDS) and a center's group
// calendar (.ics). Both are read with the kiosk's own parsers, so a file the kiosks could not read is refused here.
#include "porchlight/hub/hub_imports.hpp"

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "porchlight/core/directory.hpp"
#include "porchlight/core/ical.hpp"
#include "record_checks.hpp"

namespace porchlight::hub {

Result<DirectoryPublication> publish_directory(HubStore& hub, const std::filesystem::path& path,
                                               const std::string& actor) {
  PL_TRY_ASSIGN(parsed, core::read_hsds(path));
  // The kiosk's own import in a scratch database gives the rows in HSDS 3.0's nested shape, one service each,
  // with the same checks and bad-row reports as `porchlight-admin directory import`.
  std::error_code ignored;
  const auto scratch = std::filesystem::temp_directory_path() /
                       ("porchlight-hub-import-" + std::to_string(::getpid()) + "-" + std::to_string(hub.now()));
  std::filesystem::create_directories(scratch, ignored);
  struct Cleanup {
    std::filesystem::path path;
    ~Cleanup() {
      std::error_code ignore;
      std::filesystem::remove_all(path, ignore);
    }
  } cleanup{scratch};
  core::StoreOptions options;
  options.pin_cost = core::PinHashCost::Fast;
  options.initial_time_zone = "UTC";
  PL_TRY_ASSIGN(store, core::Store::open(scratch / "directory.db", options));
  PL_TRY_ASSIGN(report, core::import_directory(*store, parsed));
  PL_TRY_ASSIGN(services, core::export_directory_json(*store));
  DirectoryPublication publication;
  for (const auto& problem : report.problems) publication.problems.push_back(problem.text());
  for (const auto& service : services) {
    if (!service.is_object() || !service.contains("id") || !service["id"].is_string()) continue;
    // A service no kiosk should hold (a description of megabytes) is skipped and named, not the whole import.
    if (auto problem = feed_payload_problem(service); !problem.empty()) {
      publication.problems.push_back("service " + service["id"].get<std::string>() + ": " + problem + "; not published");
      continue;
    }
    PL_TRY(hub.publish(std::nullopt, "directory.service", service["id"].get<std::string>(), service));
    ++publication.services;
  }
  // One entry for the whole import (not one per service): who published which file, and how much of it.
  PL_TRY(hub.record_audit({actor, "directory.import", path.string(),
                           std::to_string(publication.services) + " services published, " +
                               std::to_string(publication.problems.size()) + " rows skipped"}));
  return publication;
}

Result<int> publish_calendar(HubStore& hub, const std::string& center_name, const std::string& ics_text,
                             const std::string& center_zone, const std::string& actor) {
  // Refused here with the line named, so no kiosk ever receives a calendar it cannot read.
  PL_TRY_ASSIGN(groups, core::parse_ics(ics_text, center_zone));
  PL_TRY_ASSIGN(center_id, hub.ensure_center(center_name));
  PL_TRY(hub.publish(center_id, "calendar.ics", "calendar", nlohmann::json{{"ics", ics_text}},
                     HubAuditNote{actor, "calendar.import", center_name,
                                  std::to_string(groups.size()) + " groups, " + std::to_string(ics_text.size()) +
                                      " bytes"}));
  return static_cast<int>(groups.size());
}

}  // namespace porchlight::hub
