#include <algorithm>
#include <string>

#include "porchlight/ui/screens.hpp"

namespace porchlight::ui {

NameSearchOutcome name_matches_and_keyboard(Ui& ui, std::string& typed, KeyboardState& keyboard,
                                            std::span<const core::ParticipantMatch> matches, float width) {
  const Metrics& m = ui.m();
  NameSearchOutcome outcome;
  // The matches fill what the keyboard and the action bar leave.
  const float bottom_reserved = letter_keyboard_height(ui) + 2.0f * m.gap;
  const float list_h = std::max(m.touch_target, ImGui::GetContentRegionAvail().y - bottom_reserved);
  begin_scroll_list(ui, "matches", ImVec2(width, list_h));
  if (character_count(typed) >= kMinimumTypedForMatches) {
    const int columns = std::max(1, static_cast<int>(width / (m.touch_target * 4.5f)));
    const float tile_w = (width - m.em - m.gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    for (std::size_t i = 0; i < matches.size(); ++i) {
      if (i % static_cast<std::size_t>(columns) != 0) ImGui::SameLine(0.0f, m.gap);
      if (button(ui, "match-" + std::to_string(i), matches[i].display_name,
                 {.size = ImVec2(tile_w, m.touch_target), .tone = Tone::Primary, .large_font = true})) {
        outcome.picked = i;
      }
    }
  }
  end_scroll_list(ui);

  ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x,
                                   ImGui::GetWindowPos().y + ImGui::GetWindowSize().y - bottom_reserved + m.gap));
  const std::string before = typed;
  const KeyboardEvent event = letter_keyboard(ui, keyboard, typed, kMaxNameCharacters);
  if (!outcome.picked) {
    outcome.typed = event == KeyboardEvent::Typed && typed != before;
    // Done with exactly one name shown means that name; with several, the person still has to pick.
    if (event == KeyboardEvent::Done && matches.size() == 1) outcome.picked = 0;
  }
  return outcome;
}

}  // namespace porchlight::ui
