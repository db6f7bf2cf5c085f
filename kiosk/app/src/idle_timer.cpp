#include "porchlight/app/idle_timer.hpp"

#include <algorithm>

namespace porchlight::app {

core::Millis IdleTimer::remaining(core::Millis now) const {
  return std::max<core::Millis>(0, last_touch_ + timeout_ - now);
}

std::optional<int> IdleTimer::countdown_seconds(core::Millis now) const {
  const core::Millis left = remaining(now);
  if (left <= 0 || left > countdown_) return std::nullopt;
  return static_cast<int>((left + 999) / 1000);
}

core::Millis IdleTimer::until_next_change(core::Millis now) const {
  const core::Millis left = remaining(now);
  if (left > countdown_) return left - countdown_;
  if (left <= 0) return 0;
  const core::Millis into_second = left % 1000;
  return into_second == 0 ? 1000 : into_second;
}

}  // namespace porchlight::app
