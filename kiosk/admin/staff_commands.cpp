// staff add | list | unlock | login
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "porchlight/core/staff.hpp"
#include "text_table.hpp"

namespace porchlight::admin {

namespace {

core::StaffMember require_staff(core::Store& store, const std::string& name) {
  auto member = expect(core::find_staff_by_name(store, name));
  if (!member) failure("no staff member named '" + name + "' (see 'porchlight-admin staff list')");
  return *member;
}

struct AddOptions {
  std::string name;
  std::string role;
  std::string pin;
};

int run_add(const Context& context, const AddOptions& options) {
  check_pin_argument(options.pin, "--pin");
  const auto role = core::parse_staff_role(options.role);
  if (!role) usage_error("--role: '" + options.role + "' is not a role (peer or admin)");
  auto store = context.open();
  const auto id = expect(core::add_staff(*store, options.name, *role, options.pin));
  std::cout << id << '\n';
  return 0;
}

int run_list(const Context& context) {
  auto store = context.open();
  const auto members = expect(core::list_staff(*store));
  if (members.empty()) {
    std::cout << "No staff yet (add one with 'porchlight-admin staff add').\n";
    return 0;
  }
  TextTable table({"Name", "Role", "Failed tries", "Locked", "Id"},
                  {TextTable::Align::Left, TextTable::Align::Left, TextTable::Align::Right});
  for (const auto& member : members) {
    table.add_row({member.name, core::to_string(member.role), std::to_string(member.failed_attempts),
                   member.locked ? "locked" : "", member.id});
  }
  table.print(std::cout);
  return 0;
}

int run_unlock(const Context& context, const std::string& name) {
  auto store = context.open();
  const auto member = require_staff(*store, name);
  expect(core::unlock_staff(*store, std::nullopt, member.id));
  std::cout << "Unlocked " << member.name << ".\n";
  return 0;
}

int run_login(const Context& context, const std::string& name, const std::string& pin) {
  check_pin_argument(pin, "--pin");
  auto store = context.open();
  // An unknown name is answered as a wrong PIN, after the same work: this command must not tell who has an account.
  const auto login = expect(core::staff_login_by_name(*store, name, pin));
  using Outcome = core::StaffLogin::Outcome;
  switch (login.outcome) {
    case Outcome::SignedIn:
      std::cout << "signed in as " << login.member.name << " (" << core::to_string(login.member.role) << ")\n";
      return 0;
    case Outcome::WrongPin:
      // No count of tries left: a name without an account has none, so the count would tell the two apart.
      std::cout << "wrong name or PIN\n";
      return kExitFailure;
    case Outcome::MustWait:
      std::cout << "too many wrong PINs: wait " << login.wait_seconds << " s before the next try\n";
      return kExitFailure;
    case Outcome::Locked:
      // The name as typed: a name without an account is locked too, and must read the same.
      std::cout << "locked: an admin must unlock " << name << '\n';
      return kExitFailure;
  }
  return kExitFailure;
}

}  // namespace

void add_staff_commands(CLI::App& root, Context& context, CommandTable& table) {
  auto* group = root.add_subcommand("staff", "Staff accounts: add, list, unlock, try a PIN");
  group->require_subcommand(1);
  {
    auto options = std::make_shared<AddOptions>();
    auto* add = group->add_subcommand("add", "Add a staff member; prints the new id");
    add->add_option("--name", options->name, "Their own name")->required();
    add->add_option("--role", options->role, "peer or admin")->required();
    add->add_option("--pin", options->pin, "4-6 digit PIN")->required();
    table.add(add, [&context, options] { return run_add(context, *options); });
  }
  {
    auto* list = group->add_subcommand("list", "List staff, their failed PIN tries and locks");
    table.add(list, [&context] { return run_list(context); });
  }
  {
    auto name = std::make_shared<std::string>();
    auto* unlock = group->add_subcommand("unlock", "Clear failed tries and the lock of a staff member");
    unlock->add_option("name", *name, "Staff member's name")->required();
    table.add(unlock, [&context, name] { return run_unlock(context, *name); });
  }
  {
    auto name = std::make_shared<std::string>();
    auto pin = std::make_shared<std::string>();
    auto* login =
        group->add_subcommand("login", "Try a staff PIN as the kiosk would (counts failures; exit 0 only on success)");
    login->add_option("name", *name, "Staff member's name")->required();
    login->add_option("--pin", *pin, "4-6 digit PIN")->required();
    table.add(login, [&context, name, pin] { return run_login(context, *name, *pin); });
  }
}

}  // namespace porchlight::admin
