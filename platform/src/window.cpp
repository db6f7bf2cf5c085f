#include "porchlight/platform/window.hpp"

#include <atomic>
#include <cassert>
#include <cstdlib>
#include <string_view>
#include <utility>

#include <GLFW/glfw3.h>  // also brings <GL/gl.h> for the few GL 1.x calls below
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "wake_channel.hpp"

namespace porchlight::platform {

namespace {

// GLFW and the ImGui context are process-wide; a second Window would tear them down under the first.
std::atomic<bool> g_window_exists{false};

constexpr const char* kGlslVersion = "#version 330 core";

std::string last_glfw_error() {
  const char* description = nullptr;
  const int code = glfwGetError(&description);
  if (code == GLFW_NO_ERROR || description == nullptr) return "no details from GLFW";
  return description;
}

Error no_display_error() {
  const char* display = std::getenv("DISPLAY");
  if (display == nullptr || *display == '\0') return Error{"no display: set DISPLAY or run under Xvfb"};
  return Error{std::string("no display: cannot open X display '") + display + "' (" + last_glfw_error() +
               "); set DISPLAY or run under Xvfb"};
}

}  // namespace

// GLFW callbacks are plain C function pointers; the Window travels in the GLFW user pointer.
struct WindowCallbacks {
  static Window& window_of(GLFWwindow* handle) { return *static_cast<Window*>(glfwGetWindowUserPointer(handle)); }
  static void note_input(GLFWwindow* handle) { window_of(handle).pending_events_.input = true; }
  static void note_window_event(GLFWwindow* handle) { window_of(handle).pending_events_.window_event = true; }

  static void on_close_requested(GLFWwindow* handle) {
    Window& window = window_of(handle);
    window.pending_events_.window_event = true;
    if (!window.allow_close_) return;
    bool allowed = false;
    try {
      allowed = window.allow_close_();
    } catch (...) {
      allowed = false;  // a kiosk that cannot decide stays open
    }
    if (!allowed) glfwSetWindowShouldClose(handle, GLFW_FALSE);
  }
};

Result<std::unique_ptr<Window>> Window::create(const WindowOptions& options) {
  if (g_window_exists.exchange(true)) return Error{"a Porchlight window already exists in this process"};
  std::unique_ptr<Window> window(new Window());
  // On failure ~Window undoes whatever was set up.
  if (Result<void> initialised = window->initialise(options); !initialised) return initialised.error();
  return window;
}

Result<void> Window::initialise(const WindowOptions& options) {
  if (!options.fullscreen && (options.width <= 0 || options.height <= 0)) {
    return Error{"a windowed window needs a positive width and height"};
  }
  wake_channel_ = std::make_shared<detail::WakeChannel>();
  hide_hover_after_release_ = options.hide_hover_after_release;

  if (glfwInit() != GLFW_TRUE) return no_display_error();
  glfw_initialised_ = true;

  GLFWmonitor* monitor = nullptr;
  int width = options.width;
  int height = options.height;
  if (options.fullscreen) {
    monitor = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor != nullptr ? glfwGetVideoMode(monitor) : nullptr;
    if (mode == nullptr) return Error{"no monitor found for a fullscreen window (" + last_glfw_error() + ")"};
    // Match the monitor's current mode so X keeps its resolution: no mode switch, no flicker.
    glfwWindowHint(GLFW_RED_BITS, mode->redBits);
    glfwWindowHint(GLFW_GREEN_BITS, mode->greenBits);
    glfwWindowHint(GLFW_BLUE_BITS, mode->blueBits);
    glfwWindowHint(GLFW_REFRESH_RATE, mode->refreshRate);
    width = mode->width;
    height = mode->height;
  }
  glfwWindowHint(GLFW_DECORATED, options.fullscreen ? GLFW_FALSE : GLFW_TRUE);
  glfwWindowHint(GLFW_AUTO_ICONIFY, GLFW_FALSE);  // a kiosk must not minimise when something else takes focus
  glfwWindowHint(GLFW_VISIBLE, options.hidden && !options.fullscreen ? GLFW_FALSE : GLFW_TRUE);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  // ImGui draws flat 2D: no depth, stencil or multisampling, which keeps llvmpipe's buffers small.
  glfwWindowHint(GLFW_DEPTH_BITS, 0);
  glfwWindowHint(GLFW_STENCIL_BITS, 0);
  glfwWindowHint(GLFW_SAMPLES, 0);

  handle_ = glfwCreateWindow(width, height, options.title.c_str(), monitor, nullptr);
  if (handle_ == nullptr) {
    return Error{"could not create a window with an OpenGL 3.3 core context (" + last_glfw_error() + ")"};
  }
  glfwSetWindowUserPointer(handle_, this);
  glfwMakeContextCurrent(handle_);
  glfwSwapInterval(options.vsync ? 1 : 0);
  if (!options.show_cursor) glfwSetInputMode(handle_, GLFW_CURSOR, GLFW_CURSOR_HIDDEN);

  // Ours first: the ImGui backend keeps the callbacks it finds and calls them after its own.
  install_event_callbacks();
  return initialise_imgui(options);
}

Result<void> Window::initialise_imgui(const WindowOptions& options) {
  IMGUI_CHECKVERSION();
  if (ImGui::CreateContext() == nullptr) return Error{"could not create the Dear ImGui context"};
  imgui_context_created_ = true;

  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // a kiosk must not leave imgui.ini in whatever directory it was started from
  io.LogFilename = nullptr;
  // The backend would show the cursor again on every frame unless told the app owns it.
  if (!options.show_cursor) io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;

  if (!ImGui_ImplGlfw_InitForOpenGL(handle_, true)) return Error{"could not start the ImGui GLFW backend"};
  imgui_glfw_backend_initialised_ = true;
  if (!ImGui_ImplOpenGL3_Init(kGlslVersion)) return Error{"could not start the ImGui OpenGL 3 backend"};
  imgui_opengl_backend_initialised_ = true;
  // Create shaders and the font texture now, so a later font load only swaps the texture and the first frame
  // does not silently rebuild the atlas again.
  if (!ImGui_ImplOpenGL3_CreateDeviceObjects()) return Error{"could not create the ImGui OpenGL objects"};
  io.Fonts->ClearTexData();  // the pixels live on the GPU now
  return {};
}

void Window::install_event_callbacks() {
  glfwSetMouseButtonCallback(handle_, [](GLFWwindow* handle, int, int, int) { WindowCallbacks::note_input(handle); });
  glfwSetCursorPosCallback(handle_, [](GLFWwindow* handle, double, double) { WindowCallbacks::note_input(handle); });
  glfwSetScrollCallback(handle_, [](GLFWwindow* handle, double, double) { WindowCallbacks::note_input(handle); });
  glfwSetKeyCallback(handle_, [](GLFWwindow* handle, int, int, int, int) { WindowCallbacks::note_input(handle); });
  glfwSetCharCallback(handle_, [](GLFWwindow* handle, unsigned int) { WindowCallbacks::note_input(handle); });

  glfwSetWindowFocusCallback(handle_, [](GLFWwindow* handle, int) { WindowCallbacks::note_window_event(handle); });
  glfwSetCursorEnterCallback(handle_, [](GLFWwindow* handle, int) { WindowCallbacks::note_window_event(handle); });
  glfwSetWindowSizeCallback(handle_, [](GLFWwindow* handle, int, int) { WindowCallbacks::note_window_event(handle); });
  glfwSetFramebufferSizeCallback(handle_,
                                 [](GLFWwindow* handle, int, int) { WindowCallbacks::note_window_event(handle); });
  glfwSetWindowContentScaleCallback(
      handle_, [](GLFWwindow* handle, float, float) { WindowCallbacks::note_window_event(handle); });
  glfwSetWindowIconifyCallback(handle_, [](GLFWwindow* handle, int) { WindowCallbacks::note_window_event(handle); });
  glfwSetWindowRefreshCallback(handle_, [](GLFWwindow* handle) { WindowCallbacks::note_window_event(handle); });
  glfwSetWindowCloseCallback(handle_, &WindowCallbacks::on_close_requested);
}

Window::~Window() {
  if (imgui_opengl_backend_initialised_) ImGui_ImplOpenGL3_Shutdown();
  if (imgui_glfw_backend_initialised_) ImGui_ImplGlfw_Shutdown();
  if (imgui_context_created_) ImGui::DestroyContext();
  if (wake_channel_) wake_channel_->close_before_glfw_terminates();
  if (handle_ != nullptr) glfwDestroyWindow(handle_);
  if (glfw_initialised_) glfwTerminate();
  g_window_exists.store(false);
}

void Window::set_allow_close(std::function<bool()> allow_close) { allow_close_ = std::move(allow_close); }

bool Window::should_close() const { return glfwWindowShouldClose(handle_) == GLFW_TRUE; }

void Window::request_close() {
  glfwSetWindowShouldClose(handle_, GLFW_TRUE);  // does not call the close callback, so no veto
  pending_events_.window_event = true;
}

void Window::begin_frame() {
  assert(frame_phase_ == FramePhase::BetweenFrames && "begin_frame() twice without present()");
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  if (hide_hover_after_release_) hide_hover_after_release(touch_hover_, ImGui::GetIO());
  ImGui::NewFrame();
  frame_phase_ = FramePhase::Building;
}

void Window::render() {
  assert(frame_phase_ == FramePhase::Building && "render() without begin_frame()");
  ImGui::Render();
  const FramebufferSize size = framebuffer_size();
  glViewport(0, 0, size.width, size.height);
  glClearColor(clear_red_, clear_green_, clear_blue_, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  frame_phase_ = FramePhase::Rendered;
}

void Window::present() {
  assert(frame_phase_ == FramePhase::Rendered && "present() without render()");
  glfwSwapBuffers(handle_);
  frame_phase_ = FramePhase::BetweenFrames;
}

void Window::set_hide_hover_after_release(bool hide) {
  hide_hover_after_release_ = hide;
  touch_hover_ = TouchHoverState{};
}

void Window::set_clear_colour(float red, float green, float blue) {
  clear_red_ = red;
  clear_green_ = green;
  clear_blue_ = blue;
}

FramebufferSize Window::framebuffer_size() const {
  FramebufferSize size;
  glfwGetFramebufferSize(handle_, &size.width, &size.height);
  return size;
}

float Window::content_scale() const {
  float x_scale = 1.0f;
  float y_scale = 1.0f;
  glfwGetWindowContentScale(handle_, &x_scale, &y_scale);
  return x_scale;
}

std::string Window::gl_description() const {
  const auto text_of = [](GLenum name) -> std::string_view {
    const GLubyte* text = glGetString(name);
    return text != nullptr ? std::string_view(reinterpret_cast<const char*>(text)) : std::string_view("unknown");
  };
  return std::string(text_of(GL_RENDERER)) + ", " + std::string(text_of(GL_VERSION));
}

Waker Window::waker() const { return Waker(wake_channel_); }

PendingWindowEvents Window::take_pending_events() {
  PendingWindowEvents events = std::exchange(pending_events_, PendingWindowEvents{});
  events.worker_wake = wake_channel_->take_wake_request();
  return events;
}

}  // namespace porchlight::platform
