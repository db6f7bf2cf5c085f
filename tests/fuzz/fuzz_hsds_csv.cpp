// HSDS CSV package import: core::parse_hsds_csv_package (every table through core::parse_csv_text), then
// core::import_directory into an empty store and the CSV export, as `porchlight-admin directory import` would.
//
// One input holds a whole package: each file starts with a line "== <file name>" and runs to the next such line.
// Text before the first one is services.csv, so a plain CSV input still means something.
#include <map>
#include <string>

#include "fuzz_support.hpp"
#include "porchlight/core/directory.hpp"

using namespace porchlight;

namespace {

constexpr std::string_view kFileMarker = "== ";

std::map<std::string, std::string> split_package(std::string_view text) {
  std::map<std::string, std::string> files;
  std::string current = "services.csv";
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    if (line.starts_with(kFileMarker)) {
      current = std::string(line.substr(kFileMarker.size()));
      files[current];
    } else {
      auto& contents = files[current];
      contents.append(line);
      if (end < text.size()) contents += '\n';
    }
    start = end + 1;
  }
  return files;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Refusals are answers, not findings: only a crash, a leak, undefined behaviour or a hang is.
  const core::HsdsParse parsed = core::parse_hsds_csv_package(split_package(fuzz::as_text(data, size)));
  if (parsed.rows.empty()) return 0;
  core::ManualClock clock(fuzz::kFixedNow);
  auto store = fuzz::open_scratch_store(clock);
  if (!core::import_directory(*store, parsed)) return 0;
  (void)core::export_directory_csv(*store);
  return 0;
}
