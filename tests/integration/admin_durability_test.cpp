// "Commit before you say signed in": a visit id that porchlight-admin printed must be in the database even
// when the process is killed with SIGKILL a moment later, at any moment, again and again on the same file.
#include <doctest/doctest.h>

#include <signal.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <thread>

#include "support/checks.hpp"

using namespace porchlight::test;
using namespace std::chrono_literals;

namespace {

constexpr int kKills = 24;

std::uint64_t test_seed() {
  if (const char* fixed = std::getenv("PORCHLIGHT_TEST_SEED")) return std::strtoull(fixed, nullptr, 10);
  return std::random_device{}();
}

}  // namespace

TEST_CASE("every visit id simulate printed survives SIGKILL") {
  TempDir dir;
  const Admin admin(dir / "center.db");
  require_ok(admin({"init", "--time-zone", "UTC"}));
  const auto started = utc_date_today();
  single_line(admin({"participant", "add", "--first", "Ana", "--last", "Reyes", "--consent"}));

  const auto seed = test_seed();
  MESSAGE("seed " << seed << " (repeat with PORCHLIGHT_TEST_SEED=" << seed << ")");
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<int> ids_before_kill(0, 150);
  std::uniform_int_distribution<int> delay_ms(5, 300);

  std::size_t verified = 0;
  for (int round = 0; round < kKills; ++round) {
    CAPTURE(round);
    ChildProcess simulate({admin_binary(), "--db", admin.db().string(), "simulate", "--signins", "100000", "--seed",
                           std::to_string(random())});
    std::vector<std::string> printed;
    // Half the rounds die after a chosen number of ids, half after a random time, which also hits the
    // start-up (opening, recovering the WAL of the last killed run) and the middle of a commit.
    if (round % 2 == 0) {
      const int wanted = ids_before_kill(random);
      const auto deadline = std::chrono::steady_clock::now() + 20s;
      while (static_cast<int>(printed.size()) < wanted) {
        auto line = simulate.read_line(deadline);
        if (!line) break;
        printed.push_back(std::move(*line));
      }
      REQUIRE(static_cast<int>(printed.size()) == wanted);
    } else {
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(delay_ms(random));
      while (auto line = simulate.read_line(deadline)) printed.push_back(std::move(*line));
    }
    for (auto& line : simulate.kill_and_drain()) printed.push_back(std::move(line));
    // It must have died of the kill, not of an error of its own.
    REQUIRE(simulate.exit_signal() == SIGKILL);

    for (const auto& id : printed) {
      CAPTURE(id);
      REQUIRE(looks_like_uuid(id));
      CHECK(count_rows(admin.db(), "SELECT count(*) FROM visit WHERE id = ?1", id) == 1);
    }
    const auto check = admin({"check"});
    INFO("check: " << check.out << check.err);
    REQUIRE(check.exit_code == 0);
    CHECK(check.out == "ok\n");
    verified += printed.size();
  }
  // Printed rather than MESSAGE'd so that a passing run shows it too (ctest -V).
  std::printf("verified %zu printed visit ids across %d kills (seed %llu)\n", verified, kKills,
              static_cast<unsigned long long>(seed));
  CHECK(verified >= static_cast<std::size_t>(kKills));

  // And the report a user would read counts at least every acknowledged visit.
  const auto period =
      parse_json(admin({"report", "unduplicated", "--from", started, "--to", utc_date_today(), "--format", "json"}));
  CHECK(period["visits"].get<std::size_t>() >= verified);
}
