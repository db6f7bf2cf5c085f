// porchlight: the participant kiosk. Fullscreen by default; --windowed WxH for development; --screenshot renders
// one screen with demo data to a PNG and exits.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "demo_store.hpp"
#include "porchlight/core/crisis_lines.hpp"
#include "porchlight/core/kiosk_config.hpp"
#include "porchlight/app/kiosk_app.hpp"
#include "porchlight/app/out_of_service.hpp"
#include "porchlight/app/printing.hpp"
#include "porchlight/log.hpp"
#include "porchlight/platform/event_loop.hpp"
#include "porchlight/platform/fonts.hpp"
#include "porchlight/platform/process_metrics.hpp"
#include "porchlight/platform/screenshot.hpp"
#include "porchlight/platform/window.hpp"
#include "porchlight/sync/worker.hpp"
#include "porchlight/ui/keyboard.hpp"
#include "porchlight/ui/strings.hpp"

namespace app = porchlight::app;
namespace core = porchlight::core;
namespace platform = porchlight::platform;
namespace ui = porchlight::ui;
namespace sync_client = porchlight::sync;
namespace plog = porchlight::log;

namespace {

constexpr int kScreenshotFrames = 6;                 // frames drawn before capturing, so layout and fonts settle
constexpr std::size_t kMinimumDistinctColours = 10;  // fewer means a blank or broken frame

struct Flags {
  std::string screenshot;
  std::string screen = "welcome";
  bool list_screens = false;
  std::string windowed;
  std::string db;
  std::string export_dir;
  std::string printer;
  std::string language = "en";
  bool large_text = false;
  int idle_seconds = 60;
  int store_retry_seconds = 30;
  std::string config;
  std::string log_level;  // empty: info, or what the settings file says
};

// The flags the command line set: only these win over the settings file.
struct GivenFlags {
  bool db = false, export_dir = false, printer = false, language = false, large_text = false, idle_seconds = false,
       log_level = false;
};

// Settings from --config (which must exist), or else from kiosk.toml in the settings folder when it exists.
porchlight::Result<void> apply_config(Flags& flags, const GivenFlags& given) {
  std::filesystem::path path = flags.config;
  std::error_code ec;
  if (path.empty() && std::filesystem::exists(core::default_kiosk_config_path(), ec)) {
    path = core::default_kiosk_config_path();
  }
  if (path.empty()) return {};
  auto read = core::read_kiosk_config(path);
  if (!read) return read.error();
  const core::KioskConfig& config = *read;
  if (!given.db && config.database) flags.db = config.database->string();
  if (!given.export_dir && config.export_dir) flags.export_dir = config.export_dir->string();
  if (!given.printer && config.printer) flags.printer = *config.printer;
  if (!given.language && config.language) flags.language = *config.language;
  if (!given.large_text && config.large_text) flags.large_text = *config.large_text;
  if (!given.idle_seconds && config.idle_seconds) flags.idle_seconds = *config.idle_seconds;
  if (!given.log_level && config.log_level) porchlight::log::set_threshold(*config.log_level);
  return {};
}

std::optional<std::pair<int, int>> parse_size(const std::string& text) {
  int width = 0;
  int height = 0;
  if (std::sscanf(text.c_str(), "%dx%d", &width, &height) != 2 || width < 320 || height < 240) return std::nullopt;
  return std::pair{width, height};
}

std::size_t distinct_colours(const platform::Image& image) {
  std::set<std::uint32_t> colours;
  for (std::size_t i = 0; i + 3 < image.rgba.size() && colours.size() <= kMinimumDistinctColours; i += 4 * 7) {
    colours.insert(static_cast<std::uint32_t>(image.rgba[i]) << 16 |
                   static_cast<std::uint32_t>(image.rgba[i + 1]) << 8 | image.rgba[i + 2]);
  }
  return colours.size();
}

ui::Fonts to_ui_fonts(const platform::LoadedFonts& loaded) { return {loaded.body, loaded.bold, loaded.heading}; }

// The kiosk's own database; its folder is made first (a fresh install, a wiped disk).
core::Result<std::unique_ptr<core::Store>> open_store(const std::filesystem::path& path) {
  std::error_code ignored;
  std::filesystem::create_directories(path.parent_path(), ignored);
  return core::Store::open(path);
}

// Glyphs for every translation and the on-screen keyboard, and with a store what the center typed itself: its
// name, and its crisis lines' labels, which may hold letters no translation has (Vietnamese, say).
std::vector<std::string> glyph_texts(core::Store* store) {
  std::vector<std::string> texts = ui::all_strings();
  for (auto& character : ui::keyboard_characters()) texts.push_back(std::move(character));
  if (store == nullptr) return texts;
  texts.push_back(store->center().center_name);
  if (auto lines = core::list_crisis_lines(*store)) {
    for (const auto& line : lines.value()) texts.insert(texts.end(), {line.label_en, line.label_es});
  }
  return texts;
}

// What the frames of both phases share: the window, the loop, the fonts, the screenshot and the first-frame line.
struct FrameLoop {
  const Flags& flags;
  platform::Window& win;
  platform::EventLoop& loop;
  platform::FontLibrary* font_library = nullptr;
  float ui_scale = 1.0f;
  platform::LoadedFonts fonts{};
  bool have_fonts = false;  // false when the library or the text size changes: load again before the next frame
  bool fonts_large = false;
  int frames = 0;
  bool reported_first_frame = false;
};
enum class LoopEnd { Closed, Done, Failed };

// Draws `screen` (the out-of-service screen or the kiosk: draw, next_timer_in, large_text) frame by frame, sleeping
// until a touch, a worker's wake-up or the screen's own next timer, until the window closes, a screenshot is written
// or `done()` says this phase is over.
template <class Screen, class Done>
LoopEnd run_frames(FrameLoop& frame, Screen& screen, Done done) {
  const bool screenshot = !frame.flags.screenshot.empty();
  platform::Window& win = frame.win;
  while (!win.should_close()) {
    if (done()) return LoopEnd::Done;
    const auto deadline = platform::EventLoop::Clock::now() + std::chrono::milliseconds(screen.next_timer_in());
    frame.loop.wait(deadline);  // the screens read touches from ImGui's IO themselves; the reason only wakes
    if (!frame.have_fonts || frame.fonts_large != screen.large_text()) {
      auto loaded = frame.font_library->load({.ui_scale = frame.ui_scale, .large_text = screen.large_text()});
      if (!loaded) {
        plog::error(loaded.error().message);
        return LoopEnd::Failed;
      }
      frame.fonts = loaded.value();
      frame.have_fonts = true;
      frame.fonts_large = screen.large_text();
    }
    win.begin_frame();
    screen.draw(to_ui_fonts(frame.fonts), frame.fonts.body_pixel_size);
    win.render();
    if (screenshot) {
      frame.loop.request_frames(1);
      if (++frame.frames >= kScreenshotFrames) {
        auto image = platform::capture_back_buffer(win);
        if (!image) {
          plog::error(image.error().message);
          return LoopEnd::Failed;
        }
        if (distinct_colours(image.value()) <= kMinimumDistinctColours) {
          plog::error("the '" + frame.flags.screen + "' screen rendered blank");
          return LoopEnd::Failed;
        }
        if (auto written = platform::write_png(image.value(), frame.flags.screenshot); !written) {
          plog::error(written.error().message);
          return LoopEnd::Failed;
        }
        win.request_close();
      }
    }
    win.present();
    if (!screenshot && !frame.reported_first_frame) {
      // One line for the journal: how long a reboot or crash keeps the screen dark, and what the kiosk holds.
      frame.reported_first_frame = true;
      char text[96];
      std::snprintf(text, sizeof text, "first frame on screen %.0f ms after start; resident memory %.1f MB",
                    platform::seconds_since_exec() * 1000.0,
                    static_cast<double>(platform::status_kilobytes("VmRSS")) / 1024.0);
      plog::info(text);
    }
  }
  return LoopEnd::Closed;
}

int run(const Flags& flags) {
  const bool screenshot = !flags.screenshot.empty();
  const auto screen = app::parse_screen_name(flags.screen);
  if (!screen) {
    std::fprintf(stderr, "porchlight: unknown screen '%s' (see --list-screens)\n", flags.screen.c_str());
    return 2;
  }
  const bool out_of_service_screenshot =
      screenshot && (*screen == app::ScreenId::OutOfService || *screen == app::ScreenId::OutOfServiceStaff);
  std::optional<std::pair<int, int>> windowed;
  if (!flags.windowed.empty()) {
    windowed = parse_size(flags.windowed);
    if (!windowed) {
      std::fprintf(stderr, "porchlight: --windowed wants WIDTHxHEIGHT, like 1280x800\n");
      return 2;
    }
  }

  // The database: demo data for screenshots, else the kiosk's own file. A file that does not open (damaged, a full
  // or failing disk, a newer schema) does not stop the kiosk: it shows the out-of-service screen until it opens.
  app::DemoStore demo;
  std::unique_ptr<core::Store> own_store;
  std::optional<core::Error> open_error;
  core::SystemClock system_clock;
  core::Store* store = nullptr;
  const core::Clock* clock = &system_clock;
  std::filesystem::path database_path;
  if (out_of_service_screenshot) {
    database_path = "/var/lib/porchlight/kiosk.db";  // where the package keeps it
    open_error = app::demo_out_of_service_error(database_path);
  } else if (screenshot) {
    auto made = app::make_demo_store();
    if (!made) {
      plog::error("demo data: " + made.error().message);
      return 1;
    }
    demo = std::move(made.value());
    store = demo.store.get();
    clock = demo.clock.get();
  } else {
    auto path = flags.db.empty() ? app::default_database_path() : core::Result<std::filesystem::path>(flags.db);
    if (!path) {
      plog::error(path.error().message);
      return 1;
    }
    database_path = path.value();
    // Opened before the window, so a kiosk without a display still makes and upgrades its file.
    auto opened = open_store(database_path);
    if (opened) {
      own_store = std::move(opened.value());
      store = own_store.get();
      plog::info("database " + database_path.string());
    } else {
      open_error = opened.error();
    }
  }

  platform::WindowOptions window_options;
  window_options.fullscreen = !windowed && !screenshot;
  if (windowed) std::tie(window_options.width, window_options.height) = *windowed;
  window_options.show_cursor = windowed.has_value();
  auto window = platform::Window::create(window_options);
  if (!window) {
    if (open_error) plog::error(open_error->message);  // no screen to say it on: at least the log does
    plog::error(window.error().message);
    return 1;
  }
  platform::Window& win = *window.value();
  if (!screenshot) {
    const auto size = win.framebuffer_size();
    plog::info("screen " + std::to_string(size.width) + "x" + std::to_string(size.height) +
               (window_options.fullscreen ? " (fullscreen)" : " (windowed)"));
  }

  auto font_library = platform::FontLibrary::from_system_fonts(glyph_texts(store));
  if (!font_library) {
    plog::error(font_library.error().message);
    return 1;
  }
  const float ui_scale = screenshot ? 1.0f : std::max(1.0f, win.content_scale());
  const ui::Language start_language = flags.language == "es" ? ui::Language::Spanish : ui::Language::English;
  const core::Millis idle_timeout = static_cast<core::Millis>(flags.idle_seconds) * 1000;  // 15 to 3600: checked

  platform::EventLoop loop(win);
  FrameLoop frame{flags, win, loop};
  frame.font_library = &font_library.value();
  frame.ui_scale = ui_scale;
  // Closing (Alt+F4, the window manager) is for staff only; nobody walks away with the kiosk closed.
  app::KioskApp* running = nullptr;
  win.set_allow_close([&running] { return running != nullptr && running->allow_close(); });
  win.set_clear_colour(0.97f, 0.96f, 0.93f);

  // Out of service until the database opens: tried again every --store-retry-seconds and on "Try again".
  std::optional<platform::FontLibrary> in_service_fonts;  // the first library stays alive: ImGui points into it
  if (open_error) {
    app::OutOfServiceOptions oos_options;
    oos_options.retry_interval = static_cast<core::Millis>(flags.store_retry_seconds) * 1000;
    oos_options.idle_timeout = idle_timeout;
    oos_options.ui_scale = ui_scale;
    oos_options.start_language = start_language;
    oos_options.start_large_text = flags.large_text;
    oos_options.log_changes = !screenshot;
    app::StoreOpener opener = [&database_path] { return open_store(database_path); };
    if (out_of_service_screenshot) {
      opener = [] { return core::Result<std::unique_ptr<core::Store>>(core::make_error("a screenshot")); };
    }
    app::OutOfServiceScreen out_of_service(database_path, *open_error, opener, system_clock, oos_options);
    out_of_service.show_staff_part(*screen == app::ScreenId::OutOfServiceStaff);
    const LoopEnd end = run_frames(frame, out_of_service, [&] { return out_of_service.in_service(); });
    if (end != LoopEnd::Done) return end == LoopEnd::Failed ? 1 : 0;
    own_store = out_of_service.take_store();
    store = own_store.get();
    plog::info("database " + database_path.string());
    // The center's name and crisis lines may need glyphs the translations do not.
    auto library = platform::FontLibrary::from_system_fonts(glyph_texts(store));
    if (!library) {
      plog::error(library.error().message);
      return 1;
    }
    in_service_fonts = std::move(library.value());
    frame.font_library = &*in_service_fonts;
    frame.have_fonts = false;
  }

  // Sync runs beside the UI on its own thread and connection, and wakes the loop when its status changes; a kiosk
  // that is not enrolled simply keeps its records (the staff panel says so).
  std::unique_ptr<sync_client::SyncWorker> sync_worker;
  if (!screenshot) {
    sync_worker = std::make_unique<sync_client::SyncWorker>(database_path, [waker = loop.waker()] { waker.wake(); });
  }

  app::AppOptions options;
  options.sync_worker = sync_worker.get();
  options.idle_timeout = idle_timeout;
  options.ui_scale = ui_scale;
  options.export_dir = flags.export_dir;
  options.start_language = start_language;
  options.start_large_text = flags.large_text;
  // Asked once at start (the local CUPS server answers at once, or not at all); screenshots never print.
  if (!screenshot) options.printer = flags.printer.empty() ? app::default_printer() : flags.printer;
  app::KioskApp kiosk(*store, *clock, options);
  running = &kiosk;
  if (sync_worker) sync_worker->start();
  if (screenshot) kiosk.prepare_demo_screen(*screen);
  kiosk.set_language(options.start_language);  // again after a demo screen, whose texts it refreshes
  kiosk.set_large_text(options.start_large_text);
  if (!screenshot) plog::info("in service: " + std::string(app::screen_name(kiosk.screen())));

  const LoopEnd end = run_frames(frame, kiosk, [] { return false; });
  running = nullptr;
  return end == LoopEnd::Failed ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  plog::set_program("porchlight");
  CLI::App cli{"Porchlight: the sign-in kiosk for peer-support wellness centers"};
  Flags flags;
  cli.add_option("--screenshot", flags.screenshot, "Render one screen with demo data to this PNG and exit");
  cli.add_option("--screen", flags.screen, "The screen for --screenshot (see --list-screens)");
  cli.add_flag("--list-screens", flags.list_screens, "Print the screen names and exit");
  cli.add_option("--windowed", flags.windowed, "A window of WIDTHxHEIGHT instead of fullscreen");
  auto* db_option =
      cli.add_option("--db", flags.db, "Database file (default $XDG_DATA_HOME/porchlight/porchlight.db)");
  auto* language_option =
      cli.add_option("--language", flags.language, "Language to start in")->check(CLI::IsMember({"en", "es"}));
  auto* large_text_option = cli.add_flag("--large-text", flags.large_text, "Start with larger text");
  auto* export_dir_option =
      cli.add_option("--export-dir", flags.export_dir, "Folder for staff CSV exports (a USB stick's mount point)");
  auto* printer_option =
      cli.add_option("--printer", flags.printer, "CUPS destination for \"Print\" (default: the CUPS default, if any)");
  auto* idle_option = cli.add_option("--idle-seconds", flags.idle_seconds,
                                     "Seconds without a touch before everything typed is wiped (15 to 3600)")
                          ->check(CLI::Range(core::kMinIdleSeconds, core::kMaxIdleSeconds));
  cli.add_option("--store-retry-seconds", flags.store_retry_seconds,
                 "While the database does not open, seconds between tries to open it (1 to 3600)")
      ->check(CLI::Range(1, 3600));
  cli.add_option("--config", flags.config,
                 "Settings file (TOML; default " + core::default_kiosk_config_path().string() + " when it exists)");
  auto* log_level_option = cli.add_option("--log-level", flags.log_level, "error, warning, info (default) or debug")
                               ->check(CLI::IsMember({"error", "warning", "info", "debug"}));
  CLI11_PARSE(cli, argc, argv);

  if (flags.list_screens) {
    for (const auto screen : app::all_screens()) std::printf("%s\n", std::string(app::screen_name(screen)).c_str());
    return 0;
  }
  const GivenFlags given{.db = db_option->count() > 0,
                         .export_dir = export_dir_option->count() > 0,
                         .printer = printer_option->count() > 0,
                         .language = language_option->count() > 0,
                         .large_text = large_text_option->count() > 0,
                         .idle_seconds = idle_option->count() > 0,
                         .log_level = log_level_option->count() > 0};
  // Screenshots render demo data the same everywhere, whatever this machine's kiosk.toml says.
  if (flags.screenshot.empty() || !flags.config.empty()) {
    if (auto applied = apply_config(flags, given); !applied) {
      std::fprintf(stderr, "porchlight: %s\n", applied.error().message.c_str());
      return 2;
    }
  }
  if (given.log_level) porchlight::log::set_threshold(*porchlight::log::parse_level(flags.log_level));
  return run(flags);
}
