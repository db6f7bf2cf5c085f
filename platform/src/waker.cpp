#include "porchlight/platform/waker.hpp"

#include <utility>

#define GLFW_INCLUDE_NONE  // no GL calls here
#include <GLFW/glfw3.h>

#include "wake_channel.hpp"

namespace porchlight::platform {

void detail::WakeChannel::wake() noexcept {
  wake_requested.store(true);
  const std::lock_guard lock(glfw_lifetime_mutex);
  if (glfw_running) glfwPostEmptyEvent();
}

void detail::WakeChannel::close_before_glfw_terminates() noexcept {
  const std::lock_guard lock(glfw_lifetime_mutex);
  glfw_running = false;
}

Waker::Waker(std::shared_ptr<detail::WakeChannel> channel) : channel_(std::move(channel)) {}

void Waker::wake() const noexcept {
  if (channel_) channel_->wake();
}

}  // namespace porchlight::platform
