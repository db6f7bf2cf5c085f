#include "porchlight/core/demo.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "porchlight/core/crisis_lines.hpp"
#include "porchlight/core/calendar.hpp"
#include "porchlight/core/ical.hpp"
#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include "porchlight/core/directory.hpp"

#include "porchlight/core/participants.hpp"
#include "porchlight/core/staff.hpp"
#include "porchlight/core/visits.hpp"

namespace porchlight::core {

namespace detail {
extern const std::string_view kDemoCalendarIcs;  // assets/demo/calendar.ics, embedded by CMake
}  // namespace detail

namespace {

// SplitMix64: tiny, and gives the same sequence on every platform (std:: distributions do not).
class DemoRandom {
 public:
  explicit DemoRandom(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int below(int bound) { return static_cast<int>(next() % static_cast<std::uint64_t>(bound)); }
  bool chance(int percent) { return below(100) < percent; }
  template <class T, std::size_t N>
  const T& pick(const std::array<T, N>& items) {
    return items[static_cast<std::size_t>(below(static_cast<int>(N)))];
  }

 private:
  std::uint64_t state_;
};

constexpr std::array<const char*, 72> kFirstNames{
    "Maria",    "José",    "James",     "Linda",     "Robert",  "Patricia", "Michael", "Ana",     "David",
    "Jennifer", "Luis",    "Elizabeth", "William",   "Carmen",  "Richard",  "Susan",   "Jesús",   "Jessica",
    "Thomas",   "Sarah",   "Carlos",    "Karen",     "Daniel",  "Nancy",    "Miguel",  "Lisa",    "Anthony",
    "Betty",    "Ángel",   "Dorothy",   "Mark",      "Sandra",  "Juan",     "Ashley",  "Steven",  "Kimberly",
    "Paul",     "Donna",   "Andrew",    "Emily",     "Joshua",  "Michelle", "Kenneth", "Rosa",    "Kevin",
    "Brenda",   "Brian",   "Amanda",    "Francisco", "Melissa", "Timothy",  "Deborah", "Ronald",  "Stephanie",
    "Jorge",    "Rebecca", "Jason",     "Sharon",    "Edward",  "Laura",    "Jeffrey", "Cynthia", "Ryan",
    "Kathleen", "Jacob",   "Amy",       "Gary",      "Shirley", "Nicholas", "Angela",  "Eric",    "Lucía"};

constexpr std::array<const char*, 56> kLastNames{
    "García",   "Smith",    "Johnson", "Rodríguez", "Williams", "Martínez",  "Brown",    "Hernández",
    "Jones",    "López",    "Miller",  "González",  "Davis",    "Pérez",     "Wilson",   "Sánchez",
    "Anderson", "Ramírez",  "Thomas",  "Torres",    "Taylor",   "Flores",    "Moore",    "Rivera",
    "Jackson",  "Gómez",    "Martin",  "Díaz",      "Lee",      "Cruz",      "Thompson", "Reyes",
    "White",    "Morales",  "Harris",  "Ortiz",     "Clark",    "Gutiérrez", "Lewis",    "Chávez",
    "Robinson", "Ramos",    "Walker",  "Ruiz",      "Young",    "Álvarez",   "Allen",    "Mendoza",
    "King",     "Castillo", "Wright",  "Vásquez",   "Scott",    "Núñez",     "Green",    "Peña"};

// Reason codes weighted by how often a drop-in center sees them.
constexpr std::array<const char*, 20> kReasonPool{
    "drop-in", "drop-in", "drop-in",      "drop-in",      "drop-in",      "group",        "group",
    "group",   "group",   "peer-support", "peer-support", "peer-support", "resources",    "resources",
    "meal",    "meal",    "computer",     "wellness",     "recovery",     "mental-health"};

struct Person {
  std::string first;
  std::string last;
  int visits_per_fortnight = 2;  // how regular they are
  bool has_pin = false;
  bool spanish = false;
  bool came_before = false;  // had found the center before the demo weeks
  int first_day_offset = 0;  // otherwise: the day of the weeks on which they first come
  std::string birth_date;
  std::string id;  // set when registered
};

struct Arrival {
  Millis at = 0;
  int person = -1;  // -1: a guest
  std::vector<std::string> reasons;
  std::optional<int> mood;
  std::optional<Millis> leaves_at;
};

// The first letter of a name, whole even when it takes several UTF-8 bytes ("Á" of "Álvarez").
std::string first_letter(const std::string& name) {
  std::size_t length = 1;
  while (length < name.size() && (static_cast<unsigned char>(name[length]) & 0xC0) == 0x80) ++length;
  return name.substr(0, length);
}

// Opening hours: Monday to Friday 9-17, Saturday 10-14, closed Sunday.
bool open_on(LocalDate day) { return day.weekday() != 0; }

// A believable arrival time: most come late morning and around lunch.
std::pair<int, int> arrival_time(DemoRandom& random, LocalDate day) {
  if (day.weekday() == 6) return {10 + random.below(4), random.below(60)};
  const int roll = random.below(100);
  if (roll < 35) return {9 + random.below(3), random.below(60)};   // 9:00-11:59
  if (roll < 70) return {11 + random.below(3), random.below(60)};  // lunch 11:00-13:59
  return {14 + random.below(3), random.below(60)};                 // 14:00-16:59
}

std::vector<std::string> pick_reasons(DemoRandom& random) {
  std::vector<std::string> reasons{random.pick(kReasonPool)};
  if (random.chance(30)) {
    std::string second = random.pick(kReasonPool);
    if (second != reasons.front()) reasons.push_back(second);
  }
  return reasons;
}

}  // namespace

namespace detail {
extern const std::pair<std::string_view, std::string_view> kDemoDirectoryFiles[];
extern const int kDemoDirectoryFileCount;
}  // namespace detail

Result<std::int64_t> load_demo_directory(Store& store) {
  std::map<std::string, std::string> files;
  for (int i = 0; i < detail::kDemoDirectoryFileCount; ++i) {
    const auto& [name, contents] = detail::kDemoDirectoryFiles[i];
    files.emplace(std::string(name), std::string(contents));
  }
  PL_TRY_ASSIGN(report, import_directory(store, parse_hsds_csv_package(files)));
  if (!report.problems.empty()) return make_error("the demo directory has a bad row: " + report.problems.front().text());
  return report.services_total;
}

Result<DemoSummary> generate_demo(Store& store, const DemoOptions& options) {
  if (options.participants < 1 || options.weeks < 1) return make_error("the demo needs participants and weeks");
  {
    PL_TRY_ASSIGN(count, store.db().query("SELECT count(*) FROM participant"));
    PL_TRY_ASSIGN(existing, count.single_int());
    if (existing > 0) return make_error("the database already has participants; the demo fills only an empty one");
  }
  DemoRandom random(options.seed);
  const CenterTime& zone = store.center_time();

  std::vector<Person> people;
  for (int i = 0; i < options.participants; ++i) {
    Person person;
    person.first = random.pick(kFirstNames);
    person.last = random.pick(kLastNames);
    if (random.chance(12)) person.last = first_letter(person.last);  // some give only an initial
    const int kind = random.below(100);
    person.visits_per_fortnight = kind < 20 ? 4 + random.below(4) : kind < 55 ? 2 + random.below(2) : 1;
    person.has_pin = random.chance(8);
    person.spanish = random.chance(25);
    const int year = 1950 + random.below(55);
    person.birth_date = LocalDate{year, 1 + random.below(12), 1 + random.below(28)}.iso();
    person.came_before = random.chance(55);
    if (!person.came_before) person.first_day_offset = random.below(options.weeks * 7);
    people.push_back(std::move(person));
  }

  // Plan every arrival first, then replay them in time order so "first visit" and registrations line up.
  std::vector<Arrival> arrivals;
  const LocalDate first_day = options.today.plus_days(-(options.weeks * 7) + 1);
  for (LocalDate day = first_day; day <= options.today; day = day.plus_days(1)) {
    if (!open_on(day)) continue;
    auto plan = [&](int person) {
      const auto [hour, minute] = arrival_time(random, day);
      Arrival arrival;
      arrival.at = zone.at_local(day, hour, minute) + random.below(60) * 1000;
      arrival.person = person;
      arrival.reasons = pick_reasons(random);
      if (random.chance(60)) arrival.mood = 2 + random.below(4);
      if (random.chance(70)) arrival.leaves_at = arrival.at + (30 + random.below(150)) * 60'000;
      if (arrival.at > options.now) return;  // later today has not happened yet
      if (arrival.leaves_at && *arrival.leaves_at > options.now) arrival.leaves_at.reset();
      arrivals.push_back(std::move(arrival));
    };
    const int day_offset = day.days_since_epoch() - first_day.days_since_epoch();
    for (int p = 0; p < static_cast<int>(people.size()); ++p) {
      const Person& person = people[static_cast<std::size_t>(p)];
      // New people keep arriving through the weeks; then, each of the 12 open days of a fortnight, a person
      // comes with chance visits/12 (a newcomer always comes on their first day).
      if (day_offset < person.first_day_offset) continue;
      const bool first_time = !person.came_before && day_offset == person.first_day_offset;
      if (first_time || random.below(12) < person.visits_per_fortnight) {
        plan(p);
        if (random.chance(3)) plan(p);  // back again later the same day
      }
    }
    const int guests = random.below(4);
    for (int g = 0; g < guests; ++g) plan(-1);
  }
  // Over half the people had found the center before these weeks: one earlier visit, 1 to 12 months back,
  // so reports show returning people as well as new ones.
  for (int p = 0; p < static_cast<int>(people.size()); ++p) {
    if (!people[static_cast<std::size_t>(p)].came_before) continue;
    LocalDate day = first_day.plus_days(-(30 + random.below(330)));
    while (!open_on(day)) day = day.plus_days(1);
    const auto [hour, minute] = arrival_time(random, day);
    Arrival arrival;
    arrival.at = zone.at_local(day, hour, minute);
    arrival.person = p;
    arrival.reasons = pick_reasons(random);
    arrival.leaves_at = arrival.at + (30 + random.below(150)) * 60'000;
    arrivals.push_back(std::move(arrival));
  }
  std::sort(arrivals.begin(), arrivals.end(), [](const Arrival& a, const Arrival& b) { return a.at < b.at; });

  const Clock* original_clock = store.clock();
  ManualClock clock(arrivals.empty() ? options.now : arrivals.front().at);
  store.set_clock(&clock);
  struct RestoreClock {
    Store& store;
    const Clock* clock;
    ~RestoreClock() { store.set_clock(clock); }
  } restore{store, original_clock};

  DemoSummary summary;
  PL_TRY_ASSIGN(transaction, store.db().begin());             // one commit for the whole demo, not thousands
  clock.set(zone.at_local(first_day.plus_days(-365), 9, 0));  // staff were there before anyone came
  PL_TRY(add_staff(store, "Sam Rivera", StaffRole::Peer, "1234"));
  PL_TRY(add_staff(store, "Alex Morgan", StaffRole::Admin, "4321"));
  PL_TRY(add_staff(store, "Jordan Lee", StaffRole::Peer, "2468"));
  summary.staff = 3;
  // 555-01xx numbers are reserved for fiction: a demo must never send someone in crisis to a stranger's phone.
  PL_TRY(set_crisis_lines(store, {{"County crisis line (demo)", "Línea de crisis del condado (demo)", "(555) 010-0143"},
                                  {"Peer warmline (demo)", "Línea de apoyo entre pares (demo)", "(555) 010-0176"}}));

  // The groups (assets/demo/calendar.ics, in floating time so they keep their hours in any zone), and
  // this week's exceptions: the art studio's facilitator is away, and job club moves to the main hall.
  PL_TRY_ASSIGN(imported, import_calendar(store, detail::kDemoCalendarIcs, std::nullopt));
  summary.groups = imported.created + imported.updated;
  std::unordered_map<int, std::vector<Session>> sessions_by_day;
  auto sessions_of = [&](LocalDate day) -> Result<const std::vector<Session>*> {
    auto found = sessions_by_day.find(day.days_since_epoch());
    if (found == sessions_by_day.end()) {
      PL_TRY_ASSIGN(sessions, sessions_on(store, day));
      found = sessions_by_day.emplace(day.days_since_epoch(), std::move(sessions)).first;
    }
    return &found->second;
  };
  {
    PL_TRY_ASSIGN(week, sessions_between(store, options.today, options.today.plus_days(6)));
    bool art_done = false, job_done = false;
    for (const auto& session : week) {
      if (session.start <= options.now) continue;
      if (!art_done && session.group_uid == "art-studio@demo.porchlight") {
        PL_TRY(cancel_session(store, session.key, std::nullopt));
        art_done = true;
      } else if (!job_done && session.group_uid == "job-club@demo.porchlight") {
        LocalDateTime moved = session.occurrence;
        moved.date = moved.date.plus_days(-1);
        PL_TRY(move_session(store, session.key, moved, std::nullopt, std::string("Main hall"), std::nullopt));
        job_done = true;
      }
    }
  }

  std::vector<std::pair<Millis, std::string>> departures;
  for (const auto& arrival : arrivals) {
    clock.set(arrival.at);
    SignIn visit;
    visit.reasons = arrival.reasons;
    visit.mood = arrival.mood;
    if (arrival.person >= 0) {
      Person& person = people[static_cast<std::size_t>(arrival.person)];
      if (person.id.empty()) {
        NewParticipant details;
        details.first_name = person.first;
        details.last_name = person.last;
        details.language = person.spanish ? "es" : "en";
        details.birth_date = person.birth_date;
        if (person.has_pin) details.pin = std::to_string(1000 + random.below(9000));
        details.consent_record = true;
        details.consent_contact = random.chance(40);
        details.consent_share = random.chance(50);
        PL_TRY_ASSIGN(id, register_participant(store, details));
        person.id = id;
        ++summary.participants;
      }
      visit.participant_id = person.id;
    }
    PL_TRY_ASSIGN(visit_id, sign_in(store, visit));
    ++summary.visits;
    // Someone who came for a group joins one starting from half an hour before to three hours after they
    // arrive; past sessions are marked attended for most of those who joined.
    const bool for_group = std::find(visit.reasons.begin(), visit.reasons.end(), "group") != visit.reasons.end();
    if (for_group && visit.participant_id && arrival.at >= zone.at_local(first_day, 0, 0)) {
      PL_TRY_ASSIGN(today_sessions, sessions_of(zone.date_of(arrival.at)));
      std::vector<const Session*> candidates;
      for (const auto& session : *today_sessions) {
        if (!session.cancelled && session.start >= arrival.at - 30 * 60'000 && session.start <= arrival.at + 3 * 3'600'000) {
          candidates.push_back(&session);
        }
      }
      if (!candidates.empty()) {
        const Session& chosen = *candidates[static_cast<std::size_t>(random.below(static_cast<int>(candidates.size())))];
        JoinRequest join{chosen.key, *visit.participant_id, visit_id, std::nullopt,
                         chosen.end <= options.now && random.chance(85)};
        PL_TRY_ASSIGN(outcome, join_session(store, join));
        if (outcome == JoinOutcome::Joined) ++summary.group_joins;
      }
    }
    if (arrival.leaves_at) departures.emplace_back(*arrival.leaves_at, visit_id);
  }
  std::sort(departures.begin(), departures.end());
  for (const auto& [at, visit_id] : departures) {
    clock.set(at);
    PL_TRY(sign_out(store, visit_id));
  }
  PL_TRY(transaction.commit());
  PL_TRY_ASSIGN(services, load_demo_directory(store));
  summary.services = services;
  return summary;
}

}  // namespace porchlight::core
