#include "participant_lookup.hpp"

#include "cli_support.hpp"
#include "porchlight/core/ids.hpp"

namespace porchlight::admin {

core::ParticipantRecord require_participant(core::Store& store, const std::string& id) {
  if (!core::is_uuid(id)) failure("'" + id + "' is not a participant id");
  return expect(core::get_participant(store, id));
}

}  // namespace porchlight::admin
