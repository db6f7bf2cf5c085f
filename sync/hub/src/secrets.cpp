// Codes, tokens and ids made on the hub, and the hashes it keeps instead of the secrets.
#include <sodium.h>

#include <array>
#include <cctype>
#include <cstdio>

#include "porchlight/hub/hub_store.hpp"

namespace porchlight::hub {

namespace {

void ensure_sodium() {
  // sodium_init is idempotent and thread-safe; it fails only when no entropy source exists at all.
  if (sodium_init() < 0) std::abort();
}

// No 0/O, 1/I: people read these codes off one screen and type them on another.
constexpr std::string_view kCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
constexpr std::size_t kCodeLetters = 12;  // 12 x 5 bits = 60 bits, single-use and valid 15 minutes

}  // namespace

std::string random_token() {
  ensure_sodium();
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)> text{};
  sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return std::string(text.data());
}

std::string random_enrollment_code() {
  ensure_sodium();
  std::string code;
  for (std::size_t i = 0; i < kCodeLetters; ++i) {
    if (i > 0 && i % 4 == 0) code += '-';
    code += kCodeAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kCodeAlphabet.size()))];
  }
  return code;
}

std::string normalize_enrollment_code(const std::string& typed) {
  std::string letters;
  for (const char c : typed) {
    if (std::isalnum(static_cast<unsigned char>(c))) letters += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  std::string code;
  for (std::size_t i = 0; i < letters.size(); ++i) {
    if (i > 0 && i % 4 == 0) code += '-';
    code += letters[i];
  }
  return code;
}

std::string hash_secret(const std::string& secret) {
  ensure_sodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data());
}

std::string new_hub_id(Millis now) {
  // UUIDv7: 48 bits of milliseconds, then random bits, with the version and variant nibbles set.
  ensure_sodium();
  std::array<unsigned char, 16> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  const auto ms = static_cast<std::uint64_t>(now);
  for (int i = 0; i < 6; ++i) bytes[static_cast<std::size_t>(i)] = static_cast<unsigned char>(ms >> (40 - 8 * i));
  bytes[6] = static_cast<unsigned char>(0x70 | (bytes[6] & 0x0f));
  bytes[8] = static_cast<unsigned char>(0x80 | (bytes[8] & 0x3f));
  char text[37];
  std::snprintf(text, sizeof text, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", bytes[0],
                bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9], bytes[10],
                bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]);
  return text;
}

}  // namespace porchlight::hub
