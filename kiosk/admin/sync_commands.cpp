// sync enroll | now | status
#include <algorithm>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "porchlight/core/audit.hpp"
#include "porchlight/core/civil_time.hpp"
#include "porchlight/core/outbox.hpp"
#include "porchlight/core/sync_state.hpp"
#include "porchlight/sync/client.hpp"

namespace porchlight::admin {

namespace {

struct EnrollOptions {
  std::string hub;
  std::string code;
  std::string name = "kiosk";
  std::string ca_file;
};

std::string when(const core::Store& store, std::optional<core::Millis> at) {
  if (!at) return "never";
  return store.center_time().date_of(*at).iso() + " " + store.center_time().clock_time(*at);
}

sync::SyncConfig require_config(const Context& context) {
  auto config = sync::load_sync_config(sync::sync_config_path(context.database_path()));
  if (!config) failure(config.error().message);
  if (!*config) failure("this kiosk is not enrolled with a hub (porchlight-admin sync enroll --hub URL --code CODE)");
  return **config;
}

int run_enroll(const Context& context, const EnrollOptions& options) {
  if (auto problem = sync::hub_url_problem(options.hub); !problem.empty()) usage_error("--hub: " + problem);
  if (options.code.empty()) usage_error("--code: the enrollment code from 'porchlight-hub enroll'");
  auto store = context.open();  // the database must exist: enrolling a kiosk that has none would sync nothing
  const auto config = expect(sync::enroll(options.hub, options.code, options.name, options.ca_file,
                                          sync::sync_config_path(context.database_path())));
  expect(core::record_audit(*store, std::nullopt, "sync.enroll", config.device_id, config.hub_url));
  std::cout << "Enrolled with " << config.hub_url << " as a kiosk of " << config.center_name << " (device "
            << config.device_id << ").\n";
  return 0;
}

int run_now(const Context& context, int timeout_seconds) {
  auto store = context.open();
  const auto config = require_config(context);
  sync::HttpOptions http_options{config.ca_file};
  http_options.connect_timeout_ms = std::min<long>(http_options.connect_timeout_ms, timeout_seconds * 1000L);
  http_options.low_speed_seconds = timeout_seconds;
  http_options.total_timeout_ms = std::max<long>(timeout_seconds * 1000L, 1000L) * 6;
  sync::HttpClient http(http_options);
  const auto outcome = sync::sync_once(*store, config, http);
  std::cout << "pushed " << outcome.pushed << ", already held " << outcome.duplicates << ", parked " << outcome.parked
            << ", pulled " << outcome.pulled << '\n';
  if (!outcome.ok) failure(outcome.revoked ? "the hub refused this kiosk: " + outcome.error : outcome.error);
  return 0;
}

int run_status(const Context& context) {
  auto store = context.open();
  auto config = expect(sync::load_sync_config(sync::sync_config_path(context.database_path())));
  const auto outbox = expect(core::outbox_status(*store));
  const auto notes = expect(core::sync_notes(*store));
  std::cout << "hub:            " << (config ? config->hub_url + " (device " + config->device_id + ")" : "not enrolled")
            << '\n'
            << "pending:        " << outbox.pending << '\n'
            << "oldest pending: " << when(*store, outbox.oldest_pending_at) << '\n'
            << "parked:         " << outbox.parked << '\n'
            << "last success:   " << when(*store, notes.last_success_at) << '\n'
            << "last error:     " << (notes.last_error.empty() ? "none" : notes.last_error) << '\n';
  for (const auto& parked : expect(core::parked_mutations(*store, 20))) {
    std::cout << "  parked " << parked.entity << " " << parked.operation << " " << parked.mutation_id << ": "
              << parked.reason << '\n';
  }
  return 0;
}

}  // namespace

void add_sync_commands(CLI::App& root, Context& context, CommandTable& table) {
  auto* group = root.add_subcommand("sync", "Send this kiosk's records to the hub and receive the network's data");
  group->require_subcommand(1);
  {
    auto options = std::make_shared<EnrollOptions>();
    auto* enroll = group->add_subcommand("enroll", "Join a hub with a code from 'porchlight-hub enroll'");
    enroll->add_option("--hub", options->hub, "The hub's address, https://...")->required();
    enroll->add_option("--code", options->code, "The single-use enrollment code")->required();
    enroll->add_option("--name", options->name, "What staff call this kiosk on the hub (default 'kiosk')");
    enroll->add_option("--ca-file", options->ca_file, "PEM file of the CA to trust for the hub");
    table.add(enroll, [&context, options] { return run_enroll(context, *options); });
  }
  {
    auto timeout = std::make_shared<int>(20);
    auto* now = group->add_subcommand("now", "One push and pull now, with a summary; exit 1 when it failed");
    now->add_option("--timeout", *timeout, "Give up on a hub that stays silent this many seconds (default 20)")
        ->check(CLI::Range(1, 600));
    table.add(now, [&context, timeout] { return run_now(context, *timeout); });
  }
  {
    auto* status = group->add_subcommand("status", "Pending, oldest pending, parked, last success, last error");
    table.add(status, [&context] { return run_status(context); });
  }
}

}  // namespace porchlight::admin
