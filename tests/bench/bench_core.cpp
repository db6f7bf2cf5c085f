// porchlight-bench-core: measures the core library against DESIGN.md's performance targets on a large
// synthetic center and prints the figures. It asserts nothing about speed; it fails only when a core call
// returns an error. `--quick` runs tiny sizes so CTest keeps the program working.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "measurements.hpp"
#include "population.hpp"
#include "porchlight/core/store.hpp"
#include "timing.hpp"

namespace porchlight::bench {
namespace {

namespace fs = std::filesystem;

constexpr const char* kTimeZone = "America/New_York";

struct Sizes {
  std::vector<std::size_t> lookup_stages;  // participants in the database at each lookup measurement
  std::size_t visits = 0;
  std::size_t sign_ins = 0;
  std::size_t registrations = 0;
  std::size_t names_per_stage = 0;
  std::size_t days = 0;
  int month_rounds = 0;
};

Sizes full_sizes() { return {{100'000, 1'000'000}, 1'000'000, 2000, 500, 300, 50, 2}; }
Sizes quick_sizes() { return {{1'000}, 10'000, 200, 50, 40, 50, 2}; }

std::string count_label(std::size_t n) {
  if (n >= 1'000'000 && n % 1'000'000 == 0) return std::to_string(n / 1'000'000) + "M";
  if (n >= 1'000 && n % 1'000 == 0) return std::to_string(n / 1'000) + "k";
  return std::to_string(n);
}

std::string ms(double value) {
  char text[32];
  std::snprintf(text, sizeof text, value < 10 ? "%.3f ms" : value < 100 ? "%.2f ms" : "%.1f ms", value);
  return text;
}

double seconds_since(BenchClock::time_point start) {
  return std::chrono::duration<double>(BenchClock::now() - start).count();
}

// The database lives in a fresh folder of its own, removed with everything in it (WAL, shm) at the end.
class TempFolder {
 public:
  explicit TempFolder(const fs::path& parent) {
    std::random_device entropy;
    path_ = parent / ("porchlight-bench-" + std::to_string(entropy()) + std::to_string(entropy()));
    fs::create_directories(path_);
  }
  ~TempFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::unique_ptr<core::Store> open_store(const fs::path& path, const core::Clock& clock) {
  core::StoreOptions options;
  options.clock = &clock;
  options.pin_cost = core::PinHashCost::Fast;
  options.initial_time_zone = kTimeZone;
  return expect(core::Store::open(path, options), "opening " + path.string());
}

std::uintmax_t database_bytes(const fs::path& path) {
  std::uintmax_t total = 0;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::error_code ec;
    const auto size = fs::file_size(path.string() + suffix, ec);
    if (!ec) total += size;
  }
  return total;
}

// One line of the final table.
struct Figure {
  std::string what;
  std::string data;
  Summary summary;
  std::string target;
  std::optional<double> p99_limit_ms;  // nullopt: no target to compare with
};

void print_summary(const char* label, const Summary& s, const std::string& target = "") {
  std::printf("  %-34s n=%-6zu p50 %-11s p99 %-11s max %-11s%s%s\n", label, s.n, ms(s.p50_ms).c_str(),
              ms(s.p99_ms).c_str(), ms(s.max_ms).c_str(), target.empty() ? "" : "  target ", target.c_str());
}

// Other work on the machine shows up in tail latencies; say how busy it was.
std::string load_average() {
  std::ifstream file("/proc/loadavg");
  std::string one, five, fifteen;
  if (!(file >> one >> five >> fifteen)) return "unknown";
  return one + " " + five + " " + fifteen;
}

// ---- the run ----------------------------------------------------------------------------------------------

struct Options {
  bool quick = false;
  std::string folder;
  std::string keep_db;
  std::uint64_t seed = 20261123;
};

void print_markdown(const std::vector<Figure>& figures, const std::string& footer) {
  std::printf("\n| Measurement | Data | n | p50 | p99 | max | Target | Met |\n");
  std::printf("|---|---|--:|--:|--:|--:|---|---|\n");
  for (const auto& f : figures) {
    const char* met = !f.p99_limit_ms ? "—" : f.summary.p99_ms <= *f.p99_limit_ms ? "yes" : "**no**";
    std::printf("| %s | %s | %zu | %s | %s | %s | %s | %s |\n", f.what.c_str(), f.data.c_str(), f.summary.n,
                ms(f.summary.p50_ms).c_str(), ms(f.summary.p99_ms).c_str(), ms(f.summary.max_ms).c_str(),
                f.target.c_str(), met);
  }
  std::printf("\n%s\n", footer.c_str());
}

// Writes participants [from, to) and, when asked, every visit; returns the seconds spent.
double populate(const SyntheticCenter& center, core::Store& store, std::size_t from, std::size_t to, bool visits) {
  double seconds = 0;
  expect(use_bulk_load_settings(store), "bulk-load settings");
  auto start = BenchClock::now();
  expect(center.insert_participants(store, from, to), "inserting participants");
  seconds += seconds_since(start);
  std::printf("inserted participants %zu..%zu in %.1f s\n", from, to, seconds_since(start));
  if (visits) {
    start = BenchClock::now();
    expect(center.insert_visits(store), "inserting visits");
    seconds += seconds_since(start);
    std::printf("inserted %zu visits and %zu visit reasons in %.1f s\n", center.visit_count(),
                center.visit_reason_count(), seconds_since(start));
  }
  start = BenchClock::now();
  expect(finish_bulk_load(store), "checkpointing");
  seconds += seconds_since(start);
  std::printf("checkpointed in %.1f s\n", seconds_since(start));
  return seconds;
}

// Our own check that the bulk rows mean what sign_in would have written.
void check_first_visits(core::Store& store) {
  const auto start = BenchClock::now();
  auto check = expect(store.db().query("SELECT count(*) FROM participant p WHERE p.first_visit_at IS NOT "
                                       "(SELECT min(signed_in_at) FROM visit v WHERE v.participant_id = p.id)"),
                      "checking first visits");
  const auto wrong = expect(check.single_int(), "checking first visits");
  if (wrong != 0) throw BenchFailure(std::to_string(wrong) + " participants have a wrong first_visit_at");
  std::printf("checked first_visit_at = earliest visit for every participant in %.1f s\n", seconds_since(start));
}

void lookup_figures(core::Store& store, Random& random, std::size_t participants, std::size_t names,
                    std::vector<Figure>& figures) {
  const std::string people = count_label(participants) + " participants";
  std::printf("\n== lookup per keystroke, %s ==\n", people.c_str());
  const auto lookup = measure_lookup(store, random, names);
  const bool small = participants <= 100'000;
  const std::string target = small ? "p99 ≤ 2 ms at 100k" : "p99 ≤ 10 ms at 1M";
  print_summary("all keystrokes", lookup.all, target);
  for (const auto& [pattern, summary] : lookup.by_pattern) print_summary(pattern.c_str(), summary);
  std::printf("  slowest keystrokes:\n");
  for (const auto& [millis, what] : lookup.slowest) std::printf("    %-11s %s\n", ms(millis).c_str(), what.c_str());
  figures.push_back({"Lookup per keystroke", people, lookup.all, target, small ? 2.0 : 10.0});
}

void report_figures(core::Store& store, Random& random, const SyntheticCenter& center, const CenterPlan& plan,
                    const Sizes& sizes, std::vector<Figure>& figures) {
  const std::string visits = count_label(center.visit_count()) + " visits";
  std::printf("\n== daily attendance, %s ==\n", visits.c_str());
  const auto daily = measure_daily(store, random, center.open_days(), sizes.days);
  print_summary("daily_attendance", daily.summary, "≤ 5 ms");
  std::printf("  %.0f visits per measured day on average\n", daily.mean_rows);
  char data[96];
  std::snprintf(data, sizeof data, "%s, ~%.0f visits/day", visits.c_str(), daily.mean_rows);
  figures.push_back({"Daily attendance report", data, daily.summary, "≤ 5 ms (p99)", 5.0});

  const std::vector<core::LocalDate> same_day(sizes.days, plan.typical_day());
  const auto typical = measure_daily(store, random, same_day, sizes.days);
  print_summary("daily_attendance, an ordinary day", typical.summary, "≤ 5 ms");
  std::printf("  %.0f visits that day (%s), the same day measured %zu times\n", typical.mean_rows,
              plan.typical_day().iso().c_str(), typical.summary.n);
  std::snprintf(data, sizeof data, "a %.0f-visit day among %s", typical.mean_rows, visits.c_str());
  figures.push_back({"Daily attendance report", data, typical.summary, "≤ 5 ms (p99)", 5.0});

  std::printf("\n== monthly unduplicated, %s ==\n", visits.c_str());
  const auto monthly = measure_monthly(store, plan.first_day, plan.last_day, sizes.month_rounds);
  print_summary("period_attendance(month)", monthly.summary, "≤ 50 ms");
  std::printf("  %.0f unique people per month on average\n", monthly.mean_rows);
  figures.push_back({"Monthly unduplicated report", visits + ", 24 months", monthly.summary, "≤ 50 ms (p99)", 50.0});
}

void write_figures(core::Store& store, core::ManualClock& clock, Random& random, const fs::path& folder,
                   const Sizes& sizes, const std::string& visits, std::vector<Figure>& figures) {
  std::printf("\n== durable writes ==\n");
  {
    auto mode = expect(store.db().query("PRAGMA journal_mode"), "reading journal mode");
    (void)expect(mode.step(), "reading journal mode");
    const std::string journal = mode.text(0);
    auto sync = expect(store.db().query("PRAGMA synchronous"), "reading synchronous");
    const auto level = expect(sync.single_int(), "reading synchronous");
    std::printf("  journal_mode=%s synchronous=%lld (2 = FULL: the WAL is synced at every commit)\n", journal.c_str(),
                static_cast<long long>(level));
    if (journal != "wal" || level != 2) throw BenchFailure("the store is not in its durable mode");
  }
  const auto sign_in = measure_sign_in(store, clock, random, sizes.sign_ins, folder);
  std::printf("  each sign-in adds %.1f pages to the WAL; the disk probes write %zu frames per fdatasync\n",
              sign_in.wal_frames_per_commit, sign_in.probe_frames);
  print_summary("sign_in (1-2 reasons), all", sign_in.all, "p99 ≤ 5 ms");
  print_summary("  of which WAL already sized", sign_in.wal_sized);
  print_summary("  of which WAL growing", sign_in.wal_growing);
  print_summary("  of which ran a checkpoint", sign_in.checkpoint);
  print_summary("disk: overwrite frames + fdatasync", sign_in.disk_overwrite, "(the floor under a commit)");
  print_summary("disk: append frames + fdatasync", sign_in.disk_append, "(the floor when the WAL grows)");
  const auto registration = measure_registration(store, clock, random, sizes.registrations);
  print_summary("register_participant (no PIN)", registration, "(no target)");

  figures.push_back(
      {"Durable sign-in commit", visits + " in file, WAL, synchronous=FULL", sign_in.all, "p99 ≤ 5 ms", 5.0});
  figures.push_back({"… commits into an already-sized WAL", "same run", sign_in.wal_sized, "—", std::nullopt});
  figures.push_back({"… commits that ran an auto-checkpoint", "same run", sign_in.checkpoint, "—", std::nullopt});
  const std::string probe = std::to_string(sign_in.probe_frames) + " WAL-sized frames, between the sign-ins";
  figures.push_back({"Disk floor: overwrite + fdatasync", probe, sign_in.disk_overwrite, "—", std::nullopt});
  figures.push_back({"Disk floor: append + fdatasync", probe, sign_in.disk_append, "—", std::nullopt});
  figures.push_back({"Register participant (no PIN)", "same database", registration, "—", std::nullopt});
}

int run(const Options& options) {
  const Sizes sizes = options.quick ? quick_sizes() : full_sizes();
  const fs::path parent = options.folder.empty() ? fs::temp_directory_path() : fs::path(options.folder);
  TempFolder folder(parent);
  const fs::path db_path = folder.path() / "porchlight-bench.db";

  CenterPlan plan;
  plan.seed = options.seed;
  plan.participants = sizes.lookup_stages.back();
  plan.visits = sizes.visits;
  // Live sign-ins happen the morning after the planned history (and its ordinary day).
  const auto zone = expect(core::CenterTime::for_zone(kTimeZone), "time zone");
  core::ManualClock clock(zone.at_local(plan.typical_day().plus_days(1), 9, 0));

  std::printf("porchlight-bench-core%s: seed %llu, zone %s, database %s\n", options.quick ? " --quick" : "",
              static_cast<unsigned long long>(plan.seed), kTimeZone, db_path.c_str());
  std::printf("load average at start: %s (%u hardware threads)\n", load_average().c_str(),
              std::thread::hardware_concurrency());

  const auto plan_start = BenchClock::now();
  SyntheticCenter center = [&] {
    auto store = open_store(db_path, clock);
    return expect(SyntheticCenter::plan(*store, plan), "planning the synthetic center");
  }();
  double population_seconds = seconds_since(plan_start);
  std::printf("planned %zu participants, %zu visits (%zu visit reasons, %.2f per visit) over %s .. %s in %.1f s\n",
              center.participant_count(), center.visit_count(), center.visit_reason_count(),
              static_cast<double>(center.visit_reason_count()) /
                  static_cast<double>(std::max<std::size_t>(1, center.visit_count())),
              plan.first_day.iso().c_str(), plan.last_day.iso().c_str(), population_seconds);

  std::vector<Figure> figures;
  Random random(plan.seed * 31 + 7);
  std::string population_line;
  std::size_t inserted = 0;
  for (std::size_t stage = 0; stage < sizes.lookup_stages.size(); ++stage) {
    const std::size_t participants = sizes.lookup_stages[stage];
    const bool last_stage = stage + 1 == sizes.lookup_stages.size();
    {
      auto store = open_store(db_path, clock);
      population_seconds += populate(center, *store, inserted, participants, last_stage);
      inserted = participants;
      if (last_stage) {
        check_first_visits(*store);
        char line[256];
        std::snprintf(
            line, sizeof line, "Populated %s participants + %s visits (%zu visit reasons) in %.1f s; database %.1f MB.",
            count_label(center.participant_count()).c_str(), count_label(center.visit_count()).c_str(),
            center.visit_reason_count(), population_seconds, static_cast<double>(database_bytes(db_path)) / 1e6);
        population_line = line;
        std::printf("%s\n", line);
      }
    }
    if (last_stage && !options.keep_db.empty()) {
      fs::copy_file(db_path, options.keep_db, fs::copy_options::overwrite_existing);
      std::printf("kept a copy of the populated database at %s\n", options.keep_db.c_str());
    }

    // Measured through a fresh Store: the kiosk's own settings (WAL, synchronous=FULL, default cache).
    auto store = open_store(db_path, clock);
    lookup_figures(*store, random, participants, sizes.names_per_stage, figures);
    if (!last_stage) continue;
    report_figures(*store, random, center, plan, sizes, figures);
    write_figures(*store, clock, random, folder.path(), sizes, count_label(center.visit_count()) + " visits", figures);
  }

  std::printf("\nload average at end: %s\n", load_average().c_str());
  std::printf("\n== summary ==\n");
  print_markdown(figures, population_line);
  return 0;
}

}  // namespace
}  // namespace porchlight::bench

int main(int argc, char** argv) {
  porchlight::bench::Options options;
  CLI::App app{"Measures Porchlight's core against the performance targets in DESIGN.md"};
  app.add_flag("--quick", options.quick, "tiny sizes (1k participants, 10k visits): a smoke run for CTest");
  app.add_option("--dir", options.folder, "where to create the temporary database (default: the system temp folder)");
  app.add_option("--keep-db", options.keep_db, "copy the populated database here (for EXPLAIN QUERY PLAN)");
  app.add_option("--seed", options.seed, "seed of the synthetic center");
  CLI11_PARSE(app, argc, argv);
  try {
    return porchlight::bench::run(options);
  } catch (const std::exception& failure) {
    std::fprintf(stderr, "porchlight-bench-core: %s\n", failure.what());
    return 1;
  }
}
