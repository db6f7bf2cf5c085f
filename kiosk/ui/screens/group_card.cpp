// One group session as a card, shared by the calendar screens and the reasons screen.
#include <algorithm>
#include <string>

#include "porchlight/ui/screens.hpp"

namespace porchlight::ui {

namespace {

const char* status_key(GroupCard::Status status) {
  switch (status) {
    case GroupCard::Status::StartingSoon: return "groups.starting_soon";
    case GroupCard::Status::InProgress: return "groups.in_progress";
    case GroupCard::Status::Cancelled: return "groups.cancelled";
    case GroupCard::Status::Ended: return "groups.ended";
    case GroupCard::Status::None: break;
  }
  return nullptr;
}

}  // namespace

bool group_card(Ui& ui, GroupCard& card, float width, bool can_join) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float join_w = can_join ? std::max(m.touch_target * 2.6f, m.em * 7.0f) : 0.0f;
  const float text_w = width - 2.0f * m.padding - (can_join ? join_w + m.gap : 0.0f);
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float height = std::max(m.touch_target + 2.0f * m.padding, 3.0f * line + 2.0f * m.padding);
  const bool cancelled = card.status == GroupCard::Status::Cancelled;

  draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), p.surface.u32(), m.radius);
  draw->AddRect(origin, ImVec2(origin.x + width, origin.y + height), (cancelled ? p.border : p.secondary_pressed).u32(),
                m.radius, 0, std::max(1.0f, m.em * 0.08f));

  ImGui::SetCursorScreenPos(ImVec2(origin.x + m.padding, origin.y + m.padding));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(origin.x + m.padding + text_w);
  bold_text(ui, card.time_text + "   " + card.title);
  std::string where = card.room;
  if (!card.facilitator.empty()) where += (where.empty() ? "" : "  \xC2\xB7  ") + card.facilitator;
  text_muted(ui, where);
  std::string state;
  if (const char* key = status_key(card.status)) state = ui.t(key);
  if (!cancelled && !card.seats_text.empty()) state += (state.empty() ? "" : "  \xC2\xB7  ") + card.seats_text;
  if (!state.empty()) {
    const bool warn = cancelled || card.full;
    if (warn) {
      text_coloured(ui, state, p.error_text);
    } else {
      bold_text(ui, state);
    }
  }
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();

  bool flipped = false;
  if (can_join) {
    ImGui::SetCursorScreenPos(
        ImVec2(origin.x + width - m.padding - join_w, origin.y + (height - m.touch_target) * 0.5f));
    const std::string id = "join-" + card.id;
    if (card.joinable || card.chosen) {
      bool selected = card.chosen;
      if (toggle_tile(ui, id, ui.t(selected ? "groups.joining" : "groups.join"), selected,
                      ImVec2(join_w, m.touch_target))) {
        card.chosen = selected;
        flipped = true;
      }
    } else {
      button(ui, id, ui.t(card.full ? "groups.full" : "groups.not_open"),
             {.size = ImVec2(join_w, m.touch_target), .enabled = false});
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + height + m.gap));
  ImGui::Dummy(ImVec2(width, 0.0f));
  return flipped;
}

}  // namespace porchlight::ui
