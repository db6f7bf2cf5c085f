#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "porchlight/formats/hsds.hpp"
#include "porchlight/hub/hub_store.hpp"

namespace porchlight::hub {

struct DirectoryPublication {
  int services = 0;
  std::vector<std::string> problems;  // rows skipped, "file line N: why"
};

// What a directory publishes: every service in HSDS 3.0's nested shape (as a kiosk's directory export writes it,
// one service each) and every row skipped ("file line N: why"). Pure: the parse is checked as a kiosk's import
// checks it, into an empty directory.
struct DirectoryFeed {
  nlohmann::json services = nlohmann::json::array();
  std::vector<std::string> problems;
};
Result<DirectoryFeed> directory_feed(const formats::HsdsParse& parsed);

// Reads an HSDS CSV package or HSDS JSON and publishes every service to every kiosk of the network. The import
// is one entry of the hub's audit log under `actor`.
Result<DirectoryPublication> publish_directory(HubStore& hub, const std::filesystem::path& path,
                                               const std::string& actor);

// Publishes a center's calendar (.ics) to its kiosks after checking it reads (parse errors name the line).
// Returns the number of groups. `center_zone` is the zone floating times are read in for the check.
Result<int> publish_calendar(HubStore& hub, const std::string& center_name, const std::string& ics_text,
                             const std::string& center_zone, const std::string& actor);

}  // namespace porchlight::hub
