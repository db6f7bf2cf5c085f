#pragma once
// The report tables read back: visits by day, month and reason, and the hub's totals.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "porchlight/hub/hub_database.hpp"

namespace porchlight::hub {

struct AttendanceRow {
  std::string center;
  std::string date;  // the center's own day, YYYY-MM-DD
  std::int64_t visits = 0;
  std::int64_t unique_people = 0;  // identified participants, each once per day
  std::int64_t guest_visits = 0;
};

struct MonthlyUnduplicatedRow {
  std::string center;
  std::string month;  // YYYY-MM
  std::int64_t visits = 0;
  std::int64_t unique_people = 0;
  std::int64_t guest_visits = 0;
};

// Visits by center, month and reason. Sensitive reasons appear only where a center's kiosks were allowed to send them.
struct ReasonRow {
  std::string center;
  std::string month;  // YYYY-MM
  std::string reason;  // the kiosk's reason code
  bool sensitive = false;
  std::int64_t visits = 0;
};

struct ReportFilter {
  std::optional<std::string> center;  // by name; all centers when empty
  std::optional<std::string> from;    // YYYY-MM-DD, inclusive
  std::optional<std::string> to;
};

struct HubTotals {
  std::int64_t centers = 0;
  std::int64_t devices = 0;
  std::int64_t mutations = 0;
  std::int64_t visits = 0;
};

class HubReports : public virtual HubDatabase {
 public:
  Result<std::vector<AttendanceRow>> attendance_by_day(const ReportFilter& filter);
  Result<std::vector<MonthlyUnduplicatedRow>> unduplicated_by_month(const ReportFilter& filter);
  Result<std::vector<ReasonRow>> visits_by_reason(const ReportFilter& filter);
  Result<HubTotals> totals();

 protected:
  HubReports() = default;
  ~HubReports() = default;
};

}  // namespace porchlight::hub
