// participant add | find | show | merge | card
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "porchlight/core/audit.hpp"
#include "participant_lookup.hpp"
#include "porchlight/core/participants.hpp"
#include "text_table.hpp"

namespace porchlight::admin {

namespace {

struct AddOptions {
  std::string first;
  std::string last;
  std::string pin;
  std::string phone;
  std::string email;
  std::string birth_date;
  std::string language = "en";
  bool consent = false;
  bool consent_contact = false;
  bool consent_share = false;
};

std::optional<std::string> unless_empty(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

int run_add(const Context& context, const AddOptions& options) {
  if (!options.pin.empty()) check_pin_argument(options.pin, "--pin");
  if (!options.birth_date.empty()) (void)parse_date_argument(options.birth_date, "--birth-date");
  if (!options.consent) usage_error("--consent is required: the participant agrees that the center keeps their name");

  core::NewParticipant person;
  person.first_name = options.first;
  person.last_name = options.last;
  person.pin = unless_empty(options.pin);
  person.phone = unless_empty(options.phone);
  person.email = unless_empty(options.email);
  person.birth_date = unless_empty(options.birth_date);
  person.language = options.language;
  person.consent_record = options.consent;
  person.consent_contact = options.consent_contact;
  person.consent_share = options.consent_share;

  auto store = context.open();
  std::cout << expect(core::register_participant(*store, person)) << '\n';
  return 0;
}

struct FindOptions {
  std::string text;
  int limit = 20;
  std::string format = "table";
};

int run_find(const Context& context, const FindOptions& options) {
  auto store = context.open();
  const auto matches = expect(core::find_participants(*store, options.text, options.limit));
  if (options.format == "json") {
    auto list = nlohmann::json::array();
    for (const auto& match : matches) {
      list.push_back({{"id", match.id}, {"display_name", match.display_name}, {"has_pin", match.has_pin}});
    }
    std::cout << json_text(list) << '\n';
    return 0;
  }
  if (matches.empty()) {
    std::cout << "No participant matches \"" << options.text << "\".\n";
    return 0;
  }
  TextTable table({"Id", "Name", "PIN"});
  for (const auto& match : matches) table.add_row({match.id, match.display_name, match.has_pin ? "yes" : ""});
  table.print(std::cout);
  return 0;
}

std::string yes_no(bool value) { return value ? "yes" : "no"; }

int run_show(const Context& context, const std::string& id, const std::string& format) {
  auto store = context.open();
  const auto person = require_participant(*store, id);
  // A full record (phone, e-mail, birth date) is read only with a trace.
  expect(core::record_audit(*store, std::nullopt, "participant.view", person.id, "porchlight-admin"));
  const auto& time = store->center_time();
  if (format == "json") {
    nlohmann::json record = {
        {"id", person.id},
        {"first_name", person.first_name},
        {"last_name", person.last_name},
        {"display_name", person.display_name},
        {"phone", person.phone ? nlohmann::json(*person.phone) : nlohmann::json()},
        {"email", person.email ? nlohmann::json(*person.email) : nlohmann::json()},
        {"birth_date", person.birth_date ? nlohmann::json(*person.birth_date) : nlohmann::json()},
        {"language", person.language},
        {"consent_record", person.consent_record},
        {"consent_contact", person.consent_contact},
        {"consent_share", person.consent_share},
        {"has_pin", person.has_pin},
        {"card_code", person.card_code ? nlohmann::json(*person.card_code) : nlohmann::json()},
        {"merged_into", person.merged_into ? nlohmann::json(*person.merged_into) : nlohmann::json()},
        {"created_at", time.iso_local(person.created_at)},
        {"first_visit_at",
         person.first_visit_at ? nlohmann::json(time.iso_local(*person.first_visit_at)) : nlohmann::json()},
    };
    std::cout << json_text(record) << '\n';
    return 0;
  }
  print_fields(std::cout, {
                              {"id", person.id},
                              {"name", person.first_name + " " + person.last_name},
                              {"shown as", person.display_name},
                              {"phone", person.phone.value_or("")},
                              {"email", person.email.value_or("")},
                              {"birth date", person.birth_date.value_or("")},
                              {"language", person.language},
                              {"PIN", yes_no(person.has_pin)},
                              {"card code", person.card_code.value_or("")},
                              {"may keep name", yes_no(person.consent_record)},
                              {"may contact", yes_no(person.consent_contact)},
                              {"may share profile", yes_no(person.consent_share)},
                              {"registered", time.iso_local(person.created_at)},
                              {"first visit", person.first_visit_at ? time.iso_local(*person.first_visit_at) : ""},
                              {"merged into", person.merged_into.value_or("")},
                          });
  return 0;
}

int run_merge(const Context& context, const std::string& keep, const std::string& duplicate) {
  if (keep == duplicate) usage_error("--keep and --duplicate name the same participant");
  auto store = context.open();
  (void)require_participant(*store, keep);
  (void)require_participant(*store, duplicate);
  expect(core::merge_participants(*store, keep, duplicate, std::nullopt));
  std::cout << "Merged " << duplicate << " into " << keep << ".\n";
  return 0;
}

int run_card(const Context& context, const std::string& id) {
  auto store = context.open();
  (void)require_participant(*store, id);
  std::cout << expect(core::issue_member_card(*store, id)) << '\n';
  return 0;
}

}  // namespace

void add_participant_commands(CLI::App& root, Context& context, CommandTable& table) {
  auto* group = root.add_subcommand("participant", "Register, find, show, merge participants; issue member cards");
  group->require_subcommand(1);
  {
    auto options = std::make_shared<AddOptions>();
    auto* add = group->add_subcommand("add", "Register a participant; prints the new id");
    add->add_option("--first", options->first, "First name")->required();
    add->add_option("--last", options->last, "Last name or initial")->required();
    add->add_option("--pin", options->pin, "4-6 digit PIN the participant confirms with");
    add->add_option("--phone", options->phone, "Phone number");
    add->add_option("--email", options->email, "Email address");
    add->add_option("--birth-date", options->birth_date, "YYYY-MM-DD");
    add->add_option("--language", options->language, "Preferred language: en or es")
        ->check(CLI::IsMember({"en", "es"}));
    add->add_flag("--consent", options->consent, "The participant agrees that the center keeps their name (required)");
    add->add_flag("--consent-contact", options->consent_contact, "The participant may be phoned or emailed");
    add->add_flag("--consent-share", options->consent_share, "The profile may go to the network's hub");
    table.add(add, [&context, options] { return run_add(context, *options); });
  }
  {
    auto options = std::make_shared<FindOptions>();
    auto* find = group->add_subcommand("find", "Look participants up by name (case and accents ignored)");
    find->add_option("text", options->text, "Start of the first and/or last name")->required();
    find->add_option("--limit", options->limit, "At most this many matches")->check(CLI::Range(1, 1000));
    find->add_option("--format", options->format, "table or json")->check(CLI::IsMember({"table", "json"}));
    table.add(find, [&context, options] { return run_find(context, *options); });
  }
  {
    auto id = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>("table");
    auto* show = group->add_subcommand("show", "Show a participant's full record (staff only)");
    show->add_option("id", *id, "Participant id")->required();
    show->add_option("--format", *format, "table or json")->check(CLI::IsMember({"table", "json"}));
    table.add(show, [&context, id, format] { return run_show(context, *id, *format); });
  }
  {
    auto keep = std::make_shared<std::string>();
    auto duplicate = std::make_shared<std::string>();
    auto* merge = group->add_subcommand("merge", "Fold a duplicate registration into the one to keep");
    merge->add_option("--keep", *keep, "Id of the record that stays")->required();
    merge->add_option("--duplicate", *duplicate, "Id of the record folded into it")->required();
    table.add(merge, [&context, keep, duplicate] { return run_merge(context, *keep, *duplicate); });
  }
  {
    auto id = std::make_shared<std::string>();
    auto* card = group->add_subcommand("card", "Issue a new member card code (the old card stops working)");
    card->add_option("id", *id, "Participant id")->required();
    table.add(card, [&context, id] { return run_card(context, *id); });
  }
}

}  // namespace porchlight::admin
