#pragma once
#include <string>
#include <vector>

#include "porchlight/core/participants.hpp"

namespace porchlight::admin {

// The participant's record, or a CommandError naming the id when there is none.
core::ParticipantRecord require_participant(core::Store& store, const std::string& id);

}  // namespace porchlight::admin
