// The kiosk's database did not open. Participants read, in plain words, that the kiosk is out of service, to ask
// staff, and 988 and 911; staff read what is wrong and the commands that fix it. Nothing here comes from the
// database, so nothing personal can show.
#include <algorithm>
#include <filesystem>
#include <string>

#include "porchlight/ui/screens.hpp"

namespace porchlight::ui {

namespace {

std::string_view kind_key(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::damaged:
      return "oos.kind.damaged";
    case ErrorKind::disk_full:
      return "oos.kind.disk_full";
    case ErrorKind::io_error:
      return "oos.kind.io_error";
    case ErrorKind::newer_schema:
      return "oos.kind.newer_schema";
    case ErrorKind::other:
      break;
  }
  return "oos.kind.other";
}

// A command to type: its own line in bold, so it stands apart from the sentences around it.
void command(Ui& ui, std::string_view key, std::string_view path) {
  ImGui::Indent(ui.m().padding);
  bold_text(ui, tr_format(key, ui.language, {{"path", path}}));
  ImGui::Unindent(ui.m().padding);
}

void what_to_do(Ui& ui, const OutOfServiceView& view) {
  const std::string folder = std::filesystem::path(view.database_path).parent_path().string();
  const auto say = [&](std::string_view key) {
    text(ui, tr_format(key, ui.language,
                       {{"path", view.database_path}, {"folder", folder}, {"backups", view.backups_folder}}));
  };
  switch (view.kind) {
    case ErrorKind::damaged:
      say("oos.do.damaged");
      command(ui, "oos.do.restore_command", view.database_path);
      text(ui, ui.t("oos.do.check_after"));
      command(ui, "oos.do.check_command", view.database_path);
      break;
    case ErrorKind::disk_full:
      say("oos.do.disk_full");
      break;
    case ErrorKind::io_error:
      say("oos.do.io_error");
      command(ui, "oos.do.check_command", view.database_path);
      break;
    case ErrorKind::newer_schema:
      say("oos.do.newer_schema");
      break;
    case ErrorKind::other:
      say("oos.do.other");
      break;
  }
}

void participant_part(Ui& ui) {
  const Metrics& m = ui.m();
  heading(ui, ui.t("oos.heading"));
  text(ui, ui.t("oos.ask_staff"));
  ImGui::Dummy(ImVec2(0.0f, m.gap));
  bold_text(ui, ui.t("oos.help_now"));
  crisis_988_block(ui, ImGui::GetContentRegionAvail().x);
  ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
  bold_text(ui, ui.t("crisis.emergency"));
}

void staff_part(Ui& ui, const OutOfServiceView& view) {
  const Metrics& m = ui.m();
  heading(ui, ui.t("oos.staff.heading"));
  text(ui, ui.t("oos.staff.paper"));
  ImGui::Dummy(ImVec2(0.0f, m.gap));
  bold_text(ui, ui.t("oos.staff.what"));
  text_coloured(ui, ui.t(kind_key(view.kind)), ui.p().error_text);
  text(ui, tr_format("oos.staff.database", ui.language, {{"path", view.database_path}}));
  if (view.still_failing) text_coloured(ui, ui.t("oos.staff.still_failing"), ui.p().error_text);
  ImGui::Dummy(ImVec2(0.0f, m.gap));
  bold_text(ui, ui.t("oos.staff.todo"));
  what_to_do(ui, view);
  ImGui::Dummy(ImVec2(0.0f, m.gap));
  text_muted(ui, tr_format("oos.staff.retry", ui.language, {{"seconds", std::to_string(view.retry_seconds)}}));
  // SQLite's own words last: for the log and a search, after what staff can act on.
  text_muted(ui, tr_format("oos.staff.details", ui.language, {{"message", view.message}}));
}

}  // namespace

OutOfServiceAction out_of_service_screen(Ui& ui, const OutOfServiceView& view) {
  const Metrics& m = ui.m();
  const float width = ImGui::GetContentRegionAvail().x;
  // Scrolls, so the largest text never pushes anything under the buttons.
  begin_scroll_list(ui, view.staff ? "out-of-service-staff" : "out-of-service",
                    ImVec2(width, std::max(m.touch_target, ImGui::GetContentRegionAvail().y - action_bar_height(ui))));
  // One fixed column, so wrapped lines stop short of the scroll indicator at the list's right edge.
  const float text_w = width - m.em;
  if (ImGui::BeginTable("out-of-service-text", 1, ImGuiTableFlags_None, ImVec2(text_w, 0.0f))) {
    ImGui::TableSetupColumn("text", ImGuiTableColumnFlags_WidthFixed, text_w);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (view.staff) {
      staff_part(ui, view);
    } else {
      participant_part(ui);
    }
    ImGui::EndTable();
  }
  end_scroll_list(ui);

  if (view.staff) {
    const ActionBarResult bar = action_bar(ui, ui.t("oos.try_again"), true);
    if (bar.back) return OutOfServiceAction::Back;
    return bar.primary ? OutOfServiceAction::TryAgain : OutOfServiceAction::None;
  }
  // Out of the way at the bottom left: staff know it, a participant has no reason to tap it.
  const ImVec2 origin = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  const std::string& label = ui.t("oos.for_staff");
  const float w = std::max(m.touch_target * 2.5f, text_size(ui.fonts.bold, label).x + 2.0f * m.padding);
  ImGui::SetCursorScreenPos(ImVec2(origin.x + m.margin, origin.y + size.y - m.gap - m.touch_target));
  if (button(ui, "for-staff", label, {.size = ImVec2(w, m.touch_target), .tone = Tone::Quiet})) {
    return OutOfServiceAction::ForStaff;
  }
  return OutOfServiceAction::None;
}

}  // namespace porchlight::ui
