#include "porchlight/formats/hsds_tables.hpp"

namespace porchlight::formats::hsds {

namespace {

Field id() { return {"id", Type::String, "uuid", true}; }
Field ref(const char* name, bool required = false) { return {name, Type::String, "uuid", required}; }
Field text(const char* name, bool required = false) { return {name, Type::String, "", required}; }
Field number(const char* name) { return {name, Type::Number}; }
Field date(const char* name) { return {name, Type::Date}; }
Field time(const char* name) { return {name, Type::Time}; }

std::vector<Table> make_tables() {
  std::vector<Table> all;
  all.push_back({"taxonomy", "taxonomies.csv", "hsds_taxonomy",
                 {id(), text("name", true), text("description", true), {"uri", Type::String, "uri"}, text("version")},
                 {},
                 {"taxonomy_vocabularies.csv"},
                 {}});
  all.push_back({"taxonomy_term", "taxonomy_terms.csv", "hsds_taxonomy_term",
                 {id(), text("code"), text("name", true), text("description", true), ref("parent_id"), text("taxonomy"),
                  text("language"), ref("taxonomy_id"), {"term_uri", Type::String, "uri"}},
                 {{"taxonomy_id", "taxonomy", false}},
                 {"taxonomy_term.csv", "taxonomy.csv"},
                 {{"term", "name"}, {"vocabulary", "taxonomy"}}});
  all.push_back({"organization", "organizations.csv", "hsds_organization",
                 {id(), text("name", true), text("alternate_name"), text("description", true),
                  {"email", Type::String, "email"}, {"website", Type::String, "uri"}, text("tax_status"), text("tax_id"),
                  number("year_incorporated"), text("legal_status"), text("logo"), {"uri", Type::String, "uri"},
                  ref("parent_organization_id")},
                 {},
                 {"organization.csv"},
                 {{"url", "website"}}});
  all.push_back({"service", "services.csv", "hsds_service",
                 {id(),
                  ref("organization_id", true),
                  text("name", true),
                  text("alternate_name"),
                  text("description"),
                  {"url", Type::String, "uri"},
                  {"email", Type::String, "email"},
                  {"status", Type::String, "", true, {"active", "inactive", "defunct", "temporarily closed"}},
                  text("interpretation_services"),
                  text("application_process"),
                  text("fees_description"),
                  text("wait_time"),
                  text("fees"),
                  text("accreditations"),
                  text("eligibility_description"),
                  number("minimum_age"),
                  number("maximum_age"),
                  date("assured_date"),
                  {"assurer_email", Type::String, "email"},
                  text("licenses"),
                  text("alert"),
                  {"last_modified", Type::DateTime}},
                 {{"organization_id", "organization", true}},
                 {"service.csv"},
                 // HSDS 3.0 keeps 2.0's "fees" (free text, deprecated): the detail card falls back to it.
                 {{"eligibility", "eligibility_description"}}});
  all.push_back({"location", "locations.csv", "hsds_location",
                 {id(),
                  {"location_type", Type::String, "", true, {"physical", "postal", "virtual"}},
                  {"url", Type::String, "uri"},
                  ref("organization_id"),
                  text("name"),
                  text("alternate_name"),
                  text("description"),
                  text("transportation"),
                  number("latitude"),
                  number("longitude"),
                  text("external_identifier"),
                  text("external_identifier_type")},
                 {{"organization_id", "organization", false}},
                 {"location.csv"},
                 {}});
  all.push_back({"service_at_location", "service_at_location.csv", "hsds_service_at_location",
                 {id(), ref("service_id", true), ref("location_id", true), text("description")},
                 {{"service_id", "service", true}, {"location_id", "location", true}},
                 {"services_at_location.csv", "services_at_locations.csv", "service_at_locations.csv"},
                 {}});
  all.push_back({"address", "addresses.csv", "hsds_address",
                 {id(), ref("location_id"), text("attention"), text("address_1", true), text("address_2"),
                  text("city", true), text("region"), text("state_province", true), text("postal_code", true),
                  text("country", true),
                  {"address_type", Type::String, "", true, {"physical", "postal", "virtual"}}},
                 {{"location_id", "location", true}},
                 {"address.csv", "physical_addresses.csv", "physical_address.csv", "postal_addresses.csv",
                  "postal_address.csv"},
                 {{"address", "address_1"}, {"address1", "address_1"}, {"address2", "address_2"},
                  {"state", "state_province"}, {"zip", "postal_code"}, {"postal", "postal_code"}}});
  all.push_back({"phone", "phones.csv", "hsds_phone",
                 {id(), ref("location_id"), ref("service_id"), ref("organization_id"), ref("service_at_location_id"),
                  text("number", true), number("extension"), text("type"), text("description")},
                 {{"location_id", "location", false},
                  {"service_id", "service", false},
                  {"organization_id", "organization", false},
                  {"service_at_location_id", "service_at_location", false}},
                 {"phone.csv"},
                 {{"phone", "number"}, {"phone_number", "number"}}});
  all.push_back({"schedule", "schedules.csv", "hsds_schedule",
                 {id(),
                  ref("service_id"),
                  ref("location_id"),
                  ref("service_at_location_id"),
                  date("valid_from"),
                  date("valid_to"),
                  date("dtstart"),
                  number("timezone"),
                  date("until"),
                  number("count"),
                  {"wkst", Type::String, "", false, {"MO", "TU", "WE", "TH", "FR", "SA", "SU"}},
                  {"freq", Type::String, "", false, {"WEEKLY", "MONTHLY"}},
                  number("interval"),
                  text("byday"),
                  text("byweekno"),
                  text("bymonthday"),
                  text("byyearday"),
                  text("description"),
                  time("opens_at"),
                  time("closes_at"),
                  {"schedule_link", Type::String, "uri"},
                  text("attending_type"),
                  text("notes")},
                 {{"service_id", "service", false},
                  {"location_id", "location", false},
                  {"service_at_location_id", "service_at_location", false}},
                 {"schedule.csv", "regular_schedules.csv", "regular_schedule.csv"},
                 {{"weekday", "byday"}, {"opens", "opens_at"}, {"closes", "closes_at"}}});
  all.push_back({"language", "languages.csv", "hsds_language",
                 {id(), ref("service_id"), ref("location_id"), ref("phone_id"), text("name"), text("code"), text("note")},
                 {{"service_id", "service", false}, {"location_id", "location", false}, {"phone_id", "phone", false}},
                 {"language.csv"},
                 {{"language", "name"}}});
  all.push_back({"cost_option", "cost_options.csv", "hsds_cost_option",
                 {id(), ref("service_id", true), date("valid_from"), date("valid_to"), text("option"), text("currency"),
                  number("amount"), text("amount_description")},
                 {{"service_id", "service", true}},
                 {"cost_option.csv"},
                 {}});
  all.push_back({"attribute", "attributes.csv", "hsds_attribute",
                 {id(), ref("link_id", true), ref("taxonomy_term_id", true), text("link_type"),
                  text("link_entity", true), text("value")},
                 {{"taxonomy_term_id", "taxonomy_term", true}},
                 {"attribute.csv", "service_taxonomy.csv", "service_attributes.csv"},
                 {{"service_id", "link_id"}, {"taxonomy_id", "taxonomy_term_id"}}});
  return all;
}

}  // namespace

const std::vector<Table>& tables() {
  static const std::vector<Table> all = make_tables();
  return all;
}

const Table* find_table(std::string_view name) {
  for (const auto& table : tables()) {
    if (name == table.name) return &table;
  }
  return nullptr;
}

const Field* find_field(const Table& table, std::string_view name) {
  for (const auto& field : table.fields) {
    if (name == field.name) return &field;
  }
  return nullptr;
}

}  // namespace porchlight::formats::hsds
