#include <algorithm>

#include "measurements.hpp"
#include "porchlight/core/reports.hpp"

namespace porchlight::bench {

ReportFigures measure_daily(core::Store& store, Random& random, const std::vector<core::LocalDate>& candidates,
                            std::size_t count) {
  std::vector<core::LocalDate> days = candidates;
  for (std::size_t i = days.size(); i > 1; --i) std::swap(days[i - 1], days[random.below(i)]);
  days.resize(std::min(count, days.size()));
  for (std::size_t i = 0; i < std::min<std::size_t>(2, days.size()); ++i) {
    (void)expect(core::daily_attendance(store, days[i]), "warm-up daily report");
  }
  Samples samples;
  double rows = 0;
  for (const auto& day : days) {
    const auto report =
        expect(timed(samples, [&] { return core::daily_attendance(store, day); }), "daily report for " + day.iso());
    rows += static_cast<double>(report.visit_count);
  }
  return {samples.summary(), days.empty() ? 0 : rows / static_cast<double>(days.size())};
}

ReportFigures measure_monthly(core::Store& store, core::LocalDate first_day, core::LocalDate last_day, int rounds) {
  std::vector<core::DateRange> months;
  for (int y = first_day.year, m = first_day.month; core::LocalDate{y, m, 1} <= last_day;) {
    months.push_back(core::month_of(y, m));
    if (++m > 12) m = 1, ++y;
  }
  (void)expect(core::period_attendance(store, months.front()), "warm-up monthly report");
  Samples samples;
  double people = 0;
  for (int round = 0; round < rounds; ++round) {
    for (const auto& month : months) {
      const auto report = expect(timed(samples, [&] { return core::period_attendance(store, month); }),
                                 "monthly report for " + month.from.iso());
      people += static_cast<double>(report.unique_people);
    }
  }
  return {samples.summary(), people / static_cast<double>(samples.size())};
}

}  // namespace porchlight::bench
