#pragma once
// The one set of touch widgets every screen uses: targets at least Metrics::touch_target, a press that turns
// into a drag never clicks, drag-to-scroll lists, no hover styling (a finger leaves no hover behind).
#include <string>
#include <string_view>

#include <imgui.h>

#include "porchlight/ui/probe.hpp"
#include "porchlight/ui/strings.hpp"
#include "porchlight/ui/theme.hpp"

namespace porchlight::ui {

struct Fonts {
  ImFont* body = nullptr;
  ImFont* bold = nullptr;
  ImFont* heading = nullptr;
};

// Where the current press started and how far it has wandered; updated once per frame from ImGui's IO.
// ImGui 1.86 also keeps io.MouseDragMaxDistanceSqr, but it is reset by its own threshold logic; ours is ours.
struct TouchTracker {
  bool down = false;
  bool released_this_frame = false;
  ImVec2 press_origin{0.0f, 0.0f};
  float max_distance_sqr = 0.0f;
  float drag_threshold = 11.0f;

  void update(const ImGuiIO& io, float threshold);
  [[nodiscard]] bool is_drag() const { return max_distance_sqr > drag_threshold * drag_threshold; }
  [[nodiscard]] bool pressed_inside(ImVec2 min, ImVec2 max) const;
};

// Everything a widget needs: theme, fonts, language, the probe and the touch state of this frame.
struct Ui {
  Theme theme;
  Fonts fonts;
  Language language = Language::English;
  Probe* probe = nullptr;
  TouchTracker* touch = nullptr;

  [[nodiscard]] const std::string& t(std::string_view key) const { return tr(key, language); }
  [[nodiscard]] const Metrics& m() const { return theme.metrics; }
  [[nodiscard]] const Palette& p() const { return theme.palette; }
};

enum class Tone { Primary, Secondary, Crisis, Quiet };

struct ButtonOptions {
  ImVec2 size{0.0f, 0.0f};  // 0 = fit the label (never below the touch target)
  Tone tone = Tone::Secondary;
  bool enabled = true;
  bool large_font = false;
  std::string_view hint{};  // a second, smaller line under the label
};

// True on the frame a tap (not a drag) is released on it.
bool button(Ui& ui, std::string_view id, std::string_view label, const ButtonOptions& options = {});

// A tile that can be chosen or not; flips `selected` on a tap. Returns true when it flipped.
bool toggle_tile(Ui& ui, std::string_view id, std::string_view label, bool& selected, ImVec2 size);

// A text field drawn as a button: shows `value` (or dots when masked, or a placeholder) and a caret when it is the
// one the on-screen keyboard types into. Returns true when tapped (select it as the keyboard's target).
bool text_field(Ui& ui, std::string_view id, std::string_view label, const std::string& value, bool active, bool masked,
                float width);

// A number chosen with - and + buttons around its value (`value_text`, already in words): -1, 0 or +1 for this frame.
// Buttons are "<id>-minus" and "<id>-plus"; the label sits above them.
int stepper(Ui& ui, std::string_view id, std::string_view label, std::string_view value_text, float value_width);
[[nodiscard]] float stepper_width(const Ui& ui, float value_width);
// Before the next of a row of items `next_width` wide: on the same line `spacing` after the last one if it fits
// in the window, else on a new line.
void same_line_if_fits(const Ui& ui, float next_width, float spacing);

// A vertically scrolling region a finger drags; buttons inside that a drag started on do not click.
void begin_scroll_list(Ui& ui, std::string_view id, ImVec2 size);
void end_scroll_list(Ui& ui);

// Text helpers: everything drawn through them is recorded by the probe.
void text(Ui& ui, std::string_view text);
void text_muted(Ui& ui, std::string_view text);
void text_coloured(Ui& ui, std::string_view text, Rgb colour);
void heading(Ui& ui, std::string_view text);
void bold_text(Ui& ui, std::string_view text);

// Size of a label in the body font, wrapped at `wrap_width` (0 = no wrap).
ImVec2 text_size(ImFont* font, std::string_view text, float wrap_width = 0.0f);

}  // namespace porchlight::ui
