// The demo center: the same seed gives the same center, and it looks like a real drop-in center.
#include <map>
#include <set>

#include "porchlight/core/crisis_lines.hpp"
#include "porchlight/core/demo.hpp"
#include "porchlight/core/directory.hpp"
#include "porchlight/core/reports.hpp"
#include "porchlight/core/staff.hpp"
#include "porchlight/core/text.hpp"
#include "test_support.hpp"

using namespace porchlight::test;

namespace {

DemoOptions demo_options(std::uint64_t seed = 20261123) {
  DemoOptions options;
  options.seed = seed;
  options.participants = 320;
  options.weeks = 6;
  options.today = kToday;
  options.now = local(kToday, 14, 0);
  return options;
}

struct DemoCenter {
  explicit DemoCenter(std::uint64_t seed = 20261123) : s(local(kToday, 14, 0)) {
    summary = must(generate_demo(*s, demo_options(seed)), "generate_demo");
  }
  // Everyone's public name, in a stable order.
  std::vector<std::string> display_names() {
    std::vector<std::string> out;
    auto q = must(s.db().query("SELECT first_name, last_name FROM participant WHERE merged_into IS NULL"));
    for (;;) {
      if (!must(q.step())) break;
      out.push_back(display_name(q.text(0), q.text(1)));
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  // Visits per local day.
  std::map<std::string, std::int64_t> visits_per_day() {
    std::map<std::string, std::int64_t> out;
    auto q = must(s.db().query("SELECT signed_in_at FROM visit"));
    for (;;) {
      if (!must(q.step())) break;
      ++out[s->center_time().date_of(q.integer(0)).iso()];
    }
    return out;
  }
  TestStore s;
  DemoSummary summary;
};

}  // namespace

TEST_CASE("demo: the same seed gives the same center") {
  DemoCenter a;
  DemoCenter b;
  CHECK(a.summary.participants == b.summary.participants);
  CHECK(a.summary.visits == b.summary.visits);
  CHECK(a.summary.staff == b.summary.staff);
  CHECK(a.display_names() == b.display_names());
  CHECK(a.visits_per_day() == b.visits_per_day());
  CHECK(a.s.count("SELECT count(*) FROM visit_reason") == b.s.count("SELECT count(*) FROM visit_reason"));
  CHECK(a.s.count("SELECT count(*) FROM visit WHERE guest = 1") ==
        b.s.count("SELECT count(*) FROM visit WHERE guest = 1"));
}

TEST_CASE("demo: another seed gives another center") {
  DemoCenter a(1);
  DemoCenter b(2);
  CHECK(a.display_names() != b.display_names());
}

TEST_CASE("demo: the center is believable") {
  DemoCenter c;
  auto& s = c.s;
  // People who happened never to come are not registered, so a few of the 320 asked for may be missing.
  CHECK(c.summary.participants >= 300);
  CHECK(c.summary.participants <= 320);
  CHECK(s.count("SELECT count(*) FROM participant WHERE merged_into IS NULL") == c.summary.participants);
  CHECK(c.summary.visits == s.visits());
  CHECK(c.summary.visits >= 1000);
  CHECK(c.summary.visits <= 20000);
  CHECK(c.summary.staff >= 2);
  CHECK(c.summary.staff == static_cast<std::int64_t>(must(list_staff(*s)).size()));

  // Names look like names and are not all the same.
  const auto names = c.display_names();
  const std::set<std::string> distinct(names.begin(), names.end());
  CHECK(distinct.size() >= 100);

  // Every visit has a reason that exists; every sign-out follows its sign-in.
  CHECK(
      s.count("SELECT count(*) FROM visit v WHERE NOT EXISTS (SELECT 1 FROM visit_reason r WHERE r.visit_id = v.id)") ==
      0);
  CHECK(s.count("SELECT count(*) FROM visit WHERE signed_out_at IS NOT NULL AND signed_out_at < signed_in_at") == 0);
  CHECK(must(s.db().check_integrity()).empty());

  // Open hours: no Sundays, nothing in the small hours, nothing after "now". Apart from one earlier visit of
  // some people (so that reports have returning people), everything lies within the weeks asked for.
  const auto& ct = s->center_time();
  const auto first_day = kToday.plus_days(-7 * 6 + 1);
  const auto earliest_day = first_day.plus_days(-366);
  std::int64_t in_window = 0;
  int sundays = 0;
  int night = 0;
  int future = 0;
  int too_early = 0;
  std::set<int> hours;
  std::map<int, std::int64_t> per_hour;
  auto q = must(s.db().query("SELECT signed_in_at FROM visit"));
  for (;;) {
    if (!must(q.step())) break;
    const Millis at = q.integer(0);
    const auto date = ct.date_of(at);
    const int hour = ct.hour_of(at);
    hours.insert(hour);
    ++per_hour[hour];
    if (date.weekday() == 0) ++sundays;
    if (hour < 6 || hour >= 22) ++night;
    if (at > local(kToday, 14, 0)) ++future;
    if (date < earliest_day) ++too_early;
    if (!(date < first_day)) ++in_window;
  }
  CHECK(sundays == 0);
  CHECK(night == 0);
  CHECK(hours.count(3) == 0);
  CHECK(future == 0);
  CHECK(too_early == 0);
  CHECK(in_window * 10 >= c.summary.visits * 8);
  CHECK(s.count("SELECT count(DISTINCT participant_id) FROM visit WHERE signed_in_at < " +
                std::to_string(ct.day(first_day).start)) <= c.summary.participants);
  CHECK(hours.size() >= 5);

  // Visits spread over the weeks and reach today.
  const auto per_day = c.visits_per_day();
  CHECK(per_day.size() >= 30);
  CHECK(per_day.count(kToday.iso()) == 1);

  // Busier at lunch than first thing in the morning.
  CHECK(per_hour[12] > per_hour[7]);
  const auto monday = must(daily_attendance(*s, kToday.plus_days(-1)));
  CHECK(monday.visit_count > 0);
  CHECK(monday.unique_people <= monday.visit_count);

  // First visits agree with the visits themselves, so new-versus-returning is right.
  CHECK(s.count("SELECT count(*) FROM participant p WHERE p.first_visit_at IS NOT "
                "(SELECT min(signed_in_at) FROM visit v WHERE v.participant_id = p.id)") == 0);
}

TEST_CASE("demo: the demo staff can sign in with the documented PINs") {
  DemoCenter c;
  auto sam = must(find_staff_by_name(*c.s, "Sam Rivera"));
  REQUIRE(sam.has_value());
  CHECK(sam->role == StaffRole::Peer);
  auto alex = must(find_staff_by_name(*c.s, "Alex Morgan"));
  REQUIRE(alex.has_value());
  CHECK(alex->role == StaffRole::Admin);
  CHECK(must(staff_login(*c.s, sam->id, "1234")).outcome == StaffLogin::Outcome::SignedIn);
  CHECK(must(staff_login(*c.s, alex->id, "4321")).outcome == StaffLogin::Outcome::SignedIn);
}

TEST_CASE("demo: the crisis screen has local lines, and only fictional 555-01xx numbers") {
  DemoCenter c;
  const auto lines = must(list_crisis_lines(*c.s));
  REQUIRE(lines.size() >= 1);
  for (const auto& line : lines) {
    CAPTURE(line.number);
    CHECK(contains(line.number, "(555) 010-01"));
    CHECK_FALSE(line.label_es.empty());
  }
}

TEST_CASE("demo: the store's own clock is in charge again afterwards") {
  DemoCenter c;
  c.s.clock.set(local(kToday, 15, 0));
  CHECK(c.s->now() == local(kToday, 15, 0));
  const auto id = add_person(*c.s, "Zed", "Quill");
  CHECK(must(get_participant(*c.s, id)).created_at == local(kToday, 15, 0));
}

TEST_CASE("demo: a store that already has people is not filled again") {
  TestStore s;
  add_person(*s, "Maria", "Garcia");
  auto made = generate_demo(*s, demo_options());
  REQUIRE_FALSE(made.ok());
  CHECK_FALSE(made.error().message.empty());
  CHECK(s.participants() == 1);
  CHECK(s.visits() == 0);
  CHECK(must(list_staff(*s)).empty());
}

TEST_CASE("demo: the fictional town's directory is compiled in, covers every tile and uses only 555-01xx numbers") {
  TestStore s;
  const auto services = must(load_demo_directory(*s), "load_demo_directory");
  CHECK(services >= 40);
  const auto counts = must(directory_counts(*s));
  for (auto category : all_categories()) {
    CAPTURE(category_code(category));
    CHECK(counts.by_category.at(category) >= 2);
  }
  for (const auto& number : texts_of(s.db(), "SELECT number FROM hsds_phone")) {
    CAPTURE(number);
    CHECK(contains(number, "555-01"));
  }
  CHECK(s.count("SELECT count(*) FROM hsds_service s WHERE NOT EXISTS "
                "(SELECT 1 FROM hsds_schedule h WHERE h.service_id = s.id)") == 0);
  // Spanish speakers find food and Eastside Food Bank is there, as the example says.
  CHECK_FALSE(must(search_directory(*s, "comida")).empty());
  CHECK(must(search_directory(*s, "eastside food")).at(0).name == "Eastside Food Bank");
  // Loading it again updates the same rows.
  CHECK(must(load_demo_directory(*s)) == services);
}
