#pragma once
#include <optional>
#include <string>
#include <vector>

#include "porchlight/core/store.hpp"

namespace porchlight::core {

struct VisitReason {
  std::string code;
  std::string label_en;
  std::string label_es;
  bool sensitive = false;  // leaves the kiosk only where the center's configuration allows it
  int position = 0;
  bool active = true;

  const std::string& label(const std::string& language) const { return language == "es" ? label_es : label_en; }
};

struct SignIn {
  std::optional<std::string> participant_id;  // empty for a guest
  std::vector<std::string> reasons;           // at least one reason code
  std::optional<int> mood;                    // 1..5, "how are you today"
  std::optional<std::string> signed_in_by;    // staff id when staff sign someone in
};

// Commits the visit (and its outbox row) durably before returning its id.
Result<std::string> sign_in(Store& store, const SignIn& visit);
Result<void> sign_out(Store& store, const std::string& visit_id);

Result<std::vector<VisitReason>> list_reasons(Store& store, bool include_inactive = false);
// Adds or changes a reason in the configurable list.
Result<void> save_reason(Store& store, const VisitReason& reason);

}  // namespace porchlight::core
