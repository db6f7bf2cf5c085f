#pragma once
// A USB barcode scanner is a keyboard: it types a member card's code ("PL7K3M9QXA") and then Enter, all within a
// few milliseconds. CardScanBuffer collects those characters on Welcome; a pause of more than `kMaxGap` between
// characters (a person typing, not a scanner) starts over.
#include <string>

#include "porchlight/core/clock.hpp"

namespace porchlight::app {

struct CardScanBuffer {
  static constexpr core::Millis kMaxGap = 1'000;
  static constexpr std::size_t kMaxLength = 64;  // longer is not a card: start over

  std::string code;
  core::Millis last_at = 0;

  // A character the scanner typed at `now`; only printable ASCII is kept (card codes are letters and digits).
  void add(unsigned int character, core::Millis now);
  // The code when Enter is pressed at `now`, if the last character came recently; the buffer is emptied either way.
  [[nodiscard]] std::string take(core::Millis now);
  [[nodiscard]] bool stale(core::Millis now) const { return now - last_at > kMaxGap; }
  void clear() { *this = CardScanBuffer{}; }
};

}  // namespace porchlight::app
