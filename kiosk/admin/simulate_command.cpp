// simulate: a stream of real, committed sign-ins for load and crash tests. Each visit id is written and
// flushed the moment core::sign_in returns, so anything a reader has seen is already durable.
#include <cstdint>
#include <iostream>
#include <memory>
#include <random>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "participant_lookup.hpp"
#include "porchlight/core/participants.hpp"
#include "porchlight/core/visits.hpp"

namespace porchlight::admin {

namespace {

constexpr int kParticipantPool = 500;

struct SimulateOptions {
  std::int64_t signins = 0;
  double guest_ratio = 0.2;
  std::uint64_t seed = 0;
  const CLI::Option* seed_option = nullptr;  // tells whether --seed was given
};

std::vector<std::string> participants_to_sign_in(core::Store& store) {
  auto pool = expect(core::participant_ids(store, kParticipantPool));
  if (pool.empty()) {
    core::NewParticipant person;
    person.first_name = "Simulated";
    person.last_name = "Visitor";
    person.consent_record = true;
    pool.push_back(expect(core::register_participant(store, person)));
  }
  return pool;
}

int run_simulate(const Context& context, const SimulateOptions& options) {
  auto store = context.open();
  const auto reasons = expect(core::list_reasons(*store));
  if (reasons.empty()) failure("no visit reasons are configured");
  const auto pool = participants_to_sign_in(*store);

  const bool seeded = options.seed_option && options.seed_option->count() > 0;
  std::mt19937_64 random(seeded ? options.seed : std::random_device{}());
  std::bernoulli_distribution is_guest(options.guest_ratio);
  std::bernoulli_distribution gives_mood(0.5);
  std::bernoulli_distribution second_reason(0.3);
  std::uniform_int_distribution<std::size_t> pick_person(0, pool.size() - 1);
  std::uniform_int_distribution<std::size_t> pick_reason(0, reasons.size() - 1);
  std::uniform_int_distribution<int> pick_mood(1, 5);

  for (std::int64_t n = 0; n < options.signins; ++n) {
    core::SignIn visit;
    if (!is_guest(random)) visit.participant_id = pool[pick_person(random)];
    visit.reasons.push_back(reasons[pick_reason(random)].code);
    if (second_reason(random)) {
      const auto& extra = reasons[pick_reason(random)].code;
      if (extra != visit.reasons.front()) visit.reasons.push_back(extra);
    }
    if (gives_mood(random)) visit.mood = pick_mood(random);
    std::cout << expect(core::sign_in(*store, visit)) << std::endl;
  }
  return 0;
}

}  // namespace

void add_simulate_command(CLI::App& root, Context& context, CommandTable& table) {
  auto options = std::make_shared<SimulateOptions>();
  auto* simulate = root.add_subcommand("simulate", "Commit sign-ins one by one, printing each visit id once saved");
  simulate->add_option("--signins", options->signins, "How many sign-ins")
      ->required()
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{100'000'000}));
  simulate->add_option("--guest-ratio", options->guest_ratio, "Share of anonymous guests, 0 to 1")
      ->check(CLI::Range(0.0, 1.0));
  options->seed_option = simulate->add_option("--seed", options->seed, "Random seed (default: a fresh one)");
  table.add(simulate, [&context, options] { return run_simulate(context, *options); });
}

}  // namespace porchlight::admin
