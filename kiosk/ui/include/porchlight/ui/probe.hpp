#pragma once
// A test and inspection hook: each frame, every touch widget records its id, screen rectangle and label, and
// every text drawn through our text helpers is recorded. Tests tap widgets by id and read all text shown.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace porchlight::ui {

struct ProbedWidget {
  std::string id;
  std::string label;
  ImVec2 min;
  ImVec2 max;
  bool enabled = true;

  [[nodiscard]] ImVec2 centre() const { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
};

class Probe {
 public:
  void begin_frame();
  void record_widget(std::string_view id, std::string_view label, ImVec2 min, ImVec2 max, bool enabled = true);
  void record_text(std::string_view text);

  [[nodiscard]] std::optional<ProbedWidget> find(std::string_view id) const;
  [[nodiscard]] const std::vector<ProbedWidget>& widgets() const { return widgets_; }
  [[nodiscard]] const std::vector<std::string>& texts() const { return texts_; }
  // Everything on screen this frame: texts and widget labels, one per line.
  [[nodiscard]] std::string all_text() const;
  [[nodiscard]] bool shows(std::string_view needle) const;

 private:
  std::vector<ProbedWidget> widgets_;
  std::vector<std::string> texts_;
};

}  // namespace porchlight::ui
