#include "porchlight/core/pin.hpp"

#include <sodium.h>

#include <atomic>

namespace porchlight::core {

namespace {

struct Argon2Cost {
  unsigned long long ops;
  std::size_t memory;
};

Argon2Cost cost_of(PinHashCost cost) {
  if (cost == PinHashCost::Fast) return {crypto_pwhash_argon2id_OPSLIMIT_MIN, 8192};
  return {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE, crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
}

std::atomic<std::uint64_t> computations{0};

bool sodium_ready() {
  static const bool ready = sodium_init() >= 0;  // idempotent and thread-safe; done once
  return ready;
}

}  // namespace

bool is_valid_pin(std::string_view pin) {
  if (pin.size() < 4 || pin.size() > 6) return false;
  for (char c : pin) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Result<std::string> hash_pin(std::string_view pin, PinHashCost cost) {
  if (!is_valid_pin(pin)) return make_error("a PIN is 4 to 6 digits");
  if (!sodium_ready()) return make_error("the cryptography library could not start");
  const auto [ops, memory] = cost_of(cost);
  char hash[crypto_pwhash_argon2id_STRBYTES];
  computations.fetch_add(1, std::memory_order_relaxed);
  if (crypto_pwhash_argon2id_str(hash, pin.data(), pin.size(), ops, memory) != 0) {
    return make_error("not enough memory to protect the PIN");
  }
  return std::string(hash);
}

bool verify_pin(const std::string& hash, std::string_view pin) {
  if (!sodium_ready() || !is_valid_pin(pin)) return false;
  computations.fetch_add(1, std::memory_order_relaxed);
  return crypto_pwhash_argon2id_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

bool pin_needs_rehash(const std::string& hash, PinHashCost cost) {
  if (!sodium_ready()) return false;
  const auto [ops, memory] = cost_of(cost);
  return crypto_pwhash_argon2id_str_needs_rehash(hash.c_str(), ops, memory) != 0;
}

std::string unmatchable_pin_hash(PinHashCost cost) {
  const auto [ops, memory] = cost_of(cost);
  // libsodium's own string form: $argon2id$v=19$m=<KiB>,t=<passes>,p=1$<salt>$<digest>, unpadded base64.
  auto base64 = [](std::size_t size) {
    std::string bytes(size, '\0');
    if (sodium_ready()) randombytes_buf(bytes.data(), bytes.size());
    std::string text(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL_NO_PADDING), '\0');
    sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
    text.resize(std::char_traits<char>::length(text.c_str()));
    return text;
  };
  return "$argon2id$v=19$m=" + std::to_string(memory / 1024) + ",t=" + std::to_string(ops) + ",p=1$" +
         base64(crypto_pwhash_argon2id_SALTBYTES) + "$" + base64(32);
}

std::uint64_t argon2_computations() { return computations.load(std::memory_order_relaxed); }

}  // namespace porchlight::core
