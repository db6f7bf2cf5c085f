// Staff: a referral made for someone (or for nobody by name). The left side finds the service: a word search typed
// on the on-screen keyboard, or a category. The right side says who, which service, when to ask how it went, and a
// note. Two columns, so choosing a service never scrolls the follow-up date and the note out of sight.
#include <algorithm>
#include <string>

#include "porchlight/ui/screens.hpp"
#include "porchlight/ui/staff_screens.hpp"

namespace porchlight::ui {

namespace {

constexpr std::size_t kMaxQueryCharacters = 40;
constexpr std::size_t kMaxNoteCharacters = 200;
// A follow-up further out than this is a referral nobody will remember to ask about.
constexpr int kLatestFollowUpDays = 90;

void find_service(Ui& ui, const StaffReferralFormView& view, StaffReferralFormAction& action, ImVec2 size) {
  using Kind = StaffReferralFormAction::Kind;
  const Metrics& m = ui.m();
  begin_scroll_list(ui, "referral-services", size);
  const float inner_w = size.x - m.em;  // room for the scroll indicator
  const float search_w = std::max(m.touch_target * 2.5f, m.em * 6.0f);
  const bool typing_query = view.active_field == ReferralFormField::Search;
  if (text_field(ui, "referral-search", ui.t("help.search_field"), view.query, typing_query, false,
                 inner_w - search_w - m.gap) &&
      !typing_query) {
    view.active_field = ReferralFormField::Search;
  }
  const ImVec2 field_min = ImGui::GetItemRectMin();
  const ImVec2 field_max = ImGui::GetItemRectMax();
  const ImVec2 below_field = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(field_max.x + m.gap, field_min.y));
  if (button(ui, "referral-search-go", ui.t("help.search"),
             {.size = ImVec2(search_w, field_max.y - field_min.y),
              .tone = Tone::Primary,
              .enabled = !view.query.empty()})) {
    action.kind = Kind::Search;
  }
  ImGui::SetCursorScreenPos(ImVec2(below_field.x, below_field.y + m.gap * 0.5f));

  // Chips as wide as their labels, as many to a row as fit: the services below stay in sight.
  for (std::size_t i = 0; i < view.categories.size(); ++i) {
    const auto& tile = view.categories[i];
    const float chip_w = std::max(m.touch_target, text_size(ui.fonts.bold, tile.label).x + 2.0f * m.padding + 0.5f * m.em);
    if (i > 0) same_line_if_fits(ui, chip_w, m.gap);
    const bool chosen = view.category == i;
    if (button(ui, "category-" + tile.code, tile.label,
               {.size = ImVec2(chip_w, m.touch_target), .tone = chosen ? Tone::Primary : Tone::Secondary})) {
      action = {Kind::Category, i};
    }
  }

  ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
  if (view.services.empty()) text_muted(ui, ui.t("staff.referral_find_service"));
  const float item_h = std::max(m.touch_target, ImGui::GetTextLineHeightWithSpacing() * 2.0f + m.padding * 1.5f);
  for (std::size_t i = 0; i < view.services.size(); ++i) {
    const auto& service = view.services[i];
    if (button(ui, "referral-service-" + std::to_string(i), service.name,
               {.size = ImVec2(inner_w, item_h),
                .tone = view.chosen == i ? Tone::Primary : Tone::Secondary,
                .hint = service.detail})) {
      action = {Kind::Pick, i};
    }
  }
  end_scroll_list(ui);
}

void referral_details(Ui& ui, const StaffReferralFormView& view, ImVec2 size) {
  const Metrics& m = ui.m();
  begin_scroll_list(ui, "referral-details", size);
  const float inner_w = size.x - m.em;
  text_muted(ui, ui.t("staff.referral_for"));
  bold_text(ui, view.who);
  ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
  text_muted(ui, ui.t("staff.referral_service"));
  if (view.chosen && *view.chosen < view.services.size()) {
    bold_text(ui, view.services[*view.chosen].name);
  } else {
    text_muted(ui, ui.t("staff.referral_no_service"));
  }
  ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
  // "In 9 days" fits between - and + in any language and text size; the whole date goes on the line below.
  const int days_ahead = view.follow_up.days_since_epoch() - view.earliest.days_since_epoch();
  const std::string days_text = days_ahead == 0   ? ui.t("staff.referral_today")
                                : days_ahead == 1 ? ui.t("staff.referral_tomorrow")
                                                  : tr_format("staff.referral_in_days", ui.language,
                                                              {{"days", std::to_string(days_ahead)}});
  const float value_w = std::min(inner_w - 2.0f * m.touch_target - 2.0f * m.gap, m.em * 7.0f);
  const int step = stepper(ui, "referral-follow-up", ui.t("staff.referral_follow_up"), days_text, value_w);
  const int moved = std::clamp(days_ahead + step, 0, kLatestFollowUpDays);
  view.follow_up = view.earliest.plus_days(moved);
  bold_text(ui, date_text(ui, view.follow_up));
  ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
  const bool typing_note = view.active_field == ReferralFormField::Note;
  if (text_field(ui, "referral-note", ui.t("staff.referral_note"), view.note, typing_note, false, inner_w) &&
      !typing_note) {
    view.active_field = ReferralFormField::Note;
  }
  end_scroll_list(ui);
}

}  // namespace

StaffReferralFormAction staff_referral_form_screen(Ui& ui, const StaffReferralFormView& view) {
  using Kind = StaffReferralFormAction::Kind;
  const Metrics& m = ui.m();
  StaffReferralFormAction action;
  const float width = ImGui::GetContentRegionAvail().x;
  heading(ui, tr_format("staff.referral_new_heading", ui.language, {{"who", std::string(view.who)}}));
  if (!view.error_key.empty()) text_coloured(ui, ui.t(view.error_key), ui.p().error_text);

  const bool typing = view.active_field != ReferralFormField::None;
  const float bottom_reserved = (typing ? letter_keyboard_height(ui, true) + m.gap : 0.0f) + action_bar_height(ui) + m.gap;
  const float body_h = std::max(m.touch_target, ImGui::GetContentRegionAvail().y - bottom_reserved);
  const float left_w = (width - m.margin) * 0.6f;
  const ImVec2 top = ImGui::GetCursorScreenPos();
  find_service(ui, view, action, ImVec2(left_w, body_h));
  ImGui::SetCursorScreenPos(ImVec2(top.x + left_w + m.margin, top.y));
  referral_details(ui, view, ImVec2(width - left_w - m.margin, body_h));

  if (typing) {
    const ImVec2 window_pos = ImGui::GetWindowPos();
    ImGui::SetCursorScreenPos(
        ImVec2(window_pos.x + m.margin, window_pos.y + ImGui::GetWindowSize().y - bottom_reserved + m.gap));
    const bool searching = view.active_field == ReferralFormField::Search;
    std::string& target = searching ? view.query : view.note;
    const KeyboardEvent event =
        letter_keyboard(ui, view.keyboard, target, searching ? kMaxQueryCharacters : kMaxNoteCharacters, true);
    if (event == KeyboardEvent::Done) {
      view.active_field = ReferralFormField::None;
      if (searching && !view.query.empty() && action.kind == Kind::None) action.kind = Kind::Search;
    }
  }

  const auto bar = action_bar(ui, ui.t("staff.referral_make"));
  if (bar.back) action.kind = Kind::Back;
  if (bar.primary) action.kind = Kind::Save;
  return action;
}

}  // namespace porchlight::ui
