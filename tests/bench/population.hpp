#pragma once
// A synthetic center large enough to measure: up to a million participants and a million visits over two
// years, written straight into the schema in bulk. The public API commits (and fsyncs) per call, which would
// take hours at this size; the rows here carry exactly what register_participant and sign_in would store.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "porchlight/core/civil_time.hpp"
#include "porchlight/core/result.hpp"
#include "porchlight/core/store.hpp"

namespace porchlight::bench {

// splitmix64: the same seed gives the same center on every platform and standard library.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  double unit();  // [0, 1)
  int below(int bound);
  std::size_t below(std::size_t bound);
  bool chance(double probability) { return unit() < probability; }

 private:
  std::uint64_t state_;
};

struct PersonName {
  std::string first;
  std::string last;
  bool spanish = false;  // a Spanish-speaking family; more likely to prefer "es"
};

// A name as the center's roster would have it: commoner names more often, some compound Spanish surnames,
// a few hyphenated ones, and a few people who give only an initial.
PersonName random_person_name(Random& random);

struct CenterPlan {
  std::uint64_t seed = 20261123;
  std::size_t participants = 1'000'000;
  std::size_t visits = 1'000'000;
  core::LocalDate first_day{2024, 7, 1};
  core::LocalDate last_day{2026, 6, 30};
  // Two years of a million visits is ~1,500 a day, ten times a busy center; one extra day after the
  // history holds a believable day's sign-ins, so a report of an ordinary day among them can be measured too.
  std::size_t typical_day_visits = 150;
  core::LocalDate typical_day() const { return last_day.plus_days(1); }
};

struct PlannedPerson {
  std::string id;
  PersonName name;
  std::string language = "en";
  int pin = -1;  // index into the pool of PIN hashes; -1 without a PIN
  std::optional<std::string> phone;
  std::optional<std::string> email;
  std::optional<std::string> birth_date;
  bool consent_contact = false;
  bool consent_share = false;
  core::Millis created_at = 0;
  std::optional<core::Millis> first_visit_at;
  std::optional<std::size_t> merged_into;  // registration position of the record kept
  std::optional<std::string> card_code;
};

struct PlannedVisit {
  core::Millis signed_in_at = 0;
  core::Millis signed_out_at = 0;  // 0 while still signed in
  std::int64_t person = -1;        // registration position; -1 for a guest
  int mood = 0;                    // 0 when not given
  std::array<std::uint8_t, 3> reasons{};
  std::uint8_t reason_count = 0;
};

// The whole center is worked out in memory first (who, when, why) and then written in bulk. Participants
// are kept in registration order, so the database can grow in stages (100k, then 1M) with the same people.
class SyntheticCenter {
 public:
  static core::Result<SyntheticCenter> plan(core::Store& store, const CenterPlan& plan);

  std::size_t participant_count() const { return people_.size(); }
  std::size_t visit_count() const { return visits_.size(); }
  std::size_t visit_reason_count() const;
  // Days the center is open (Monday to Saturday) within the plan, in order.
  const std::vector<core::LocalDate>& open_days() const { return open_days_; }

  // Writes participants [from, to) of the registration order in one transaction.
  core::Result<void> insert_participants(core::Store& store, std::size_t from, std::size_t to) const;
  // Writes every visit and its reasons in one transaction; every participant must be in already.
  core::Result<void> insert_visits(core::Store& store) const;

 private:
  CenterPlan plan_;
  std::vector<PlannedPerson> people_;
  std::vector<PlannedVisit> visits_;
  std::vector<std::string> reason_codes_;
  std::vector<std::string> pin_hashes_;
  std::vector<core::LocalDate> open_days_;
};

// No fsync and a large page cache for this connection while it loads; the Store that measures is opened
// afresh and so has the durable settings (WAL, synchronous=FULL) again.
core::Result<void> use_bulk_load_settings(core::Store& store);
// Back to the durable setting, then the write-ahead log folded into the database file and emptied.
core::Result<void> finish_bulk_load(core::Store& store);

}  // namespace porchlight::bench
