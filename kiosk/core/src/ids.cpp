#include "porchlight/core/ids.hpp"

#include <sodium.h>

#include <array>
#include <cstdint>
#include <mutex>

namespace porchlight::core {

namespace {

struct V7State {
  std::mutex mutex;
  Millis last_ms = 0;
  std::uint16_t counter = 0;  // 12 bits used
};

V7State& v7_state() {
  static V7State state;  // process-wide by design: monotonic ids across every Store in the process
  return state;
}

}  // namespace

std::string new_uuid_v7(Millis now) {
  std::array<unsigned char, 16> bytes{};
  randombytes_buf(bytes.data(), bytes.size());

  Millis ms = 0;
  std::uint16_t counter = 0;
  {
    auto& state = v7_state();
    std::lock_guard lock(state.mutex);
    if (now > state.last_ms) {
      state.last_ms = now;
      // Start the counter low in its range (random 0..1023) so a burst within one ms has room to count.
      state.counter = static_cast<std::uint16_t>(((bytes[6] & 0x03) << 8) | bytes[7]);
    } else if (state.counter >= 0x0FFF) {
      // Counter exhausted (or the clock went back): borrow the next millisecond to stay monotonic.
      ++state.last_ms;
      state.counter = 0;
    } else {
      ++state.counter;
    }
    ms = state.last_ms;
    counter = state.counter;
  }

  const auto unsigned_ms = static_cast<std::uint64_t>(ms);
  for (int i = 0; i < 6; ++i)
    bytes[static_cast<std::size_t>(i)] = static_cast<unsigned char>(unsigned_ms >> (40 - 8 * i));
  bytes[6] = static_cast<unsigned char>(0x70 | (counter >> 8));
  bytes[7] = static_cast<unsigned char>(counter & 0xFF);
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);

  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  text.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text.push_back('-');
    text.push_back(kHex[bytes[i] >> 4]);
    text.push_back(kHex[bytes[i] & 0x0F]);
  }
  return text;
}

bool is_uuid(const std::string& text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

}  // namespace porchlight::core
