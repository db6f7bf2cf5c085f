#include "text_table.hpp"

#include <algorithm>
#include <ostream>

#include "porchlight/core/text.hpp"

namespace porchlight::admin {

namespace {

std::size_t width_of(const std::string& text) { return core::code_point_count(text); }

void pad(std::ostream& out, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) out << ' ';
}

}  // namespace

TextTable::TextTable(std::vector<std::string> headers, std::vector<Align> aligns)
    : headers_(std::move(headers)), aligns_(std::move(aligns)) {
  aligns_.resize(headers_.size(), Align::Left);
}

void TextTable::add_row(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  rows_.push_back(std::move(cells));
}

void TextTable::print(std::ostream& out, int indent) const {
  std::vector<std::size_t> widths(headers_.size());
  for (std::size_t c = 0; c < headers_.size(); ++c) {
    widths[c] = width_of(headers_[c]);
    for (const auto& row : rows_) widths[c] = std::max(widths[c], width_of(row[c]));
  }
  const auto print_line = [&](const std::vector<std::string>& cells) {
    pad(out, static_cast<std::size_t>(indent));
    std::string line;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::size_t gap = widths[c] - width_of(cells[c]);
      const bool last = c + 1 == cells.size();
      if (c > 0) line += "  ";
      if (aligns_[c] == Align::Right) line.append(gap, ' ');
      line += cells[c];
      if (aligns_[c] == Align::Left && !last) line.append(gap, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  print_line(headers_);
  std::vector<std::string> rule;
  for (const auto width : widths) rule.emplace_back(width, '-');
  print_line(rule);
  for (const auto& row : rows_) print_line(row);
}

void print_fields(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& fields, int indent) {
  std::size_t width = 0;
  for (const auto& [label, value] : fields) width = std::max(width, width_of(label));
  for (const auto& [label, value] : fields) {
    pad(out, static_cast<std::size_t>(indent));
    out << label << ':';
    pad(out, width - width_of(label) + 2);
    out << value << '\n';
  }
}

}  // namespace porchlight::admin
