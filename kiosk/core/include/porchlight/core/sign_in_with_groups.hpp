#pragma once
// A participant's sign-in and the group sessions chosen with it, as one unit of work: the visit, its reasons and
// every join (attendance and outbox rows) commit together or not at all.
#include <string>
#include <vector>

#include "porchlight/core/calendar.hpp"
#include "porchlight/core/visits.hpp"

namespace porchlight::core {

struct SignInWithGroups {
  std::string visit_id;
  std::vector<JoinOutcome> joins;  // one per session key, in order (a full or cancelled session is not a failure)
};

// Joins need a name: with no participant_id, `session_keys` must be empty. A failed join (an unknown session, the
// disk) takes the visit back with it.
Result<SignInWithGroups> sign_in_with_groups(Store& store, const SignIn& visit,
                                             const std::vector<std::string>& session_keys);

}  // namespace porchlight::core
