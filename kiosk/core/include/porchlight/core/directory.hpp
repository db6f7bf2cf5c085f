#pragma once
// The resource directory ("Find help"): Open Referral HSDS 3.0 data that the network's hub owns, read from an
// HSDS CSV package or HSDS JSON, searched while typing, browsed by the kiosk's categories, and written back out.
// Parsing and checking are the formats library's (porchlight/formats/hsds.hpp); importing writes the good rows
// in one transaction.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "porchlight/core/schedule.hpp"
#include "porchlight/core/store.hpp"
#include "porchlight/formats/hsds.hpp"

namespace porchlight::core {

// The kiosk's tiles. Codes are stable (stored, exported, sent to the hub).
enum class Category { Food, Shelter, Clothing, Education, Jobs, Health, MentalHealth, Recovery, Legal, Transportation, Crisis };
const std::vector<Category>& all_categories();
std::string_view category_code(Category category);  // "food", "mental-health", ...
std::optional<Category> parse_category(std::string_view code);
std::string_view category_label(Category category);  // English: "Food", "Education / GED", ...
// Categories that words suggest (taxonomy terms first; else the name and description), by our keyword table.
std::vector<Category> categories_for(std::string_view taxonomy_text, std::string_view fallback_text);

struct ImportReport {
  std::map<std::string, int> added;    // by table
  std::map<std::string, int> updated;  // by table
  std::vector<ImportProblem> problems;  // every row skipped, with why
  std::vector<std::string> notes;
  std::int64_t services_total = 0;      // in the directory afterwards
  int rows_imported() const;
};

struct ImportOptions {
  // Refuse the whole import (nothing written) when any row is bad.
  bool strict = false;
};

// Writes the good rows (insert or update by HSDS id) in one transaction, then rebuilds categories and search.
Result<ImportReport> import_directory(Store& store, const HsdsParse& parsed, const ImportOptions& options = {});

// HSDS JSON: an array of services in the shape of schema/compiled/service_with_definitions.json.
Result<nlohmann::json> export_directory_json(Store& store);
// An HSDS CSV package: file name -> contents, datapackage.json included.
Result<std::map<std::string, std::string>> export_directory_csv(Store& store);

struct PhoneInfo {
  std::string number;
  std::string extension;
  std::string type;
  std::string description;
};

struct ServiceSummary {
  std::string id;
  std::string name;
  std::string organization;
  std::vector<Category> categories;
  OpenStatus status;
};

struct ServiceDetail {
  ServiceSummary summary;
  std::string alternate_name;
  std::string description;      // what it is
  std::string eligibility;      // who it is for
  std::string fees;             // fees_description, or the cost options
  std::string application_process;
  std::string interpretation;
  std::string alert;
  std::string url;
  std::string email;
  std::vector<PhoneInfo> phones;
  std::vector<std::string> addresses;  // one line each: "120 Harbor St, Brookfield, NY 12345"
  std::vector<std::string> languages;  // names: "English", "Spanish"
  std::vector<ScheduleRule> schedules;
  std::vector<std::string> hours;      // hours_lines(schedules)
  std::vector<std::string> schedule_notes;  // HSDS descriptions of the hours ("Closed on public holidays")
};

// Word search while typing (case and accents ignored, each word a prefix), optionally within one category;
// with no words, every active service of the category by name. Services whose name matches come first (names
// that start with the typed text before the rest), alphabetically; then matches by organization, taxonomy or
// description. Each query reads at most 4 x limit matches, so a one-letter prefix costs no more than a word.
Result<std::vector<ServiceSummary>> search_directory(Store& store, std::string_view words,
                                                     std::optional<Category> category = std::nullopt, int limit = 50);
Result<std::optional<ServiceDetail>> get_service(Store& store, const std::string& service_id);

struct DirectoryCounts {
  std::int64_t services = 0;
  std::int64_t organizations = 0;
  std::map<Category, std::int64_t> by_category;
};
Result<DirectoryCounts> directory_counts(Store& store);

}  // namespace porchlight::core
