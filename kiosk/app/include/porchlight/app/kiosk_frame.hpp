#pragma once
// The full-screen window every kiosk frame draws in, for KioskApp and OutOfServiceScreen alike: this frame's Ui
// (metrics from the body font's size), the theme when the size changed, the probe and the touch tracker, the window
// and body font, and the page's area under the top bar.
#include <imgui.h>

#include "porchlight/ui/probe.hpp"
#include "porchlight/ui/screens.hpp"
#include "porchlight/ui/touch.hpp"

namespace porchlight::app {

// A finger down or lifted, a typed character or a wheel turn: the idle timer starts again.
[[nodiscard]] bool touched_this_frame(const ImGuiIO& io);

class KioskFrame {
 public:
  // Begins the window named `window_name`; the top bar comes next, then begin_body().
  ui::Ui begin(const char* window_name, const ui::Fonts& fonts, float body_pixel_size, float ui_scale,
               ui::Language language);
  void begin_body(const ui::Ui& ui);
  void end_body();
  void end();
  [[nodiscard]] const ui::Probe& probe() const { return probe_; }

 private:
  ui::Probe probe_;
  ui::TouchTracker touch_;
  float styled_for_pixel_size_ = 0.0f;
};

}  // namespace porchlight::app
