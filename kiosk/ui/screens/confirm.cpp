#include <algorithm>
#include <string>

#include "porchlight/ui/screens.hpp"

namespace porchlight::ui {

namespace {

constexpr std::size_t kMaxPinDigits = 6;
constexpr std::size_t kBirthDateDigits = 8;

}  // namespace

ConfirmAction confirm_screen(Ui& ui, const ConfirmView& view) {
  const Metrics& m = ui.m();
  ConfirmAction action = ConfirmAction::None;
  const float width = ImGui::GetContentRegionAvail().x;
  heading(ui, tr_format("confirm.heading", ui.language, {{"name", view.display_name}}));

  if (view.method == ConfirmMethod::Nothing) {
    text(ui, ui.t("confirm.no_check"));
    const auto bar = action_bar(ui, ui.t("common.continue"));
    if (bar.back) action = ConfirmAction::Back;
    if (bar.primary) action = ConfirmAction::Submit;
    return action;
  }

  const bool pin = view.method == ConfirmMethod::Pin;
  const float field_w = std::min(width * 0.5f, m.em * 16.0f);
  const float left = ImGui::GetCursorScreenPos().x;
  const float top = ImGui::GetCursorScreenPos().y;
  if (pin) {
    text_field(ui, "entry", ui.t("confirm.pin_label"), view.entry, true, true, field_w);
    text_muted(ui, ui.t("confirm.pin_hint"));
  } else {
    text_field(ui, "entry", ui.t("confirm.birth_label"), format_date_digits(view.entry, ui.language), true, false,
               field_w);
    text_muted(ui, ui.t("confirm.birth_hint"));
  }
  if (!view.error_key.empty()) text_coloured(ui, ui.t(view.error_key), ui.p().error_text);
  if (view.can_switch_method) {
    ImGui::Dummy(ImVec2(0.0f, m.gap));
    if (button(ui, "switch-method", ui.t(pin ? "confirm.use_birth" : "confirm.use_pin"),
               {.size = ImVec2(field_w, 0.0f), .tone = Tone::Quiet})) {
      action = ConfirmAction::SwitchMethod;
    }
  }

  // The number pad sits to the right of the field, so both fit with large text.
  const float pad_left = left + field_w + m.margin;
  ImGui::SetCursorScreenPos(ImVec2(pad_left, top));
  if (number_pad(ui, view.entry, pin ? kMaxPinDigits : kBirthDateDigits) == KeyboardEvent::Done) {
    action = ConfirmAction::Submit;
  }

  const auto bar = action_bar(ui, ui.t("common.continue"));
  if (bar.back) action = ConfirmAction::Back;
  if (bar.primary) action = ConfirmAction::Submit;
  return action;
}

}  // namespace porchlight::ui
