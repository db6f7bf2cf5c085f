#pragma once
// A small HSDS directory written by the tests themselves, and where the official example package lives.
#include <map>
#include <string>

#include "porchlight/core/directory.hpp"
#include "test_support.hpp"

namespace porchlight::test {

inline std::filesystem::path hsds_data() { return std::filesystem::path(PORCHLIGHT_TEST_DATA) / "hsds"; }

inline constexpr const char* kFoodBank = "11111111-0000-4000-8000-000000000001";
inline constexpr const char* kLegal = "11111111-0000-4000-8000-000000000002";
inline constexpr const char* kRecovery = "11111111-0000-4000-8000-000000000003";

inline std::map<std::string, std::string> fixture_package() {
  return {
      {"organizations.csv",
       "id,name,description\r\n"
       "aaaaaaaa-0000-4000-8000-000000000001,Eastside Community Church,Food and clothing\r\n"
       "aaaaaaaa-0000-4000-8000-000000000002,Harbor Legal Aid,Free legal help\r\n"},
      {"services.csv",
       "id,organization_id,name,description,status,fees_description,eligibility_description\r\n"
       "11111111-0000-4000-8000-000000000001,aaaaaaaa-0000-4000-8000-000000000001,Eastside Food Bank,"
       "Groceries every weekday,active,Free,Anyone in the county\r\n"
       "11111111-0000-4000-8000-000000000002,aaaaaaaa-0000-4000-8000-000000000002,Clínica de Crédito y Derechos,"
       "Ayuda con crédito y deudas,active,,\r\n"
       "11111111-0000-4000-8000-000000000003,aaaaaaaa-0000-4000-8000-000000000002,Harbor Recovery Circle,"
       "Peer recovery meetings,active,,\r\n"},
      {"locations.csv",
       "id,location_type,name\r\n"
       "bbbbbbbb-0000-4000-8000-000000000001,physical,Eastside Church Hall\r\n"},
      {"service_at_location.csv",
       "id,service_id,location_id\r\n"
       "cccccccc-0000-4000-8000-000000000001,11111111-0000-4000-8000-000000000001,bbbbbbbb-0000-4000-8000-000000000001\r\n"},
      {"addresses.csv",
       "id,location_id,address_1,city,state_province,postal_code,country,address_type\r\n"
       "dddddddd-0000-4000-8000-000000000001,bbbbbbbb-0000-4000-8000-000000000001,12 Elm St,Brookfield,NY,12000,US,"
       "physical\r\n"},
      {"phones.csv",
       "id,service_id,number\r\n"
       "eeeeeeee-0000-4000-8000-000000000001,11111111-0000-4000-8000-000000000001,(555) 555-0142\r\n"},
      {"schedules.csv",
       "id,service_id,freq,byday,opens_at,closes_at\r\n"
       "ffffffff-0000-4000-8000-000000000001,11111111-0000-4000-8000-000000000001,WEEKLY,\"MO,TU,WE,TH,FR\",09:00,17:00\r\n"
       "ffffffff-0000-4000-8000-000000000002,11111111-0000-4000-8000-000000000002,WEEKLY,SA,10:00,14:00\r\n"},
      {"taxonomy_terms.csv",
       "id,name,description\r\n"
       "99999999-0000-4000-8000-000000000001,Food Pantry,Food\r\n"
       "99999999-0000-4000-8000-000000000002,Legal Assistance,Legal\r\n"
       "99999999-0000-4000-8000-000000000003,Substance Use Recovery,Recovery\r\n"},
      {"attributes.csv",
       "id,link_id,taxonomy_term_id,link_entity\r\n"
       "88888888-0000-4000-8000-000000000001,11111111-0000-4000-8000-000000000001,99999999-0000-4000-8000-000000000001,"
       "service\r\n"
       "88888888-0000-4000-8000-000000000002,11111111-0000-4000-8000-000000000002,99999999-0000-4000-8000-000000000002,"
       "service\r\n"
       "88888888-0000-4000-8000-000000000003,11111111-0000-4000-8000-000000000003,99999999-0000-4000-8000-000000000003,"
       "service\r\n"},
  };
}

inline ImportReport import_fixture(Store& store) {
  auto parsed = parse_hsds_csv_package(fixture_package());
  auto report = must(import_directory(store, parsed), "import_directory");
  REQUIRE_MESSAGE(report.problems.empty(), report.problems.front().text());
  return report;
}

}  // namespace porchlight::test
