// Staff mode's view of sync: is the hub reachable, what waits to be sent, what the hub refused, and a way to try
// now. Participants never see this; an offline kiosk says nothing alarming on the public screens.
#include "porchlight/ui/staff_screens.hpp"
#include "porchlight/ui/strings.hpp"

namespace porchlight::ui {

bool staff_sync_panel(Ui& ui, const StaffSyncView& view, float width) {
  const Metrics& m = ui.m();
  using State = StaffSyncView::State;
  bold_text(ui, ui.t("staff.sync.heading"));
  switch (view.state) {
    case State::NotEnrolled:
      text_muted(ui, ui.t("staff.sync.not_enrolled"));
      return false;
    case State::Syncing:
      text(ui, ui.t("staff.sync.syncing"));
      break;
    case State::Online:
      text_coloured(ui, ui.t("staff.sync.online"), ui.p().success_text);
      break;
    case State::Offline:
      text_coloured(ui, ui.t("staff.sync.offline"), ui.p().error_text);
      break;
    case State::Revoked:
      text_coloured(ui, ui.t("staff.sync.revoked"), ui.p().error_text);
      break;
  }
  std::string waiting = tr_format("staff.sync.pending", ui.language, {{"count", std::to_string(view.pending)}});
  if (!view.oldest_pending.empty()) {
    waiting += " " + tr_format("staff.sync.oldest", ui.language, {{"time", view.oldest_pending}});
  }
  text(ui, waiting);
  if (view.parked > 0) {
    text_coloured(ui, tr_format("staff.sync.parked", ui.language, {{"count", std::to_string(view.parked)}}),
                  ui.p().error_text);
  }
  text_muted(ui, tr_format("staff.sync.last_success", ui.language,
                           {{"time", view.last_success.empty() ? ui.t("staff.sync.never") : view.last_success}}));
  if (!view.last_error.empty()) {
    text_muted(ui, tr_format("staff.sync.last_error", ui.language, {{"error", view.last_error}}));
  }
  const std::string& label = ui.t("staff.sync.now");
  const float button_w =
      std::min(width, std::max(m.touch_target * 2.5f, text_size(ui.fonts.bold, label).x + 2.5f * m.padding));
  const bool tapped = button(ui, "sync-now", label,
                             {.size = ImVec2(button_w, m.touch_target),
                              .tone = Tone::Secondary,
                              .enabled = view.state != State::Syncing && view.state != State::Revoked});
  ImGui::Dummy(ImVec2(0.0f, m.gap));
  return tapped;
}

}  // namespace porchlight::ui
