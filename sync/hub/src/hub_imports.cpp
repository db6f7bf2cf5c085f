// What coordinators publish to kiosks from the hub: the network's resource directory (HSDS) and a center's group
// calendar (.ics). Both are read with the formats library the kiosks read them with, so a file the kiosks could
// not read is refused here.
#include "porchlight/hub/hub_imports.hpp"

#include <nlohmann/json.hpp>

#include "porchlight/formats/ical.hpp"
#include "record_checks.hpp"

namespace porchlight::hub {

Result<DirectoryFeed> directory_feed(const formats::HsdsParse& parsed) {
  // The same checks and bad-row reports as `porchlight-admin directory import`, and the rows nested again in
  // HSDS 3.0's shape as a kiosk's directory export nests them.
  PL_TRY_ASSIGN(checked, formats::check_hsds(parsed));
  DirectoryFeed feed;
  for (const auto& problem : checked.problems) feed.problems.push_back(problem.text());
  PL_TRY_ASSIGN(services, formats::hsds_services_json(checked.rows));
  feed.services = std::move(services);
  return feed;
}

Result<DirectoryPublication> publish_directory(HubStore& hub, const std::filesystem::path& path,
                                               const std::string& actor) {
  PL_TRY_ASSIGN(parsed, formats::read_hsds(path));
  PL_TRY_ASSIGN(feed, directory_feed(parsed));
  const auto& services = feed.services;
  DirectoryPublication publication;
  publication.problems = std::move(feed.problems);
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
  PL_TRY_ASSIGN(groups, formats::parse_ics(ics_text, center_zone));
  PL_TRY_ASSIGN(center_id, hub.ensure_center(center_name));
  PL_TRY(hub.publish(center_id, "calendar.ics", "calendar", nlohmann::json{{"ics", ics_text}},
                     HubAuditNote{actor, "calendar.import", center_name,
                                  std::to_string(groups.size()) + " groups, " + std::to_string(ics_text.size()) +
                                      " bytes"}));
  return static_cast<int>(groups.size());
}

}  // namespace porchlight::hub
