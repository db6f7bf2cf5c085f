// The center's own crisis lines: stored as center configuration, checked before anything is written, audited.
#include "porchlight/core/audit.hpp"
#include "porchlight/core/crisis_lines.hpp"
#include "porchlight/core/demo.hpp"
#include "test_support.hpp"

using namespace porchlight::test;

TEST_CASE("crisis lines: a new center has none - set and listed in order, in both languages") {
  TestStore s;
  CHECK(must(list_crisis_lines(*s)).empty());
  must(set_crisis_lines(*s, {{"County crisis line", "Línea de crisis del condado", "(555) 010-0143"},
                             {"Text line", "", "Text HOME to 555-0199"}}));
  const auto lines = must(list_crisis_lines(*s));
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].label_en == "County crisis line");
  CHECK(lines[0].label_es == "Línea de crisis del condado");
  CHECK(lines[0].number == "(555) 010-0143");
  CHECK(lines[1].label_es.empty());
  CHECK(lines[1].number == "Text HOME to 555-0199");

  must(set_crisis_lines(*s, {lines[1]}));
  const auto after = must(list_crisis_lines(*s));
  REQUIRE(after.size() == 1);
  CHECK(after[0].label_en == "Text line");
}

TEST_CASE("crisis lines: a refused line changes nothing and says why") {
  TestStore s;
  must(set_crisis_lines(*s, {{"Warmline", "", "(555) 010-0176"}}));
  const auto audit_before = s.audit();
  const std::vector<std::pair<CrisisLine, std::string>> refused{
      {{"", "", "(555) 010-0100"}, "label"},
      {{"No number", "", ""}, "needs a number"},
      {{"Letters only", "", "call us"}, "no digits"},
      {{"Two\nlines", "", "555-0100"}, "one line"},
      {{"Tab", "", "555\t0100"}, "one line"},
      {{"Bad bytes \xff", "", "555-0100"}, "UTF-8"},
      {{std::string(81, 'a'), "", "555-0100"}, "longer than"},
      {{"Long number", "", std::string(41, '5')}, "longer than"},
  };
  for (const auto& [line, why] : refused) {
    CAPTURE(why);
    const auto result = set_crisis_lines(*s, {line});
    REQUIRE_FALSE(result);
    CHECK(contains(result.error().message, why));
  }
  const CrisisLine ok{"Line", "", "555-0100"};
  const auto too_many = set_crisis_lines(*s, std::vector<CrisisLine>(kMaxCrisisLines + 1, ok));
  REQUIRE_FALSE(too_many);
  CHECK(contains(too_many.error().message, "room for 4"));

  const auto kept = must(list_crisis_lines(*s));
  REQUIRE(kept.size() == 1);
  CHECK(kept[0].label_en == "Warmline");
  CHECK(s.audit() == audit_before);
}

TEST_CASE("crisis lines: each change is in the audit log") {
  TestStore s;
  must(set_crisis_lines(*s, {{"County crisis line", "", "(555) 010-0143"}}));
  const auto recent = must(recent_audit(*s, 1));
  REQUIRE(recent.size() == 1);
  CHECK(recent[0].action == "settings.crisis_lines");
  CHECK(contains(recent[0].detail, "(555) 010-0143"));
}

TEST_CASE("crisis lines: unreadable stored lines are an error, not an empty list") {
  TestStore s;
  must(s->db().exec("INSERT INTO setting (key, value) VALUES ('crisis_lines', 'not json')"));
  const auto lines = list_crisis_lines(*s);
  REQUIRE_FALSE(lines);
  CHECK(contains(lines.error().message, "set them again"));
}
