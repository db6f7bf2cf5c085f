#pragma once
// The kiosk's one window: GLFW window, OpenGL 3.3 core context, Dear ImGui context and its GLFW/OpenGL3 backends.
// GLFW and the ImGui context are process-wide, so there is at most one Window at a time.

#include <functional>
#include <memory>
#include <string>

#include "porchlight/platform/result.hpp"
#include "porchlight/platform/touch_input.hpp"
#include "porchlight/platform/waker.hpp"

struct GLFWwindow;

namespace porchlight::platform {

struct WindowOptions {
  bool fullscreen = true;  // on the primary monitor at its current mode, undecorated; false = windowed width x height
  int width = 1280;
  int height = 800;
  bool show_cursor = false;  // touch kiosks hide the pointer; developers with a mouse want it
  std::string title = "Porchlight";
  bool hidden = false;                   // windowed only: create without mapping it
  bool hide_hover_after_release = true;  // touch: see touch_input.hpp; false keeps mouse hover for desktop use
  bool vsync = true;
};

struct FramebufferSize {
  int width = 0;
  int height = 0;
};

// What happened since the event loop last looked. Set by GLFW callbacks on the main thread and by Wakers.
struct PendingWindowEvents {
  bool input = false;         // touch, mouse, keyboard or text
  bool window_event = false;  // expose, resize, focus, close request: needs a redraw but is not a touch
  bool worker_wake = false;   // some thread called Waker::wake()
};

// Where the current frame is, so a screenshot can only be taken while the back buffer holds a finished frame.
enum class FramePhase {
  BetweenFrames,  // after present() (or before the first frame)
  Building,       // after begin_frame(): the app submits ImGui widgets
  Rendered,       // after render(): the back buffer holds the frame; capture here, then present()
};

class Window {
 public:
  // Fails with a message (never throws, never crashes) when there is no display, no GL 3.3 core, etc.
  static Result<std::unique_ptr<Window>> create(const WindowOptions& options = {});
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;
  Window(Window&&) = delete;
  Window& operator=(Window&&) = delete;

  // Asked when the window system requests a close (Alt+F4, the WM's close button); return false to keep the
  // window open, e.g. unless staff are signed in. Without a callback every close request is allowed.
  void set_allow_close(std::function<bool()> allow_close);
  [[nodiscard]] bool should_close() const;
  void request_close();  // the app's own decision to quit; not subject to allow_close

  // One frame: begin_frame(), ImGui widgets, render(), optionally capture_back_buffer(), present().
  void begin_frame();
  void render();
  void present();
  [[nodiscard]] FramePhase frame_phase() const { return frame_phase_; }

  void set_hide_hover_after_release(bool hide);
  [[nodiscard]] bool hides_hover_after_release() const { return hide_hover_after_release_; }
  void set_clear_colour(float red, float green, float blue);

  [[nodiscard]] FramebufferSize framebuffer_size() const;
  [[nodiscard]] float content_scale() const;  // the monitor's DPI relative to 96; a hint for the UI scale
  // Renderer and version, e.g. "llvmpipe (LLVM 15.0.6, 256 bits), 4.5 (Core Profile) Mesa 22.3.6".
  [[nodiscard]] std::string gl_description() const;

  [[nodiscard]] Waker waker() const;
  PendingWindowEvents take_pending_events();  // used by EventLoop

  // For platform code that needs GLFW or X11 directly (kiosk lock-down, tests that inject X events).
  [[nodiscard]] GLFWwindow* glfw_window() const { return handle_; }

 private:
  Window() = default;
  Result<void> initialise(const WindowOptions& options);
  Result<void> initialise_imgui(const WindowOptions& options);
  void install_event_callbacks();

  friend struct WindowCallbacks;

  GLFWwindow* handle_ = nullptr;
  bool glfw_initialised_ = false;
  bool imgui_context_created_ = false;
  bool imgui_glfw_backend_initialised_ = false;
  bool imgui_opengl_backend_initialised_ = false;
  std::shared_ptr<detail::WakeChannel> wake_channel_;
  std::function<bool()> allow_close_;
  PendingWindowEvents pending_events_;
  FramePhase frame_phase_ = FramePhase::BetweenFrames;
  bool hide_hover_after_release_ = true;
  TouchHoverState touch_hover_;
  float clear_red_ = 0.0f;
  float clear_green_ = 0.0f;
  float clear_blue_ = 0.0f;
};

}  // namespace porchlight::platform
