// .ics import: core::parse_ics (libical underneath); a calendar it accepts is then imported into an empty store
// with core::import_calendar and its sessions expanded over two months (RRULE, RDATE, EXDATE through libical).
#include <optional>

#include "fuzz_support.hpp"
#include "porchlight/core/calendar.hpp"
#include "porchlight/core/ical.hpp"

using namespace porchlight;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  // Refusals are answers, not findings: only a crash, a leak, undefined behaviour or a hang is.
  const auto groups = core::parse_ics(text, fuzz::kCenterZone);
  if (!groups || groups->empty()) return 0;
  core::ManualClock clock(fuzz::kFixedNow);
  auto store = fuzz::open_scratch_store(clock);
  if (!core::import_calendar(*store, text, std::nullopt)) return 0;
  (void)core::sessions_between(*store, core::LocalDate{2026, 11, 1}, core::LocalDate{2026, 12, 31});
  return 0;
}
