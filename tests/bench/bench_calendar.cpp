// porchlight-bench-calendar: expanding one week of sessions for 200 groups (issue #4's target: ≤ 1 ms),
// both as the pure libical expansion and as the kiosk asks for it (sessions_between on a real database,
// with exceptions and seat counts). Prints figures; asserts nothing about speed. `--quick` for CTest.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "porchlight/core/calendar.hpp"
#include "porchlight/core/participants.hpp"
#include "porchlight/core/store.hpp"
#include "timing.hpp"

namespace porchlight::bench {
namespace {

namespace fs = std::filesystem;
using core::LocalDate;
using core::LocalDateTime;

template <class T>
T expect(core::Result<T> result, const std::string& what) {
  if (!result) throw std::runtime_error(what + ": " + result.error().message);
  return std::move(result).value();
}
void expect(const core::Result<void>& result, const std::string& what) {
  if (!result) throw std::runtime_error(what + ": " + result.error().message);
}

std::string ms(double value) {
  char text[32];
  std::snprintf(text, sizeof text, value < 10 ? "%.3f ms" : "%.2f ms", value);
  return text;
}

void print(const char* label, const Summary& s, const char* target) {
  std::printf("  %-44s n=%-5zu p50 %-10s p99 %-10s max %-10s %s\n", label, s.n, ms(s.p50_ms).c_str(),
              ms(s.p99_ms).c_str(), ms(s.max_ms).c_str(), target);
}

std::string load_average() {
  std::ifstream file("/proc/loadavg");
  std::string one, five, fifteen;
  if (!(file >> one >> five >> fifteen)) return "unknown";
  return one + " " + five + " " + fifteen;
}

// 200 groups as a large center (or a network's calendar) might have them: mostly weekly on one to three
// days, some every other week, some monthly by position, a few with UNTIL or COUNT, all started a year or
// two before the week asked for.
std::vector<core::GroupDefinition> make_groups(std::size_t count, std::mt19937_64& random) {
  const std::vector<std::string> rules{
      "FREQ=WEEKLY;BYDAY=TU",          "FREQ=WEEKLY;BYDAY=MO,WE,FR", "FREQ=WEEKLY;BYDAY=TU,TH",
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", "FREQ=MONTHLY;BYDAY=2TU",     "FREQ=MONTHLY;BYDAY=-1FR",
      "FREQ=WEEKLY;BYDAY=SA;UNTIL=20271231T235959", "FREQ=WEEKLY;BYDAY=MO;COUNT=200", "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
      "FREQ=WEEKLY;BYDAY=TH"};
  std::vector<core::GroupDefinition> groups;
  for (std::size_t i = 0; i < count; ++i) {
    core::GroupDefinition group;
    group.title = "Group " + std::to_string(i + 1);
    group.room = "Room " + std::string(1, static_cast<char>('A' + i % 6));
    group.facilitator = "Facilitator " + std::to_string(i % 17);
    group.capacity = static_cast<int>(8 + i % 12);
    group.rrule = rules[i % rules.size()];
    const int days_back = 365 + static_cast<int>(random() % 365);
    group.start = LocalDateTime{LocalDate{2026, 11, 23}.plus_days(-days_back), 9 + static_cast<int>(i % 9),
                                (i % 2) ? 30 : 0, 0};
    group.duration_minutes = 60 + 30 * static_cast<int>(i % 3);
    groups.push_back(std::move(group));
  }
  return groups;
}

int run(bool quick) {
  const std::size_t group_count = 200;
  const int rounds = quick ? 20 : 2000;
  const LocalDate monday{2026, 11, 23};
  const LocalDate sunday = monday.plus_days(6);
  std::mt19937_64 random(20261123);
  const auto groups = make_groups(group_count, random);

  std::printf("porchlight-bench-calendar: %zu groups, one week (%s to %s), %d rounds each%s\n", group_count,
              monday.iso().c_str(), sunday.iso().c_str(), rounds, quick ? " (quick)" : "");

  // Pure expansion: RRULE (libical) + RDATE/EXDATE + overrides, wall clock only.
  Samples pure;
  std::size_t sessions = 0;
  for (int round = 0; round < rounds; ++round) {
    sessions = timed(pure, [&] {
      std::size_t made = 0;
      for (const auto& group : groups) made += expect(core::expand_group(group, {}, monday, sunday), "expand").size();
      return made;
    });
  }

  // As the kiosk asks: sessions_between on a database file, with UTC times, exceptions and seat counts.
  const fs::path folder = fs::temp_directory_path() / ("porchlight-bench-calendar-" + std::to_string(random()));
  fs::create_directories(folder);
  struct Cleanup {
    fs::path path;
    ~Cleanup() {
      std::error_code ignored;
      fs::remove_all(path, ignored);
    }
  } cleanup{folder};
  core::ManualClock clock(0);
  core::StoreOptions options;
  options.clock = &clock;
  options.pin_cost = core::PinHashCost::Fast;
  options.initial_time_zone = "America/New_York";
  auto store = expect(core::Store::open(folder / "bench.db", options), "open");
  clock.set(store->center_time().at_local(monday, 8, 0));
  std::vector<std::string> ids;
  {
    auto transaction = expect(store->db().begin(), "begin");
    for (const auto& group : groups) ids.push_back(expect(core::save_group(*store, group, std::nullopt), "save"));
    expect(transaction.commit(), "commit");
  }
  // Some exceptions and people in this week's sessions, so the query has something to join.
  const auto week = expect(core::sessions_between(*store, monday, sunday), "sessions");
  {
    core::NewParticipant person;
    person.first_name = "Bench";
    person.last_name = "Person";
    person.consent_record = true;
    const auto participant = expect(core::register_participant(*store, person), "participant");
    for (std::size_t i = 0; i < week.size(); i += 7) {
      if (i % 21 == 0) {
        expect(core::cancel_session(*store, week[i].key, std::nullopt), "cancel");
      } else {
        expect(core::join_session(*store, {week[i].key, participant, std::nullopt, std::nullopt, false}), "join");
      }
    }
  }
  Samples stored;
  std::size_t stored_sessions = 0;
  for (int round = 0; round < rounds; ++round) {
    stored_sessions = timed(stored, [&] { return expect(core::sessions_between(*store, monday, sunday), "week").size(); });
  }
  Samples today;
  for (int round = 0; round < rounds; ++round) {
    timed(today, [&] { return expect(core::sessions_on(*store, monday.plus_days(1)), "day").size(); });
  }

  std::printf("\n== one week of sessions, %zu groups (%zu sessions) ==\n", group_count, sessions);
  print("expand_group x200 (libical, wall clock)", pure.summary(), "target ≤ 1 ms");
  print("sessions_between, week (database, UTC, seats)", stored.summary(), "");
  print("sessions_on, one day (database)", today.summary(), "");
  std::printf("  (%zu sessions in the stored week)\n", stored_sessions);
  std::printf("\nload average %s\n", load_average().c_str());
  return 0;
}

}  // namespace
}  // namespace porchlight::bench

int main(int argc, char** argv) {
  CLI::App app{"Measures the group calendar's expansion against issue #4's target.", "porchlight-bench-calendar"};
  bool quick = false;
  app.add_flag("--quick", quick, "Few rounds, for CTest");
  CLI11_PARSE(app, argc, argv);
  try {
    return porchlight::bench::run(quick);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "porchlight-bench-calendar: %s\n", error.what());
    return 1;
  }
}
