// HSDS JSON import: core::parse_hsds_json (one service, a list, or a page); rows it reads are then imported into
// an empty store with core::import_directory and exported again, as `porchlight-admin directory import` would.
#include <nlohmann/json.hpp>

#include "fuzz_support.hpp"
#include "porchlight/core/directory.hpp"

using namespace porchlight;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Refusals are answers, not findings: only a crash, a leak, undefined behaviour or a hang is.
  const core::HsdsParse parsed = core::parse_hsds_json(fuzz::as_text(data, size), "fuzz.json");
  if (parsed.rows.empty()) return 0;
  core::ManualClock clock(fuzz::kFixedNow);
  auto store = fuzz::open_scratch_store(clock);
  if (!core::import_directory(*store, parsed)) return 0;
  (void)core::export_directory_json(*store);
  return 0;
}
