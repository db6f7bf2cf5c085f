#pragma once
#include <cstdint>
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

// A well-formed Argon2id hash at `cost` that no PIN matches (random salt and digest), made without hashing:
// verifying a PIN against it costs exactly the work of verifying against a real hash at that cost.
std::string unmatchable_pin_hash(PinHashCost cost);
// How many Argon2id computations (hash_pin and verify_pin) this process has run: lets tests count work
// instead of timing it.
std::uint64_t argon2_computations();

}  // namespace porchlight::core
