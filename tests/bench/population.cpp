#include "population.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <span>
#include <unordered_map>

#include "names.hpp"
#include "porchlight/core/pin.hpp"
#include "porchlight/core/text.hpp"
#include "porchlight/core/visits.hpp"

namespace porchlight::bench {

namespace core = porchlight::core;

std::uint64_t Random::next() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

double Random::unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

int Random::below(int bound) { return static_cast<int>(next() % static_cast<std::uint64_t>(bound)); }

std::size_t Random::below(std::size_t bound) { return static_cast<std::size_t>(next() % bound); }

namespace {

// Picks from a list ordered commonest first with weight 1/(rank + flatness): a long tail, a few very common.
class RankedNames {
 public:
  RankedNames(std::span<const char* const> names, double flatness) {
    double total = 0;
    for (std::size_t rank = 0; rank < names.size(); ++rank) {
      if (std::find(names_.begin(), names_.end(), names[rank]) != names_.end()) continue;
      names_.emplace_back(names[rank]);
      total += 1.0 / (static_cast<double>(rank) + flatness);
      cumulative_.push_back(total);
    }
    for (auto& bound : cumulative_) bound /= total;
  }

  const std::string& pick(Random& random) const {
    const auto found = std::upper_bound(cumulative_.begin(), cumulative_.end(), random.unit());
    const auto index = std::min<std::size_t>(static_cast<std::size_t>(found - cumulative_.begin()), names_.size() - 1);
    return names_[index];
  }

 private:
  std::vector<std::string> names_;
  std::vector<double> cumulative_;
};

struct NameBook {
  RankedNames english_first{english_first_names(), 12};
  RankedNames spanish_first{spanish_first_names(), 8};
  RankedNames other_first{other_first_names(), 10};
  RankedNames english_last{english_surnames(), 30};
  RankedNames spanish_last{spanish_surnames(), 20};
  RankedNames other_last{other_surnames(), 15};
};

const NameBook& name_book() {
  static const NameBook book;  // built once; read-only afterwards
  return book;
}

// The first letter as written ("Á" from "Álvarez"): how people give only an initial.
std::string initial_of(const std::string& surname) {
  std::size_t length = 1;
  while (length < surname.size() && (static_cast<unsigned char>(surname[length]) & 0xC0) == 0x80) ++length;
  return surname.substr(0, length);
}

std::string uuid_v7_at(core::Millis ms, Random& random) {
  const auto unix_ms = static_cast<std::uint64_t>(ms);
  const std::uint64_t high = (unix_ms << 16) | 0x7000 | (random.next() & 0x0FFF);
  const std::uint64_t low = (random.next() & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
  char text[40];
  std::snprintf(text, sizeof text, "%08llx-%04llx-%04llx-%04llx-%012llx", static_cast<unsigned long long>(high >> 32),
                static_cast<unsigned long long>((high >> 16) & 0xFFFF), static_cast<unsigned long long>(high & 0xFFFF),
                static_cast<unsigned long long>(low >> 48), static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
  return text;
}

// Member-card codes as register_participant makes them ("PL" and 8 of 31 unambiguous characters), but
// derived from the registration position through a bijection so a million of them never collide.
std::string card_code_for(std::size_t position) {
  static constexpr char kAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  constexpr std::uint64_t kSpace = 852891037441ULL;  // 31^8
  constexpr std::uint64_t kStride = 2654435761ULL;   // not a multiple of 31, so i -> i * stride is one-to-one
  std::uint64_t value = (static_cast<std::uint64_t>(position) * kStride + 12345) % kSpace;
  std::string code = "PL";
  std::string digits;
  for (int i = 0; i < 8; ++i) {
    digits.push_back(kAlphabet[value % 31]);
    value /= 31;
  }
  code.append(digits.rbegin(), digits.rend());
  return code;
}

std::string ascii_letters(const std::string& folded) {
  std::string letters;
  for (char c : folded) {
    if (c >= 'a' && c <= 'z') letters.push_back(c);
  }
  return letters.empty() ? "friend" : letters;
}

// When people come: Monday to Saturday (closed Sundays), Saturday quieter, the center busier as it grows
// over the two years; 9:00 to 18:59 with the lunch peak.
class VisitCalendar {
 public:
  VisitCalendar(const core::CenterTime& time, const CenterPlan& plan) : time_(&time) {
    const int first = plan.first_day.days_since_epoch();
    const int last = plan.last_day.days_since_epoch();
    double total = 0;
    for (int day = first; day <= last; ++day) {
      const auto date = core::LocalDate::from_days_since_epoch(day);
      const int weekday = date.weekday();
      if (weekday == 0) continue;
      const double growth = 0.8 + 0.4 * static_cast<double>(day - first) / std::max(1, last - first);
      total += (weekday == 6 ? 0.5 : 1.0) * growth;
      days_.push_back(date);
      day_cumulative_.push_back(total);
    }
    for (auto& bound : day_cumulative_) bound /= total;
    static constexpr std::array<double, 10> kHourWeights{6, 10, 12, 14, 12, 10, 9, 7, 4, 2};  // 9:00 .. 18:00
    double hours = 0;
    for (double weight : kHourWeights) hour_cumulative_.push_back(hours += weight);
    for (auto& bound : hour_cumulative_) bound /= hours;
  }

  core::Millis random_instant(Random& random) const {
    return random_instant_on(days_[pick(day_cumulative_, random)], random);
  }

  core::Millis random_instant_on(core::LocalDate day, Random& random) const {
    const int hour = 9 + static_cast<int>(pick(hour_cumulative_, random));
    const core::Millis at = time_->at_local(day, hour, random.below(60));
    return at + random.below(60) * 1000 + random.below(1000);
  }

  const std::vector<core::LocalDate>& days() const { return days_; }

 private:
  static std::size_t pick(const std::vector<double>& cumulative, Random& random) {
    const auto found = std::upper_bound(cumulative.begin(), cumulative.end(), random.unit());
    return std::min<std::size_t>(static_cast<std::size_t>(found - cumulative.begin()), cumulative.size() - 1);
  }

  const core::CenterTime* time_;
  std::vector<core::LocalDate> days_;
  std::vector<double> day_cumulative_;
  std::vector<double> hour_cumulative_;
};

// How often each reason is chosen, as a drop-in center sees them; a reason the list has and this table
// does not gets weight 1.
double reason_weight(const std::string& code) {
  static const std::unordered_map<std::string, double> kWeights{
      {"drop-in", 10}, {"group", 8},    {"peer-support", 6}, {"resources", 4},     {"computer", 3},
      {"meal", 4},     {"wellness", 2}, {"recovery", 2},     {"mental-health", 2}, {"volunteer", 1}};
  const auto found = kWeights.find(code);
  return found == kWeights.end() ? 1.0 : found->second;
}

}  // namespace

PersonName random_person_name(Random& random) {
  const NameBook& book = name_book();
  PersonName name;
  const double origin = random.unit();
  if (origin < 0.35) {
    name.spanish = true;
    name.first = random.chance(0.75) ? book.spanish_first.pick(random) : book.english_first.pick(random);
    const double shape = random.unit();
    if (shape < 0.03) {
      name.last = initial_of(book.spanish_last.pick(random));
    } else if (shape < 0.25) {
      // Both family names, as many Spanish speakers write them.
      const std::string father = book.spanish_last.pick(random);
      std::string mother = book.spanish_last.pick(random);
      if (mother == father) mother = book.spanish_last.pick(random);
      name.last = father + " " + mother;
    } else {
      name.last = book.spanish_last.pick(random);
    }
  } else if (origin < 0.42) {
    name.first = random.chance(0.8) ? book.other_first.pick(random) : book.english_first.pick(random);
    name.last = random.chance(0.85) ? book.other_last.pick(random) : book.english_last.pick(random);
  } else {
    name.first = book.english_first.pick(random);
    const double shape = random.unit();
    if (shape < 0.03) {
      name.last = initial_of(book.english_last.pick(random));
    } else if (shape < 0.05) {
      name.last = book.english_last.pick(random) + "-" + book.english_last.pick(random);
    } else if (shape < 0.09) {
      name.last = book.spanish_last.pick(random);
    } else {
      name.last = book.english_last.pick(random);
    }
  }
  return name;
}

core::Result<SyntheticCenter> SyntheticCenter::plan(core::Store& store, const CenterPlan& plan) {
  SyntheticCenter center;
  center.plan_ = plan;
  Random random(plan.seed);

  PL_TRY_ASSIGN(reasons, core::list_reasons(store));
  if (reasons.empty()) return core::make_error("the store has no active visit reasons");
  std::vector<double> reason_cumulative;
  double reason_total = 0;
  for (const auto& reason : reasons) {
    center.reason_codes_.push_back(reason.code);
    reason_cumulative.push_back(reason_total += reason_weight(reason.code));
  }
  auto pick_reason = [&]() {
    const auto found =
        std::upper_bound(reason_cumulative.begin(), reason_cumulative.end(), random.unit() * reason_total);
    return static_cast<std::uint8_t>(
        std::min<std::size_t>(static_cast<std::size_t>(found - reason_cumulative.begin()), reasons.size() - 1));
  };

  // A handful of real Argon2id hashes shared out: a PIN's only effect on lookup is has_pin.
  for (int i = 0; i < 16; ++i) {
    char pin[8];
    std::snprintf(pin, sizeof pin, "%04d", random.below(10000));
    PL_TRY_ASSIGN(hash, core::hash_pin(pin, core::PinHashCost::Fast));
    center.pin_hashes_.push_back(std::move(hash));
  }

  const VisitCalendar calendar(store.center_time(), plan);
  center.open_days_ = calendar.days();

  // When the visits happen, in time order.
  center.visits_.resize(plan.visits);
  const std::size_t typical = std::min(plan.typical_day_visits, plan.visits);
  for (std::size_t i = 0; i < plan.visits; ++i) {
    center.visits_[i].signed_in_at = i < plan.visits - typical ? calendar.random_instant(random)
                                                               : calendar.random_instant_on(plan.typical_day(), random);
  }
  std::sort(center.visits_.begin(), center.visits_.end(),
            [](const PlannedVisit& a, const PlannedVisit& b) { return a.signed_in_at < b.signed_in_at; });

  // Who comes: a few regulars make many of the visits, most people come a few times or never again.
  // Drawing n * u^2 gives the person at rank r a share proportional to 1/sqrt(r).
  const std::size_t n = plan.participants;
  std::vector<std::optional<core::Millis>> first_visit(n);
  std::vector<std::int64_t> person_of_visit(center.visits_.size(), -1);
  for (std::size_t i = 0; i < center.visits_.size(); ++i) {
    auto& visit = center.visits_[i];
    if (n > 0 && !random.chance(0.08)) {
      const double u = random.unit();
      const auto person = std::min(n - 1, static_cast<std::size_t>(static_cast<double>(n) * u * u));
      person_of_visit[i] = static_cast<std::int64_t>(person);
      if (!first_visit[person]) first_visit[person] = visit.signed_in_at;
    }
    if (random.chance(0.35)) visit.signed_out_at = visit.signed_in_at + (20 + random.below(220)) * 60'000;
    if (random.chance(0.6)) {
      const double mood = random.unit();
      visit.mood = mood < 0.05 ? 1 : mood < 0.15 ? 2 : mood < 0.50 ? 3 : mood < 0.85 ? 4 : 5;
    }
    const double count = random.unit();
    visit.reason_count = count < 0.75 ? 1 : count < 0.95 ? 2 : 3;
    for (std::uint8_t r = 0; r < visit.reason_count; ++r) {
      std::uint8_t code = pick_reason();
      // Distinct reasons per visit (the table's key); a short list may run out, so stop trying after a few.
      for (int attempt = 0; attempt < 8 && std::find(visit.reasons.begin(), visit.reasons.begin() + r, code) !=
                                               visit.reasons.begin() + r;
           ++attempt) {
        code = pick_reason();
      }
      if (std::find(visit.reasons.begin(), visit.reasons.begin() + r, code) != visit.reasons.begin() + r) {
        visit.reason_count = r;
        break;
      }
      visit.reasons[r] = code;
    }
  }

  // Who they are; people register at the kiosk just before their first sign-in, others were entered by
  // staff at some point and have not come yet.
  std::vector<PlannedPerson> people(n);
  for (std::size_t p = 0; p < n; ++p) {
    auto& person = people[p];
    person.name = random_person_name(random);
    person.language = person.name.spanish && random.chance(0.6) ? "es" : "en";
    if (random.chance(0.25)) person.pin = random.below(static_cast<int>(center.pin_hashes_.size()));
    if (random.chance(0.45)) {
      static constexpr int kAreaCodes[] = {617, 857, 781, 508, 978, 413};
      char phone[24];
      std::snprintf(phone, sizeof phone, "%d-%03d-%04d", kAreaCodes[random.below(6)], 200 + random.below(800),
                    random.below(10000));
      person.phone = phone;
    }
    if (random.chance(0.2)) {
      person.email = ascii_letters(core::fold_for_search(person.name.first)) + "." +
                     ascii_letters(core::fold_for_search(person.name.last)) + std::to_string(random.below(100)) +
                     "@example.org";
    }
    if (random.chance(0.55)) {
      char date[16];
      std::snprintf(date, sizeof date, "%04d-%02d-%02d", 1946 + random.below(61), 1 + random.below(12),
                    1 + random.below(28));
      person.birth_date = date;
    }
    person.consent_contact = (person.phone || person.email) && random.chance(0.8);
    person.consent_share = random.chance(0.3);
    person.first_visit_at = first_visit[p];
    person.created_at =
        first_visit[p] ? *first_visit[p] - (30 + random.below(150)) * 1000 : calendar.random_instant(random);
  }

  // Registration order: the order rows go in, and what "the first 100k" means.
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return people[a].created_at < people[b].created_at; });
  std::vector<std::int64_t> position_of(n);
  center.people_.reserve(n);
  for (std::size_t position = 0; position < n; ++position) {
    position_of[order[position]] = static_cast<std::int64_t>(position);
    PlannedPerson person = std::move(people[order[position]]);
    person.id = uuid_v7_at(person.created_at, random);
    // A few duplicates that staff have merged: never came under this record, point at an earlier one.
    if (!person.first_visit_at && position > 0 && random.chance(0.001)) {
      const std::size_t kept = random.below(position);
      if (!center.people_[kept].merged_into) person.merged_into = kept;
    }
    if (!person.merged_into) person.card_code = card_code_for(position);
    center.people_.push_back(std::move(person));
  }
  for (std::size_t i = 0; i < center.visits_.size(); ++i) {
    if (person_of_visit[i] >= 0) {
      center.visits_[i].person = position_of[static_cast<std::size_t>(person_of_visit[i])];
    }
  }
  return center;
}

std::size_t SyntheticCenter::visit_reason_count() const {
  std::size_t count = 0;
  for (const auto& visit : visits_) count += visit.reason_count;
  return count;
}

core::Result<void> SyntheticCenter::insert_participants(core::Store& store, std::size_t from, std::size_t to) const {
  to = std::min(to, people_.size());
  const auto& center = store.center();
  std::unordered_map<std::string, std::string> folded;  // many people share a name; fold each name once
  auto fold = [&](const std::string& name) -> const std::string& {
    auto found = folded.find(name);
    if (found == folded.end()) found = folded.emplace(name, core::fold_for_search(name)).first;
    return found->second;
  };

  PL_TRY_ASSIGN(transaction, store.db().begin());
  PL_TRY_ASSIGN(insert, store.db().query(
                            "INSERT INTO participant (id, first_name, last_name, first_key, last_key, pin_hash, phone, "
                            "email, birth_date, language, consent_record, consent_contact, consent_share, merged_into, "
                            "center_id, device_id, created_at, updated_at, first_visit_at, card_code) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1, ?11, ?12, ?13, ?14, ?15, ?16, ?16, "
                            "?17, ?18)"));
  for (std::size_t position = from; position < to; ++position) {
    const PlannedPerson& person = people_[position];
    insert.bind(1, person.id)
        .bind(2, person.name.first)
        .bind(3, person.name.last)
        .bind(4, fold(person.name.first))
        .bind(5, fold(person.name.last))
        .bind(7, person.phone)
        .bind(8, person.email)
        .bind(9, person.birth_date)
        .bind(10, person.language)
        .bind(11, person.consent_contact)
        .bind(12, person.consent_share)
        .bind(14, center.center_id)
        .bind(15, center.device_id)
        .bind(16, person.created_at)
        .bind(17, person.first_visit_at)
        .bind(18, person.card_code);
    if (person.pin >= 0) {
      insert.bind(6, pin_hashes_[static_cast<std::size_t>(person.pin)]);
    } else {
      insert.bind(6, std::nullopt);
    }
    if (person.merged_into) {
      insert.bind(13, people_[*person.merged_into].id);
    } else {
      insert.bind(13, std::nullopt);
    }
    PL_TRY(insert.run());
    insert.reset();
  }
  return transaction.commit();
}

core::Result<void> SyntheticCenter::insert_visits(core::Store& store) const {
  const auto& center = store.center();
  Random random(plan_.seed ^ 0x5649534954ULL);  // its own stream, so visit ids do not depend on call order
  PL_TRY_ASSIGN(transaction, store.db().begin());
  PL_TRY_ASSIGN(insert,
                store.db().query("INSERT INTO visit (id, participant_id, guest, signed_in_at, signed_out_at, mood, "
                                 "signed_in_by, center_id, device_id, created_at, updated_at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7, ?8, ?4, ?9)"));
  PL_TRY_ASSIGN(add_reason, store.db().query("INSERT INTO visit_reason (visit_id, reason_code) VALUES (?1, ?2)"));
  for (const PlannedVisit& visit : visits_) {
    const std::string id = uuid_v7_at(visit.signed_in_at, random);
    // Plain if/else rather than std::optional: GCC 12 at -O3 warns (wrongly) that an optional may be unset.
    if (visit.person >= 0) {
      insert.bind(2, people_[static_cast<std::size_t>(visit.person)].id);
    } else {
      insert.bind(2, std::nullopt);
    }
    if (visit.signed_out_at != 0) {
      insert.bind(5, visit.signed_out_at);
    } else {
      insert.bind(5, std::nullopt);
    }
    if (visit.mood != 0) {
      insert.bind(6, visit.mood);
    } else {
      insert.bind(6, std::nullopt);
    }
    PL_TRY(insert.bind(1, id)
               .bind(3, visit.person < 0)
               .bind(4, visit.signed_in_at)
               .bind(7, center.center_id)
               .bind(8, center.device_id)
               .bind(9, visit.signed_out_at != 0 ? visit.signed_out_at : visit.signed_in_at)
               .run());
    insert.reset();
    for (std::uint8_t r = 0; r < visit.reason_count; ++r) {
      PL_TRY(add_reason.bind(1, id).bind(2, reason_codes_[visit.reasons[r]]).run());
      add_reason.reset();
    }
  }
  return transaction.commit();
}

core::Result<void> use_bulk_load_settings(core::Store& store) {
  return store.db().exec("PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576;");  // 1 GiB of cache
}

core::Result<void> finish_bulk_load(core::Store& store) {
  PL_TRY(store.db().exec("PRAGMA synchronous=FULL"));
  return store.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

}  // namespace porchlight::bench
