#pragma once
#include <string>

#include "porchlight/core/clock.hpp"

namespace porchlight::core {

// A UUIDv7 (RFC 9562) in canonical text form. Monotonic within the process: ids made in the same
// millisecond count up in the 12-bit rand_a field (RFC 9562 §6.2 method 1), so they sort in creation order.
std::string new_uuid_v7(Millis now);

bool is_uuid(const std::string& text);

}  // namespace porchlight::core
