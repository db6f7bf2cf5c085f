// signin, signout. A visit id is printed only after core::sign_in has committed it durably.
#include <algorithm>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "participant_lookup.hpp"
#include "porchlight/core/ids.hpp"
#include "porchlight/core/participants.hpp"
#include "porchlight/core/visits.hpp"

namespace porchlight::admin {

namespace {

struct SignInOptions {
  std::string participant;
  bool guest = false;
  std::string card;
  std::vector<std::string> reasons;
  int mood = 0;  // 0 = not asked
};

int run_signin(const Context& context, const SignInOptions& options) {
  const int who = (options.participant.empty() ? 0 : 1) + (options.guest ? 1 : 0) + (options.card.empty() ? 0 : 1);
  if (who != 1) usage_error("say who signs in: exactly one of --participant ID, --guest or --card CODE");

  auto store = context.open();
  const auto reasons = expect(core::list_reasons(*store));
  for (const auto& code : options.reasons) {
    const bool known =
        std::any_of(reasons.begin(), reasons.end(), [&](const auto& reason) { return reason.code == code; });
    if (!known) failure("unknown visit reason '" + code + "' (see 'porchlight-admin reasons')");
  }

  core::SignIn visit;
  visit.reasons = options.reasons;
  if (options.mood != 0) visit.mood = options.mood;
  if (!options.participant.empty()) {
    const auto person = require_participant(*store, options.participant);
    if (person.merged_into)
      failure("participant " + person.id + " was merged into " + *person.merged_into + "; sign in that id");
    visit.participant_id = person.id;
  } else if (!options.card.empty()) {
    const auto match = expect(core::find_by_card(*store, options.card));
    if (!match) failure("no participant has the card code '" + options.card + "'");
    visit.participant_id = match->id;
  }
  std::cout << expect(core::sign_in(*store, visit)) << std::endl;
  return 0;
}

int run_signout(const Context& context, const std::string& visit_id) {
  if (!core::is_uuid(visit_id)) usage_error("'" + visit_id + "' is not a visit id");
  auto store = context.open();
  expect(core::sign_out(*store, visit_id));
  std::cout << "Signed out " << visit_id << ".\n";
  return 0;
}

}  // namespace

void add_visit_commands(CLI::App& root, Context& context, CommandTable& table) {
  {
    auto options = std::make_shared<SignInOptions>();
    auto* signin = root.add_subcommand("signin", "Sign someone in; prints the visit id once it is saved");
    auto* participant = signin->add_option("--participant", options->participant, "Participant id");
    auto* guest = signin->add_flag("--guest", options->guest, "An anonymous guest");
    auto* card = signin->add_option("--card", options->card, "Member card code");
    participant->excludes(guest, card);
    guest->excludes(card);
    signin->add_option("--reason", options->reasons, "Visit reason code (repeat for several; see 'reasons')")
        ->required();
    signin->add_option("--mood", options->mood, "How they feel today, 1 to 5")->check(CLI::Range(1, 5));
    table.add(signin, [&context, options] { return run_signin(context, *options); });
  }
  {
    auto visit_id = std::make_shared<std::string>();
    auto* signout = root.add_subcommand("signout", "Record that a visitor left");
    signout->add_option("visit-id", *visit_id, "Visit id printed by signin")->required();
    table.add(signout, [&context, visit_id] { return run_signout(context, *visit_id); });
  }
}

}  // namespace porchlight::admin
