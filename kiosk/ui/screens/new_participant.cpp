#include <algorithm>
#include <string>

#include "porchlight/ui/screens.hpp"

namespace porchlight::ui {

namespace {

constexpr std::size_t kMaxPinDigits = 6;
constexpr std::size_t kBirthDateDigits = 8;

bool uses_letters(NewField field) { return field == NewField::FirstName || field == NewField::LastName; }

NewField next_field(NewField field) {
  switch (field) {
    case NewField::FirstName:
      return NewField::LastName;
    case NewField::BirthDate:
      return NewField::Pin;
    default:
      return NewField::None;
  }
}

void field_in_grid(Ui& ui, const NewView& view, NewField field, std::string_view id, std::string_view label_key,
                   float width) {
  const bool active = view.active_field == field;
  bool tapped = false;
  ImGui::BeginGroup();
  switch (field) {
    case NewField::FirstName:
      tapped = text_field(ui, id, ui.t(label_key), view.first_name, active, false, width);
      break;
    case NewField::LastName:
      tapped = text_field(ui, id, ui.t(label_key), view.last_name, active, false, width);
      break;
    case NewField::BirthDate: {
      const std::string shown =
          view.birth_digits.empty() && !active ? std::string() : format_date_digits(view.birth_digits, ui.language);
      tapped = text_field(ui, id, ui.t(label_key), shown, active, false, width);
      break;
    }
    case NewField::Pin:
      tapped = text_field(ui, id, ui.t(label_key), view.pin, active, true, width);
      break;
    case NewField::None:
      break;
  }
  ImGui::EndGroup();
  if (tapped && view.active_field != field) {
    view.active_field = field;
    view.scroll_to_active = true;
  }
  // Bring the field being typed into above the keyboard, once each time the field changes.
  if (active && view.scroll_to_active) {
    ImGui::SetScrollHereY(0.0f);
    view.scroll_to_active = false;
  }
}

}  // namespace

NewAction new_participant_screen(Ui& ui, const NewView& view) {
  const Metrics& m = ui.m();
  NewAction action = NewAction::None;
  const float width = ImGui::GetContentRegionAvail().x;
  const bool typing = view.active_field != NewField::None;
  if (!typing) heading(ui, ui.t("new.heading"));  // while typing, the field labels say enough
  const float keyboard_h =
      typing ? (uses_letters(view.active_field) ? letter_keyboard_height(ui) : number_pad_height(ui)) + m.gap : 0.0f;
  const float bottom_reserved = keyboard_h + action_bar_height(ui) + m.gap;
  const float list_h = std::max(m.touch_target, ImGui::GetContentRegionAvail().y - bottom_reserved);
  const float column_w = (width - m.margin - m.em) * 0.5f;  // room for the scroll indicator

  begin_scroll_list(ui, "new-form", ImVec2(width, list_h));
  field_in_grid(ui, view, NewField::FirstName, "first-name", "new.first_name", column_w);
  ImGui::SameLine(0.0f, m.margin);
  field_in_grid(ui, view, NewField::LastName, "last-name", "new.last_name", column_w);
  field_in_grid(ui, view, NewField::BirthDate, "birth-date", "new.birth_date", column_w);
  ImGui::SameLine(0.0f, m.margin);
  field_in_grid(ui, view, NewField::Pin, "pin", "new.pin", column_w);
  // A missing consent is said next to the consent tile; other problems next to the fields.
  const bool consent_error = view.error_key == "new.need_consent";
  if (!view.error_key.empty() && !consent_error) text_coloured(ui, ui.t(view.error_key), ui.p().error_text);
  ImGui::Dummy(ImVec2(0.0f, m.gap));
  bold_text(ui, ui.t("new.what_we_keep_title"));
  text(ui, ui.t("new.what_we_keep"));
  if (consent_error) text_coloured(ui, ui.t(view.error_key), ui.p().error_text);
  toggle_tile(ui, "consent", ui.t("new.consent"), view.consent, ImVec2(width - m.em, m.touch_target));
  if (!typing && view.scroll_to_active) {
    // After Continue found a problem: show where it is.
    if (consent_error) {
      ImGui::SetScrollHereY(1.0f);
    } else {
      ImGui::SetScrollY(0.0f);
    }
    view.scroll_to_active = false;
  }
  end_scroll_list(ui);

  if (typing) {
    const ImVec2 window_pos = ImGui::GetWindowPos();
    ImGui::SetCursorScreenPos(
        ImVec2(window_pos.x + m.margin, window_pos.y + ImGui::GetWindowSize().y - bottom_reserved + m.gap));
    KeyboardEvent event = KeyboardEvent::None;
    switch (view.active_field) {
      case NewField::FirstName:
        event = letter_keyboard(ui, view.keyboard, view.first_name, kMaxNameCharacters);
        break;
      case NewField::LastName:
        event = letter_keyboard(ui, view.keyboard, view.last_name, kMaxNameCharacters);
        break;
      case NewField::BirthDate:
        event = number_pad(ui, view.birth_digits, kBirthDateDigits);
        break;
      case NewField::Pin:
        event = number_pad(ui, view.pin, kMaxPinDigits);
        break;
      case NewField::None:
        break;
    }
    if (event == KeyboardEvent::Done) {
      view.active_field = next_field(view.active_field);
      view.scroll_to_active = true;
    }
  }

  const auto bar = action_bar(ui, ui.t("common.continue"));
  if (bar.back) action = NewAction::Back;
  if (bar.primary) action = NewAction::Submit;
  return action;
}

}  // namespace porchlight::ui
