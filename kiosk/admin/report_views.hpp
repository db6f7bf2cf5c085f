#pragma once
// Human-readable report tables (CSV and JSON come from core, shared with the kiosk's exports).
#include <iosfwd>
#include <string_view>

#include "porchlight/core/reports.hpp"

namespace porchlight::admin {

// The admin tool speaks English: a guest's name in its tables, CSV and JSON.
inline constexpr std::string_view kGuestName = "Guest";

void print_daily_table(std::ostream& out, core::Store& store, const core::DailyAttendance& report);
void print_period_table(std::ostream& out, core::Store& store, const core::PeriodAttendance& report);

}  // namespace porchlight::admin
