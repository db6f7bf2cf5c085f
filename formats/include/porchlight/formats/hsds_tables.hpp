#pragma once
// The HSDS 3.0 tables the directory keeps, described once: the CSV reader maps file and column names with it,
// the importer checks rows and builds its statements from it, and the exports write the same columns in the
// same order and with the same types as the official datapackage.json.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace porchlight::formats::hsds {

enum class Type { String, Number, Date, Time, DateTime };

struct Field {
  const char* name;
  Type type = Type::String;
  const char* format = "";  // "uuid", "email", "uri" as the official package says
  bool required = false;
  std::vector<const char*> allowed{};  // an enum, when the specification has one
};

// A link to another table's id that must resolve for the row to mean anything.
struct Link {
  const char* field;
  const char* table;
  bool required;  // true: an unknown id skips the row; false: the value is dropped with a note
};

struct Table {
  const char* name;     // HSDS resource name: "service"
  const char* file;     // HSDS 3.0 file: "services.csv"
  const char* sql;      // our table: "hsds_service"
  std::vector<Field> fields;
  std::vector<Link> links;
  // Older or looser file names (HSDS 2.0/1.1 and common variants) and what they imply.
  std::vector<const char*> other_files;
  // Older column names -> HSDS 3.0 names (used only when the 3.0 column is absent).
  std::vector<std::pair<const char*, const char*>> other_columns;
};

// In import order: a table comes after every table it links to.
const std::vector<Table>& tables();
const Table* find_table(std::string_view name);
const Field* find_field(const Table& table, std::string_view name);

}  // namespace porchlight::formats::hsds
