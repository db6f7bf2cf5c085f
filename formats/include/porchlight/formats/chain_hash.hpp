#pragma once
// The link of a hash chain: the kiosk's audit log and the hub's both hash the previous hash with an entry's fields.
#include <initializer_list>
#include <string>
#include <string_view>

namespace porchlight::formats {

// BLAKE2b-256, as hex, over the fields in order, each length-prefixed so fields cannot be shifted into one another.
std::string chain_hash(std::initializer_list<std::string_view> fields);

}  // namespace porchlight::formats
