#pragma once
// Lets a worker thread (the sync client, a printer job) wake the UI loop out of its sleep.

#include <memory>

namespace porchlight::platform {

namespace detail {
struct WakeChannel;
}

class Waker {
 public:
  Waker() = default;  // wakes nothing; for code that runs without a window (tests, admin tools)
  explicit Waker(std::shared_ptr<detail::WakeChannel> channel);

  // Thread-safe. Safe after the window is gone (then it does nothing), so workers may outlive the window briefly.
  void wake() const noexcept;

 private:
  std::shared_ptr<detail::WakeChannel> channel_;
};

}  // namespace porchlight::platform
