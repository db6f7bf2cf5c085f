// report daily, report unduplicated. Every view or export is written to the audit log before it is shown.
#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "porchlight/core/audit.hpp"
#include "porchlight/core/reports.hpp"
#include "report_views.hpp"

namespace porchlight::admin {

namespace {

const char* const kAuditDetail = "porchlight-admin";

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int number(std::string_view digits) {
  int value = 0;
  for (const char c : digits) value = value * 10 + (c - '0');
  return value;
}

// "2026" -> 2026; the years a center could plausibly report on.
std::optional<int> parse_year(std::string_view text) {
  if (text.size() != 4 || !all_digits(text)) return std::nullopt;
  const int year = number(text);
  if (year < 1900) return std::nullopt;
  return year;
}

std::string audit_action(const std::string& report, const std::string& format) {
  return format == "table" ? "report." + report + ".view" : "export." + report + "." + format;
}

struct DailyOptions {
  std::string date;
  std::string format = "table";
  bool summary = false;
};

int run_daily(const Context& context, const DailyOptions& options) {
  std::optional<core::LocalDate> date;
  if (!options.date.empty()) date = parse_date_argument(options.date, "--date");
  if (options.summary && options.format != "csv") usage_error("--summary goes with --format csv");

  auto store = context.open();
  if (!date) date = store->center_time().date_of(store->now());
  const auto report = expect(core::daily_attendance(*store, *date));
  expect(core::record_audit(*store, std::nullopt,
                            audit_action(options.summary ? "daily.summary" : "daily", options.format), date->iso(),
                            kAuditDetail));
  if (options.format == "csv") {
    std::cout << (options.summary ? core::daily_summary_csv(report) : core::daily_attendance_csv(report, kGuestName));
  } else if (options.format == "json") {
    std::cout << json_text(core::daily_attendance_json(report, kGuestName)) << '\n';
  } else {
    print_daily_table(std::cout, *store, report);
  }
  return 0;
}

struct PeriodOptions {
  std::string from;
  std::string to;
  std::string month;
  std::string quarter;
  std::string fiscal_year;
  std::string format = "table";
};

int run_unduplicated(const Context& context, const PeriodOptions& options) {
  const int forms = (!options.from.empty() || !options.to.empty() ? 1 : 0) + (options.month.empty() ? 0 : 1) +
                    (options.quarter.empty() ? 0 : 1) + (options.fiscal_year.empty() ? 0 : 1);
  if (forms != 1)
    usage_error("give the period as --from DATE --to DATE, --month YYYY-MM, --quarter YYYY-Qn or --fiscal-year YYYY");

  // Everything is checked before the database is opened; only the fiscal year needs the center's settings.
  std::optional<core::DateRange> range;
  std::optional<int> fiscal_year;
  if (!options.from.empty() || !options.to.empty()) {
    if (options.from.empty() || options.to.empty()) usage_error("--from and --to go together");
    range = core::DateRange{parse_date_argument(options.from, "--from"), parse_date_argument(options.to, "--to")};
    if (range->to < range->from) usage_error("--to " + options.to + " is before --from " + options.from);
  } else if (!options.month.empty()) {
    const std::string_view text = options.month;
    const auto year = parse_year(text.substr(0, 4));
    const auto month_digits = text.size() == 7 && text[4] == '-' ? text.substr(5) : std::string_view();
    const int month = all_digits(month_digits) ? number(month_digits) : 0;
    if (!year || month < 1 || month > 12)
      usage_error("--month: '" + options.month + "' is not a month (expected YYYY-MM)");
    range = core::month_of(*year, month);
  } else if (!options.quarter.empty()) {
    const std::string_view text = options.quarter;
    const auto year = parse_year(text.substr(0, 4));
    const bool shaped = text.size() == 7 && text[4] == '-' && (text[5] == 'Q' || text[5] == 'q');
    const int quarter = shaped ? text[6] - '0' : 0;
    if (!year || quarter < 1 || quarter > 4) {
      usage_error("--quarter: '" + options.quarter + "' is not a quarter (expected YYYY-Q1 to YYYY-Q4)");
    }
    range = core::quarter_of(*year, quarter);
  } else {
    fiscal_year = parse_year(options.fiscal_year);
    if (!fiscal_year) usage_error("--fiscal-year: '" + options.fiscal_year + "' is not a year (expected YYYY)");
  }

  auto store = context.open();
  if (fiscal_year) range = core::fiscal_year_of(*fiscal_year, store->center().fiscal_year_start_month);
  const auto report = expect(core::period_attendance(*store, *range));
  expect(core::record_audit(*store, std::nullopt, audit_action("unduplicated", options.format),
                            range->from.iso() + ".." + range->to.iso(), kAuditDetail));
  if (options.format == "csv") {
    std::cout << core::period_attendance_csv(report);
  } else if (options.format == "json") {
    std::cout << json_text(core::period_attendance_json(report)) << '\n';
  } else {
    print_period_table(std::cout, *store, report);
  }
  return 0;
}

}  // namespace

void add_report_commands(CLI::App& root, Context& context, CommandTable& table) {
  auto* report = root.add_subcommand("report", "Attendance reports (each view and export is audited)");
  report->require_subcommand(1);
  const auto formats = CLI::IsMember({"table", "csv", "json"});
  {
    auto options = std::make_shared<DailyOptions>();
    auto* daily = report->add_subcommand("daily", "One day's attendance: totals, by hour, by reason, every sign-in");
    daily->add_option("--date", options->date, "YYYY-MM-DD (default: today in the center's time zone)");
    daily->add_option("--format", options->format, "table, csv or json")->check(formats);
    daily->add_flag("--summary", options->summary, "With --format csv: the day's totals instead of the list");
    table.add(daily, [&context, options] { return run_daily(context, *options); });
  }
  {
    auto options = std::make_shared<PeriodOptions>();
    auto* unduplicated =
        report->add_subcommand("unduplicated", "Unduplicated people, new and returning, over a period");
    unduplicated->add_option("--from", options->from, "First day, YYYY-MM-DD");
    unduplicated->add_option("--to", options->to, "Last day (inclusive), YYYY-MM-DD");
    unduplicated->add_option("--month", options->month, "A calendar month, YYYY-MM");
    unduplicated->add_option("--quarter", options->quarter, "A calendar quarter, YYYY-Qn");
    unduplicated->add_option("--fiscal-year", options->fiscal_year,
                             "The fiscal year starting in YYYY (center's start month)");
    unduplicated->add_option("--format", options->format, "table, csv or json")->check(formats);
    table.add(unduplicated, [&context, options] { return run_unduplicated(context, *options); });
  }
}

}  // namespace porchlight::admin
