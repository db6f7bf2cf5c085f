// calendar import|export|sessions|groups|cancel|restore|join|roster, and report groups.
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "participant_lookup.hpp"
#include "porchlight/core/audit.hpp"
#include "porchlight/core/calendar.hpp"
#include "porchlight/core/ical.hpp"
#include "porchlight/private_file.hpp"
#include "text_table.hpp"

namespace porchlight::admin {

namespace {

const char* const kAuditDetail = "porchlight-admin";
constexpr int kMaxRangeDays = 366;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) failure("cannot read " + path);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in && !in.eof()) failure("cannot read " + path);
  return bytes.str();
}

// Groups left out of a list or report (their rule cannot be expanded) are named on stderr, so staff can fix or
// cancel them; the rest still print.
void warn_skipped(const std::vector<core::SkippedGroup>& skipped) {
  for (const auto& group : skipped) {
    std::cerr << "warning: the group '" << group.title << "' (" << group.group_id
              << ") is left out: " << group.reason << '\n';
  }
}

int run_import(const Context& context, const std::string& file) {
  const std::string text = read_file(file);
  auto store = context.open();
  auto imported = core::import_calendar(*store, text, std::nullopt);
  if (!imported) failure(file + ": " + imported.error().message);
  std::cout << "Imported " << (imported->created + imported->updated) << " groups from " << file << " ("
            << imported->created << " new, " << imported->updated << " updated, " << imported->overrides
            << " session changes).\n";
  return 0;
}

int run_export(const Context& context, const std::string& file) {
  auto store = context.open();
  const auto text = expect(core::export_calendar(*store));
  expect(core::record_audit(*store, std::nullopt, "export.calendar.ics", file.empty() ? "stdout" : file, kAuditDetail));
  if (file.empty()) {
    std::cout << text;
    return 0;
  }
  // Written whole or not at all (through FILE.part), readable by its owner only like every export.
  expect(write_private_file(file, text));
  return 0;
}

struct SessionsOptions {
  std::string from;
  std::string to;
  std::string format = "table";
};

const char* phase_name(core::SessionPhase phase) {
  switch (phase) {
    case core::SessionPhase::Upcoming: return "upcoming";
    case core::SessionPhase::StartingSoon: return "starting soon";
    case core::SessionPhase::InProgress: return "in progress";
    case core::SessionPhase::Ended: return "ended";
    case core::SessionPhase::Cancelled: return "cancelled";
  }
  return "";
}

nlohmann::json session_json(const core::Store& store, const core::Session& session, core::Millis now) {
  const auto& zone = store.center_time();
  return {{"session", session.key},
          {"group_id", session.group_id},
          {"title", session.title},
          {"start", zone.iso_local(session.start)},
          {"end", zone.iso_local(session.end)},
          {"all_day", session.all_day},
          {"room", session.room},
          {"facilitator", session.facilitator},
          {"category", session.category},
          {"language", session.language},
          {"capacity", session.capacity ? nlohmann::json(*session.capacity) : nlohmann::json()},
          {"joined", session.joined},
          {"seats_left", session.seats_left ? nlohmann::json(*session.seats_left) : nlohmann::json()},
          {"cancelled", session.cancelled},
          {"moved", session.moved},
          {"status", phase_name(core::session_phase(session, now))}};
}

int run_sessions(const Context& context, const SessionsOptions& options) {
  const auto from = parse_date_argument(options.from, "--from");
  const auto to = parse_date_argument(options.to, "--to");
  if (to < from) usage_error("--to " + options.to + " is before --from " + options.from);
  if (to.days_since_epoch() - from.days_since_epoch() >= kMaxRangeDays) usage_error("ask for at most 366 days");
  auto store = context.open();
  std::vector<core::SkippedGroup> skipped;
  const auto sessions = expect(core::sessions_between(*store, from, to, &skipped));
  warn_skipped(skipped);
  const auto now = store->now();
  if (options.format == "json") {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& session : sessions) rows.push_back(session_json(*store, session, now));
    std::cout << json_text(rows) << '\n';
    return 0;
  }
  TextTable table({"Day", "Time", "Group", "Room", "Facilitator", "Seats", "Status", "Session"});
  for (const auto& session : sessions) {
    const auto& zone = store->center_time();
    std::string seats = session.seats_left ? std::to_string(*session.seats_left) + " of " +
                                                 std::to_string(*session.capacity) + " left"
                                           : std::string();
    table.add_row({zone.date_of(session.start).iso(),
                   session.all_day ? "all day" : zone.clock_time(session.start) + "-" + zone.clock_time(session.end),
                   session.title, session.room, session.facilitator, seats,
                   phase_name(core::session_phase(session, now)), session.key});
  }
  if (table.empty()) {
    std::cout << "No sessions from " << from.iso() << " to " << to.iso() << ".\n";
  } else {
    table.print(std::cout);
  }
  return 0;
}

int run_groups(const Context& context, bool all, const std::string& format) {
  auto store = context.open();
  const auto groups = expect(core::list_groups(*store, all));
  if (format == "json") {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& group : groups) {
      rows.push_back({{"id", group.id},
                      {"uid", group.uid},
                      {"title", group.title},
                      {"room", group.room},
                      {"facilitator", group.facilitator},
                      {"capacity", group.capacity ? nlohmann::json(*group.capacity) : nlohmann::json()},
                      {"rrule", group.rrule},
                      {"first_start", group.start.iso(group.all_day)},
                      {"duration_minutes", group.duration_minutes},
                      {"cancelled", group.cancelled}});
    }
    std::cout << json_text(rows) << '\n';
    return 0;
  }
  TextTable table({"Group", "Room", "Facilitator", "Seats", "Repeats", "Id"});
  for (const auto& group : groups) {
    table.add_row({group.title + (group.cancelled ? " (cancelled)" : ""), group.room, group.facilitator,
                   group.capacity ? std::to_string(*group.capacity) : "", group.rrule, group.id});
  }
  table.print(std::cout);
  return 0;
}

int run_cancel(const Context& context, const std::string& key, bool restore) {
  auto store = context.open();
  const auto session = expect(core::find_session(*store, key));
  expect(restore ? core::restore_session(*store, key, std::nullopt) : core::cancel_session(*store, key, std::nullopt));
  std::cout << (restore ? "Restored " : "Cancelled ") << session.title << " on "
            << store->center_time().iso_local(session.start) << ".\n";
  return 0;
}

int run_join(const Context& context, const std::string& key, const std::string& participant) {
  auto store = context.open();
  const auto person = require_participant(*store, participant);
  const auto outcome = expect(core::join_session(*store, {key, person.id, std::nullopt, std::nullopt, false}));
  switch (outcome) {
    case core::JoinOutcome::Joined: std::cout << person.display_name << " joined.\n"; return 0;
    case core::JoinOutcome::AlreadyJoined: std::cout << person.display_name << " had already joined.\n"; return 0;
    case core::JoinOutcome::Full: failure("that session is full");
    case core::JoinOutcome::Cancelled: failure("that session is cancelled");
  }
  return 0;
}

int run_roster(const Context& context, const std::string& key) {
  auto store = context.open();
  const auto roster = expect(core::session_roster_for_staff(*store, key, std::nullopt));
  TextTable table({"Name", "Attended", "Added by staff", "Participant"});
  for (const auto& entry : roster) {
    table.add_row({entry.full_name, entry.attended ? "yes" : "", entry.added_by_staff ? "yes" : "", entry.participant_id});
  }
  table.print(std::cout);
  return 0;
}

int run_group_report(const Context& context, const std::string& month, const std::string& format) {
  if (month.size() != 7 || month[4] != '-' || !core::LocalDate::parse(month + "-01")) {
    usage_error("--month: '" + month + "' is not a month (expected YYYY-MM)");
  }
  const auto first = *core::LocalDate::parse(month + "-01");
  auto store = context.open();
  const auto report = expect(core::group_attendance_for_month(*store, first.year, first.month));
  warn_skipped(report.skipped);
  expect(core::record_audit(*store, std::nullopt,
                            format == "table" ? "report.groups.view" : "export.groups." + format, month, kAuditDetail));
  if (format == "csv") {
    std::cout << core::group_attendance_csv(report);
  } else if (format == "json") {
    std::cout << json_text(core::group_attendance_json(report)) << '\n';
  } else {
    TextTable table({"Group", "Sessions", "Cancelled", "Joined", "Attended", "People"},
                    {TextTable::Align::Left, TextTable::Align::Right, TextTable::Align::Right,
                     TextTable::Align::Right, TextTable::Align::Right, TextTable::Align::Right});
    for (const auto& row : report.groups) {
      table.add_row({row.title, std::to_string(row.sessions), std::to_string(row.cancelled_sessions),
                     std::to_string(row.joined), std::to_string(row.attended), std::to_string(row.unique_people)});
    }
    table.print(std::cout);
  }
  return 0;
}

}  // namespace

void add_calendar_commands(CLI::App& root, Context& context, CommandTable& table) {
  auto* calendar = root.add_subcommand("calendar", "The group calendar: import, export, sessions, changes");
  calendar->require_subcommand(1);
  {
    auto file = std::make_shared<std::string>();
    auto* command = calendar->add_subcommand("import", "Import groups from an .ics file (all or nothing; by UID)");
    command->add_option("file", *file, "The .ics file")->required();
    table.add(command, [&context, file] { return run_import(context, *file); });
  }
  {
    auto file = std::make_shared<std::string>();
    auto* command = calendar->add_subcommand("export", "Write every group as iCalendar (RFC 5545)");
    command->add_option("file", *file, "Where to write it (default: standard output)");
    table.add(command, [&context, file] { return run_export(context, *file); });
  }
  {
    auto options = std::make_shared<SessionsOptions>();
    auto* command = calendar->add_subcommand("sessions", "List the sessions on the center's days FROM to TO (inclusive)");
    command->add_option("--from", options->from, "First day, YYYY-MM-DD")->required();
    command->add_option("--to", options->to, "Last day, YYYY-MM-DD")->required();
    command->add_option("--format", options->format, "table or json")->check(CLI::IsMember({"table", "json"}));
    table.add(command, [&context, options] { return run_sessions(context, *options); });
  }
  {
    auto all = std::make_shared<bool>(false);
    auto format = std::make_shared<std::string>("table");
    auto* command = calendar->add_subcommand("groups", "List the groups");
    command->add_flag("--all", *all, "Include cancelled groups");
    command->add_option("--format", *format, "table or json")->check(CLI::IsMember({"table", "json"}));
    table.add(command, [&context, all, format] { return run_groups(context, *all, *format); });
  }
  for (const bool restore : {false, true}) {
    auto key = std::make_shared<std::string>();
    auto* command = calendar->add_subcommand(restore ? "restore" : "cancel",
                                             restore ? "Undo the cancellation of one session" : "Cancel one session");
    command->add_option("session", *key, "Session, as 'calendar sessions' lists it (GROUP-ID/YYYYMMDDTHHMMSS)")
        ->required();
    table.add(command, [&context, key, restore] { return run_cancel(context, *key, restore); });
  }
  {
    auto key = std::make_shared<std::string>();
    auto participant = std::make_shared<std::string>();
    auto* command = calendar->add_subcommand("join", "Add a participant to a session (capacity is respected)");
    command->add_option("session", *key, "Session (GROUP-ID/YYYYMMDDTHHMMSS)")->required();
    command->add_option("--participant", *participant, "Participant id")->required();
    table.add(command, [&context, key, participant] { return run_join(context, *key, *participant); });
  }
  {
    auto key = std::make_shared<std::string>();
    auto* command = calendar->add_subcommand("roster", "Who joined a session, with full names (audited)");
    command->add_option("session", *key, "Session (GROUP-ID/YYYYMMDDTHHMMSS)")->required();
    table.add(command, [&context, key] { return run_roster(context, *key); });
  }
  if (auto* report = root.get_subcommand("report")) {
    auto month = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>("table");
    auto* command = report->add_subcommand("groups", "Attendance per group for one month");
    command->add_option("--month", *month, "YYYY-MM")->required();
    command->add_option("--format", *format, "table, csv or json")->check(CLI::IsMember({"table", "csv", "json"}));
    table.add(command, [&context, month, format] { return run_group_report(context, *month, *format); });
  }
}

}  // namespace porchlight::admin
