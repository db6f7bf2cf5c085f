#pragma once
#include <cstdint>

namespace porchlight::formats {

// Milliseconds since the Unix epoch, UTC: how every time is stored.
using Millis = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Millis now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Millis now() const override;
};

// A clock that stands still until told otherwise: tests, the demo generator, simulations.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Millis start) : now_(start) {}
  Millis now() const override { return now_; }
  void set(Millis now) { now_ = now; }
  void advance(Millis by) { now_ += by; }

 private:
  Millis now_;
};

}  // namespace porchlight::formats
