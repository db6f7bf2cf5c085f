#pragma once
// Plain aligned text for terminals: columns padded by Unicode code points so accented names line up.
#include <iosfwd>
#include <string>
#include <vector>

namespace porchlight::admin {

class TextTable {
 public:
  enum class Align { Left, Right };

  explicit TextTable(std::vector<std::string> headers, std::vector<Align> aligns = {});
  void add_row(std::vector<std::string> cells);
  bool empty() const { return rows_.empty(); }
  void print(std::ostream& out, int indent = 0) const;

 private:
  std::vector<std::string> headers_;
  std::vector<Align> aligns_;
  std::vector<std::vector<std::string>> rows_;
};

// "label   value" pairs with the labels padded to one width.
void print_fields(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& fields, int indent = 0);

}  // namespace porchlight::admin
