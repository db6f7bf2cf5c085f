#pragma once
// What the hub refuses to store or to send: records it could never use, text a database or a kiosk would choke on
// (a NUL byte: PostgreSQL's text cannot hold one; invalid UTF-8), and sizes no honest kiosk or import produces.
#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "porchlight/sync/mutations.hpp"
#include "porchlight/sync/protocol.hpp"

namespace porchlight::hub {

// A pushed record's mutation id, entity, entity id and operation: UUIDs and short words on an honest kiosk.
inline constexpr std::size_t kMaxRecordIdBytes = 128;
// One string in a pushed payload. The kiosk's longest field is a group's description (4,000 bytes).
inline constexpr std::size_t kMaxRecordTextBytes = 16 * 1024;
// A pushed payload as JSON: a group with years of exception dates stays far under it.
inline constexpr std::size_t kMaxRecordPayloadBytes = 256 * 1024;
// One published feed item as JSON (a center's whole .ics is one item), and the payloads of one pull page: a
// kiosk never holds more than this of the feed in memory at once.
inline constexpr std::size_t kMaxFeedItemBytes = 1 << 20;
inline constexpr std::size_t kMaxPullPageBytes = 4 << 20;

// Empty when every string of `value` (object keys too) is valid UTF-8 without NUL and at most `max_string_bytes`
// long; else what is wrong and where ("'reasons'[0] holds a NUL byte").
std::string text_problem(const nlohmann::json& value, std::size_t max_string_bytes);

// Whether the hub reads the payloads of `kind` (it projects them into its tables: hub_push.cpp's table of kinds).
// Those are checked with the protocol's reader; other kinds are stored as they came.
bool hub_reads(sync::MutationKind kind);

// Why a pushed record can never be stored (its shape or its text), or empty when it may be. Entities the hub does
// not project yet are stored as they came once their text passes (a newer kiosk's records are kept, not parked).
std::string rejection_reason(const sync::Mutation& mutation);

// Why a payload may not be published to kiosks, or empty.
std::string feed_payload_problem(const nlohmann::json& payload);

}  // namespace porchlight::hub
