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

int run(const Flags& flags) {
  const bool screenshot = !flags.screenshot.empty();
  const auto screen = app::parse_screen_name(flags.screen);
  if (!screen) {
    std::fprintf(stderr, "porchlight: unknown screen '%s' (see --list-screens)\n", flags.screen.c_str());
    return 2;
  }
  std::optional<std::pair<int, int>> windowed;
  if (!flags.windowed.empty()) {
    windowed = parse_size(flags.windowed);
    if (!windowed) {
      std::fprintf(stderr, "porchlight: --windowed wants WIDTHxHEIGHT, like 1280x800\n");
      return 2;
    }
  }

  // The database: demo data for screenshots, else the kiosk's own file.
  app::DemoStore demo;
  std::unique_ptr<core::Store> own_store;
  core::SystemClock system_clock;
  core::Store* store = nullptr;
  const core::Clock* clock = &system_clock;
  std::filesystem::path database_path;
  if (screenshot) {
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
    std::error_code ignored;
    std::filesystem::create_directories(path.value().parent_path(), ignored);
    auto opened = core::Store::open(path.value());
    if (!opened) {
      plog::error(path.value().string() + ": " + opened.error().message);
      return 1;
    }
    own_store = std::move(opened.value());
    store = own_store.get();
    database_path = path.value();
    plog::info("database " + database_path.string());
  }

  platform::WindowOptions window_options;
  window_options.fullscreen = !windowed && !screenshot;
  if (windowed) std::tie(window_options.width, window_options.height) = *windowed;
  window_options.show_cursor = windowed.has_value();
  auto window = platform::Window::create(window_options);
  if (!window) {
    plog::error(window.error().message);
    return 1;
  }
  platform::Window& win = *window.value();
  if (!screenshot) {
    const auto size = win.framebuffer_size();
    plog::info("screen " + std::to_string(size.width) + "x" + std::to_string(size.height) +
               (window_options.fullscreen ? " (fullscreen)" : " (windowed)"));
  }

  std::vector<std::string> glyph_texts = ui::all_strings();
  for (auto& character : ui::keyboard_characters()) glyph_texts.push_back(std::move(character));
  glyph_texts.push_back(store->center().center_name);
  // Names a center typed itself may hold letters no translation has (Vietnamese, say): give them glyphs too.
  if (auto lines = core::list_crisis_lines(*store)) {
    for (const auto& line : lines.value()) glyph_texts.insert(glyph_texts.end(), {line.label_en, line.label_es});
  }
  auto font_library = platform::FontLibrary::from_system_fonts(glyph_texts);
  if (!font_library) {
    plog::error(font_library.error().message);
    return 1;
  }
  const float ui_scale = screenshot ? 1.0f : std::max(1.0f, win.content_scale());

  platform::EventLoop loop(win);
  // Sync runs beside the UI on its own thread and connection, and wakes the loop when its status changes; a kiosk
  // that is not enrolled simply keeps its records (the staff panel says so).
  std::unique_ptr<sync_client::SyncWorker> sync_worker;
  if (!screenshot) {
    sync_worker = std::make_unique<sync_client::SyncWorker>(database_path, [waker = loop.waker()] { waker.wake(); });
  }

  app::AppOptions options;
  options.sync_worker = sync_worker.get();
  options.idle_timeout = static_cast<core::Millis>(flags.idle_seconds) * 1000;  // 15 to 3600: checked on input
  options.ui_scale = ui_scale;
  options.export_dir = flags.export_dir;
  options.start_language = flags.language == "es" ? ui::Language::Spanish : ui::Language::English;
  options.start_large_text = flags.large_text;
  // Asked once at start (the local CUPS server answers at once, or not at all); screenshots never print.
  if (!screenshot) options.printer = flags.printer.empty() ? app::default_printer() : flags.printer;
  app::KioskApp kiosk(*store, *clock, options);
  if (sync_worker) sync_worker->start();
  if (screenshot) kiosk.prepare_demo_screen(*screen);
  kiosk.set_language(options.start_language);  // again after a demo screen, whose texts it refreshes
  kiosk.set_large_text(options.start_large_text);
  // Closing (Alt+F4, the window manager) is for staff only; nobody walks away with the kiosk closed.
  win.set_allow_close([&kiosk] { return kiosk.allow_close(); });
  win.set_clear_colour(0.97f, 0.96f, 0.93f);

  std::optional<platform::LoadedFonts> fonts;
  bool fonts_large = false;
  int frames = 0;
  bool reported_first_frame = false;
  while (!win.should_close()) {
    const auto deadline = platform::EventLoop::Clock::now() + std::chrono::milliseconds(kiosk.next_timer_in());
    loop.wait(deadline);  // the app reads touches from ImGui's IO itself, so the reason only matters for waking
    if (!fonts || fonts_large != kiosk.large_text()) {
      auto loaded = font_library.value().load({.ui_scale = ui_scale, .large_text = kiosk.large_text()});
      if (!loaded) {
        plog::error(loaded.error().message);
        return 1;
      }
      fonts = loaded.value();
      fonts_large = kiosk.large_text();
    }
    win.begin_frame();
    kiosk.draw(to_ui_fonts(*fonts), fonts->body_pixel_size);
    win.render();
    if (screenshot) {
      loop.request_frames(1);
      if (++frames >= kScreenshotFrames) {
        auto image = platform::capture_back_buffer(win);
        if (!image) {
          plog::error(image.error().message);
          return 1;
        }
        if (distinct_colours(image.value()) <= kMinimumDistinctColours) {
          plog::error("the '" + flags.screen + "' screen rendered blank");
          return 1;
        }
        if (auto written = platform::write_png(image.value(), flags.screenshot); !written) {
          plog::error(written.error().message);
          return 1;
        }
        win.request_close();
      }
    }
    win.present();
    if (!screenshot && !reported_first_frame) {
      // One line for the journal: how long a reboot or crash keeps the screen dark, and what the kiosk holds.
      reported_first_frame = true;
      char text[96];
      std::snprintf(text, sizeof text, "first frame on screen %.0f ms after start; resident memory %.1f MB",
                    platform::seconds_since_exec() * 1000.0,
                    static_cast<double>(platform::status_kilobytes("VmRSS")) / 1024.0);
      plog::info(text);
    }
  }
  return 0;
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
