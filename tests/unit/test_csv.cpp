// CSV exports: RFC 4180 quoting, and no cell a spreadsheet would run as a formula.
#include "porchlight/core/csv.hpp"
#include "test_support.hpp"

using namespace porchlight::test;

namespace {

// The cell's text as a spreadsheet reads it back.
std::string unquoted(const std::string& field) {
  const auto rows = parse_csv(field);
  REQUIRE(rows.size() == 1);
  REQUIRE(rows[0].size() == 1);
  return rows[0][0];
}

}  // namespace

TEST_CASE("csv: plain text is left alone") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("Maria G.") == "Maria G.");
  CHECK(csv_field("José García") == "José García");
  CHECK(csv_field("2026-03-10") == "2026-03-10");
  CHECK(csv_field("42") == "42");
  CHECK(csv_field("") == "");
  CHECK(csv_field("a=b") == "a=b");  // only a leading sign is dangerous
  CHECK(csv_field("x-1") == "x-1");
}

TEST_CASE("csv: formula-looking cells get a leading apostrophe") {
  CHECK(csv_field("=SUM(A1)") == "'=SUM(A1)");
  CHECK(csv_field("+1") == "'+1");
  CHECK(csv_field("-2") == "'-2");
  CHECK(csv_field("@x") == "'@x");
  CHECK(unquoted(csv_field("\tx")) == "'\tx");
  CHECK(unquoted(csv_field("\rx")) == "'\rx");
  CHECK(unquoted(csv_field("=HYPERLINK(\"http://evil\",\"click\")")) == "'=HYPERLINK(\"http://evil\",\"click\")");
  CHECK(unquoted(csv_field("=1+2,3")) == "'=1+2,3");
  CHECK(unquoted(csv_field("-")) == "'-");
}

TEST_CASE("csv: commas, quotes and line breaks are quoted as RFC 4180 says") {
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("line1\nline2") == "\"line1\nline2\"");
  CHECK(csv_field("line1\r\nline2") == "\"line1\r\nline2\"");
  CHECK(csv_field("\"") == "\"\"\"\"");
  // A carriage return at the start is both quoted and neutralised.
  const auto cr = csv_field("\rx");
  CHECK(cr.front() == '"');
  CHECK(cr.back() == '"');
  for (const char* text : {"a,b", "say \"hi\"", "line1\nline2", "Ruiz, Carlos", "\"quoted\""}) {
    CAPTURE(text);
    CHECK(unquoted(csv_field(text)) == text);
  }
}

TEST_CASE("csv: csv_row joins fields with commas and ends with CRLF") {
  CHECK(csv_row({"a", "b,c", "=1"}) == "a,\"b,c\",'=1\r\n");
  CHECK(csv_row({"date", "count"}) == "date,count\r\n");
  CHECK(csv_row({"", ""}) == ",\r\n");
  const auto parsed = parse_csv(csv_row({"one", "two \"2\"", "three\nlines", "-4"}));
  REQUIRE(parsed.size() == 1);
  CHECK(parsed[0] == std::vector<std::string>{"one", "two \"2\"", "three\nlines", "'-4"});
}
