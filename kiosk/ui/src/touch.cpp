#include "porchlight/ui/touch.hpp"

#include <algorithm>
#include <string>

#include "draw_text.hpp"

namespace porchlight::ui {

void TouchTracker::update(const ImGuiIO& io, float threshold) {
  drag_threshold = threshold;
  released_this_frame = io.MouseReleased[0];
  if (io.MouseClicked[0]) {
    press_origin = io.MousePos;
    max_distance_sqr = 0.0f;
  }
  if (io.MouseDown[0]) {
    const float dx = io.MousePos.x - press_origin.x;
    const float dy = io.MousePos.y - press_origin.y;
    max_distance_sqr = std::max(max_distance_sqr, dx * dx + dy * dy);
  }
  down = io.MouseDown[0];
}

bool TouchTracker::pressed_inside(ImVec2 min, ImVec2 max) const {
  return press_origin.x >= min.x && press_origin.x < max.x && press_origin.y >= min.y && press_origin.y < max.y;
}

namespace {

struct ToneColours {
  Rgb fill;
  Rgb pressed;
  Rgb label;
  bool border = false;
};

ToneColours colours_for(const Palette& p, Tone tone, bool enabled) {
  if (!enabled) return {p.disabled, p.disabled, p.on_disabled, true};
  switch (tone) {
    case Tone::Primary:
      return {p.primary, p.primary_pressed, p.on_primary, false};
    case Tone::Crisis:
      return {p.crisis, p.crisis_pressed, p.on_crisis, false};
    case Tone::Quiet:
      return {p.background, p.secondary_pressed, p.text, true};
    case Tone::Secondary:
      break;
  }
  return {p.secondary, p.secondary_pressed, p.text, true};
}

// The one place a touch target is laid out and decides tap versus drag: at least the minimum size, and a
// press that turned into a drag (scrolling) never counts as a tap, wherever the finger lifts.
struct TouchTarget {
  ImVec2 min;
  ImVec2 max;
  bool tapped = false;
  bool held = false;
};

TouchTarget touch_target(Ui& ui, std::string_view id, ImVec2 size) {
  size.x = std::max(size.x, ui.m().minimum_target);
  size.y = std::max(size.y, ui.m().minimum_target);
  TouchTarget target;
  target.min = ImGui::GetCursorScreenPos();
  target.max = ImVec2(target.min.x + size.x, target.min.y + size.y);
  const std::string imgui_id(id);
  const bool released = ImGui::InvisibleButton(imgui_id.c_str(), size);
  target.tapped = released && !ui.touch->is_drag();
  target.held = ImGui::IsItemActive() && !ui.touch->is_drag();
  return target;
}

}  // namespace

bool button(Ui& ui, std::string_view id, std::string_view label, const ButtonOptions& options) {
  const Metrics& m = ui.m();
  ImFont* font = options.large_font ? ui.fonts.heading : ui.fonts.bold;
  const ImVec2 label_size = text_size(font, label);
  const ImVec2 hint_size = options.hint.empty() ? ImVec2(0, 0) : text_size(ui.fonts.body, options.hint);
  ImVec2 size = options.size;
  if (size.x <= 0.0f) size.x = std::max(label_size.x, hint_size.x) + 2.0f * m.padding + 0.5f * m.em;
  if (size.y <= 0.0f) size.y = label_size.y + hint_size.y + m.padding;
  const auto [min, max, tapped, held] = touch_target(ui, id, size);
  size = ImVec2(max.x - min.x, max.y - min.y);
  const bool clicked = tapped && options.enabled;

  const ToneColours colours = colours_for(ui.p(), options.tone, options.enabled);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, (held && options.enabled ? colours.pressed : colours.fill).u32(), m.radius);
  if (colours.border) draw->AddRect(min, max, ui.p().border.u32(), m.radius, 0, std::max(2.0f, m.em * 0.09f));

  const float wrap = size.x - 2.0f * m.padding;
  if (options.hint.empty()) {
    draw_centred_text(draw, font, label, ImVec2(min.x + m.padding, min.y), ImVec2(max.x - m.padding, max.y),
                      colours.label.u32());
  } else {
    const float label_h = text_size(font, label, wrap).y;
    const float hint_h = text_size(ui.fonts.body, options.hint, wrap).y;
    const float top = min.y + (size.y - label_h - hint_h) * 0.5f;
    draw_centred_text(draw, font, label, ImVec2(min.x + m.padding, top), ImVec2(max.x - m.padding, top + label_h),
                      colours.label.u32());
    draw_centred_text(draw, ui.fonts.body, options.hint, ImVec2(min.x + m.padding, top + label_h),
                      ImVec2(max.x - m.padding, top + label_h + hint_h), colours.label.u32());
  }
  if (ui.probe != nullptr) {
    std::string probed(label);
    if (!options.hint.empty()) probed += "\n" + std::string(options.hint);
    ui.probe->record_widget(id, probed, min, max, options.enabled);
  }
  return clicked;
}

bool toggle_tile(Ui& ui, std::string_view id, std::string_view label, bool& selected, ImVec2 size) {
  const Metrics& m = ui.m();
  const auto [min, max, flipped, held] = touch_target(ui, id, size);
  size = ImVec2(max.x - min.x, max.y - min.y);
  if (flipped) selected = !selected;

  const Palette& p = ui.p();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const Rgb fill = held ? (selected ? p.primary_pressed : p.secondary_pressed) : (selected ? p.selected : p.surface);
  draw->AddRectFilled(min, max, fill.u32(), m.radius);
  draw->AddRect(min, max, (selected ? p.primary : p.border).u32(), m.radius, 0, std::max(2.0f, m.em * 0.09f));
  // A check box drawn at the left so "chosen" never relies on colour alone.
  const float box = m.em * 1.1f;
  const ImVec2 box_min(min.x + m.padding, min.y + (size.y - box) * 0.5f);
  const ImVec2 box_max(box_min.x + box, box_min.y + box);
  draw->AddRectFilled(box_min, box_max, p.surface.u32(), m.radius * 0.4f);
  draw->AddRect(box_min, box_max, p.text.u32(), m.radius * 0.4f, 0, 2.0f);
  if (selected) {
    const float t = box * 0.14f;
    draw->AddLine(ImVec2(box_min.x + box * 0.2f, box_min.y + box * 0.52f),
                  ImVec2(box_min.x + box * 0.42f, box_min.y + box * 0.75f), p.primary.u32(), t);
    draw->AddLine(ImVec2(box_min.x + box * 0.42f, box_min.y + box * 0.75f),
                  ImVec2(box_min.x + box * 0.8f, box_min.y + box * 0.25f), p.primary.u32(), t);
  }
  const ImVec2 text_min(box_max.x + m.padding * 0.75f, min.y);
  draw_left_text(draw, ui.fonts.bold, label, text_min, ImVec2(max.x - m.padding * 0.5f, max.y),
                 (selected ? p.on_primary : p.text).u32());
  if (ui.probe != nullptr) ui.probe->record_widget(id, label, min, max);
  return flipped;
}

bool text_field(Ui& ui, std::string_view id, std::string_view label, const std::string& value, bool active, bool masked,
                float width) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  text(ui, label);
  const auto [min, max, tapped, held] = touch_target(ui, id, ImVec2(std::max(width, m.touch_target), m.touch_target));
  (void)held;  // a field shows whether it is the one being typed into, not the press

  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, p.surface.u32(), m.radius);
  const float border = active ? std::max(4.0f, m.em * 0.18f) : std::max(2.0f, m.em * 0.09f);
  draw->AddRect(min, max, (active ? p.primary : p.border).u32(), m.radius, 0, border);

  std::string shown;
  if (masked) {
    for (std::size_t i = 0; i < value.size(); ++i) shown += "\xE2\x80\xA2 ";  // one bullet per digit
  } else {
    shown = value;
  }
  const bool empty = value.empty();
  const std::string& placeholder = ui.t("field.empty");
  std::string drawn = empty && !active ? placeholder : shown;
  if (active) drawn += "|";
  draw_left_text(draw, ui.fonts.heading, drawn, ImVec2(min.x + m.padding, min.y), ImVec2(max.x - m.padding, max.y),
                 (empty && !active ? p.muted_text : p.text).u32());
  if (ui.probe != nullptr) {
    ui.probe->record_widget(id, label, min, max);
    if (!empty) ui.probe->record_text(shown);
  }
  return tapped;
}

int stepper(Ui& ui, std::string_view id, std::string_view label, std::string_view value_text, float value_width) {
  const Metrics& m = ui.m();
  const ImVec2 square(m.touch_target, m.touch_target);
  int step = 0;
  ImGui::BeginGroup();
  text(ui, label);
  if (button(ui, std::string(id) + "-minus", "-", {.size = square, .large_font = true})) step = -1;
  ImGui::SameLine(0.0f, m.gap);
  const ImVec2 at = ImGui::GetCursorPos();
  const ImVec2 size = text_size(ui.fonts.bold, value_text);
  ImGui::SetCursorPos(ImVec2(at.x + std::max(0.0f, (value_width - size.x) * 0.5f), at.y + (m.touch_target - size.y) * 0.5f));
  bold_text(ui, value_text);
  ImGui::SetCursorPos(ImVec2(at.x + value_width + m.gap, at.y));
  if (button(ui, std::string(id) + "-plus", "+", {.size = square, .large_font = true})) step = 1;
  ImGui::EndGroup();
  return step;
}

float stepper_width(const Ui& ui, float value_width) {
  return 2.0f * ui.m().touch_target + 2.0f * ui.m().gap + value_width;
}

void same_line_if_fits(const Ui& ui, float next_width, float spacing) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x - ui.m().em;  // scroll indicator
  if (ImGui::GetItemRectMax().x + spacing + next_width <= right) ImGui::SameLine(0.0f, spacing);
}

void begin_scroll_list(Ui& /*ui*/, std::string_view id, ImVec2 size) {
  const std::string imgui_id(id);
  ImGui::BeginChild(imgui_id.c_str(), size, false, ImGuiWindowFlags_NoScrollbar);
}

void end_scroll_list(Ui& ui) {
  const ImVec2 min = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  const ImVec2 max(min.x + size.x, min.y + size.y);
  // Drag-to-scroll (after ocornut/imgui#3379), from anywhere in the list, once the press has become a drag.
  if (ui.touch->down && ui.touch->is_drag() && ui.touch->pressed_inside(min, max)) {
    ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
  }
  const float scroll_max = ImGui::GetScrollMaxY();
  if (scroll_max > 0.0f) {
    // A quiet position indicator; it is not a control (a finger drags the list itself).
    const float bar_w = ui.m().em * 0.3f;
    const float visible = size.y / (size.y + scroll_max);
    const float bar_h = std::max(size.y * visible, ui.m().em);
    const float top = min.y + (size.y - bar_h) * (ImGui::GetScrollY() / scroll_max);
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(max.x - bar_w, top), ImVec2(max.x, top + bar_h),
                                              ui.p().border.u32(), bar_w * 0.5f);
  }
  ImGui::EndChild();
}

namespace {

void wrapped(Ui& ui, std::string_view value, ImFont* font, Rgb colour) {
  if (ui.probe != nullptr) ui.probe->record_text(value);
  if (font != nullptr) ImGui::PushFont(font);
  ImGui::PushStyleColor(ImGuiCol_Text, colour.vec4());
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(value.data(), value.data() + value.size());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  if (font != nullptr) ImGui::PopFont();
}

}  // namespace

void text(Ui& ui, std::string_view value) { wrapped(ui, value, nullptr, ui.p().text); }
void text_muted(Ui& ui, std::string_view value) { wrapped(ui, value, nullptr, ui.p().muted_text); }
void text_coloured(Ui& ui, std::string_view value, Rgb colour) { wrapped(ui, value, ui.fonts.bold, colour); }
void heading(Ui& ui, std::string_view value) { wrapped(ui, value, ui.fonts.heading, ui.p().text); }
void bold_text(Ui& ui, std::string_view value) { wrapped(ui, value, ui.fonts.bold, ui.p().text); }

ImVec2 text_size(ImFont* font, std::string_view value, float wrap_width) {
  return font->CalcTextSizeA(font->FontSize, 1.0e9f, wrap_width, value.data(), value.data() + value.size());
}

}  // namespace porchlight::ui
