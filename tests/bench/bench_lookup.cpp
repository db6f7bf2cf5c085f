#include <algorithm>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "measurements.hpp"
#include "porchlight/core/participants.hpp"
#include "porchlight/core/text.hpp"

namespace porchlight::bench {

namespace {

// How people type on the kiosk: as written, without accents in lower case, with accents in lower case,
// in capitals, or with the shift key misbehaving. Only Latin-1 letters change case here; that is enough
// to exercise case folding beyond ASCII ("JOSÉ", "josé").
std::string change_case(const std::string& text, bool upper, Random* random_mix) {
  std::string out = text;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const bool to_upper = random_mix ? random_mix->chance(0.5) : upper;
    auto byte = static_cast<unsigned char>(out[i]);
    if (byte < 0x80) {
      if (to_upper && byte >= 'a' && byte <= 'z') out[i] = static_cast<char>(byte - 32);
      if (!to_upper && byte >= 'A' && byte <= 'Z') out[i] = static_cast<char>(byte + 32);
    } else if (byte == 0xC3 && i + 1 < out.size()) {
      auto next = static_cast<unsigned char>(out[i + 1]);
      if (to_upper && next >= 0xA0 && next <= 0xBE && next != 0xB7) out[i + 1] = static_cast<char>(next - 0x20);
      if (!to_upper && next >= 0x80 && next <= 0x9E && next != 0x97) out[i + 1] = static_cast<char>(next + 0x20);
      ++i;
    }
  }
  return out;
}

std::string as_typed(const std::string& name, Random& random) {
  const double style = random.unit();
  if (style < 0.40) return name;                               // "María García"
  if (style < 0.70) return core::fold_for_search(name);        // "maria garcia"
  if (style < 0.85) return change_case(name, false, nullptr);  // "maría garcía"
  if (style < 0.93) return change_case(name, true, nullptr);   // "MARÍA GARCÍA"
  return change_case(name, false, &random);                    // "mARíA gArCÍa"
}

// Every prefix that ends on a whole character: what the screen holds after each key press.
std::vector<std::string> keystrokes(const std::string& typed) {
  std::vector<std::string> prefixes;
  for (std::size_t end = 1; end <= typed.size(); ++end) {
    if (end < typed.size() && (static_cast<unsigned char>(typed[end]) & 0xC0) == 0x80) continue;
    prefixes.push_back(typed.substr(0, end));
  }
  return prefixes;
}

struct Typing {
  std::string pattern;
  std::string text;
};

// Fixed cases worth seeing every run: accents typed and not, capitals, particles, apostrophes, and
// two-word first names.
const std::vector<std::string>& hand_picked_typing() {
  static const std::vector<std::string> kTyped{
      "josé",          "José G", "JOSÉ GARCÍA", "MaRiA",   "maria jose",   "María José", "garcía",
      "GARCIA",        "nuñez",  "Núñez",       "de la c", "de la cruz",   "o'b",        "mary ann",
      "juan carlos r", "zoë",    "Ángel",       "angel",   "garcia maria", "łukasik",    "nguyen t"};
  return kTyped;
}

}  // namespace

LookupFigures measure_lookup(core::Store& store, Random& random, std::size_t names) {
  std::vector<Typing> typings;
  {
    auto count_query = expect(store.db().query("SELECT max(rowid) FROM participant"), "counting participants");
    const auto max_rowid = expect(count_query.single_int(), "counting participants");
    auto name_query = expect(store.db().query("SELECT first_name, last_name FROM participant "
                                              "WHERE rowid = ?1 AND merged_into IS NULL"),
                             "reading names");
    while (typings.size() < names && max_rowid > 0) {
      name_query.bind(1, 1 + static_cast<std::int64_t>(random.below(static_cast<std::size_t>(max_rowid))));
      const bool found = expect(name_query.step(), "reading a name");
      if (found) {
        const std::string first = name_query.text(0);
        const std::string last = name_query.text(1);
        const double pattern = random.unit();
        if (pattern < 0.5) {
          typings.push_back({"first then last", as_typed(first, random) + " " + as_typed(last, random)});
        } else if (pattern < 0.8) {
          typings.push_back({"last only", as_typed(last, random)});
        } else {
          typings.push_back({"last then first", as_typed(last, random) + " " + as_typed(first, random)});
        }
      }
      name_query.reset();
    }
  }
  for (const auto& text : hand_picked_typing()) typings.push_back({"hand-picked", text});

  // Prepares the statements and warms the page cache as a kiosk that has been running would have.
  for (std::size_t i = 0; i < std::min<std::size_t>(typings.size(), 5); ++i) {
    for (const auto& typed : keystrokes(typings[i].text))
      (void)expect(core::find_participants(store, typed, 8), "warm-up");
  }

  Samples all;
  std::map<std::string, Samples> by_pattern;
  LookupFigures figures;
  for (const auto& typing : typings) {
    for (const auto& typed : keystrokes(typing.text)) {
      const auto start = BenchClock::now();
      auto matches = core::find_participants(store, typed, 8);
      const auto elapsed = BenchClock::now() - start;
      if (!matches) throw BenchFailure("looking up '" + typed + "': " + matches.error().message);
      all.add(elapsed);
      by_pattern[typing.pattern].add(elapsed);
      figures.slowest.emplace_back(
          std::chrono::duration<double, std::milli>(elapsed).count(),
          typing.pattern + ": \"" + typed + "\" (" + std::to_string(matches->size()) + " shown)");
    }
  }
  std::sort(figures.slowest.begin(), figures.slowest.end(), std::greater<>());
  figures.slowest.resize(std::min<std::size_t>(figures.slowest.size(), 8));
  figures.all = all.summary();
  for (const auto& [pattern, samples] : by_pattern) figures.by_pattern[pattern] = samples.summary();
  return figures;
}

}  // namespace porchlight::bench
