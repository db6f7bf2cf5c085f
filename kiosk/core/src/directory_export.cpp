// The directory written back out of the store: HSDS JSON (nested by the formats library from the tables) and an
// HSDS CSV package in exactly the official shape.
#include <nlohmann/json.hpp>

#include "porchlight/core/csv.hpp"
#include "porchlight/core/directory.hpp"

namespace porchlight::core {

namespace {

// One cell of the HSDS export. Numbers and phone numbers ("-73.95", "+1 555-0100") must stay what they are for
// HSDS tools; they cannot run as formulas because they hold no names. Any other text that starts like a formula
// is neutralised by csv_field as in every other export.
std::string hsds_cell(const std::string& value) {
  const bool plain_number = !value.empty() && value.find_first_not_of("0123456789 .,()+-/") == std::string::npos;
  if (!plain_number) return csv_field(value);
  if (value.find_first_of(",\"") == std::string::npos) return value;
  return "\"" + value + "\"";
}

std::string datapackage_type(hsds::Type type) {
  switch (type) {
    case hsds::Type::String: return "string";
    case hsds::Type::Number: return "number";
    case hsds::Type::Date: return "date";
    case hsds::Type::Time: return "time";
    case hsds::Type::DateTime: return "datetime";
  }
  return "string";
}

// The directory's tables as the formats library's nesting reads them.
class StoredRows final : public HsdsRowSource {
 public:
  explicit StoredRows(Store& store) : store_(store) {}

  Result<std::vector<HsdsFields>> rows(const hsds::Table& table, const std::string& column,
                                       const std::string& value) override {
    std::string columns;
    for (const auto& field : table.fields) columns += (columns.empty() ? "" : ", ") + std::string(field.name);
    PL_TRY_ASSIGN(query, store_.db().query("SELECT " + columns + " FROM " + table.sql + " WHERE " + column +
                                           " = ?1 ORDER BY id"));
    query.bind(1, value);
    std::vector<HsdsFields> out;
    for (;;) {
      PL_TRY_ASSIGN(has_row, query.step());
      if (!has_row) break;
      HsdsFields fields;
      for (std::size_t c = 0; c < table.fields.size(); ++c) {
        if (auto text = query.optional_text(static_cast<int>(c))) fields[table.fields[c].name] = std::move(*text);
      }
      out.push_back(std::move(fields));
    }
    return out;
  }

  Result<std::vector<std::string>> service_ids() override {
    PL_TRY_ASSIGN(ids, store_.db().query("SELECT id FROM hsds_service ORDER BY name, id"));
    return ids.collect([](const Query& row) { return row.text(0); });
  }

 private:
  Store& store_;
};

}  // namespace

Result<nlohmann::json> export_directory_json(Store& store) {
  StoredRows source(store);
  return nest_hsds_services(source);
}

// Exports: every table we keep, its columns in the official order, and a datapackage.json describing them.
Result<std::map<std::string, std::string>> export_directory_csv(Store& store) {
  std::map<std::string, std::string> files;
  nlohmann::json resources = nlohmann::json::array();
  for (const auto& table : hsds::tables()) {
    std::vector<std::string> names;
    for (const auto& field : table.fields) names.emplace_back(field.name);
    std::string text = csv_row(names);
    std::string columns;
    for (const auto& field : table.fields) columns += (columns.empty() ? "" : ", ") + std::string(field.name);
    PL_TRY_ASSIGN(query, store.db().query("SELECT " + columns + " FROM " + table.sql + " ORDER BY id"));
    for (;;) {
      PL_TRY_ASSIGN(has_row, query.step());
      if (!has_row) break;
      for (int c = 0; c < static_cast<int>(table.fields.size()); ++c) {
        if (c > 0) text += ',';
        text += hsds_cell(query.optional_text(c).value_or(""));
      }
      text += "\r\n";
    }
    files[table.file] = std::move(text);

    nlohmann::json fields = nlohmann::json::array();
    for (const auto& field : table.fields) {
      nlohmann::json description = {{"name", field.name}, {"type", datapackage_type(field.type)}};
      if (*field.format) description["format"] = field.format;
      nlohmann::json constraints = {{"required", field.required}, {"unique", std::string_view(field.name) == "id"}};
      if (!field.allowed.empty()) constraints["enum"] = field.allowed;
      description["constraints"] = constraints;
      fields.push_back(description);
    }
    nlohmann::json foreign_keys = nlohmann::json::array();
    for (const auto& link : table.links) {
      foreign_keys.push_back({{"fields", link.field}, {"reference", {{"resource", link.table}, {"fields", "id"}}}});
    }
    nlohmann::json schema = {{"fields", fields}, {"primaryKey", "id"}};
    if (!foreign_keys.empty()) schema["foreignKeys"] = foreign_keys;
    resources.push_back({{"name", table.name},
                         {"path", table.file},
                         {"profile", "tabular-data-resource"},
                         {"format", "csv"},
                         {"mediatype", "text/csv"},
                         {"encoding", "utf-8"},
                         {"schema", schema}});
  }
  const nlohmann::json package = {
      {"name", "porchlight-directory"},
      {"title", "Resource directory exported by Porchlight"},
      {"profile", "tabular-data-package"},
      {"version", "3.0"},
      {"description", "Human Services Data Specification 3.0 tables (https://openreferral.org/)"},
      {"resources", resources}};
  files["datapackage.json"] = package.dump(2) + "\n";
  return files;
}

}  // namespace porchlight::core
