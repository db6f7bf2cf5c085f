// directory import | export | search | show | categories;  referral add | list | due | update | report
#include <fstream>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "porchlight/core/audit.hpp"
#include "porchlight/core/directory.hpp"
#include "porchlight/core/referrals.hpp"
#include "porchlight/core/staff.hpp"
#include "porchlight/private_file.hpp"
#include "text_table.hpp"

namespace porchlight::admin {

namespace {

// Exports are readable by their owner only, like every file the kiosk writes.
void write_text(const std::filesystem::path& path, const std::string& text) {
  expect(write_private_file(path, text));
}

std::string staff_id_for(core::Store& store, const std::string& name) {
  if (name.empty()) return {};
  auto member = expect(core::find_staff_by_name(store, name));
  if (!member) failure("no staff member named '" + name + "' (see 'porchlight-admin staff list')");
  return member->id;
}

struct ImportOptions {
  std::string path;
  bool strict = false;
};

int run_import(const Context& context, const ImportOptions& options) {
  // Read and check the files before the database is opened: a path that is not HSDS changes nothing.
  auto parsed = expect(core::read_hsds(options.path));
  auto store = context.open();
  core::ImportOptions import_options;
  import_options.strict = options.strict;
  const auto report = expect(core::import_directory(*store, parsed, import_options));
  int added = 0;
  int updated = 0;
  for (const auto& [table, n] : report.added) added += n;
  for (const auto& [table, n] : report.updated) updated += n;
  expect(core::record_audit(*store, std::nullopt, "directory.import", options.path,
                            std::to_string(added) + " added, " + std::to_string(updated) + " updated, " +
                                std::to_string(report.problems.size()) + " skipped"));
  TextTable table({"Table", "Added", "Updated"}, {TextTable::Align::Left, TextTable::Align::Right, TextTable::Align::Right});
  std::set<std::string> names;
  for (const auto& [name, n] : report.added) names.insert(name);
  for (const auto& [name, n] : report.updated) names.insert(name);
  for (const auto& name : names) {
    const auto a = report.added.find(name);
    const auto u = report.updated.find(name);
    table.add_row({name, std::to_string(a == report.added.end() ? 0 : a->second),
                   std::to_string(u == report.updated.end() ? 0 : u->second)});
  }
  table.print(std::cout);
  std::cout << "The directory has " << report.services_total << " services. " << report.problems.size()
            << (report.problems.size() == 1 ? " row was" : " rows were") << " skipped.\n";
  for (const auto& problem : report.problems) std::cout << "skipped: " << one_line(problem.text()) << '\n';
  for (const auto& note : report.notes) std::cout << "note: " << one_line(note) << '\n';
  return 0;
}

struct ExportOptions {
  std::string format;
  std::string path;
};

int run_export(const Context& context, const ExportOptions& options) {
  if (options.format != "csv" && options.format != "json")
    usage_error("--format: '" + options.format + "' is not a format (csv or json)");
  auto store = context.open();
  if (options.format == "json") {
    const auto exported = expect(core::export_directory_json(*store));
    const std::string text = json_text(exported) + "\n";
    if (options.path == "-") {
      std::cout << text;
    } else {
      write_text(options.path, text);
      std::cout << "Wrote " << exported.size() << " services to " << options.path << '\n';
    }
  } else {
    if (options.path == "-") usage_error("a CSV package is a folder: give its path");
    const auto files = expect(core::export_directory_csv(*store));
    std::error_code error;
    std::filesystem::create_directories(options.path, error);
    if (error) failure("cannot make the folder " + options.path + ": " + error.message());
    for (const auto& [name, text] : files) write_text(std::filesystem::path(options.path) / name, text);
    std::cout << "Wrote " << files.size() << " files to " << options.path << '\n';
  }
  expect(core::record_audit(*store, std::nullopt, "directory.export." + options.format, options.path));
  return 0;
}

std::optional<core::Category> category_argument(const std::string& text) {
  if (text.empty()) return std::nullopt;
  auto category = core::parse_category(text);
  if (!category) {
    std::string codes;
    for (auto c : core::all_categories()) codes += (codes.empty() ? "" : ", ") + std::string(core::category_code(c));
    usage_error("--category: '" + text + "' is not a category (" + codes + ")");
  }
  return category;
}

struct SearchOptions {
  std::vector<std::string> words;
  std::string category;
  int limit = 20;
  bool json = false;
};

std::string categories_text(const std::vector<core::Category>& categories) {
  std::string out;
  for (auto c : categories) out += (out.empty() ? "" : ", ") + std::string(core::category_code(c));
  return out;
}

int run_search(const Context& context, const SearchOptions& options) {
  const auto category = category_argument(options.category);
  if (options.limit < 1 || options.limit > 1000) usage_error("--limit: give a number from 1 to 1000");
  std::string words;
  for (const auto& word : options.words) words += (words.empty() ? "" : " ") + word;
  auto store = context.open();
  const auto found = expect(core::search_directory(*store, words, category, options.limit));
  if (options.json) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& s : found) {
      list.push_back({{"id", s.id},
                      {"name", s.name},
                      {"organization", s.organization},
                      {"categories", categories_text(s.categories)},
                      {"status", core::open_status_text(s.status)}});
    }
    std::cout << json_text(list) << '\n';
    return 0;
  }
  if (found.empty()) {
    std::cout << "No services found.\n";
    return 0;
  }
  TextTable table({"Service", "Organization", "Categories", "Hours", "Id"});
  for (const auto& s : found) {
    table.add_row({s.name, s.organization, categories_text(s.categories), core::open_status_text(s.status), s.id});
  }
  table.print(std::cout);
  return 0;
}

int run_show(const Context& context, const std::string& id) {
  auto store = context.open();
  const auto detail = expect(core::get_service(*store, id));
  if (!detail) failure("no service in the directory has the id " + id);
  std::cout << detail->summary.name << '\n';
  auto line = [](const char* label, const std::string& value) {
    if (!value.empty()) std::cout << label << ": " << value << '\n';
  };
  line("Organization", detail->summary.organization);
  line("Categories", categories_text(detail->summary.categories));
  line("Now", core::open_status_text(detail->summary.status));
  line("What it is", detail->description);
  line("Who it is for", detail->eligibility);
  line("Fees", detail->fees);
  line("How to apply", detail->application_process);
  for (const auto& hours : detail->hours) line("Hours", hours);
  for (const auto& note : detail->schedule_notes) line("Hours note", note);
  for (const auto& address : detail->addresses) line("Address", address);
  for (const auto& phone : detail->phones) {
    line("Phone", phone.number + (phone.extension.empty() ? "" : " ext. " + phone.extension) +
                      (phone.description.empty() ? "" : " (" + phone.description + ")"));
  }
  std::string languages;
  for (const auto& language : detail->languages) languages += (languages.empty() ? "" : ", ") + language;
  line("Languages", languages);
  line("Website", detail->url);
  line("Alert", detail->alert);
  return 0;
}

int run_categories(const Context& context) {
  auto store = context.open();
  const auto counts = expect(core::directory_counts(*store));
  TextTable table({"Category", "Code", "Services"}, {TextTable::Align::Left, TextTable::Align::Left, TextTable::Align::Right});
  for (auto category : core::all_categories()) {
    table.add_row({std::string(core::category_label(category)), std::string(core::category_code(category)),
                   std::to_string(counts.by_category.at(category))});
  }
  table.print(std::cout);
  std::cout << counts.services << " active services from " << counts.organizations << " organizations.\n";
  return 0;
}

struct ReferralAddOptions {
  std::string service;
  std::string participant;
  std::string staff;
  std::string due;
  std::string note;
};

int run_referral_add(const Context& context, const ReferralAddOptions& options) {
  std::optional<core::LocalDate> due;
  if (!options.due.empty()) due = parse_date_argument(options.due, "--due");
  auto store = context.open();
  core::NewReferral referral;
  referral.service_id = options.service;
  if (!options.participant.empty()) referral.participant_id = options.participant;
  if (!options.staff.empty()) referral.staff_id = staff_id_for(*store, options.staff);
  referral.follow_up_due = due;
  referral.notes = options.note;
  std::cout << expect(core::make_referral(*store, referral)) << '\n';
  return 0;
}

void print_referrals(const std::vector<core::Referral>& referrals, const core::CenterTime& zone) {
  if (referrals.empty()) {
    std::cout << "No referrals.\n";
    return;
  }
  TextTable table({"Made", "Who", "Service", "Category", "Status", "Follow up", "Id"});
  for (const auto& r : referrals) {
    table.add_row({zone.date_of(r.created_at).iso(), r.participant_id ? r.participant_name : std::string("anonymous"),
                   r.service_name, r.category, std::string(core::to_string(r.status)),
                   r.follow_up_due ? r.follow_up_due->iso() : std::string(), r.id});
  }
  table.print(std::cout);
}

struct ReferralListOptions {
  bool due = false;
  std::string from;
  std::string to;
};

int run_referral_list(const Context& context, const ReferralListOptions& options) {
  std::optional<core::LocalDate> from;
  std::optional<core::LocalDate> to;
  if (!options.from.empty()) from = parse_date_argument(options.from, "--from");
  if (!options.to.empty()) to = parse_date_argument(options.to, "--to");
  auto store = context.open();
  const auto today = store->center_time().date_of(store->now());
  if (options.due) {
    print_referrals(expect(core::referrals_due(*store, to.value_or(today))), store->center_time());
  } else {
    const core::DateRange range{from.value_or(today.plus_days(-30)), to.value_or(today)};
    print_referrals(expect(core::list_referrals(*store, range)), store->center_time());
  }
  return 0;
}

struct ReferralUpdateOptions {
  std::string id;
  std::string status;
  std::string staff;
  std::string note;
  std::string due;
};

int run_referral_update(const Context& context, const ReferralUpdateOptions& options) {
  const auto status = core::parse_referral_status(options.status);
  if (!status) usage_error("--status: '" + options.status + "' is not made, connected, not_connected or no_answer");
  std::optional<core::LocalDate> due;
  if (!options.due.empty()) due = parse_date_argument(options.due, "--due");
  auto store = context.open();
  core::ReferralUpdate update;
  update.status = *status;
  update.note = options.note;
  update.follow_up_due = due;
  update.staff_id = staff_id_for(*store, options.staff);
  expect(core::update_referral(*store, options.id, update));
  std::cout << "Referral " << options.id << " is now " << core::to_string(*status) << ".\n";
  return 0;
}

struct ReferralReportOptions {
  std::string from;
  std::string to;
  std::string format = "table";
};

int run_referral_report(const Context& context, const ReferralReportOptions& options) {
  if (options.format != "table" && options.format != "csv")
    usage_error("--format: '" + options.format + "' is not a format (table or csv)");
  const auto from = parse_date_argument(options.from, "--from");
  const auto to = parse_date_argument(options.to, "--to");
  if (to < from) usage_error("--to is before --from");
  auto store = context.open();
  const auto report = expect(core::referral_report(*store, core::DateRange{from, to}));
  expect(core::record_audit(*store, std::nullopt, "report.referrals." + options.format, from.iso() + ".." + to.iso()));
  if (options.format == "csv") {
    std::cout << core::referral_report_csv(report);
    return 0;
  }
  TextTable table({"Category", "Referrals", "Connected", "Not connected", "No answer", "Not yet asked"},
                  {TextTable::Align::Left, TextTable::Align::Right, TextTable::Align::Right, TextTable::Align::Right,
                   TextTable::Align::Right, TextTable::Align::Right});
  auto add = [&](const core::ReferralOutcomeRow& row) {
    table.add_row({row.label, std::to_string(row.made), std::to_string(row.connected), std::to_string(row.not_connected),
                   std::to_string(row.no_answer), std::to_string(row.open)});
  };
  for (const auto& row : report.rows) add(row);
  add(report.total);
  table.print(std::cout);
  return 0;
}

}  // namespace

void add_directory_commands(CLI::App& root, Context& context, CommandTable& table) {
  auto* group = root.add_subcommand("directory", "The resource directory (HSDS): import, export, search, show");
  group->require_subcommand(1);
  {
    auto options = std::make_shared<ImportOptions>();
    auto* command = group->add_subcommand(
        "import", "Import an HSDS CSV package (a folder) or HSDS JSON; bad rows are reported and skipped");
    command->add_option("path", options->path, "Folder with datapackage.json and CSVs, or a .json file")->required();
    command->add_flag("--strict", options->strict, "Import nothing when any row is bad");
    table.add(command, [&context, options] { return run_import(context, *options); });
  }
  {
    auto options = std::make_shared<ExportOptions>();
    auto* command = group->add_subcommand("export", "Export the directory as an HSDS CSV package or HSDS JSON");
    command->add_option("--format", options->format, "csv (a folder) or json (a file, - for stdout)")->required();
    command->add_option("path", options->path, "Where to write")->required();
    table.add(command, [&context, options] { return run_export(context, *options); });
  }
  {
    auto options = std::make_shared<SearchOptions>();
    auto* command = group->add_subcommand("search", "Search services as the kiosk does (no words: list a category)");
    command->add_option("words", options->words, "Words (each matches the start of a word)");
    command->add_option("--category", options->category, "food, shelter, clothing, education, jobs, health, ...");
    command->add_option("--limit", options->limit, "At most this many (default 20)");
    command->add_flag("--json", options->json, "JSON output");
    table.add(command, [&context, options] { return run_search(context, *options); });
  }
  {
    auto id = std::make_shared<std::string>();
    auto* command = group->add_subcommand("show", "Everything the kiosk's detail card shows about one service");
    command->add_option("id", *id, "Service id")->required();
    table.add(command, [&context, id] { return run_show(context, *id); });
  }
  {
    auto* command = group->add_subcommand("categories", "The kiosk's categories and how many services each has");
    table.add(command, [&context] { return run_categories(context); });
  }
}

void add_referral_commands(CLI::App& root, Context& context, CommandTable& table) {
  auto* group = root.add_subcommand("referral", "Referrals to the directory's services and their follow-up");
  group->require_subcommand(1);
  {
    auto options = std::make_shared<ReferralAddOptions>();
    auto* command = group->add_subcommand("add", "Make a referral; prints its id (without --staff: a self-referral)");
    command->add_option("--service", options->service, "Service id")->required();
    command->add_option("--participant", options->participant, "Participant id (none: anonymous)");
    command->add_option("--staff", options->staff, "Staff member's name, for a staff referral");
    command->add_option("--due", options->due, "Follow-up due date, YYYY-MM-DD (default: a week from today)");
    command->add_option("--note", options->note, "A note (staff referrals only)");
    table.add(command, [&context, options] { return run_referral_add(context, *options); });
  }
  {
    auto options = std::make_shared<ReferralListOptions>();
    auto* command = group->add_subcommand("list", "Referrals made in a period (default: the last 30 days)");
    command->add_flag("--due", options->due, "Only those due for follow-up (by --to, default today)");
    command->add_option("--from", options->from, "First day, YYYY-MM-DD");
    command->add_option("--to", options->to, "Last day, YYYY-MM-DD");
    table.add(command, [&context, options] { return run_referral_list(context, *options); });
  }
  {
    auto options = std::make_shared<ReferralUpdateOptions>();
    auto* command = group->add_subcommand("update", "Record a follow-up: status, note, next due date");
    command->add_option("id", options->id, "Referral id")->required();
    command->add_option("--status", options->status, "made, connected, not_connected or no_answer")->required();
    command->add_option("--staff", options->staff, "Staff member's name")->required();
    command->add_option("--note", options->note, "What happened");
    command->add_option("--due", options->due, "Next follow-up date, YYYY-MM-DD");
    table.add(command, [&context, options] { return run_referral_update(context, *options); });
  }
  {
    auto options = std::make_shared<ReferralReportOptions>();
    auto* command = group->add_subcommand("report", "Referrals by category and outcome for a period");
    command->add_option("--from", options->from, "First day, YYYY-MM-DD")->required();
    command->add_option("--to", options->to, "Last day, YYYY-MM-DD")->required();
    command->add_option("--format", options->format, "table or csv");
    table.add(command, [&context, options] { return run_referral_report(context, *options); });
  }
}

}  // namespace porchlight::admin
