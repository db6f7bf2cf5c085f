#pragma once
#include <string>
#include <string_view>

#include "porchlight/core/result.hpp"

namespace porchlight::core {

// 4 to 6 ASCII digits.
bool is_valid_pin(std::string_view pin);

// How much work an Argon2id hash costs. Interactive is the real setting; Fast exists only so test suites
// and generated demo data do not spend minutes hashing (it is still Argon2id).
enum class PinHashCost { Interactive, Fast };

// Argon2id through libsodium, in its self-describing string form.
Result<std::string> hash_pin(std::string_view pin, PinHashCost cost);
bool verify_pin(const std::string& hash, std::string_view pin);
// True when the hash was made with other parameters than `cost` asks for now (rehash on next success).
bool pin_needs_rehash(const std::string& hash, PinHashCost cost);

}  // namespace porchlight::core
