#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace porchlight::formats {

// One CSV field: quoted when needed (RFC 4180), and neutralised when a spreadsheet would run it as a
// formula (it starts with = + - @, a tab or a carriage return): such a cell gets a leading apostrophe.
std::string csv_field(std::string_view value);
// A record of fields joined by commas and ended with CRLF.
std::string csv_row(const std::vector<std::string>& fields);

}  // namespace porchlight::formats
