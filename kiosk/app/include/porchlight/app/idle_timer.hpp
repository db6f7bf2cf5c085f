#pragma once
// After `timeout` without a touch everything typed is wiped; the last `countdown` of it is shown to the participant.
#include <optional>

#include "porchlight/core/clock.hpp"

namespace porchlight::app {

class IdleTimer {
 public:
  IdleTimer(core::Millis timeout, core::Millis countdown) : timeout_(timeout), countdown_(countdown) {}

  void touch(core::Millis now) { last_touch_ = now; }
  [[nodiscard]] core::Millis remaining(core::Millis now) const;
  [[nodiscard]] bool expired(core::Millis now) const { return remaining(now) <= 0; }
  // Whole seconds left (rounded up) during the countdown; nullopt before it.
  [[nodiscard]] std::optional<int> countdown_seconds(core::Millis now) const;
  // How long until the display must change (the countdown starts, its number changes, or it expires).
  [[nodiscard]] core::Millis until_next_change(core::Millis now) const;
  [[nodiscard]] core::Millis timeout() const { return timeout_; }

 private:
  core::Millis timeout_;
  core::Millis countdown_;
  core::Millis last_touch_ = 0;
};

}  // namespace porchlight::app
