#include "porchlight/core/crisis_lines.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "porchlight/core/audit.hpp"
#include "porchlight/core/text.hpp"

namespace porchlight::core {

namespace {

constexpr const char* kSettingKey = "crisis_lines";
constexpr std::size_t kMaxLabelBytes = 80;   // one line on the crisis screen at the largest text size
constexpr std::size_t kMaxNumberBytes = 40;  // "Text HOME to 741741" fits; a paragraph does not

bool has_control_character(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
}

}  // namespace

std::string crisis_line_problem(const CrisisLine& line) {
  if (line.label_en.empty()) return "a crisis line needs a label (what people call it)";
  if (line.number.empty()) return "the crisis line '" + line.label_en + "' needs a number";
  for (const auto* text : {&line.label_en, &line.label_es, &line.number}) {
    if (!is_valid_utf8(*text)) return "a crisis line's text is not valid UTF-8";
    if (has_control_character(*text)) return "a crisis line's text must be one line without tabs";
  }
  if (line.label_en.size() > kMaxLabelBytes || line.label_es.size() > kMaxLabelBytes)
    return "a crisis line's label is longer than " + std::to_string(kMaxLabelBytes) + " characters";
  if (line.number.size() > kMaxNumberBytes)
    return "the number of '" + line.label_en + "' is longer than " + std::to_string(kMaxNumberBytes) + " characters";
  if (std::none_of(line.number.begin(), line.number.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return "the number of '" + line.label_en + "' has no digits";
  return {};
}

Result<std::vector<CrisisLine>> list_crisis_lines(Store& store) {
  PL_TRY_ASSIGN(query, store.db().query("SELECT value FROM setting WHERE key = ?1"));
  query.bind(1, kSettingKey);
  PL_TRY_ASSIGN(has_row, query.step());
  std::vector<CrisisLine> lines;
  if (!has_row) return lines;
  const auto parsed = nlohmann::json::parse(query.text(0), nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return make_error("the stored crisis lines are not readable; set them again");
  for (const auto& item : parsed) {
    if (!item.is_object()) return make_error("the stored crisis lines are not readable; set them again");
    lines.push_back({item.value("label_en", ""), item.value("label_es", ""), item.value("number", "")});
  }
  return lines;
}

Result<void> set_crisis_lines(Store& store, const std::vector<CrisisLine>& lines,
                              const std::optional<std::string>& staff_id) {
  if (lines.size() > kMaxCrisisLines)
    return make_error("the crisis screen has room for " + std::to_string(kMaxCrisisLines) + " local lines under 988");
  auto items = nlohmann::json::array();
  std::string summary;
  for (const auto& line : lines) {
    if (auto problem = crisis_line_problem(line); !problem.empty()) return make_error(problem);
    items.push_back({{"label_en", line.label_en}, {"label_es", line.label_es}, {"number", line.number}});
    summary += (summary.empty() ? "" : "; ") + line.label_en + " " + line.number;
  }
  PL_TRY_ASSIGN(transaction, store.db().begin());
  PL_TRY_ASSIGN(write, store.db().query("INSERT INTO setting (key, value) VALUES (?1, ?2) "
                                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
  PL_TRY(write.bind(1, kSettingKey).bind(2, items.dump()).run());
  PL_TRY(record_audit(store, staff_id, "settings.crisis_lines", kSettingKey, summary));
  return transaction.commit();
}

}  // namespace porchlight::core
