// porchlight-bench-ui: the time to build one UI frame (ImGui only, no GL) on every screen of the kiosk, against
// DESIGN.md's target (median <= 0.3 ms). Each screen is filled with demo content the way --screenshot does
// (KioskApp::prepare_demo_screen on the demo store), then frames are built headless: NewFrame -> draw -> Render.
// It prints figures and asserts nothing about speed. `--quick` builds a few frames so CTest keeps it working.
#include <cfloat>
#include <cstdio>
#include <string>

#include <imgui.h>
#include <CLI/CLI.hpp>

#include "demo_store.hpp"
#include "porchlight/app/kiosk_app.hpp"
#include "timing.hpp"

namespace app = porchlight::app;
namespace bench = porchlight::bench;

namespace {

constexpr float kBodyPixels = 22.0f;  // the kiosk's body size at UI scale 1
constexpr double kTargetMedianMs = 0.3;
constexpr int kWarmupFrames = 5;

struct Options {
  bool quick = false;
  int frames = 2'000;
};

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App cli{"Measures the time to build one UI frame on every kiosk screen (DESIGN.md: median <= 0.3 ms)"};
  cli.add_flag("--quick", options.quick, "a few frames per screen: a smoke run for CTest");
  cli.add_option("--frames", options.frames, "frames per screen")->check(CLI::PositiveNumber);
  CLI11_PARSE(cli, argc, argv);
  if (options.quick) options.frames = 20;

  auto demo = app::make_demo_store();
  if (!demo) {
    std::fprintf(stderr, "porchlight-bench-ui: demo data: %s\n", demo.error().message.c_str());
    return 1;
  }

  ImGuiContext* context = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1280.0f, 800.0f);
  porchlight::ui::Fonts fonts;
  ImFontConfig body;
  body.SizePixels = kBodyPixels;
  fonts.body = io.Fonts->AddFontDefault(&body);
  fonts.bold = fonts.body;
  ImFontConfig heading;
  heading.SizePixels = kBodyPixels * 1.6f;
  fonts.heading = io.Fonts->AddFontDefault(&heading);
  io.Fonts->Build();
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);

  std::printf("porchlight-bench-ui%s: %d frames per screen, 1280x800, body %.0f px, target median <= %.1f ms\n",
              options.quick ? " --quick" : "", options.frames, static_cast<double>(kBodyPixels), kTargetMedianMs);
  std::printf("%-12s %10s %10s %10s  %s\n", "screen", "median ms", "p99 ms", "max ms", "");
  int over_target = 0;
  {
    app::KioskApp kiosk(*demo.value().store, *demo.value().clock);
    auto frame = [&] {
      io.DeltaTime = 1.0f / 60.0f;
      ImGui::NewFrame();
      kiosk.draw(fonts, kBodyPixels);
      ImGui::Render();
    };
    for (const app::ScreenId screen : app::all_screens()) {
      kiosk.prepare_demo_screen(screen);
      for (int i = 0; i < kWarmupFrames; ++i) frame();
      bench::Samples samples;
      for (int i = 0; i < options.frames; ++i) {
        const auto start = bench::BenchClock::now();
        frame();
        samples.add(bench::BenchClock::now() - start);
      }
      const bench::Summary summary = samples.summary();
      const bool ok = summary.p50_ms <= kTargetMedianMs;
      if (!ok) ++over_target;
      const std::string name(app::screen_name(screen));
      const std::string shown(app::screen_name(kiosk.screen()));
      std::printf("%-12s %10.4f %10.4f %10.4f  %s%s\n", name.c_str(), summary.p50_ms, summary.p99_ms, summary.max_ms,
                  ok ? "ok" : "OVER TARGET", shown == name ? "" : ("  (drew " + shown + ")").c_str());
    }
  }
  ImGui::DestroyContext(context);
  std::printf("%d screen(s) over the median target\n", over_target);
  return 0;
}
