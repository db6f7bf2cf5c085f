#pragma once
// Shared between the window (which owns GLFW) and every Waker handed out to worker threads.

#include <atomic>
#include <mutex>

namespace porchlight::platform::detail {

struct WakeChannel {
  // glfwPostEmptyEvent may be called from any thread, but not during or after glfwTerminate.
  std::mutex glfw_lifetime_mutex;
  bool glfw_running = true;  // guarded by glfw_lifetime_mutex
  std::atomic<bool> wake_requested{false};

  void wake() noexcept;
  bool take_wake_request() noexcept { return wake_requested.exchange(false); }
  void close_before_glfw_terminates() noexcept;
};

}  // namespace porchlight::platform::detail
