#include <algorithm>
#include <string>

#include "porchlight/ui/screens.hpp"

namespace porchlight::ui {

void crisis_988_block(Ui& ui, float width) {
  const Metrics& m = ui.m();
  // 988 in a large block of its own: the one thing to read if nothing else is read.
  const ImVec2 min = ImGui::GetCursorScreenPos();
  ImGui::BeginGroup();
  ImGui::Indent(m.padding);
  ImGui::Dummy(ImVec2(0.0f, m.gap));
  heading(ui, ui.t("crisis.988"));
  text(ui, ui.t("crisis.988_detail"));
  ImGui::Dummy(ImVec2(0.0f, m.gap));
  ImGui::Unindent(m.padding);
  ImGui::EndGroup();
  ImGui::GetWindowDrawList()->AddRect(min, ImVec2(min.x + width - m.em, ImGui::GetItemRectMax().y), ui.p().crisis.u32(),
                                      m.radius, 0, std::max(3.0f, m.em * 0.15f));
}

CrisisAction crisis_screen(Ui& ui, std::span<const CrisisLine> local_lines) {
  const Metrics& m = ui.m();
  // A list that scrolls, so a center with many local lines never pushes them under the Close button.
  const float width = ImGui::GetContentRegionAvail().x;
  begin_scroll_list(ui, "crisis-lines",
                    ImVec2(width, std::max(m.touch_target, ImGui::GetContentRegionAvail().y - action_bar_height(ui))));
  heading(ui, ui.t("crisis.heading"));
  crisis_988_block(ui, width);
  if (!local_lines.empty()) {
    bold_text(ui, ui.t("crisis.local"));
    for (const auto& line : local_lines) text(ui, line.label + ":  " + line.number);
  }
  ImGui::Dummy(ImVec2(0.0f, m.gap));
  bold_text(ui, ui.t("crisis.emergency"));
  text(ui, ui.t("crisis.staff"));
  end_scroll_list(ui);
  return action_bar(ui, ui.t("crisis.close"), false).primary ? CrisisAction::Close : CrisisAction::None;
}

}  // namespace porchlight::ui
