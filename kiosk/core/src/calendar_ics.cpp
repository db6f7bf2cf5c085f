// The group calendar's .ics import and export: the formats library reads and writes the text, the store keeps it.
#include "porchlight/core/ical.hpp"

#include "calendar_internal.hpp"
#include "porchlight/core/audit.hpp"

namespace porchlight::core {

Result<ImportSummary> import_calendar(Store& store, std::string_view text, const std::optional<std::string>& staff_id) {
  PL_TRY_ASSIGN(groups, parse_ics(text, store.center().time_zone));
  ImportSummary summary;
  PL_TRY_ASSIGN(transaction, store.db().begin());
  for (const auto& imported : groups) {
    auto saved = store_group(store, imported.group, imported.cancelled, imported.overrides);
    if (!saved) return make_error("line " + std::to_string(imported.line) + ": " + saved.error().message);
    (saved->created ? summary.created : summary.updated) += 1;
    summary.overrides += static_cast<int>(imported.overrides.size());
  }
  PL_TRY(record_audit(store, staff_id, "calendar.import", std::to_string(groups.size()) + " groups",
                      std::to_string(summary.created) + " new, " + std::to_string(summary.updated) + " updated"));
  PL_TRY(transaction.commit());
  return summary;
}

Result<std::string> export_calendar(Store& store) {
  PL_TRY_ASSIGN(groups, list_groups(store, true));
  std::vector<ExportedGroup> exported;
  for (auto& group : groups) {
    PL_TRY_ASSIGN(overrides, group_overrides(store, group.id));
    exported.push_back(ExportedGroup{std::move(group), std::move(overrides)});
  }
  return write_ics(exported, store.center().time_zone, store.now());
}

}  // namespace porchlight::core
