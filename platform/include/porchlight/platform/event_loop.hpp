#pragma once
// The kiosk sleeps until something happens. Each reason to wake is named, and after each one a few more frames
// are drawn because Dear ImGui needs them to settle (a tap's release, hover clearing, windows fitting content).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "porchlight/platform/waker.hpp"

namespace porchlight::platform {

class Window;

enum class WakeReason : std::uint8_t {
  Startup,      // the first frame after the loop was made
  Input,        // touch, mouse, keyboard or text: resets the app's idle timer
  Timer,        // the deadline passed to wait() has come
  WorkerWake,   // another thread called Waker::wake() (sync finished, printer done)
  WindowEvent,  // expose, resize, focus, close request: redraw, but nobody touched the screen
  Settling,     // nothing new: one of the extra frames after an event, or asked for with request_frames()
};

[[nodiscard]] std::string_view to_string(WakeReason reason);

// Several reasons can arrive together (a tap and a sync result in the same wait).
class WakeReasons {
 public:
  void add(WakeReason reason) { bits_ = static_cast<std::uint8_t>(bits_ | bit(reason)); }
  [[nodiscard]] bool contains(WakeReason reason) const { return (bits_ & bit(reason)) != 0; }
  [[nodiscard]] bool empty() const { return bits_ == 0; }
  [[nodiscard]] std::string describe() const;  // "Input+Timer"

 private:
  static constexpr std::uint8_t bit(WakeReason reason) {
    return static_cast<std::uint8_t>(1u << static_cast<unsigned>(reason));
  }
  std::uint8_t bits_ = 0;
};

struct EventLoopOptions {
  int settle_frames_after_event = 3;  // frames drawn after the one that handled an event, before sleeping again
};

class EventLoop {
 public:
  using Clock = std::chrono::steady_clock;

  explicit EventLoop(Window& window, EventLoopOptions options = {});

  // Call once before each frame. Returns at once while frames are still settling; otherwise sleeps until input,
  // next_deadline, a Waker or a window event. A deadline already past wakes at once, so move it on once handled.
  WakeReasons wait(std::optional<Clock::time_point> next_deadline = std::nullopt);

  // Keep drawing for at least this many frames (an animation, a scroll that is still moving).
  void request_frames(int frame_count);

  // 0 on the last frame before the loop sleeps again: the frame to take a settled screenshot from.
  [[nodiscard]] int frames_left_to_settle() const { return frames_left_to_settle_; }

  [[nodiscard]] Waker waker() const;

 private:
  void sleep_until_event(std::optional<Clock::time_point> next_deadline);
  WakeReasons collect_reasons(std::optional<Clock::time_point> next_deadline);

  Window& window_;
  EventLoopOptions options_;
  bool started_ = false;
  int frames_left_to_settle_ = 0;
};

}  // namespace porchlight::platform
