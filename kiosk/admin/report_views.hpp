#pragma once
// Human-readable report tables (CSV and JSON come from core, shared with the kiosk's exports).
#include <iosfwd>

#include "porchlight/core/reports.hpp"

namespace porchlight::admin {

void print_daily_table(std::ostream& out, core::Store& store, const core::DailyAttendance& report);
void print_period_table(std::ostream& out, core::Store& store, const core::PeriodAttendance& report);

}  // namespace porchlight::admin
