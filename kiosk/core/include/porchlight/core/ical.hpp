#pragma once
// The group calendar as iCalendar text in and out of the store; the reading and writing themselves are the formats
// library's (porchlight/formats/ical.hpp).
#include <optional>
#include <string>
#include <string_view>

#include "porchlight/core/calendar.hpp"
#include "porchlight/formats/ical.hpp"

namespace porchlight::core {

struct ImportSummary {
  int created = 0;
  int updated = 0;
  int overrides = 0;
};
// Parses, then stores every group in one transaction (a group whose UID is already here is updated,
// its exceptions replaced); nothing is stored when anything fails. Audited once.
Result<ImportSummary> import_calendar(Store& store, std::string_view text, const std::optional<std::string>& staff_id);
// Every group (cancelled ones with STATUS:CANCELLED) and its exceptions.
Result<std::string> export_calendar(Store& store);

}  // namespace porchlight::core
