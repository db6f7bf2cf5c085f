#include "porchlight/formats/csv.hpp"

namespace porchlight::formats {

std::string csv_field(std::string_view value) {
  std::string cell;
  // A spreadsheet runs a cell that starts like this as a formula (CSV injection); an apostrophe stops it.
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' || value[0] == '\t' ||
                         value[0] == '\r')) {
    cell.push_back('\'');
  }
  cell.append(value);
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

std::string csv_row(const std::vector<std::string>& fields) {
  std::string row;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) row.push_back(',');
    row += csv_field(fields[i]);
  }
  row += "\r\n";
  return row;
}

}  // namespace porchlight::formats
