#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "porchlight/core/store.hpp"

namespace porchlight::core {

struct AttendanceRow {
  std::string visit_id;
  Millis signed_in_at = 0;
  std::string time;          // local "HH:MM"
  std::string display_name;  // "Maria G."; empty for a guest (`guest`): the reader's language names them
  std::string full_name;     // staff only; empty for a guest
  std::optional<std::string> participant_id;
  bool guest = false;
  bool first_visit = false;          // this was the person's first visit ever
  std::vector<std::string> reasons;  // codes
  std::optional<int> mood;
  std::optional<Millis> signed_out_at;
};

struct ReasonCount {
  std::string code;
  std::string label;
  bool sensitive = false;
  std::int64_t visits = 0;
};

struct DailyAttendance {
  LocalDate date;
  std::vector<AttendanceRow> visits;       // in sign-in order
  std::array<std::int64_t, 24> by_hour{};  // local hour of sign-in
  std::vector<ReasonCount> by_reason;      // every configured reason, in list order, zero counts included
  std::int64_t visit_count = 0;
  std::int64_t unique_people = 0;      // identified participants, each counted once
  std::int64_t guest_visits = 0;       // anonymous sign-ins (they cannot be de-duplicated)
  std::int64_t new_registrations = 0;  // participants registered that day
};

struct PeriodAttendance {
  DateRange range;
  std::int64_t visits = 0;
  std::int64_t unique_people = 0;  // unduplicated identified people with a visit in the range
  std::int64_t guest_visits = 0;
  std::int64_t new_people = 0;        // whose first visit ever falls in the range
  std::int64_t returning_people = 0;  // came in the range and had come before it
};

// The reasons' configured labels are given in `label_language` ("en", "es").
Result<DailyAttendance> daily_attendance(Store& store, LocalDate date, const std::string& label_language = "en");
Result<PeriodAttendance> period_attendance(Store& store, DateRange range);

// CSV (RFC 4180, UTF-8, with formula-looking cells neutralised) and JSON forms, shared by the admin tool
// and the kiosk's exports. A guest's name is `guest_name`, in the reader's language.
std::string daily_attendance_csv(const DailyAttendance& report, std::string_view guest_name);
std::string daily_summary_csv(const DailyAttendance& report);
std::string period_attendance_csv(const PeriodAttendance& report);
nlohmann::json daily_attendance_json(const DailyAttendance& report, std::string_view guest_name);
nlohmann::json period_attendance_json(const PeriodAttendance& report);

}  // namespace porchlight::core
