#include "report_views.hpp"

#include <algorithm>
#include <ostream>
#include <string>

#include "porchlight/core/visits.hpp"
#include "text_table.hpp"

namespace porchlight::admin {

namespace {

const char* const kWeekdays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
constexpr std::int64_t kLongestBar = 40;

std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string text;
  for (const auto& item : items) {
    if (!text.empty()) text += separator;
    text += item;
  }
  return text;
}

std::string two_digits(int value) { return (value < 10 ? "0" : "") + std::to_string(value); }

void print_by_hour(std::ostream& out, const core::DailyAttendance& report) {
  int first = -1;
  int last = -1;
  std::int64_t most = 0;
  for (int hour = 0; hour < 24; ++hour) {
    const auto count = report.by_hour[static_cast<std::size_t>(hour)];
    if (count == 0) continue;
    if (first < 0) first = hour;
    last = hour;
    most = std::max(most, count);
  }
  out << "By hour\n";
  if (first < 0) {
    out << "  (no sign-ins)\n";
    return;
  }
  for (int hour = first; hour <= last; ++hour) {
    const auto count = report.by_hour[static_cast<std::size_t>(hour)];
    // Scaled so the busiest hour fills the bar; any sign-in at all shows at least one mark.
    std::int64_t length = (count * kLongestBar + most - 1) / most;
    std::string bar(static_cast<std::size_t>(length), '#');
    bar.resize(static_cast<std::size_t>(kLongestBar), ' ');
    out << "  " << two_digits(hour) << ":00  " << bar << ' ' << count << '\n';
  }
}

}  // namespace

void print_daily_table(std::ostream& out, core::Store& store, const core::DailyAttendance& report) {
  out << "Daily attendance, " << kWeekdays[report.date.weekday()] << ' ' << report.date.iso() << ", "
      << store.center().center_name << " (" << store.center().time_zone << ")\n\n";
  print_fields(out,
               {
                   {"Visits", std::to_string(report.visit_count)},
                   {"People (unduplicated)", std::to_string(report.unique_people)},
                   {"Guest visits", std::to_string(report.guest_visits)},
                   {"New registrations", std::to_string(report.new_registrations)},
               },
               2);
  out << '\n';
  print_by_hour(out, report);

  out << "\nBy reason (* = sensitive)\n";
  TextTable reasons({"Reason", "Code", "Visits"},
                    {TextTable::Align::Left, TextTable::Align::Left, TextTable::Align::Right});
  for (const auto& reason : report.by_reason) {
    reasons.add_row({reason.label + (reason.sensitive ? " *" : ""), reason.code, std::to_string(reason.visits)});
  }
  reasons.print(out, 2);

  out << "\nSign-ins\n";
  if (report.visits.empty()) {
    out << "  (none)\n";
    return;
  }
  TextTable visits({"Time", "Name", "Reasons", "Mood", "Out", "First visit"});
  for (const auto& row : report.visits) {
    visits.add_row({row.time, row.guest ? std::string(kGuestName) : row.display_name, joined(row.reasons, ", "), row.mood ? std::to_string(*row.mood) : "",
                    row.signed_out_at ? store.center_time().clock_time(*row.signed_out_at) : "",
                    row.first_visit ? "yes" : ""});
  }
  visits.print(out, 2);
}

void print_period_table(std::ostream& out, core::Store& store, const core::PeriodAttendance& report) {
  out << "Unduplicated attendance, " << report.range.from.iso() << " to " << report.range.to.iso() << ", "
      << store.center().center_name << "\n\n";
  print_fields(out,
               {
                   {"Unduplicated people", std::to_string(report.unique_people)},
                   {"New people", std::to_string(report.new_people)},
                   {"Returning people", std::to_string(report.returning_people)},
                   {"Visits", std::to_string(report.visits)},
                   {"Guest visits", std::to_string(report.guest_visits)},
               },
               2);
}

}  // namespace porchlight::admin
