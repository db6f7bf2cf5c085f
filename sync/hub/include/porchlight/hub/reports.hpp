#pragma once
// The hub's reports as JSON and CSV, the same for the HTTP API and `porchlight-hub report`.
#include <string>
#include <vector>

#include "porchlight/hub/hub_store.hpp"

namespace porchlight::hub {

nlohmann::json attendance_json(const std::vector<AttendanceRow>& rows);
std::string attendance_csv(const std::vector<AttendanceRow>& rows);
nlohmann::json unduplicated_json(const std::vector<MonthlyUnduplicatedRow>& rows);
std::string unduplicated_csv(const std::vector<MonthlyUnduplicatedRow>& rows);

// A real day written YYYY-MM-DD, as reports' from and to must be (compared as text against visits' days).
bool is_calendar_date(std::string_view text);

// What a report view asked for, for the audit log: "center=Harbor Light from=2026-11-01 to=(any) format=csv".
std::string describe_report(const ReportFilter& filter, const std::string& format);

// Shown on every export that holds a reason a center marks sensitive (substance use, mental health), and on no other.
extern const char* const kRedisclosureNotice;
bool has_sensitive_reasons(const std::vector<ReasonRow>& rows);
// {"rows": [...]}, with "redisclosure_notice" when a row is sensitive.
nlohmann::json reasons_json(const std::vector<ReasonRow>& rows);
// The CSV, led by a "notice" record and a blank line when a row is sensitive.
std::string reasons_csv(const std::vector<ReasonRow>& rows);

}  // namespace porchlight::hub
