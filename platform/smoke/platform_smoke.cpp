// platform-smoke: opens a real window, draws a few widgets and Spanish text, saves a screenshot, checks that the
// loop wakes for the right reasons, and prints start-up time, memory and idle CPU. Not shipped.
//
//   platform-smoke OUT.png [--rescaled-screenshot OUT2.png] [--idle-seconds N] [--mouse] [--fullscreen]
//
// --mouse: desktop mode (cursor shown, hover kept after a click); --fullscreen: the kiosk's default window.
//
// Exit codes: 0 all good, 1 a check failed, 2 the window or fonts could not be set up (message on stderr).

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_set>

#include "porchlight/platform/event_loop.hpp"
#include "porchlight/platform/fonts.hpp"
#include "porchlight/platform/process_metrics.hpp"
#include "porchlight/platform/screenshot.hpp"
#include "porchlight/platform/window.hpp"
#include "smoke_screen.hpp"
#include "x11_events.hpp"

namespace platform = porchlight::platform;
using Clock = std::chrono::steady_clock;
using porchlight::platform::cpu_seconds_used;
using porchlight::smoke::draw_smoke_screen;
using porchlight::platform::proc_status_line;
using porchlight::smoke::SmokeScreenState;

namespace {

constexpr int kMinimumDistinctColours = 10;
constexpr auto kWorkerWakeDelay = std::chrono::milliseconds(150);
constexpr auto kWakeCheckTimeout = std::chrono::seconds(5);
constexpr auto kTimerCheckDelay = std::chrono::milliseconds(200);

struct SmokeArguments {
  std::string screenshot_path;
  std::string rescaled_screenshot_path;
  double idle_seconds = 0.0;
  bool mouse_mode = false;
  bool fullscreen = false;
};

std::optional<SmokeArguments> parse_arguments(int argc, char** argv) {
  SmokeArguments arguments;
  for (int index = 1; index < argc; ++index) {
    const std::string_view argument = argv[index];
    const bool has_value = index + 1 < argc;
    if (argument == "--rescaled-screenshot" && has_value) {
      arguments.rescaled_screenshot_path = argv[++index];
    } else if (argument == "--idle-seconds" && has_value) {
      arguments.idle_seconds = std::strtod(argv[++index], nullptr);
    } else if (argument == "--mouse") {
      arguments.mouse_mode = true;
    } else if (argument == "--fullscreen") {
      arguments.fullscreen = true;
    } else if (!argument.starts_with("--") && arguments.screenshot_path.empty()) {
      arguments.screenshot_path = argument;
    } else {
      return std::nullopt;
    }
  }
  if (arguments.screenshot_path.empty()) return std::nullopt;
  return arguments;
}

std::size_t count_distinct_colours(const platform::Image& image) {
  std::unordered_set<std::uint32_t> colours;
  for (std::size_t offset = 0; offset + 3 < image.rgba.size(); offset += 4) {
    colours.insert(static_cast<std::uint32_t>(image.rgba[offset]) << 16 |
                   static_cast<std::uint32_t>(image.rgba[offset + 1]) << 8 | image.rgba[offset + 2]);
  }
  return colours.size();
}

// Draws frames until the loop would sleep again; the last one is captured when a path is given.
bool draw_until_settled(platform::Window& window, platform::EventLoop& loop, const platform::LoadedFonts& fonts,
                        SmokeScreenState& state, const std::string& screenshot_path) {
  for (;;) {
    window.begin_frame();
    draw_smoke_screen(fonts, state);
    window.render();
    if (loop.frames_left_to_settle() == 0) {
      if (!screenshot_path.empty()) {
        platform::Result<platform::Image> image = platform::capture_back_buffer(window);
        if (!image) {
          std::fprintf(stderr, "platform-smoke: %s\n", image.error().message.c_str());
          return false;
        }
        const std::size_t colours = count_distinct_colours(image.value());
        std::printf("screenshot %s: %dx%d, %zu distinct colours\n", screenshot_path.c_str(), image.value().width,
                    image.value().height, colours);
        if (colours <= kMinimumDistinctColours) {
          std::fprintf(stderr, "platform-smoke: screenshot is (nearly) one flat colour\n");
          return false;
        }
        if (platform::Result<void> written = platform::write_png(image.value(), screenshot_path); !written) {
          std::fprintf(stderr, "platform-smoke: %s\n", written.error().message.c_str());
          return false;
        }
      }
      window.present();
      return true;
    }
    window.present();
    const platform::WakeReasons reasons = loop.wait();
    if (!reasons.contains(platform::WakeReason::Settling) && !reasons.contains(platform::WakeReason::WindowEvent)) {
      std::printf("note: woke for %s while settling\n", reasons.describe().c_str());
    }
  }
}

bool check_worker_wake(platform::Window& window, platform::EventLoop& loop, const platform::LoadedFonts& fonts,
                       SmokeScreenState& state) {
  std::thread worker([waker = loop.waker()] {
    std::this_thread::sleep_for(kWorkerWakeDelay);
    waker.wake();
  });
  const auto started = Clock::now();
  const platform::WakeReasons reasons = loop.wait(started + kWakeCheckTimeout);
  const auto waited = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  worker.join();
  std::printf("worker wake: woke for %s after %.1f ms\n", reasons.describe().c_str(), waited);
  if (!reasons.contains(platform::WakeReason::WorkerWake) || reasons.contains(platform::WakeReason::Timer)) {
    std::fprintf(stderr, "platform-smoke: expected WorkerWake, got %s\n", reasons.describe().c_str());
    return false;
  }
  return draw_until_settled(window, loop, fonts, state, {});
}

bool check_timer(platform::Window& window, platform::EventLoop& loop, const platform::LoadedFonts& fonts,
                 SmokeScreenState& state) {
  const auto deadline = Clock::now() + kTimerCheckDelay;
  const platform::WakeReasons reasons = loop.wait(deadline);
  const auto late = std::chrono::duration<double, std::milli>(Clock::now() - deadline).count();
  std::printf("timer: woke for %s, %.2f ms after the deadline\n", reasons.describe().c_str(), late);
  if (!reasons.contains(platform::WakeReason::Timer) || late < 0.0) {
    std::fprintf(stderr, "platform-smoke: expected Timer at the deadline, got %s\n", reasons.describe().c_str());
    return false;
  }
  return draw_until_settled(window, loop, fonts, state, {});
}

// Waits for one reason, drawing any frames the loop asks for meanwhile (X delivers our own events asynchronously).
platform::WakeReasons wait_for_reason(platform::Window& window, platform::EventLoop& loop,
                                      const platform::LoadedFonts& fonts, SmokeScreenState& state,
                                      platform::WakeReason wanted) {
  const auto give_up = Clock::now() + kWakeCheckTimeout;
  for (;;) {
    const platform::WakeReasons reasons = loop.wait(give_up);
    if (reasons.contains(wanted) || reasons.contains(platform::WakeReason::Timer)) return reasons;
    window.begin_frame();
    draw_smoke_screen(fonts, state);
    window.render();
    window.present();
  }
}

bool check_tap(platform::Window& window, platform::EventLoop& loop, const platform::LoadedFonts& fonts,
               SmokeScreenState& state) {
  const int taps_before = state.sign_in_taps;
  porchlight::smoke::send_x11_tap(window.glfw_window(), state.sign_in_centre.x, state.sign_in_centre.y);
  const platform::WakeReasons reasons = wait_for_reason(window, loop, fonts, state, platform::WakeReason::Input);
  std::printf("tap: woke for %s\n", reasons.describe().c_str());
  if (!reasons.contains(platform::WakeReason::Input)) {
    std::fprintf(stderr, "platform-smoke: a tap should wake the loop with Input, got %s\n", reasons.describe().c_str());
    return false;
  }
  if (!draw_until_settled(window, loop, fonts, state, {})) return false;
  std::printf("tap: %d click(s), button hovered after settling: %s\n", state.sign_in_taps - taps_before,
              state.sign_in_hovered ? "yes" : "no");
  if (state.sign_in_taps != taps_before + 1) {
    std::fprintf(stderr, "platform-smoke: the tap did not click the button exactly once\n");
    return false;
  }
  if (state.sign_in_hovered != !window.hides_hover_after_release()) {
    std::fprintf(stderr, "platform-smoke: hover after the tap should be %s\n",
                 window.hides_hover_after_release() ? "gone (touch)" : "kept (mouse)");
    return false;
  }
  return true;
}

struct CloseVetoState {
  bool allow = false;
  int times_asked = 0;
};

bool check_close_veto(platform::Window& window, platform::EventLoop& loop, const platform::LoadedFonts& fonts,
                      SmokeScreenState& state, CloseVetoState& veto) {
  window.set_allow_close([&veto] {
    ++veto.times_asked;
    return veto.allow;
  });
  for (const bool allow : {false, true}) {
    veto.allow = allow;
    const int asked_before = veto.times_asked;
    porchlight::smoke::send_x11_close_request(window.glfw_window());
    const platform::WakeReasons reasons =
        wait_for_reason(window, loop, fonts, state, platform::WakeReason::WindowEvent);
    std::printf("close request (%s): woke for %s, should_close=%s\n", allow ? "allowed" : "vetoed",
                reasons.describe().c_str(), window.should_close() ? "true" : "false");
    if (!reasons.contains(platform::WakeReason::WindowEvent) || veto.times_asked != asked_before + 1 ||
        window.should_close() != allow) {
      std::fprintf(stderr, "platform-smoke: the close request was not handled as allow_close said\n");
      return false;
    }
    if (!draw_until_settled(window, loop, fonts, state, {})) return false;
  }
  return true;
}

void measure_idle(platform::Window& window, platform::EventLoop& loop, const platform::LoadedFonts& fonts,
                  SmokeScreenState& state, double idle_seconds) {
  const int frames_before = state.frames_drawn;
  const double cpu_before = cpu_seconds_used();
  const auto started = Clock::now();
  const auto end = started + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(idle_seconds));
  for (;;) {
    const platform::WakeReasons reasons = loop.wait(end);
    if (reasons.contains(platform::WakeReason::Timer)) break;
    window.begin_frame();
    draw_smoke_screen(fonts, state);
    window.render();
    window.present();
  }
  const double wall = std::chrono::duration<double>(Clock::now() - started).count();
  const double cpu = cpu_seconds_used() - cpu_before;
  std::printf("idle: %.1f s wall, %.4f s CPU (%.3f %% of one core), %d frames drawn\n", wall, cpu, 100.0 * cpu / wall,
              state.frames_drawn - frames_before);
}

}  // namespace

int main(int argc, char** argv) {
  const auto main_entered = Clock::now();
  const std::optional<SmokeArguments> arguments = parse_arguments(argc, argv);
  if (!arguments) {
    std::fprintf(stderr,
                 "usage: %s OUT.png [--rescaled-screenshot OUT2.png] [--idle-seconds N] [--mouse] [--fullscreen]\n",
                 argv[0]);
    return 2;
  }

  platform::WindowOptions options;
  options.fullscreen = arguments->fullscreen;
  options.show_cursor = arguments->mouse_mode;
  options.hide_hover_after_release = !arguments->mouse_mode;
  options.width = 1280;
  options.height = 800;
  options.title = "Porchlight platform smoke";
  platform::Result<std::unique_ptr<platform::Window>> created = platform::Window::create(options);
  if (!created) {
    std::fprintf(stderr, "platform-smoke: %s\n", created.error().message.c_str());
    return 2;
  }
  platform::Window& window = *created.value();
  const auto window_created = Clock::now();
  const std::string rss_after_window = proc_status_line("VmRSS");
  window.set_clear_colour(0.10f, 0.12f, 0.16f);

  platform::Result<platform::FontLibrary> library =
      platform::FontLibrary::from_system_fonts(porchlight::smoke::smoke_screen_strings());
  if (!library) {
    std::fprintf(stderr, "platform-smoke: %s\n", library.error().message.c_str());
    return 2;
  }
  const auto fonts_found = Clock::now();
  const std::string rss_after_fontconfig = proc_status_line("VmRSS");
  platform::FontScale font_scale;
  font_scale.ui_scale = window.content_scale();
  platform::Result<platform::LoadedFonts> fonts = library.value().load(font_scale);
  if (!fonts) {
    std::fprintf(stderr, "platform-smoke: %s\n", fonts.error().message.c_str());
    return 2;
  }
  if (!porchlight::smoke::accented_glyphs_present(fonts.value())) return 1;
  const auto fonts_loaded = Clock::now();
  const std::string rss_after_fonts = proc_status_line("VmRSS");

  platform::EventLoop loop(window);
  SmokeScreenState state;

  // First frame, timed to the moment it is presented.
  const platform::WakeReasons first_reasons = loop.wait();
  window.begin_frame();
  draw_smoke_screen(fonts.value(), state);
  window.render();
  window.present();
  const double since_main_ms = std::chrono::duration<double, std::milli>(Clock::now() - main_entered).count();
  const double since_exec_ms = porchlight::platform::seconds_since_exec() * 1000.0;
  const double cpu_ms_to_first_frame = cpu_seconds_used() * 1000.0;
  std::printf("gl: %s\n", window.gl_description().c_str());
  std::printf("fonts: %s + %s, %.0f px, atlas %dx%d\n", library.value().files().regular.path.c_str(),
              library.value().files().bold.path.c_str(), static_cast<double>(fonts.value().body_pixel_size),
              fonts.value().atlas_width, fonts.value().atlas_height);
  std::printf(
      "first frame (%s) presented: %.1f ms after main(), %.0f ms after exec (10 ms resolution), "
      "%.0f ms CPU used by then\n",
      first_reasons.describe().c_str(), since_main_ms, since_exec_ms, cpu_ms_to_first_frame);
  const auto milliseconds_between = [](Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration<double, std::milli>(to - from).count();
  };
  std::printf("  window + GL + ImGui %.1f ms, fontconfig %.1f ms, font atlas %.1f ms, first frame %.1f ms\n",
              milliseconds_between(main_entered, window_created), milliseconds_between(window_created, fonts_found),
              milliseconds_between(fonts_found, fonts_loaded),
              since_main_ms - milliseconds_between(main_entered, fonts_loaded));
  std::printf("  %s after the window, %s after fontconfig, %s after the font atlas\n", rss_after_window.c_str(),
              rss_after_fontconfig.c_str(), rss_after_fonts.c_str());
  std::printf("after first frame: %s (%s, %s)\n", proc_status_line("VmRSS").c_str(),
              proc_status_line("RssAnon").c_str(), proc_status_line("RssFile").c_str());

  loop.wait();
  if (!draw_until_settled(window, loop, fonts.value(), state, arguments->screenshot_path)) return 1;
  if (!check_worker_wake(window, loop, fonts.value(), state)) return 1;
  if (!check_timer(window, loop, fonts.value(), state)) return 1;
  if (!check_tap(window, loop, fonts.value(), state)) return 1;

  if (!arguments->rescaled_screenshot_path.empty()) {
    // Between frames, as a participant choosing "large text" would.
    font_scale.large_text = true;
    fonts = library.value().load(font_scale);
    if (!fonts) {
      std::fprintf(stderr, "platform-smoke: %s\n", fonts.error().message.c_str());
      return 1;
    }
    loop.request_frames(3);
    loop.wait();
    if (!draw_until_settled(window, loop, fonts.value(), state, arguments->rescaled_screenshot_path)) return 1;
  }

  if (arguments->idle_seconds > 0.0) measure_idle(window, loop, fonts.value(), state, arguments->idle_seconds);
  CloseVetoState close_veto;
  if (!check_close_veto(window, loop, fonts.value(), state, close_veto)) return 1;
  std::printf("at exit: %s, %s\n", proc_status_line("VmRSS").c_str(), proc_status_line("VmHWM").c_str());
  return 0;
}
