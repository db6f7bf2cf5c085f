// Staff mode: sign someone in on their behalf. Find the person by name on the on-screen keyboard (the results show
// "First L." only: the screen may be seen from the door), or sign in a guest. The reasons are the participant's
// own reasons screen.
#include <algorithm>
#include <string>

#include "porchlight/ui/keyboard.hpp"
#include "porchlight/ui/screens.hpp"
#include "porchlight/ui/staff_screens.hpp"

namespace porchlight::ui {

StaffSignInAction staff_sign_in_screen(Ui& ui, const StaffSignInView& view) {
  const Metrics& m = ui.m();
  StaffSignInAction action;
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 top = ImGui::GetCursorScreenPos();
  const auto fit = [&](const std::string& label) {
    return std::max(m.touch_target * 2.5f, text_size(ui.fonts.bold, label).x + 2.0f * m.padding + 0.5f * m.em);
  };
  const std::string& back = ui.t("common.back");
  const std::string& guest = ui.t(view.guest_key);
  float x = top.x + width - fit(back);
  ImGui::SetCursorScreenPos(ImVec2(x, top.y));
  if (button(ui, "back", back, {.size = ImVec2(fit(back), m.touch_target), .tone = Tone::Quiet})) {
    action.kind = StaffSignInAction::Kind::Back;
  }
  x -= m.gap + fit(guest);
  ImGui::SetCursorScreenPos(ImVec2(x, top.y));
  if (button(ui, "sign-in-guest", guest, {.size = ImVec2(fit(guest), m.touch_target), .tone = Tone::Secondary})) {
    action.kind = StaffSignInAction::Kind::Guest;
  }
  ImGui::SetCursorScreenPos(top);
  heading(ui, ui.t(view.heading_key));
  if (!view.error_key.empty()) text_coloured(ui, ui.t(view.error_key), ui.p().error_text);
  text_field(ui, "name-field", ui.t("returning.field"), view.typed, true, false, width * 0.55f);
  const std::size_t typed = character_count(view.typed);
  if (typed < kMinimumTypedForMatches) {
    text_muted(ui, ui.t("returning.hint"));
  } else if (view.matches.empty()) {
    text_muted(ui, ui.t("staff.sign_in_no_match"));
  }

  const NameSearchOutcome search = name_matches_and_keyboard(ui, view.typed, view.keyboard, view.matches, width);
  if (action.kind == StaffSignInAction::Kind::None) {
    if (search.picked) {
      action = {StaffSignInAction::Kind::Picked, *search.picked};
    } else if (search.typed) {
      action.kind = StaffSignInAction::Kind::Typed;
    }
  }
  return action;
}

}  // namespace porchlight::ui
