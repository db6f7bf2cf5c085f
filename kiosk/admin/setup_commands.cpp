// init, demo, reasons, check, audit, audit verify, purge: making a database, filling it with a believable center, and
// checking it.
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "porchlight/core/audit.hpp"
#include "porchlight/core/demo.hpp"
#include "porchlight/core/reports.hpp"
#include "porchlight/core/retention.hpp"
#include "porchlight/core/visits.hpp"
#include "report_views.hpp"
#include "text_table.hpp"

namespace porchlight::admin {

namespace {

const char* const kMonthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};

void print_center(std::ostream& out, core::Store& store) {
  const auto& center = store.center();
  print_fields(out, {
                        {"database", store.db().path().string()},
                        {"schema version", std::to_string(store.db().schema_version())},
                        {"center", center.center_name},
                        {"center id", center.center_id},
                        {"device id", center.device_id},
                        {"time zone", center.time_zone},
                        {"fiscal year starts", kMonthNames[(center.fiscal_year_start_month + 11) % 12]},
                        {"purge after", center.retention_months == 0
                                            ? std::string("never")
                                            : std::to_string(center.retention_months) + " months without a visit"},
                    });
}

struct InitOptions {
  std::string center_name;
  std::string time_zone;
  int fiscal_start_month = 0;  // 0 = leave as it is
  int retention_months = -1;   // -1 = leave as it is
};

int run_init(const Context& context, const InitOptions& options) {
  if (!options.time_zone.empty()) {
    auto zone = core::CenterTime::for_zone(options.time_zone);
    if (!zone) usage_error("--time-zone: " + zone.error().message);
  }
  const bool existed = std::filesystem::exists(context.database_path());
  StoreRequest request;
  request.access = Access::CreateIfMissing;
  request.initial_time_zone = options.time_zone;
  request.initial_center_name = options.center_name;
  auto store = context.open(request);
  // Each change of a setting is on the record, with the old and the new value.
  const auto audit_setting = [&store](const char* name, const std::string& before, const std::string& after) {
    expect(core::record_audit(*store, std::nullopt, "settings.change", name, before + " -> " + after));
  };
  if (existed) {
    // An existing center keeps its settings unless they are named again.
    if (!options.center_name.empty() && options.center_name != store->center().center_name) {
      const std::string before = store->center().center_name;
      expect(store->set_center_name(options.center_name));
      audit_setting("center_name", before, options.center_name);
    }
    if (!options.time_zone.empty() && options.time_zone != store->center().time_zone) {
      const std::string before = store->center().time_zone;
      expect(store->set_time_zone(options.time_zone));
      audit_setting("time_zone", before, options.time_zone);
    }
  }
  if (options.fiscal_start_month != 0 && options.fiscal_start_month != store->center().fiscal_year_start_month) {
    const int before = store->center().fiscal_year_start_month;
    expect(store->set_fiscal_year_start_month(options.fiscal_start_month));
    audit_setting("fiscal_year_start_month", std::to_string(before), std::to_string(options.fiscal_start_month));
  }
  if (options.retention_months >= 0 && options.retention_months != store->center().retention_months) {
    expect(store->set_retention_months(options.retention_months));
  }
  std::cout << (existed ? "Database is ready (schema up to date)." : "Created a new database.") << '\n';
  print_center(std::cout, *store);
  return 0;
}

struct DemoCommandOptions {
  std::uint64_t seed = core::DemoOptions{}.seed;
  int participants = core::DemoOptions{}.participants;
  int weeks = core::DemoOptions{}.weeks;
};

int run_demo(const Context& context, const DemoCommandOptions& options) {
  StoreRequest request;
  request.access = Access::CreateIfMissing;
  // Hundreds of demo PINs at the interactive Argon2id cost would take minutes; real PINs never use this.
  request.pin_cost = core::PinHashCost::Fast;
  auto store = context.open(request);
  // generate_demo refuses a database that already has participants, before writing anything.
  core::DemoOptions demo;
  demo.seed = options.seed;
  demo.participants = options.participants;
  demo.weeks = options.weeks;
  demo.now = store->now();
  demo.today = store->center_time().date_of(demo.now);
  const auto summary = expect(core::generate_demo(*store, demo));
  std::cout << "Demo center \"" << store->center().center_name << "\" (" << store->center().time_zone
            << "): " << summary.participants << " participants, " << summary.visits << " visits over " << options.weeks
            << " weeks, " << summary.staff << " staff, "
            << summary.groups << " groups (" << summary.group_joins << " joined sessions), " << summary.services
            << " services in the directory.\n"
            << "Demo staff PINs: Sam Rivera (peer) 1234, Alex Morgan (admin) 4321.\n\n";
  const auto today = expect(core::daily_attendance(*store, demo.today));
  expect(core::record_audit(*store, std::nullopt, "report.daily.view", demo.today.iso(), "porchlight-admin demo"));
  print_daily_table(std::cout, *store, today);
  return 0;
}

int run_reasons(const Context& context, bool include_inactive) {
  auto store = context.open();
  const auto reasons = expect(core::list_reasons(*store, include_inactive));
  TextTable table({"Code", "English", "Spanish", "Sensitive", "Active"});
  for (const auto& reason : reasons) {
    table.add_row(
        {reason.code, reason.label_en, reason.label_es, reason.sensitive ? "yes" : "", reason.active ? "yes" : "no"});
  }
  table.print(std::cout);
  return 0;
}

int run_check(const Context& context) {
  auto store = context.open();
  auto problems = expect(store->db().check_integrity());
  const auto audit = expect(core::verify_audit_chain(*store));
  if (!audit.intact) {
    std::string problem = "audit log: " + audit.problem;
    if (audit.first_broken_seq) problem += " (first broken entry " + std::to_string(*audit.first_broken_seq) + ")";
    problems.push_back(std::move(problem));
  }
  if (problems.empty()) {
    std::cout << "ok\n";
    return 0;
  }
  for (const auto& problem : problems) std::cout << one_line(problem) << '\n';
  failure(std::to_string(problems.size()) + (problems.size() == 1 ? " problem" : " problems") + " found in " +
          store->db().path().string());
}

struct PurgeCommandOptions {
  int months = -1;  // -1 = the center's setting
  bool dry_run = false;
};

int run_purge(const Context& context, const PurgeCommandOptions& options) {
  auto store = context.open();
  core::PurgeOptions purge;
  if (options.months >= 0) purge.months = options.months;
  purge.dry_run = options.dry_run;
  const auto summary = expect(core::purge_inactive_participants(*store, store->now(), std::nullopt, purge));
  if (summary.months == 0) {
    std::cout << "Retention is off (0 months): nobody is purged. Set it with --months or 'init --retention-months'.\n";
    return 0;
  }
  const std::string since = store->center_time().date_of(summary.cutoff).iso();
  const std::string people = std::to_string(summary.participants) +
                             (summary.participants == 1 ? " participant" : " participants");
  if (summary.dry_run) {
    std::cout << people << " not seen since before " << since << " would be purged (dry run: nothing changed).\n";
  } else {
    std::cout << "Purged " << people << " not seen since before " << since << " (" << summary.referrals
              << " referrals with notes, " << summary.outbox_rewritten
              << " sync records cleaned); counts are unchanged and the database file was compacted.\n";
  }
  return 0;
}

int run_audit(const Context& context, int limit) {
  auto store = context.open();
  const auto entries = expect(core::recent_audit(*store, limit));
  TextTable table({"#", "When", "Who", "Action", "Subject", "Detail"}, {TextTable::Align::Right});
  for (const auto& entry : entries) {
    table.add_row({std::to_string(entry.seq), store->center_time().iso_local(entry.at),
                   entry.staff_id.value_or("admin tool"), entry.action, entry.subject, one_line(entry.detail)});
  }
  table.print(std::cout);
  return 0;
}

// Walks the whole hash chain: exit 0 when intact, else one line naming the first entry that is wrong.
int run_audit_verify(const Context& context) {
  auto store = context.open();
  const auto audit = expect(core::verify_audit_chain(*store));
  if (!audit.intact) {
    failure("audit log broken at entry " +
            (audit.first_broken_seq ? std::to_string(*audit.first_broken_seq) : std::string("?")) + ": " +
            audit.problem);
  }
  std::cout << "audit log intact: " << audit.entries << (audit.entries == 1 ? " entry" : " entries") << '\n';
  return 0;
}

}  // namespace

void add_setup_commands(CLI::App& root, Context& context, CommandTable& table) {
  {
    auto options = std::make_shared<InitOptions>();
    auto* init = root.add_subcommand("init", "Create the database, or bring an existing one up to date");
    init->add_option("--center-name", options->center_name, "The center's name")->check([](const std::string& name) {
      return name.empty() ? std::string("the center name cannot be empty") : std::string();
    });
    init->add_option("--time-zone", options->time_zone,
                     "IANA time zone, e.g. America/New_York (default: the system's)");
    init->add_option("--fiscal-year-start", options->fiscal_start_month, "Month the fiscal year starts (1-12)")
        ->check(CLI::Range(1, 12));
    init->add_option("--retention-months", options->retention_months,
                     "Purge participants' names and details after this many months without a visit (0 = never)")
        ->check(CLI::Range(0, core::kMaxRetentionMonths));
    table.add(init, [&context, options] { return run_init(context, *options); });
  }
  {
    auto options = std::make_shared<DemoCommandOptions>();
    auto* demo = root.add_subcommand("demo", "Fill an empty database with a demo center (creates it if needed)");
    demo->add_option("--seed", options->seed, "The same seed makes the same center");
    demo->add_option("--participants", options->participants, "How many participants")->check(CLI::Range(1, 1000000));
    demo->add_option("--weeks", options->weeks, "Weeks of visits up to today")->check(CLI::Range(1, 520));
    table.add(demo, [&context, options] { return run_demo(context, *options); });
  }
  {
    auto include_inactive = std::make_shared<bool>(false);
    auto* reasons = root.add_subcommand("reasons", "List the configured visit reasons");
    reasons->add_flag("--all", *include_inactive, "Include reasons no longer offered");
    table.add(reasons, [&context, include_inactive] { return run_reasons(context, *include_inactive); });
  }
  {
    auto* check = root.add_subcommand("check", "Check the database file and the audit chain");
    table.add(check, [&context] { return run_check(context); });
  }
  {
    auto limit = std::make_shared<int>(20);
    auto* audit = root.add_subcommand("audit", "Show the latest entries of the audit log");
    audit->add_option("--limit", *limit, "How many entries")->check(CLI::Range(1, 100000));
    table.add(audit, [&context, limit] { return run_audit(context, *limit); });
    auto* verify = audit->add_subcommand("verify", "Check the audit log's hash chain (exit 0 only when intact)");
    table.add(verify, [&context] { return run_audit_verify(context); });
  }
  {
    auto options = std::make_shared<PurgeCommandOptions>();
    auto* purge = root.add_subcommand(
        "purge", "Purge names and details of participants not seen for the retention period (counts stay)");
    purge->add_option("--months", options->months, "Months without a visit (default: the center's setting)")
        ->check(CLI::Range(1, core::kMaxRetentionMonths));
    purge->add_flag("--dry-run", options->dry_run, "Only say how many would be purged");
    table.add(purge, [&context, options] { return run_purge(context, *options); });
  }
}

}  // namespace porchlight::admin
