// Staff mode's day view: crisis alerts on top, the day's totals, sign-ins by hour and by reason on the left, and
// every sign-in with full name, time and reasons on the right (with Sign out for open visits).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>

#include "../src/draw_text.hpp"
#include "porchlight/ui/screens.hpp"
#include "porchlight/ui/staff_screens.hpp"

namespace porchlight::ui {

namespace {

constexpr int kFirstChartHour = 8;  // the chart always spans at least a usual opening day
constexpr int kLastChartHour = 18;
constexpr std::size_t kAlertsListed = 3;

void record(Ui& ui, std::string_view value) {
  if (ui.probe != nullptr) ui.probe->record_text(value);
}

// Crisis alerts: red, across the whole content width, above everything else.
bool alert_banner(Ui& ui, std::span<const StaffAlertView> alerts, float width) {
  const Metrics& m = ui.m();
  std::string message;
  for (std::size_t i = 0; i < alerts.size() && i < kAlertsListed; ++i) {
    if (i > 0) message += "\n";
    message += tr_format("staff.alert", ui.language, {{"time", alerts[i].time}, {"screen", alerts[i].from}});
  }
  if (alerts.size() > kAlertsListed) {
    message +=
        "\n" + tr_format("staff.alert_more", ui.language, {{"count", std::to_string(alerts.size() - kAlertsListed)}});
  }
  const std::string& acknowledge = ui.t("staff.acknowledge");
  const float button_w = std::max(m.touch_target * 3.0f, text_size(ui.fonts.bold, acknowledge).x + 2.5f * m.padding);
  const float text_w = width - button_w - 3.0f * m.padding;
  const float height = std::max(m.touch_target, text_size(ui.fonts.bold, message, text_w).y) + 2.0f * m.padding;
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const ImVec2 max(min.x + width, min.y + height);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, ui.p().crisis.u32(), m.radius);
  draw_left_text(draw, ui.fonts.bold, message, ImVec2(min.x + m.padding, min.y),
                 ImVec2(min.x + m.padding + text_w, max.y), ui.p().on_crisis.u32());
  record(ui, message);
  ImGui::SetCursorScreenPos(ImVec2(max.x - m.padding - button_w, min.y + (height - m.touch_target) * 0.5f));
  const bool acknowledged =
      button(ui, "ack-alerts", acknowledge, {.size = ImVec2(button_w, m.touch_target), .tone = Tone::Secondary});
  ImGui::SetCursorScreenPos(min);
  ImGui::Dummy(ImVec2(width, height + m.gap));
  return acknowledged;
}

void totals(Ui& ui, const core::DailyAttendance& report, float width) {
  const Metrics& m = ui.m();
  const std::pair<std::int64_t, const char*> tiles[] = {{report.visit_count, "staff.total_visits"},
                                                        {report.unique_people, "staff.total_people"},
                                                        {report.new_registrations, "staff.total_new"},
                                                        {report.guest_visits, "staff.total_guests"}};
  // One row of four, or two rows of two when a label would not fit (Spanish, larger text).
  float widest = 0.0f;
  for (const auto& tile : tiles) widest = std::max(widest, text_size(ui.fonts.body, ui.t(tile.second)).x);
  const std::size_t columns = (width - 3.0f * m.gap) / 4.0f >= widest + 2.0f * m.padding ? 4 : 2;
  const float tile_w = (width - static_cast<float>(columns - 1) * m.gap) / static_cast<float>(columns);
  const float tile_h = ui.fonts.heading->FontSize + ui.fonts.body->FontSize + 1.5f * m.padding;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  for (std::size_t i = 0; i < std::size(tiles); ++i) {
    const ImVec2 min(origin.x + static_cast<float>(i % columns) * (tile_w + m.gap),
                     origin.y + static_cast<float>(i / columns) * (tile_h + m.gap));
    const ImVec2 max(min.x + tile_w, min.y + tile_h);
    draw->AddRectFilled(min, max, ui.p().surface.u32(), m.radius);
    draw->AddRect(min, max, ui.p().border.u32(), m.radius, 0, std::max(1.0f, m.em * 0.06f));
    const std::string number = std::to_string(tiles[i].first);
    const std::string& label = ui.t(tiles[i].second);
    const float number_bottom = min.y + m.padding * 0.5f + ui.fonts.heading->FontSize;
    draw_centred_text(draw, ui.fonts.heading, number, ImVec2(min.x, min.y + m.padding * 0.5f),
                      ImVec2(max.x, number_bottom), ui.p().text.u32());
    draw_centred_text(draw, ui.fonts.body, label, ImVec2(min.x, number_bottom), ImVec2(max.x, max.y - m.padding * 0.5f),
                      ui.p().muted_text.u32());
    record(ui, label + ": " + number);
  }
  const float rows = static_cast<float>((std::size(tiles) + columns - 1) / columns);
  ImGui::Dummy(ImVec2(width, rows * (tile_h + m.gap)));
}

void hour_chart(Ui& ui, const core::DailyAttendance& report, float width) {
  const Metrics& m = ui.m();
  bold_text(ui, ui.t("staff.by_hour"));
  int first = kFirstChartHour;
  int last = kLastChartHour;
  std::int64_t most = 1;
  for (int hour = 0; hour < 24; ++hour) {
    const std::int64_t count = report.by_hour[static_cast<std::size_t>(hour)];
    if (count == 0) continue;
    first = std::min(first, hour);
    last = std::max(last, hour);
    most = std::max(most, count);
  }
  const int hours = last - first + 1;
  const float label_h = ui.fonts.body->FontSize;
  const float bars_h = m.em * 5.0f;
  const float slot_w = width / static_cast<float>(hours);
  const float bar_w = std::max(2.0f, slot_w - std::max(2.0f, m.gap * 0.5f));
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float base_y = origin.y + label_h + bars_h;  // a count sits above each bar
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddLine(ImVec2(origin.x, base_y), ImVec2(origin.x + width, base_y), ui.p().border.u32(),
                std::max(1.0f, m.em * 0.06f));
  for (int hour = first; hour <= last; ++hour) {
    const std::int64_t count = report.by_hour[static_cast<std::size_t>(hour)];
    const float x = origin.x + static_cast<float>(hour - first) * slot_w;
    const float h = bars_h * static_cast<float>(count) / static_cast<float>(most);
    if (count > 0) {
      draw->AddRectFilled(ImVec2(x, base_y - h), ImVec2(x + bar_w, base_y), ui.p().primary.u32(), m.radius * 0.3f);
      draw_centred_text(draw, ui.fonts.body, std::to_string(count), ImVec2(x, base_y - h - label_h),
                        ImVec2(x + bar_w, base_y - h), ui.p().text.u32());
    }
    draw_centred_text(draw, ui.fonts.body, std::to_string(hour), ImVec2(x, base_y), ImVec2(x + bar_w, base_y + label_h),
                      ui.p().muted_text.u32());
  }
  ImGui::Dummy(ImVec2(width, label_h * 2.0f + bars_h + m.gap));
}

void reason_counts(Ui& ui, const core::DailyAttendance& report) {
  bold_text(ui, ui.t("staff.by_reason"));
  for (const auto& reason : report.by_reason) text(ui, reason.label + ":  " + std::to_string(reason.visits));
}

std::string reason_labels(const core::DailyAttendance& report, const core::AttendanceRow& row) {
  std::string labels;
  for (const auto& code : row.reasons) {
    if (!labels.empty()) labels += ", ";
    const auto found = std::find_if(report.by_reason.begin(), report.by_reason.end(),
                                    [&](const core::ReasonCount& reason) { return reason.code == code; });
    labels += found != report.by_reason.end() ? found->label : code;
  }
  return labels;
}

// One sign-in: time, full name (and reasons under it), Sign out or when they left.
bool visit_row(Ui& ui, const core::DailyAttendance& report, std::size_t index, std::string_view left_time,
               float width) {
  const Metrics& m = ui.m();
  const core::AttendanceRow& row = report.visits[index];
  const std::string name = row.guest         ? ui.t("staff.guest")
                           : row.first_visit ? row.full_name + "  (" + ui.t("staff.first_visit") + ")"
                                             : row.full_name;
  const std::string reasons = reason_labels(report, row);
  const std::string& sign_out = ui.t("staff.sign_out");
  const std::string left_at =
      row.signed_out_at ? tr_format("staff.left_at", ui.language, {{"time", left_time}}) : std::string();
  const float button_w = std::max(m.touch_target * 2.5f, text_size(ui.fonts.bold, sign_out).x + 2.5f * m.padding);
  const float time_w = m.em * 3.5f;
  const float text_w = width - time_w - button_w - 2.0f * m.gap;
  const float name_h = text_size(ui.fonts.bold, name, text_w).y;
  const float reasons_h = text_size(ui.fonts.body, reasons, text_w).y;
  const float row_h = std::max(m.touch_target, name_h + reasons_h + m.padding * 0.5f);
  const ImVec2 min = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw_left_text(draw, ui.fonts.bold, row.time, min, ImVec2(min.x + time_w, min.y + row_h), ui.p().text.u32());
  const float text_x = min.x + time_w + m.gap;
  const float text_top = min.y + (row_h - name_h - reasons_h) * 0.5f;
  draw_left_text(draw, ui.fonts.bold, name, ImVec2(text_x, text_top), ImVec2(text_x + text_w, text_top + name_h),
                 ui.p().text.u32());
  draw_left_text(draw, ui.fonts.body, reasons, ImVec2(text_x, text_top + name_h),
                 ImVec2(text_x + text_w, text_top + name_h + reasons_h), ui.p().muted_text.u32());
  record(ui, row.time + "  " + name + "  " + reasons);

  bool tapped = false;
  const ImVec2 button_min(min.x + width - button_w, min.y + (row_h - m.touch_target) * 0.5f);
  if (row.signed_out_at) {
    draw_centred_text(draw, ui.fonts.body, left_at, button_min,
                      ImVec2(button_min.x + button_w, button_min.y + m.touch_target), ui.p().muted_text.u32());
    record(ui, left_at);
  } else {
    ImGui::SetCursorScreenPos(button_min);
    tapped = button(ui, "sign-out-" + std::to_string(index), sign_out,
                    {.size = ImVec2(button_w, m.touch_target), .tone = Tone::Secondary});
  }
  draw->AddLine(ImVec2(min.x, min.y + row_h + m.gap * 0.5f), ImVec2(min.x + width, min.y + row_h + m.gap * 0.5f),
                ui.p().secondary_pressed.u32(), 1.0f);
  ImGui::SetCursorScreenPos(min);
  ImGui::Dummy(ImVec2(width, row_h + m.gap));
  return tapped;
}

}  // namespace

StaffTodayAction staff_today_screen(Ui& ui, const StaffTodayView& view) {
  const Metrics& m = ui.m();
  StaffTodayAction action;
  const float width = ImGui::GetContentRegionAvail().x;

  // Heading on the left; the date picker and the way out on the right.
  const ImVec2 top = ImGui::GetCursorScreenPos();
  const auto fit = [&](const std::string& label) {
    return std::max(m.touch_target * 2.0f, text_size(ui.fonts.bold, label).x + 2.0f * m.padding + 0.5f * m.em);
  };
  const std::string& exit = ui.t("staff.exit");
  const std::string& previous = ui.t("staff.previous_day");
  const std::string& next = ui.t("staff.next_day");
  float x = top.x + width - fit(exit);
  ImGui::SetCursorScreenPos(ImVec2(x, top.y));
  if (button(ui, "exit-staff", exit, {.size = ImVec2(fit(exit), m.touch_target), .tone = Tone::Primary})) {
    action.kind = StaffTodayAction::Kind::Exit;
  }
  x -= m.gap * 2.0f + fit(next);
  ImGui::SetCursorScreenPos(ImVec2(x, top.y));
  if (button(ui, "next-day", next,
             {.size = ImVec2(fit(next), m.touch_target), .tone = Tone::Quiet, .enabled = view.can_go_forward})) {
    action.kind = StaffTodayAction::Kind::NextDay;
  }
  x -= m.gap + fit(previous);
  ImGui::SetCursorScreenPos(ImVec2(x, top.y));
  if (button(ui, "previous-day", previous, {.size = ImVec2(fit(previous), m.touch_target), .tone = Tone::Quiet})) {
    action.kind = StaffTodayAction::Kind::PreviousDay;
  }
  ImGui::SetCursorScreenPos(top);
  ImGui::BeginChild("staff-heading", ImVec2(x - top.x - m.gap, m.touch_target * 1.4f), false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoInputs);
  bold_text(ui, tr_format("staff.heading", ui.language, {{"date", view.date_text}}));
  text_muted(ui, tr_format("staff.signed_in_as", ui.language, {{"name", view.staff_name}}));
  ImGui::EndChild();
  ImGui::SetCursorScreenPos(ImVec2(top.x, std::max(ImGui::GetCursorScreenPos().y, top.y + m.touch_target + m.gap)));

  if (!view.alerts.empty() && alert_banner(ui, view.alerts, width)) {
    action.kind = StaffTodayAction::Kind::AcknowledgeAlerts;
  }
  if (!view.error_key.empty()) text_coloured(ui, ui.t(view.error_key), ui.p().error_text);
  // Exports to the USB stick and signing someone in, with what the last export said beside them.
  const std::string& export_day = ui.t("staff.export_day");
  const std::string& export_month = ui.t("staff.export_month");
  const std::string& sign_in = ui.t("staff.sign_someone_in");
  // One row while they fit; larger text or Spanish wraps the rest onto a second row rather than off the screen.
  const float row_right = ImGui::GetCursorScreenPos().x + width;
  const auto then = [&](const std::string& next_label) {
    if (ImGui::GetItemRectMax().x + m.gap + fit(next_label) <= row_right) ImGui::SameLine(0.0f, m.gap);
  };
  if (button(ui, "sign-someone-in", sign_in, {.size = ImVec2(fit(sign_in), m.touch_target), .tone = Tone::Primary})) {
    action.kind = StaffTodayAction::Kind::SignSomeoneIn;
  }
  const std::string& groups = ui.t("staff.groups");
  then(groups);
  if (button(ui, "staff-groups", groups, {.size = ImVec2(fit(groups), m.touch_target), .tone = Tone::Secondary})) {
    action.kind = StaffTodayAction::Kind::Groups;
  }
  const std::string& referrals = ui.t("staff.referrals");
  then(referrals);
  if (button(ui, "staff-referrals", referrals, {.size = ImVec2(fit(referrals), m.touch_target)})) {
    action.kind = StaffTodayAction::Kind::Referrals;
  }
  then(export_day);
  if (button(ui, "export-day", export_day,
             {.size = ImVec2(fit(export_day), m.touch_target),
              .tone = Tone::Secondary,
              .enabled = view.admin && view.report != nullptr})) {
    action.kind = StaffTodayAction::Kind::ExportDay;
  }
  then(export_month);
  if (button(ui, "export-month", export_month,
             {.size = ImVec2(fit(export_month), m.touch_target), .tone = Tone::Secondary, .enabled = view.admin})) {
    action.kind = StaffTodayAction::Kind::ExportMonth;
  }
  // Exports carry full names off the kiosk: peer staff see why the buttons do nothing for them.
  if (!view.admin) text_muted(ui, ui.t("staff.export_admin_only"));
  if (!view.notice.empty()) {
    text_coloured(ui, view.notice, view.notice_is_error ? ui.p().error_text : ui.p().text);
  }
  ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
  if (view.report == nullptr) return action;
  const core::DailyAttendance& report = *view.report;

  // Left: the numbers. Right: the people. Both drag to scroll.
  const float body_top = ImGui::GetCursorScreenPos().y;
  const float height = std::max(m.touch_target, ImGui::GetWindowPos().y + ImGui::GetWindowSize().y - body_top - m.gap);
  const float left_w = std::floor(width * 0.42f);
  const float right_w = width - left_w - m.margin;
  begin_scroll_list(ui, "staff-summary", ImVec2(left_w, height));
  const float inner_w = left_w - m.em;  // room for the scroll indicator
  totals(ui, report, inner_w);
  if (view.sync && staff_sync_panel(ui, *view.sync, inner_w)) action.kind = StaffTodayAction::Kind::SyncNow;
  // An admin's to-do comes before the numbers.
  if (view.admin) {
    bold_text(ui, ui.t("staff.locked_heading"));
    if (view.locked_staff.empty()) text_muted(ui, ui.t("staff.no_locked"));
    for (std::size_t i = 0; i < view.locked_staff.size(); ++i) {
      const std::string& unlock = ui.t("staff.unlock");
      const float button_w = std::max(m.touch_target * 2.5f, text_size(ui.fonts.bold, unlock).x + 2.5f * m.padding);
      const ImVec2 row = ImGui::GetCursorScreenPos();
      draw_left_text(ImGui::GetWindowDrawList(), ui.fonts.bold, view.locked_staff[i].name, row,
                     ImVec2(row.x + inner_w - button_w - m.gap, row.y + m.touch_target), ui.p().text.u32());
      record(ui, view.locked_staff[i].name);
      ImGui::SetCursorScreenPos(ImVec2(row.x + inner_w - button_w, row.y));
      if (button(ui, "unlock-" + std::to_string(i), unlock, {.size = ImVec2(button_w, m.touch_target)})) {
        action = {StaffTodayAction::Kind::Unlock, i};
      }
      ImGui::SetCursorScreenPos(ImVec2(row.x, row.y + m.touch_target + m.gap));
      ImGui::Dummy(ImVec2(0.0f, 0.0f));
    }
    ImGui::Dummy(ImVec2(0.0f, m.gap));
  }
  hour_chart(ui, report, inner_w);
  reason_counts(ui, report);
  end_scroll_list(ui);

  ImGui::SetCursorScreenPos(ImVec2(top.x + left_w + m.margin, body_top));
  ImGui::BeginGroup();
  bold_text(ui, tr_format("staff.visits_heading", ui.language, {{"count", std::to_string(report.visits.size())}}));
  const float list_h = std::max(m.touch_target, body_top + height - ImGui::GetCursorScreenPos().y);
  begin_scroll_list(ui, "staff-visits", ImVec2(right_w, list_h));
  if (report.visits.empty()) text_muted(ui, ui.t("staff.no_visits"));
  for (std::size_t i = 0; i < report.visits.size(); ++i) {
    const std::string_view left_time = i < view.left_times.size() ? std::string_view(view.left_times[i]) : "";
    if (visit_row(ui, report, i, left_time, right_w - m.em)) action = {StaffTodayAction::Kind::SignOut, i};
  }
  end_scroll_list(ui);
  ImGui::EndGroup();
  return action;
}

}  // namespace porchlight::ui
