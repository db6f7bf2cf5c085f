#include "porchlight/hub/reports.hpp"

#include "porchlight/core/csv.hpp"

namespace porchlight::hub {

using core::csv_row;
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

std::string describe_report(const ReportFilter& filter, const std::string& format) {
  const auto or_any = [](const std::optional<std::string>& value) { return value ? *value : std::string("(any)"); };
  return "center=" + or_any(filter.center) + " from=" + or_any(filter.from) + " to=" + or_any(filter.to) +
         " format=" + format;
}

}  // namespace porchlight::hub
