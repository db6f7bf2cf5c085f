#include <algorithm>
#include <string>

#include "../src/draw_text.hpp"
#include "porchlight/ui/screens.hpp"

namespace porchlight::ui {

DoneAction done_screen(Ui& ui, std::string_view first_name, std::span<const std::string> notes) {
  const Metrics& m = ui.m();
  const std::string greeting = first_name.empty()
                                   ? ui.t("done.heading_guest")
                                   : tr_format("done.heading_named", ui.language, {{"name", first_name}});
  std::string body = ui.t("done.body");
  for (const auto& note : notes) body += "\n" + note;
  const std::string& clearing = ui.t("done.clearing");

  // One calm card in the middle of the screen: the greeting is the thing to read.
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float inner = width - 2.0f * m.margin;
  const float greeting_h = text_size(ui.fonts.heading, greeting, inner).y;
  const float body_h = text_size(ui.fonts.bold, body, inner).y;
  const float clearing_h = text_size(ui.fonts.body, clearing, inner).y;
  const float card_h = greeting_h + body_h + clearing_h + 2.0f * m.margin + 2.0f * m.gap;
  const float top = origin.y + m.touch_target;
  const ImVec2 card_min(origin.x, top);
  const ImVec2 card_max(origin.x + width, top + card_h);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(card_min, card_max, ui.p().surface.u32(), m.radius);
  draw->AddRect(card_min, card_max, ui.p().primary.u32(), m.radius, 0, std::max(3.0f, m.em * 0.15f));
  float y = top + m.margin;
  draw_centred_text(draw, ui.fonts.heading, greeting, ImVec2(origin.x + m.margin, y),
                    ImVec2(origin.x + width - m.margin, y + greeting_h), ui.p().text.u32());
  y += greeting_h + m.gap;
  draw_centred_text(draw, ui.fonts.bold, body, ImVec2(origin.x + m.margin, y),
                    ImVec2(origin.x + width - m.margin, y + body_h), ui.p().text.u32());
  y += body_h + m.gap;
  draw_centred_text(draw, ui.fonts.body, clearing, ImVec2(origin.x + m.margin, y),
                    ImVec2(origin.x + width - m.margin, y + clearing_h), ui.p().muted_text.u32());
  if (ui.probe != nullptr) {
    ui.probe->record_text(greeting);
    ui.probe->record_text(body);
    ui.probe->record_text(clearing);
  }
  return action_bar(ui, ui.t("done.finish"), false).primary ? DoneAction::Finish : DoneAction::None;
}

}  // namespace porchlight::ui
