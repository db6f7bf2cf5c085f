// The resource directory: reading HSDS CSV and JSON (official examples and messy files), re-import by id,
// exports in the official shape, word search and categories.
#include <fstream>
#include <nlohmann/json.hpp>

#include "directory_fixture.hpp"
#include "porchlight/core/directory.hpp"

using namespace porchlight::test;

namespace {

bool has_problem(const ImportReport& report, const std::string& file, int line, const std::string& words) {
  for (const auto& problem : report.problems) {
    if (problem.file == file && problem.line == line && contains(problem.reason, words)) return true;
  }
  return false;
}

std::string problems_text(const ImportReport& report) {
  std::string out;
  for (const auto& problem : report.problems) out += problem.text() + "\n";
  return out;
}

std::vector<std::string> names(const std::vector<ServiceSummary>& found) {
  std::vector<std::string> out;
  for (const auto& s : found) out.push_back(s.name);
  return out;
}

}  // namespace

TEST_CASE("directory csv: BOM, CRLF, quoted line breaks and quotes, line numbers") {
  const auto csv = parse_csv_text("\xEF\xBB\xBFid,name,description\r\n1,\"Food, Inc.\",\"Line one\r\nline \"\"two\"\"\"\r\n\r\n2,B,\n3,C,last");
  REQUIRE_FALSE(csv.problem);
  REQUIRE(csv.records.size() == 4);
  CHECK(csv.records[0].fields == std::vector<std::string>{"id", "name", "description"});
  CHECK(csv.records[1].line == 2);
  CHECK(csv.records[1].fields[1] == "Food, Inc.");
  CHECK(csv.records[1].fields[2] == "Line one\r\nline \"two\"");
  CHECK(csv.records[2].line == 5);  // after the quoted line break and a blank line
  CHECK(csv.records[3].line == 6);
  CHECK(csv.records[3].fields[2] == "last");

  const auto open = parse_csv_text("id,name\n1,ok\n2,\"never closed\n3,x\n");
  REQUIRE(open.problem);
  CHECK(open.problem->line == 3);
  CHECK(open.records.size() == 2);
}

TEST_CASE("directory: the official HSDS example package brings in its service with phones, addresses and schedules") {
  TestStore s;
  auto parsed = must(read_hsds(hsds_data() / "example-csv"));
  auto report = must(import_directory(*s, parsed));
  INFO(problems_text(report));
  CHECK(report.problems.empty());
  CHECK(report.services_total == 1);
  CHECK(report.added["service"] == 1);
  CHECK(report.added["phone"] == 1);
  CHECK(report.added["address"] == 1);
  CHECK(report.added["schedule"] == 1);
  CHECK(report.added["location"] == 1);

  auto detail = must(get_service(*s, "ac148810-d857-441c-9679-408f346de14b"));
  REQUIRE(detail);
  CHECK(detail->summary.name == "Community Counselling");
  CHECK(detail->summary.organization == "Example Organization Inc.");
  REQUIRE(detail->phones.size() == 1);
  CHECK(contains(detail->phones[0].number, "+44 1234 234567"));
  REQUIRE(detail->addresses.size() == 1);
  CHECK(detail->addresses[0] == "1-30 Main Street, MyVillage, MyCity, MyState ABC 1234");
  REQUIRE(detail->schedules.size() == 1);
  CHECK(detail->hours == std::vector<std::string>{"Thu, Fri 10:00-18:00"});
  CHECK(detail->languages == std::vector<std::string>{"Urdu"});
  CHECK(contains(detail->fees, "£50 per hour"));
  CHECK(detail->summary.categories == std::vector<Category>{Category::MentalHealth});
  // The example's location names an organization the package does not have: kept, the link left empty, said so.
  bool noted = false;
  for (const auto& note : report.notes) noted = noted || contains(note, "locations.csv line 2: organization_id");
  CHECK(noted);
}

TEST_CASE("directory: a messy package imports its good rows and reports each bad one with file, line and reason") {
  TestStore s;
  std::map<std::string, std::string> files;
  // HSDS 2.0 file and column names, a byte-order mark, CRLF, a quoted line break, an extra column, no status.
  files["organizations.csv"] = "\xEF\xBB\xBFid,name,description,url,favourite_colour\r\n"
                               "org-1,Westside Pantry,\"Food for all,\r\nno questions asked\",http://example.org,green\r\n"
                               "org-2,,Missing its name,,\r\n";
  files["services.csv"] = "id,organization_id,name,description,fees\r\n"
                          "svc-1,org-1,Westside Food Pantry,\"Groceries, \"\"fresh\"\" produce\",Free\r\n"
                          "svc-2,org-9,Orphan Service,No such organization,\r\n"
                          "svc-1,org-1,Duplicate Pantry,Same id again,\r\n"
                          "svc-3,org-1,Westside Coat Closet,Winter clothing,,surplus value\r\n"
                          "svc-4,org-1,Westside GED Class,Study for the GED\r\n";
  files["physical_addresses.csv"] = "id,location_id,address,city,state_province,postal_code,country\n"
                                    "addr-1,loc-1,5 West St,Brookfield,NY,12001,US\n"
                                    "addr-2,loc-404,1 Nowhere,Brookfield,NY,12001,US\n";
  files["locations.csv"] = "id,name,organization_id\nloc-1,Westside Hall,org-1\n";
  files["services_at_location.csv"] = "id,service_id,location_id\nsal-1,svc-1,loc-1\n";
  files["phones.csv"] = "id,service_id,number,language\n"
                        "ph-1,svc-1,555-0150,English\n"
                        "ph-2,svc-404,555-0151,\n"
                        "ph-3,svc-4,,\n";
  files["regular_schedules.csv"] = "id,service_id,weekday,opens_at,closes_at\n"
                                   "rs-1,svc-1,1,9:00 AM,5:00 PM\n"
                                   "rs-2,svc-1,Tuesday,09:00,17:00\n"
                                   "rs-3,svc-1,3,25:99,17:00\n";
  files["holiday_schedules.csv"] = "id,service_id,closed\nh-1,svc-1,true\n";
  auto parsed = parse_hsds_csv_package(files);
  auto report = must(import_directory(*s, parsed));
  INFO(problems_text(report));

  CHECK(has_problem(report, "organizations.csv", 4, "no name"));  // line 4: the quoted line break spans 2-3
  CHECK(has_problem(report, "services.csv", 3, "organization_id org-9"));
  CHECK(has_problem(report, "services.csv", 4, "already used at line 2"));
  CHECK(has_problem(report, "services.csv", 5, "has 6 values"));
  CHECK(has_problem(report, "physical_addresses.csv", 3, "location_id loc-404"));
  CHECK(has_problem(report, "phones.csv", 3, "belongs to no service"));
  CHECK(has_problem(report, "phones.csv", 4, "no number"));
  CHECK(has_problem(report, "regular_schedules.csv", 4, "opens_at '25:99'"));
  CHECK(report.problems.size() == 8);

  CHECK(report.added["organization"] == 1);
  CHECK(report.added["service"] == 2);
  CHECK(report.added["address"] == 1);
  CHECK(report.added["phone"] == 1);
  CHECK(report.added["schedule"] == 2);

  auto detail = must(get_service(*s, "svc-1"));
  REQUIRE(detail);
  CHECK(detail->description == "Groceries, \"fresh\" produce");
  CHECK(detail->fees == "Free");  // the deprecated "fees" column when there is no fees_description
  CHECK(detail->addresses == std::vector<std::string>{"5 West St, Brookfield, NY 12001"});
  CHECK(detail->hours == std::vector<std::string>{"Mon, Tue 09:00-17:00"});
  CHECK(detail->summary.categories == std::vector<Category>{Category::Food});
  CHECK(text_of(s.db(), "SELECT description FROM hsds_organization WHERE id = 'org-1'") ==
        "Food for all,\r\nno questions asked");
}

TEST_CASE("directory: strict import writes nothing when a row is bad") {
  TestStore s;
  auto parsed = parse_hsds_csv_package({{"organizations.csv", "id,name\no1,Good\no2,\n"}});
  ImportOptions strict;
  strict.strict = true;
  auto refused = import_directory(*s, parsed, strict);
  REQUIRE_FALSE(refused.ok());
  CHECK(contains(refused.error().message, "organizations.csv line 3"));
  CHECK(s.count("SELECT count(*) FROM hsds_organization") == 0);
}

TEST_CASE("directory: importing again updates by id instead of duplicating") {
  TestStore s;
  auto first = import_fixture(*s);
  CHECK(first.added["service"] == 3);
  auto files = fixture_package();
  auto& services = files["services.csv"];
  services.replace(services.find("Eastside Food Bank"), std::string("Eastside Food Bank").size(), "Eastside Food Pantry");
  auto again = must(import_directory(*s, parse_hsds_csv_package(files)));
  CHECK(again.added["service"] == 0);
  CHECK(again.updated["service"] == 3);
  CHECK(again.services_total == 3);
  CHECK(s.count("SELECT count(*) FROM hsds_phone") == 1);
  CHECK(names(must(search_directory(*s, "pantry"))) == std::vector<std::string>{"Eastside Food Pantry"});
  CHECK(must(search_directory(*s, "food bank")).empty());
}

TEST_CASE("directory: HSDS JSON, one service or a list, nested as 3.0 nests it") {
  TestStore s;
  auto one = parse_hsds_json(read_bytes(hsds_data() / "service_full.json"), "service_full.json");
  CHECK(one.problems.empty());
  auto report = must(import_directory(*s, one));
  INFO(problems_text(report));
  CHECK(report.problems.empty());
  CHECK(report.services_total == 1);
  auto detail = must(get_service(*s, "ac148810-d857-441c-9679-408f346de14b"));
  REQUIRE(detail);
  CHECK(detail->phones.size() == 1);
  CHECK(detail->addresses.size() == 1);
  CHECK(detail->schedules.size() == 1);

  auto list = parse_hsds_json(read_bytes(hsds_data() / "service_list.json"), "service_list.json");
  auto listed = must(import_directory(*s, list));
  CHECK(listed.services_total == 1);  // the same service again: updated, not duplicated
  CHECK(listed.updated["service"] == 1);

  auto bad = parse_hsds_json("[{\"id\": \"x1\", \"name\": \"No status or org\", \"phones\": 5}, 3]", "bad.json");
  auto bad_report = must(import_directory(*s, bad));
  CHECK(bad_report.problems.size() == 3);  // phones not a list, 3 not a service, the service has no organization
  auto broken = parse_hsds_json("{\n\"id\": ", "broken.json");
  REQUIRE(broken.problems.size() == 1);
  CHECK(broken.problems[0].line == 2);
}

TEST_CASE("directory: HSDS JSON with a number too large for a double is refused, not thrown") {
  // tests/fuzz/corpus/hsds_json/crash-number-overflow.json: this used to end porchlight-admin with std::terminate.
  const auto parsed = parse_hsds_json("{\"id\": \"x1\", \"size\": 11e308}", "huge.json");
  REQUIRE(parsed.problems.size() == 1);
  CHECK(parsed.problems[0].reason == "not valid JSON: a number is too large");
  CHECK(parsed.rows.empty());
}

TEST_CASE("directory: search while typing ignores case and accents, matches word starts, and filters by category") {
  TestStore s;
  import_fixture(*s);
  CHECK(names(must(search_directory(*s, "f"))) == std::vector<std::string>{"Eastside Food Bank"});
  CHECK(names(must(search_directory(*s, "FOO"))) == std::vector<std::string>{"Eastside Food Bank"});
  CHECK(names(must(search_directory(*s, "credito"))) == std::vector<std::string>{"Clínica de Crédito y Derechos"});
  CHECK(names(must(search_directory(*s, "CRÉD der"))) == std::vector<std::string>{"Clínica de Crédito y Derechos"});
  CHECK(names(must(search_directory(*s, "comida"))) == std::vector<std::string>{"Eastside Food Bank"});
  CHECK(names(must(search_directory(*s, "harbor"))).size() == 2);  // organization names count too
  CHECK(names(must(search_directory(*s, "harbor", Category::Recovery))) ==
        std::vector<std::string>{"Harbor Recovery Circle"});
  CHECK(must(search_directory(*s, "\"*) OR (")).empty());
  // Matches by organization or description come after name matches.
  CHECK(names(must(search_directory(*s, "church"))) == std::vector<std::string>{"Eastside Food Bank"});
  CHECK(names(must(search_directory(*s, "peer meet"))) == std::vector<std::string>{"Harbor Recovery Circle"});
  CHECK(names(must(search_directory(*s, "e"))).front() == "Eastside Food Bank");  // name starts with it  // FTS syntax typed by a person is just words
  // No words: browse a tile, by name.
  CHECK(names(must(search_directory(*s, "", Category::Legal))) == std::vector<std::string>{"Clínica de Crédito y Derechos"});
  auto all = must(search_directory(*s, ""));
  CHECK(all.size() == 3);
  // Tuesday 10:00 in New York: the food bank is open, the clinic opens Saturday, the circle lists no hours.
  auto food = must(search_directory(*s, "eastside"));
  REQUIRE(food.size() == 1);
  CHECK(open_status_text(food[0].status) == "Open now");
  auto clinic = must(search_directory(*s, "clinica"));
  REQUIRE(clinic.size() == 1);
  CHECK(open_status_text(clinic[0].status) == "Closed today · Opens Sat 10:00");
  auto counts = must(directory_counts(*s));
  CHECK(counts.services == 3);
  CHECK(counts.by_category[Category::Food] == 1);
}

TEST_CASE("directory: categories come from taxonomy terms, else from the name") {
  CHECK(categories_for("Food Pantry", "") == std::vector<Category>{Category::Food});
  CHECK(categories_for("Mental Health Care", "") == std::vector<Category>{Category::MentalHealth});
  CHECK(categories_for("Health Care", "") == std::vector<Category>{Category::Health});
  CHECK(categories_for("BD-1800.2000", "") == std::vector<Category>{Category::Food});
  CHECK(categories_for("", "Suicide & Crisis Lifeline") == std::vector<Category>{Category::Crisis});
  CHECK(categories_for("", "Clases de GED") == std::vector<Category>{Category::Education});
  CHECK(categories_for("Unrelated", "Coat closet").empty() == false);
  CHECK(categories_for("", "").empty());
  for (auto category : all_categories()) CHECK(parse_category(category_code(category)) == category);
  CHECK(all_categories().size() == 11);
}

TEST_CASE("directory: the CSV export has the official files, columns and datapackage.json, and imports back") {
  TestStore s;
  must(import_directory(*s, must(read_hsds(hsds_data() / "example-csv"))));
  import_fixture(*s);
  auto files = must(export_directory_csv(*s));
  REQUIRE(files.count("datapackage.json"));
  auto package = nlohmann::json::parse(files["datapackage.json"]);
  auto official = nlohmann::json::parse(read_bytes(hsds_data() / "example-csv" / "datapackage.json"));
  for (const auto& resource : package["resources"]) {
    const std::string path = resource["path"];
    CAPTURE(path);
    REQUIRE(files.count(path));
    // Same header as the official example file, column for column.
    const auto ours = parse_csv_text(files[path]).records.at(0).fields;
    const auto theirs = parse_csv_text(read_bytes(hsds_data() / "example-csv" / path)).records.at(0).fields;
    std::vector<std::string> expected = theirs;
    // Links to tables the kiosk does not keep (programs, contacts) are left out.
    expected.erase(std::remove_if(expected.begin(), expected.end(),
                                  [](const std::string& c) { return c == "program_id" || c == "contact_id"; }),
                   expected.end());
    CHECK(ours == expected);
    for (const auto& theirs_resource : official["resources"]) {
      if (theirs_resource["path"] != path) continue;
      for (const auto& field : resource["schema"]["fields"]) {
        for (const auto& official_field : theirs_resource["schema"]["fields"]) {
          if (official_field["name"] == field["name"]) CHECK(official_field["type"] == field["type"]);
        }
      }
    }
  }
  TestStore copy;
  auto back = must(import_directory(*copy, parse_hsds_csv_package(files)));
  INFO(problems_text(back));
  CHECK(back.problems.empty());
  CHECK(back.services_total == 4);
  CHECK(copy.count("SELECT count(*) FROM hsds_phone") == s.count("SELECT count(*) FROM hsds_phone"));
  CHECK(copy.count("SELECT count(*) FROM hsds_schedule") == s.count("SELECT count(*) FROM hsds_schedule"));
}

TEST_CASE("directory: the JSON export nests each service and imports back the same") {
  TestStore s;
  must(import_directory(*s, must(read_hsds(hsds_data() / "example-csv"))));
  import_fixture(*s);
  auto exported = must(export_directory_json(*s));
  REQUIRE(exported.is_array());
  CHECK(exported.size() == 4);
  for (const auto& service : exported) {
    CHECK(service.contains("id"));
    CHECK(service.contains("name"));
    CHECK(service.contains("status"));
  }
  const auto& food = *std::find_if(exported.begin(), exported.end(), [](const auto& j) { return j["id"] == kFoodBank; });
  CHECK(food["organization"]["name"] == "Eastside Community Church");
  CHECK(food["phones"][0]["number"] == "(555) 555-0142");
  CHECK(food["service_at_locations"][0]["location"]["addresses"][0]["city"] == "Brookfield");
  CHECK(food["attributes"][0]["taxonomy_term"]["name"] == "Food Pantry");
  CHECK(food["schedules"][0]["opens_at"] == "09:00:00");

  TestStore copy;
  auto back = must(import_directory(*copy, parse_hsds_json(exported.dump(), "export.json")));
  INFO(problems_text(back));
  CHECK(back.problems.empty());
  CHECK(back.services_total == 4);
  CHECK(must(export_directory_json(*copy)) == exported);
}

TEST_CASE("directory: HSDS 2.0 taxonomy links and eligibility table map to 3.0") {
  TestStore s;
  std::map<std::string, std::string> files;
  files["organizations.csv"] = "id,name\no1,Northside Mission\n";
  files["services.csv"] = "id,organization_id,name\ns1,o1,Northside Help Desk\n";
  files["taxonomy_terms.csv"] = "id,term,parent_id,taxonomy\nt1,Emergency Food,,Open Eligibility\n";
  files["service_taxonomy.csv"] = "id,service_id,taxonomy_id\nst1,s1,t1\n";
  files["eligibility.csv"] = "id,service_id,eligibility\ne1,s1,Adults\ne2,s1,Veterans\n";
  auto report = must(import_directory(*s, parse_hsds_csv_package(files)));
  INFO(problems_text(report));
  CHECK(report.problems.empty());
  auto detail = must(get_service(*s, "s1"));
  REQUIRE(detail);
  CHECK(detail->summary.categories == std::vector<Category>{Category::Food});  // from the linked term, not the name
  CHECK(detail->eligibility == "Adults; Veterans");
  CHECK(text_of(s.db(), "SELECT link_entity FROM hsds_attribute WHERE id = 'st1'") == "service");
  CHECK(text_of(s.db(), "SELECT description FROM hsds_taxonomy_term WHERE id = 't1'") == "Emergency Food");
}
