// Staff mode's sync panel: the background worker's status and the outbox, turned into words; "Sync now".
// Also where new center settings that sync brought are taken up.
#include <cstdio>

#include "porchlight/app/kiosk_app.hpp"
#include "porchlight/core/outbox.hpp"
#include "porchlight/ui/format.hpp"
#include "porchlight/ui/strings.hpp"
#include "porchlight/log.hpp"

namespace porchlight::app {

namespace {
constexpr core::Millis kOutboxRecount = 1'000;  // the panel's counts may be a second old
}

std::optional<ui::StaffSyncView> SyncPanel::view(core::Store& store, const core::Clock& clock,
                                                  sync::SyncWorker* worker, ui::Language language) {
  if (!worker) return std::nullopt;
  const auto status = worker->status();
  const core::Millis now = clock.now();
  if (!outbox_status_ || now - outbox_status_at_ >= kOutboxRecount || now < outbox_status_at_) {
    auto counted = core::outbox_status(store);
    if (!counted) {
      log::error("sync panel: " + counted.error().message);
    } else {
      outbox_status_ = counted.value();
      outbox_status_at_ = now;
    }
  }
  const auto& time = store.center_time();
  const auto when = [&](core::Millis at) {
    const auto date = time.date_of(at);
    return ui::month_day_text(language, date) + ", " + time.clock_time(at);
  };
  using State = ui::StaffSyncView::State;
  ui::StaffSyncView view;
  view.state = !status.enrolled ? State::NotEnrolled
               : status.revoked ? State::Revoked
               : status.syncing ? State::Syncing
               : status.online  ? State::Online
                                : State::Offline;
  if (outbox_status_) {
    view.pending = outbox_status_->pending;
    view.parked = outbox_status_->parked;
    if (outbox_status_->oldest_pending_at) view.oldest_pending = when(*outbox_status_->oldest_pending_at);
  }
  if (status.last_success_at) view.last_success = when(*status.last_success_at);
  view.last_error = status.last_error;
  return view;
}

void KioskApp::follow_sync_settings() {
  if (!options_.sync_worker) return;
  const auto generation = options_.sync_worker->status().settings_generation;
  if (generation == seen_settings_generation_) return;
  seen_settings_generation_ = generation;
  // The worker wrote them through its own connection; this one reads them again (name, zone, crisis lines).
  if (auto reloaded = store_.reload_settings(); !reloaded) {
    log::error("settings from the hub: " + reloaded.error().message);
  }
  load_crisis_lines();
}

}  // namespace porchlight::app
