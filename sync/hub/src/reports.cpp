#include "porchlight/hub/reports.hpp"

#include "porchlight/formats/csv.hpp"

namespace porchlight::hub {

using formats::csv_row;
using nlohmann::json;

json attendance_json(const std::vector<AttendanceRow>& rows) {
  json out = json::array();
  for (const auto& row : rows) {
    out.push_back({{"center", row.center},
                   {"date", row.date},
                   {"visits", row.visits},
                   {"unique_people", row.unique_people},
                   {"guest_visits", row.guest_visits}});
  }
  return out;
}

std::string attendance_csv(const std::vector<AttendanceRow>& rows) {
  std::string csv = csv_row({"center", "date", "visits", "unique_people", "guest_visits"});
  for (const auto& row : rows) {
    csv += csv_row({row.center, row.date, std::to_string(row.visits), std::to_string(row.unique_people),
                    std::to_string(row.guest_visits)});
  }
  return csv;
}

json unduplicated_json(const std::vector<MonthlyUnduplicatedRow>& rows) {
  json out = json::array();
  for (const auto& row : rows) {
    out.push_back({{"center", row.center},
                   {"month", row.month},
                   {"visits", row.visits},
                   {"unique_people", row.unique_people},
                   {"guest_visits", row.guest_visits}});
  }
  return out;
}

std::string unduplicated_csv(const std::vector<MonthlyUnduplicatedRow>& rows) {
  std::string csv = csv_row({"center", "month", "visits", "unique_people", "guest_visits"});
  for (const auto& row : rows) {
    csv += csv_row({row.center, row.month, std::to_string(row.visits), std::to_string(row.unique_people),
                    std::to_string(row.guest_visits)});
  }
  return csv;
}

bool is_calendar_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (const std::size_t at : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[at] < '0' || text[at] > '9') return false;
  }
  const auto number = [&](std::size_t at, std::size_t length) {
    int value = 0;
    for (std::size_t i = at; i < at + length; ++i) value = value * 10 + (text[i] - '0');
    return value;
  };
  const int year = number(0, 4);
  const int month = number(5, 2);
  const int day = number(8, 2);
  if (month < 1 || month > 12 || day < 1) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  constexpr int kDaysInMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return day <= kDaysInMonth[month - 1] + (month == 2 && leap ? 1 : 0);
}

std::string describe_report(const ReportFilter& filter, const std::string& format) {
  const auto or_any = [](const std::optional<std::string>& value) { return value ? *value : std::string("(any)"); };
  return "center=" + or_any(filter.center) + " from=" + or_any(filter.from) + " to=" + or_any(filter.to) +
         " format=" + format;
}

// Plain words in the spirit of the 42 CFR Part 2 notice: what it is, why it matters, what the reader may not do.
const char* const kRedisclosureNotice =
    "Notice on re-disclosure: this report includes visit reasons that a center marks as sensitive, such as "
    "substance use recovery or mental health support. Federal rules (42 CFR Part 2) protect the confidentiality "
    "of substance use disorder records. Do not share this information further unless the people it concerns "
    "have agreed in writing or the law permits it, and do not use it to investigate or prosecute anyone.";

bool has_sensitive_reasons(const std::vector<ReasonRow>& rows) {
  for (const auto& row : rows) {
    if (row.sensitive) return true;
  }
  return false;
}

json reasons_json(const std::vector<ReasonRow>& rows) {
  json out = json::object();
  if (has_sensitive_reasons(rows)) out["redisclosure_notice"] = kRedisclosureNotice;
  json list = json::array();
  for (const auto& row : rows) {
    list.push_back({{"center", row.center},
                    {"month", row.month},
                    {"reason", row.reason},
                    {"sensitive", row.sensitive},
                    {"visits", row.visits}});
  }
  out["rows"] = std::move(list);
  return out;
}

std::string reasons_csv(const std::vector<ReasonRow>& rows) {
  std::string csv;
  if (has_sensitive_reasons(rows)) csv = csv_row({"notice", kRedisclosureNotice}) + "\r\n";
  csv += csv_row({"center", "month", "reason", "sensitive", "visits"});
  for (const auto& row : rows) {
    csv += csv_row({row.center, row.month, row.reason, row.sensitive ? "yes" : "no", std::to_string(row.visits)});
  }
  return csv;
}

}  // namespace porchlight::hub
