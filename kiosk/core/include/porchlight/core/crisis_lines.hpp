#pragma once
// The center's own crisis lines, shown under 988 on the crisis screen. They are center configuration (kept in the
// setting table, so the hub's configuration can replace them later) and work offline like everything else.
#include <optional>
#include <string>
#include <vector>

#include "porchlight/core/store.hpp"

namespace porchlight::core {

struct CrisisLine {
  std::string label_en;  // "County crisis line"
  std::string label_es;  // "Línea de crisis del condado"; empty shows the English label
  std::string number;    // as people dial or text it: "(555) 010-4357", "Text HOME to 741741"
};

// The crisis screen has room for this many local lines under 988 at the largest text size.
inline constexpr std::size_t kMaxCrisisLines = 4;

// The configured lines, in the order they are shown. None until a center adds some.
Result<std::vector<CrisisLine>> list_crisis_lines(Store& store);

// Replaces all lines at once, after checking each; nothing changes when one is refused. Audited as done by
// `staff_id` (nullopt: from the admin command line).
Result<void> set_crisis_lines(Store& store, const std::vector<CrisisLine>& lines,
                              const std::optional<std::string>& staff_id = std::nullopt);

// Why a line would be refused, or empty when it is fine.
std::string crisis_line_problem(const CrisisLine& line);

}  // namespace porchlight::core
