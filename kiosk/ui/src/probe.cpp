#include "porchlight/ui/probe.hpp"

namespace porchlight::ui {

void Probe::begin_frame() {
  widgets_.clear();
  texts_.clear();
}

void Probe::record_widget(std::string_view id, std::string_view label, ImVec2 min, ImVec2 max, bool enabled) {
  widgets_.push_back(ProbedWidget{std::string(id), std::string(label), min, max, enabled});
}

void Probe::record_text(std::string_view text) { texts_.emplace_back(text); }

std::optional<ProbedWidget> Probe::find(std::string_view id) const {
  for (const auto& widget : widgets_) {
    if (widget.id == id) return widget;
  }
  return std::nullopt;
}

std::string Probe::all_text() const {
  std::string all;
  for (const auto& text : texts_) all += text + "\n";
  for (const auto& widget : widgets_) all += widget.label + "\n";
  return all;
}

bool Probe::shows(std::string_view needle) const { return all_text().find(needle) != std::string::npos; }

}  // namespace porchlight::ui
