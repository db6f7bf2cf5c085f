// The coordinators' commands: enrolling and revoking kiosks, reports, what the hub publishes to kiosks, and the
// audit log. Each adds its subcommand and, in the table, what it runs.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>

#include <CLI/CLI.hpp>

#include "hub_cli.hpp"
#include "porchlight/hub/hub_imports.hpp"
#include "porchlight/hub/reports.hpp"
#include "porchlight/sync/protocol.hpp"

namespace porchlight::hub::cli {

void add_enroll_command(CLI::App& root, StorageFlags& storage, CommandTable& table) {
  auto center = std::make_shared<std::string>();
  auto* command = root.add_subcommand("enroll", "Make a single-use enrollment code (valid 15 minutes) for a kiosk");
  command->add_option("--center", *center, "The center the kiosk belongs to (made when new)")->required();
  table.add(command, [&storage, center] {
    auto store = open_store(storage);
    const auto code = expect(store->create_enrollment_code(*center, command_line_actor()));
    std::printf("Enrollment code for a kiosk of %s, single use, valid 15 minutes:\n%s\n", center->c_str(),
                code.code.c_str());
    return 0;
  });
}

void add_devices_commands(CLI::App& root, StorageFlags& storage, CommandTable& table) {
  auto* devices = root.add_subcommand("devices", "Enrolled kiosks");
  devices->require_subcommand(1);
  auto* list = devices->add_subcommand("list", "List kiosks, their last contact and what they hold");
  auto device_id = std::make_shared<std::string>();
  auto* revoke = devices->add_subcommand("revoke", "Revoke a kiosk's token");
  revoke->add_option("device", *device_id, "Device id (see devices list)")->required();
  table.add(list, [&storage] {
    auto store = open_store(storage);
    const auto found = expect(store->list_devices());
    if (found.empty()) std::printf("No kiosks enrolled yet (porchlight-hub enroll --center NAME).\n");
    for (const auto& device : found) {
      std::printf("%s  %-24s %-16s %s  last contact %s  pending %lld\n", device.id.c_str(), device.center_name.c_str(),
                  device.name.c_str(), device.revoked_at ? "revoked" : "active ",
                  device.last_seen_at ? std::to_string(*device.last_seen_at / 1000).c_str() : "never",
                  static_cast<long long>(device.last_pending));
    }
    return 0;
  });
  table.add(revoke, [&storage, device_id] {
    auto store = open_store(storage);
    expect(store->revoke_device(*device_id, command_line_actor()));
    std::printf("Revoked %s: its next sync is refused until it is enrolled again.\n", device_id->c_str());
    return 0;
  });
}

void add_report_commands(CLI::App& root, StorageFlags& storage, CommandTable& table) {
  struct ReportFlags {
    std::string format = "json";
    std::string center, from, to;
  };
  auto flags = std::make_shared<ReportFlags>();
  auto* report = root.add_subcommand("report", "Reports across centers");
  report->require_subcommand(1);
  auto* attendance = report->add_subcommand("attendance", "Visits and unique people by center and day");
  auto* unduplicated = report->add_subcommand("unduplicated", "Unduplicated people by center and month");
  auto* reasons = report->add_subcommand(
      "reasons", "Visits by center, month and reason (with a re-disclosure notice when sensitive reasons appear)");
  for (auto* command : {attendance, unduplicated, reasons}) {
    command->add_option("--center", flags->center, "Only this center");
    command->add_option("--from", flags->from, "First day, YYYY-MM-DD");
    command->add_option("--to", flags->to, "Last day, YYYY-MM-DD");
    command->add_option("--format", flags->format, "json or csv")->check(CLI::IsMember({"json", "csv"}));
  }
  // Logged before anything is shown: a view that cannot be logged is not shown.
  const auto open_logged = [&storage, flags](const char* report_name) {
    if (!flags->from.empty()) check_date(flags->from, "--from");
    if (!flags->to.empty()) check_date(flags->to, "--to");
    ReportFilter filter;
    if (!flags->center.empty()) filter.center = flags->center;
    if (!flags->from.empty()) filter.from = flags->from;
    if (!flags->to.empty()) filter.to = flags->to;
    auto store = open_store(storage);
    expect(store->record_audit(
        {command_line_actor(), "report.view", report_name, describe_report(filter, flags->format)}));
    return std::pair{std::move(store), filter};
  };
  table.add(attendance, [flags, open_logged] {
    auto [store, filter] = open_logged("attendance");
    const auto rows = expect(store->attendance_by_day(filter));
    std::cout << (flags->format == "csv" ? attendance_csv(rows) : attendance_json(rows).dump(2) + "\n");
    return 0;
  });
  table.add(unduplicated, [flags, open_logged] {
    auto [store, filter] = open_logged("unduplicated");
    const auto rows = expect(store->unduplicated_by_month(filter));
    std::cout << (flags->format == "csv" ? unduplicated_csv(rows) : unduplicated_json(rows).dump(2) + "\n");
    return 0;
  });
  table.add(reasons, [flags, open_logged] {
    auto [store, filter] = open_logged("reasons");
    const auto rows = expect(store->visits_by_reason(filter));
    std::cout << (flags->format == "csv" ? reasons_csv(rows) : reasons_json(rows).dump(2) + "\n");
    return 0;
  });
}

void add_admin_token_command(CLI::App& root, StorageFlags& storage, CommandTable& table) {
  auto label = std::make_shared<std::string>();
  auto* command = root.add_subcommand("admin-token", "Make a token for the report API (printed once)");
  command->add_option("--label", *label, "Whose token it is");
  table.add(command, [&storage, label] {
    auto store = open_store(storage);
    std::printf("%s\n", expect(store->create_admin_token(*label, command_line_actor())).c_str());
    return 0;
  });
}

void add_directory_commands(CLI::App& root, StorageFlags& storage, CommandTable& table) {
  auto path = std::make_shared<std::string>();
  auto* directory = root.add_subcommand("directory", "The network's resource directory, sent to every kiosk");
  directory->require_subcommand(1);
  auto* import = directory->add_subcommand("import", "Publish an HSDS CSV package (folder) or HSDS JSON");
  import->add_option("path", *path, "Folder or .json file")->required();
  table.add(import, [&storage, path] {
    auto store = open_store(storage);
    const auto published = expect(publish_directory(*store, *path, command_line_actor()));
    for (const auto& problem : published.problems) std::printf("skipped: %s\n", problem.c_str());
    std::printf("Published %d services to every kiosk (%zu rows skipped); they arrive at each kiosk's next sync.\n",
                published.services, published.problems.size());
    return 0;
  });
}

void add_calendar_commands(CLI::App& root, StorageFlags& storage, CommandTable& table) {
  struct CalendarFlags {
    std::string file;
    std::string center;
    std::string zone = "UTC";
  };
  auto flags = std::make_shared<CalendarFlags>();
  auto* calendar = root.add_subcommand("calendar", "A center's group calendar, sent to that center's kiosks");
  calendar->require_subcommand(1);
  auto* import = calendar->add_subcommand("import", "Publish an .ics file (RFC 5545) to a center");
  import->add_option("file", flags->file, "The .ics file")->required();
  import->add_option("--center", flags->center, "The center")->required();
  import->add_option("--time-zone", flags->zone, "The center's zone, for floating times (default UTC)");
  table.add(import, [&storage, flags] {
    std::ifstream file(flags->file, std::ios::binary);
    if (!file) fail(kExitUsage, "cannot read " + flags->file);
    const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    auto store = open_store(storage);
    auto groups = publish_calendar(*store, flags->center, text, flags->zone, command_line_actor());
    if (!groups) fail(kExitFailure, flags->file + ": " + groups.error().message);
    std::printf("Published %d groups to the kiosks of %s; they arrive at each kiosk's next sync.\n", *groups,
                flags->center.c_str());
    return 0;
  });
}

void add_settings_commands(CLI::App& root, StorageFlags& storage, CommandTable& table) {
  struct SettingFlags {
    std::string center, key, value;
  };
  auto flags = std::make_shared<SettingFlags>();
  auto* settings = root.add_subcommand("settings", "Kiosk settings a center's kiosks receive at their next sync");
  settings->require_subcommand(1);
  auto* set = settings->add_subcommand("set", "Set one setting: KEY and a JSON VALUE");
  set->add_option("--center", flags->center, "The center")->required();
  set->add_option("key", flags->key, "center_name, crisis_lines, share_sensitive_reasons, ...")->required();
  set->add_option("value", flags->value, "The value as JSON")->required();
  table.add(set, [&storage, flags] {
    auto value = sync::parse_json_limited(flags->value);
    if (!value) fail(kExitUsage, "the value must be JSON (a string needs quotes: '\"Harbor Light\"')");
    auto store = open_store(storage);
    const auto center_id = expect(store->ensure_center(flags->center));
    expect(store->publish(center_id, "setting", flags->key, nlohmann::json{{"value", *value}},
                          HubAuditNote{command_line_actor(), "settings.set", flags->center,
                                       flags->key + " = " + value->dump().substr(0, 500)}));
    std::printf("Set %s for %s; its kiosks receive it at their next sync.\n", flags->key.c_str(),
                flags->center.c_str());
    return 0;
  });
}

void add_audit_commands(CLI::App& root, StorageFlags& storage, CommandTable& table) {
  auto limit = std::make_shared<int>(50);
  auto* audit = root.add_subcommand("audit", "The hub's own audit log, newest first (or 'audit verify')");
  audit->add_option("--limit", *limit, "How many entries (default 50)")->check(CLI::Range(1, 1'000'000));
  auto* verify = audit->add_subcommand("verify", "Check the audit log's hash chain; exit 1 naming the first broken entry");
  table.add(verify, [&storage] {
    auto store = open_store(storage);
    const auto verification = expect(store->verify_audit());
    if (!verification.intact) fail(kExitFailure, "the audit log is broken: " + verification.problem);
    std::printf("The audit log is intact: %lld %s; the last one's hash is %s\n",
                static_cast<long long>(verification.entries), verification.entries == 1 ? "entry" : "entries",
                verification.head_hash.c_str());
    return 0;
  });
  table.add(audit, [&storage, limit] {
    auto store = open_store(storage);
    const auto entries = expect(store->recent_audit(*limit));
    if (entries.empty()) std::printf("The audit log is empty.\n");
    for (const auto& entry : entries) {
      std::printf("%6lld  %s  %-28s %-22s %s%s%s\n", static_cast<long long>(entry.seq), utc_time(entry.at).c_str(),
                  entry.actor.c_str(), entry.action.c_str(), entry.subject.c_str(), entry.detail.empty() ? "" : "  ",
                  entry.detail.c_str());
    }
    return 0;
  });
}

}  // namespace porchlight::hub::cli
