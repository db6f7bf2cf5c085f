#include "porchlight/platform/event_loop.hpp"

#include <algorithm>
#include <initializer_list>

#define GLFW_INCLUDE_NONE  // no GL calls here
#include <GLFW/glfw3.h>

#include "porchlight/platform/window.hpp"

namespace porchlight::platform {

std::string_view to_string(WakeReason reason) {
  switch (reason) {
    case WakeReason::Startup:
      return "Startup";
    case WakeReason::Input:
      return "Input";
    case WakeReason::Timer:
      return "Timer";
    case WakeReason::WorkerWake:
      return "WorkerWake";
    case WakeReason::WindowEvent:
      return "WindowEvent";
    case WakeReason::Settling:
      return "Settling";
  }
  return "Unknown";
}

std::string WakeReasons::describe() const {
  std::string text;
  for (const WakeReason reason : {WakeReason::Startup, WakeReason::Input, WakeReason::Timer, WakeReason::WorkerWake,
                                  WakeReason::WindowEvent, WakeReason::Settling}) {
    if (!contains(reason)) continue;
    if (!text.empty()) text += '+';
    text += to_string(reason);
  }
  return text.empty() ? "None" : text;
}

EventLoop::EventLoop(Window& window, EventLoopOptions options) : window_(window), options_(options) {}

Waker EventLoop::waker() const { return window_.waker(); }

void EventLoop::request_frames(int frame_count) {
  frames_left_to_settle_ = std::max(frames_left_to_settle_, frame_count);
}

WakeReasons EventLoop::wait(std::optional<Clock::time_point> next_deadline) {
  if (!started_) {
    started_ = true;
    glfwPollEvents();
    WakeReasons reasons = collect_reasons(next_deadline);
    reasons.add(WakeReason::Startup);
    frames_left_to_settle_ = options_.settle_frames_after_event;
    return reasons;
  }

  if (frames_left_to_settle_ > 0) {
    glfwPollEvents();
    WakeReasons reasons = collect_reasons(next_deadline);
    if (reasons.empty()) {
      --frames_left_to_settle_;
      reasons.add(WakeReason::Settling);
    } else {
      frames_left_to_settle_ = options_.settle_frames_after_event;
    }
    return reasons;
  }

  // GLFW also returns for X events that mean nothing to us (property changes, the WM's pings): sleep again.
  for (;;) {
    sleep_until_event(next_deadline);
    WakeReasons reasons = collect_reasons(next_deadline);
    if (!reasons.empty()) {
      frames_left_to_settle_ = options_.settle_frames_after_event;
      return reasons;
    }
  }
}

void EventLoop::sleep_until_event(std::optional<Clock::time_point> next_deadline) {
  if (!next_deadline) {
    glfwWaitEvents();
    return;
  }
  const std::chrono::duration<double> remaining = *next_deadline - Clock::now();
  if (remaining.count() <= 0.0) {
    glfwPollEvents();
  } else {
    glfwWaitEventsTimeout(remaining.count());
  }
}

WakeReasons EventLoop::collect_reasons(std::optional<Clock::time_point> next_deadline) {
  WakeReasons reasons;
  const PendingWindowEvents events = window_.take_pending_events();
  if (events.input) reasons.add(WakeReason::Input);
  if (events.worker_wake) reasons.add(WakeReason::WorkerWake);
  if (events.window_event) reasons.add(WakeReason::WindowEvent);
  if (next_deadline && Clock::now() >= *next_deadline) reasons.add(WakeReason::Timer);
  return reasons;
}

}  // namespace porchlight::platform
