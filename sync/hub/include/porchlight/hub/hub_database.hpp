#pragma once
// The storage every part of the hub shares (hub_store.hpp): one connection pool and one clock.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "porchlight/hub/sql.hpp"

namespace porchlight::hub {

using Millis = std::int64_t;

// The one base of every part of HubStore (virtual, so they share it): HubStore, the most derived class, makes it.
class HubDatabase {
 public:
  Dialect dialect() const { return pool_->dialect(); }
  Millis now() const { return clock_(); }

 protected:
  HubDatabase() = default;
  HubDatabase(std::unique_ptr<SqlPool> pool, std::function<Millis()> clock)
      : pool_(std::move(pool)), clock_(std::move(clock)) {}
  ~HubDatabase() = default;

  std::unique_ptr<SqlPool> pool_;
  std::function<Millis()> clock_;
};

// Random bytes as text for codes and tokens (libsodium), and the one-way hash the hub stores instead.
std::string random_token();         // 256 bits, base64url
std::string random_enrollment_code();  // 60 bits, "ABCD-EFGH-JKLM" in an unambiguous alphabet
std::string hash_secret(const std::string& secret);  // SHA-256, hex
// "abcd efgh-jklm" -> "ABCD-EFGH-JKLM": codes are typed by people.
std::string normalize_enrollment_code(const std::string& typed);
std::string new_hub_id(Millis now);  // UUIDv7

}  // namespace porchlight::hub
