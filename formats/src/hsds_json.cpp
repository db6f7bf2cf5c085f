// HSDS JSON: services nested as HSDS 3.0 nests them (schema/compiled/service_with_definitions.json), flattened
// into table rows on the way in and nested again on the way out.
#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "porchlight/formats/hsds.hpp"

namespace porchlight::formats {

namespace {

using nlohmann::json;
using Fields = std::map<std::string, std::string>;

std::optional<std::string> scalar_text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  if (value.is_number_unsigned()) return std::to_string(value.get<std::uint64_t>());
  if (value.is_number_float()) {
    const double number = value.get<double>();
    if (std::floor(number) == number && std::fabs(number) < 1e15) return std::to_string(static_cast<std::int64_t>(number));
    return value.dump();
  }
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  return std::nullopt;
}

class Flattener {
 public:
  Flattener(const std::string& file, HsdsParse& out) : file_(file), out_(out) {}

  // Adds the row for `object` as `table`, with `defaults` for links its parent implies; returns its id.
  std::string add(const std::string& table_name, const json& object, const std::string& where, const Fields& defaults) {
    if (!object.is_object()) {
      problem(where, "expected an object");
      return {};
    }
    const auto* table = hsds::find_table(table_name);
    HsdsRow row;
    row.table = table_name;
    row.file = file_;
    row.where = where;
    for (const auto& [key, value] : object.items()) {
      if (!hsds::find_field(*table, key)) continue;
      if (auto text = scalar_text(value); text && !text->empty()) row.fields[key] = *text;
    }
    for (const auto& [key, value] : defaults) {
      if (!value.empty() && !row.fields.count(key)) row.fields[key] = value;
    }
    std::string id = row.fields.count("id") ? row.fields["id"] : std::string();
    out_.rows.push_back(std::move(row));
    return id;
  }

  // Each element of object[key] (when present) through `each(element, where)`.
  template <class Each>
  void each_of(const json& object, const char* key, const std::string& where, Each each) {
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) return;
    if (!found->is_array()) {
      problem(where + "." + key, "expected a list");
      return;
    }
    for (std::size_t i = 0; i < found->size(); ++i) each((*found)[i], where + "." + key + "[" + std::to_string(i).append("]"));
  }

  void phone(const json& object, const std::string& where, const Fields& links) {
    const std::string id = add("phone", object, where, links);
    if (!object.is_object()) return;
    each_of(object, "languages", where, [&](const json& language, const std::string& at) {
      add("language", language, at, {{"phone_id", id}});
    });
  }

  void location(const json& object, const std::string& where) {
    const std::string id = add("location", object, where, {});
    if (!object.is_object()) return;
    each_of(object, "addresses", where, [&](const json& a, const std::string& at) { add("address", a, at, {{"location_id", id}}); });
    each_of(object, "phones", where, [&](const json& p, const std::string& at) { phone(p, at, {{"location_id", id}}); });
    each_of(object, "schedules", where, [&](const json& s, const std::string& at) { add("schedule", s, at, {{"location_id", id}}); });
    each_of(object, "languages", where, [&](const json& l, const std::string& at) { add("language", l, at, {{"location_id", id}}); });
  }

  void service(const json& object, const std::string& where) {
    if (!object.is_object()) {
      problem(where, "a service must be an object");
      return;
    }
    std::string organization_id;
    if (const auto org = object.find("organization"); org != object.end() && !org->is_null()) {
      organization_id = add("organization", *org, where + ".organization", {});
      if (org->is_object()) {
        each_of(*org, "phones", where + ".organization", [&](const json& p, const std::string& at) {
          phone(p, at, {{"organization_id", organization_id}});
        });
      }
    }
    const std::string id = add("service", object, where, {{"organization_id", organization_id}});
    each_of(object, "phones", where, [&](const json& p, const std::string& at) { phone(p, at, {{"service_id", id}}); });
    each_of(object, "schedules", where, [&](const json& s, const std::string& at) { add("schedule", s, at, {{"service_id", id}}); });
    each_of(object, "languages", where, [&](const json& l, const std::string& at) { add("language", l, at, {{"service_id", id}}); });
    each_of(object, "cost_options", where, [&](const json& c, const std::string& at) { add("cost_option", c, at, {{"service_id", id}}); });
    each_of(object, "service_at_locations", where, [&](const json& sal, const std::string& at) {
      if (!sal.is_object()) {
        problem(at, "expected an object");
        return;
      }
      std::string location_id;
      if (const auto loc = sal.find("location"); loc != sal.end() && loc->is_object()) {
        location(*loc, at + ".location");
        if (const auto loc_id = loc->find("id"); loc_id != loc->end()) location_id = scalar_text(*loc_id).value_or("");
      }
      const std::string sal_id = add("service_at_location", sal, at, {{"service_id", id}, {"location_id", location_id}});
      each_of(sal, "phones", at, [&](const json& p, const std::string& w) { phone(p, w, {{"service_at_location_id", sal_id}}); });
      each_of(sal, "schedules", at, [&](const json& s, const std::string& w) {
        add("schedule", s, w, {{"service_at_location_id", sal_id}});
      });
    });
    each_of(object, "attributes", where, [&](const json& attribute, const std::string& at) {
      std::string term_id;
      if (attribute.is_object()) {
        if (const auto term = attribute.find("taxonomy_term"); term != attribute.end() && term->is_object()) {
          std::string taxonomy_id;
          if (const auto detail = term->find("taxonomy_detail"); detail != term->end() && detail->is_object()) {
            taxonomy_id = add("taxonomy", *detail, at + ".taxonomy_term.taxonomy_detail", {});
          }
          term_id = add("taxonomy_term", *term, at + ".taxonomy_term", {{"taxonomy_id", taxonomy_id}});
        }
      }
      add("attribute", attribute, at, {{"link_id", id}, {"link_entity", "service"}, {"taxonomy_term_id", term_id}});
    });
  }

  void problem(const std::string& where, const std::string& reason) { out_.problems.push_back({file_, 0, where, reason}); }

 private:
  const std::string& file_;
  HsdsParse& out_;
};

// Values as the schema types them: numbers as JSON numbers, the rest as text; empty values left out.
json typed_value(const hsds::Field& field, const std::string& text) {
  if (field.type == hsds::Type::Number) {
    try {
      std::size_t used = 0;
      const double number = std::stod(text, &used);
      if (used == text.size() && std::isfinite(number)) {
        if (std::floor(number) == number && std::fabs(number) < 1e15) return static_cast<std::int64_t>(number);
        return number;
      }
    } catch (const std::exception&) {
    }
    return nullptr;
  }
  return text;
}

class Nester {
 public:
  explicit Nester(HsdsRowSource& source) : source_(source) {}

  // Every row of `table` where `column` = `value`, as JSON objects in the schema's shape.
  Result<std::vector<json>> rows(const char* table_name, const std::string& column, const std::string& value) {
    const auto* table = hsds::find_table(table_name);
    PL_TRY_ASSIGN(found, source_.rows(*table, column, value));
    std::vector<json> out;
    for (const auto& fields : found) {
      json object = json::object();
      for (const auto& field : table->fields) {
        const auto text = fields.find(field.name);
        if (text != fields.end() && !text->second.empty()) {
          json typed = typed_value(field, text->second);
          if (!typed.is_null()) object[field.name] = std::move(typed);
        } else if (field.required) {
          object[field.name] = "";  // the schema requires it; the source did not say
        }
      }
      out.push_back(std::move(object));
    }
    return out;
  }

  Result<std::optional<json>> one(const char* table, const std::string& id) {
    PL_TRY_ASSIGN(found, rows(table, "id", id));
    if (found.empty()) return std::optional<json>();
    return std::optional<json>(std::move(found.front()));
  }

  Result<json> phones(const std::string& column, const std::string& id) {
    PL_TRY_ASSIGN(list, rows("phone", column, id));
    for (auto& phone : list) {
      PL_TRY_ASSIGN(languages, rows("language", "phone_id", phone["id"].get<std::string>()));
      if (!languages.empty()) phone["languages"] = languages;
    }
    return json(list);
  }

  Result<json> service(json service) {
    const std::string id = service["id"].get<std::string>();
    if (service.contains("organization_id")) {
      PL_TRY_ASSIGN(organization, one("organization", service["organization_id"].get<std::string>()));
      if (organization) service["organization"] = *organization;
    }
    PL_TRY_ASSIGN(phone_list, phones("service_id", id));
    service["phones"] = phone_list;
    PL_TRY_ASSIGN(schedules, rows("schedule", "service_id", id));
    service["schedules"] = schedules;
    PL_TRY_ASSIGN(languages, rows("language", "service_id", id));
    service["languages"] = languages;
    PL_TRY_ASSIGN(costs, rows("cost_option", "service_id", id));
    service["cost_options"] = costs;
    PL_TRY_ASSIGN(sals, rows("service_at_location", "service_id", id));
    for (auto& sal : sals) {
      const std::string sal_id = sal["id"].get<std::string>();
      PL_TRY_ASSIGN(sal_phones, phones("service_at_location_id", sal_id));
      sal["phones"] = sal_phones;
      PL_TRY_ASSIGN(sal_schedules, rows("schedule", "service_at_location_id", sal_id));
      sal["schedules"] = sal_schedules;
      PL_TRY_ASSIGN(location, one("location", sal["location_id"].get<std::string>()));
      if (location) {
        const std::string location_id = (*location)["id"].get<std::string>();
        PL_TRY_ASSIGN(addresses, rows("address", "location_id", location_id));
        (*location)["addresses"] = addresses;
        PL_TRY_ASSIGN(location_phones, phones("location_id", location_id));
        (*location)["phones"] = location_phones;
        PL_TRY_ASSIGN(location_schedules, rows("schedule", "location_id", location_id));
        (*location)["schedules"] = location_schedules;
        PL_TRY_ASSIGN(location_languages, rows("language", "location_id", location_id));
        (*location)["languages"] = location_languages;
        sal["location"] = *location;
      }
    }
    service["service_at_locations"] = sals;
    PL_TRY_ASSIGN(attributes, rows("attribute", "link_id", id));
    for (auto& attribute : attributes) {
      PL_TRY_ASSIGN(term, one("taxonomy_term", attribute["taxonomy_term_id"].get<std::string>()));
      if (!term) continue;
      if (term->contains("taxonomy_id")) {
        PL_TRY_ASSIGN(taxonomy, one("taxonomy", (*term)["taxonomy_id"].get<std::string>()));
        if (taxonomy) (*term)["taxonomy_detail"] = *taxonomy;
      }
      attribute["taxonomy_term"] = *term;
    }
    service["attributes"] = attributes;
    return service;
  }

 private:
  HsdsRowSource& source_;
};

}  // namespace

HsdsParse parse_hsds_json(std::string_view text, const std::string& file_name) {
  HsdsParse out;
  Flattener flat(file_name, out);
  json document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& error) {
    int line = 1;
    for (std::size_t i = 0; i < error.byte && i < text.size(); ++i) line += text[i] == '\n';
    out.problems.push_back({file_name, line, "", "not valid JSON"});
    return out;
  } catch (const json::out_of_range&) {
    // A number past what a double holds ("1e400") is refused with out_of_range, not parse_error (found by fuzzing).
    out.problems.push_back({file_name, 0, "", "not valid JSON: a number is too large"});
    return out;
  }
  if (document.is_object() && document.contains("contents")) {
    const auto& contents = document["contents"];
    if (!contents.is_array()) {
      flat.problem("contents", "expected a list of services");
      return out;
    }
    for (std::size_t i = 0; i < contents.size(); ++i) flat.service(contents[i], std::string("contents[").append(std::to_string(i)).append("]"));
  } else if (document.is_array()) {
    for (std::size_t i = 0; i < document.size(); ++i) flat.service(document[i], std::string("[").append(std::to_string(i)).append("]"));
  } else if (document.is_object()) {
    flat.service(document, "service");
  } else {
    flat.problem("", "expected a service, a list of services or a page of them");
  }
  return out;
}

Result<json> nest_hsds_services(HsdsRowSource& source) {
  Nester nester(source);
  json services = json::array();
  PL_TRY_ASSIGN(all, source.service_ids());
  for (const auto& id : all) {
    PL_TRY_ASSIGN(service, nester.one("service", id));
    if (!service) continue;
    PL_TRY_ASSIGN(nested, nester.service(std::move(*service)));
    services.push_back(std::move(nested));
  }
  return services;
}

namespace {

// Checked rows in memory, read as the store's tables read after importing them into an empty directory.
class RowsInMemory final : public HsdsRowSource {
 public:
  explicit RowsInMemory(const std::vector<HsdsRow>& rows) {
    for (const auto& row : rows) by_table_[row.table].push_back(&row);
    for (auto& [table, list] : by_table_) {
      std::sort(list.begin(), list.end(), [](const HsdsRow* x, const HsdsRow* y) { return id_of(*x) < id_of(*y); });
    }
  }

  Result<std::vector<HsdsFields>> rows(const hsds::Table& table, const std::string& column,
                                       const std::string& value) override {
    std::vector<HsdsFields> out;
    for (const HsdsRow* row : rows_of(table.name)) {
      const auto found = row->fields.find(column);
      if (found != row->fields.end() && found->second == value) out.push_back(row->fields);
    }
    return out;
  }

  Result<std::vector<std::string>> service_ids() override {
    std::vector<const HsdsRow*> services = rows_of("service");
    std::stable_sort(services.begin(), services.end(), [](const HsdsRow* x, const HsdsRow* y) {
      return std::pair(name_of(*x), id_of(*x)) < std::pair(name_of(*y), id_of(*y));
    });
    std::vector<std::string> ids;
    for (const HsdsRow* service : services) ids.emplace_back(id_of(*service));
    return ids;
  }

 private:
  static std::string_view value_of(const HsdsRow& row, const char* field) {
    const auto found = row.fields.find(field);
    return found == row.fields.end() ? std::string_view() : std::string_view(found->second);
  }
  static std::string_view id_of(const HsdsRow& row) { return value_of(row, "id"); }
  static std::string_view name_of(const HsdsRow& row) { return value_of(row, "name"); }

  const std::vector<const HsdsRow*>& rows_of(const std::string& table) {
    static const std::vector<const HsdsRow*> none;
    const auto found = by_table_.find(table);
    return found == by_table_.end() ? none : found->second;
  }

  std::map<std::string, std::vector<const HsdsRow*>> by_table_;
};

}  // namespace

Result<json> hsds_services_json(const std::vector<HsdsRow>& checked_rows) {
  RowsInMemory source(checked_rows);
  return nest_hsds_services(source);
}

}  // namespace porchlight::formats
