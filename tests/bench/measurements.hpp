#pragma once
// The measurements, one function per figure. Each times every call on its own (timing.hpp) and fails only
// when a core call returns an error.
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "population.hpp"
#include "porchlight/core/civil_time.hpp"
#include "porchlight/core/clock.hpp"
#include "porchlight/core/store.hpp"
#include "timing.hpp"

namespace porchlight::bench {

struct BenchFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

template <class T>
T expect(core::Result<T> result, const std::string& what) {
  if (!result) throw BenchFailure(what + ": " + result.error().message);
  return std::move(result).value();
}

inline void expect(const core::Result<void>& result, const std::string& what) {
  if (!result) throw BenchFailure(what + ": " + result.error().message);
}

// ---- lookup while typing (bench_lookup.cpp) ---------------------------------------------------------------

struct LookupFigures {
  Summary all;
  std::map<std::string, Summary> by_pattern;
  std::vector<std::pair<double, std::string>> slowest;  // (ms, "pattern: typed")
};

// Types `names` real names from the database letter by letter, as people do at the kiosk (first then last,
// surname only, surname first; with and without accents, in any case), plus a fixed hand-picked set, and
// times find_participants at every keystroke.
LookupFigures measure_lookup(core::Store& store, Random& random, std::size_t names);

// ---- reports (bench_reports.cpp) ----------------------------------------------------------------------------

struct ReportFigures {
  Summary summary;
  double mean_rows = 0;  // visits per day, or unique people per month
};

// daily_attendance for `count` days drawn from `candidates` (repeats allowed: pass one day many times).
ReportFigures measure_daily(core::Store& store, Random& random, const std::vector<core::LocalDate>& candidates,
                            std::size_t count);
// period_attendance for every month from first_day to last_day, `rounds` times over.
ReportFigures measure_monthly(core::Store& store, core::LocalDate first_day, core::LocalDate last_day, int rounds);

// ---- durable writes (bench_writes.cpp) ----------------------------------------------------------------------

struct SignInFigures {
  Summary all;
  Summary wal_sized;                 // the commit wrote over WAL frames the file already had
  Summary wal_growing;               // the commit made the WAL file longer (after open: SQLite deletes it at close)
  Summary checkpoint;                // SQLite's auto-checkpoint ran inside this commit (the database file changed)
  double wal_frames_per_commit = 0;  // pages one sign-in adds to the WAL
  std::size_t probe_frames = 0;      // frames each disk-probe commit writes (the above, rounded)
  Summary disk_overwrite;            // probe: that many frames over existing ones, then fdatasync
  Summary disk_append;               // probe: that many frames appended, then fdatasync
};

// core::sign_in for random existing participants with 1-2 reasons, the clock moving on between them; between
// sign-ins, disk probes in `folder` write and sync as much as one sign-in did, to show the disk's floor.
SignInFigures measure_sign_in(core::Store& store, core::ManualClock& clock, Random& random, std::size_t count,
                              const std::filesystem::path& folder);
// core::register_participant without a PIN.
Summary measure_registration(core::Store& store, core::ManualClock& clock, Random& random, std::size_t count);

}  // namespace porchlight::bench
