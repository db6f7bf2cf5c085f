#include "porchlight/hub/hub_feed.hpp"

#include <algorithm>

#include "hub_audit_log.hpp"
#include "porchlight/log.hpp"
#include "record_checks.hpp"

namespace porchlight::hub {

namespace {

using nlohmann::json;
constexpr std::int64_t kFeedLock = 7'501'002;  // feed writes in seq order, so no pull skips a late commit

SqlValue value_of(const std::optional<std::string>& text) { return text ? SqlValue(*text) : SqlValue(); }

}  // namespace

Result<void> HubFeed::publish(const std::optional<std::string>& center_id, const std::string& kind,
                               const std::string& id, const std::optional<json>& payload,
                               const std::optional<HubAuditNote>& audit) {
  // What kiosks receive is bounded here: a kiosk holds each item in memory and in its own database.
  if (payload) {
    if (auto problem = feed_payload_problem(*payload); !problem.empty()) {
      return make_error(kind + " " + id + " cannot be sent to kiosks: " + problem);
    }
  }
  PL_TRY_ASSIGN(session, pool_->acquire());
  PL_TRY_ASSIGN(transaction, SqlTransaction::begin(*session));
  if (dialect() == Dialect::PostgreSQL) {
    const SqlValue key{kFeedLock};
    PL_TRY(session->run("SELECT pg_advisory_xact_lock($1)", std::span(&key, 1)));
  }
  const std::vector<SqlValue> item{value_of(center_id), kind, id};
  PL_TRY(session->run("DELETE FROM feed_item WHERE COALESCE(center_id, '') = COALESCE(CAST($1 AS TEXT), '') "
                      "AND kind = $2 AND item_id = $3",
                      item));
  const std::vector<SqlValue> insert{value_of(center_id), kind, id, std::int64_t{payload ? 0 : 1},
                                     payload ? SqlValue(payload->dump()) : SqlValue(), now()};
  PL_TRY(session->run("INSERT INTO feed_item (center_id, kind, item_id, deleted, payload, changed_at) "
                      "VALUES ($1, $2, $3, $4, $5, $6)",
                      insert));
  if (audit) PL_TRY(append_audit(*session, now(), *audit));
  return transaction.commit();
}

Result<sync::PullResponse> HubFeed::pull(const Device& device, std::int64_t since, std::size_t limit) {
  limit = std::clamp<std::size_t>(limit, 1, sync::kMaxPullPage);
  PL_TRY_ASSIGN(session, pool_->acquire());
  // Sizes are measured in the database, so no oversized payload is ever read into the hub: items over the item
  // limit are left out, and past the page's byte budget rows come back without their payload (the next page
  // starts there). The first item always fits the budget, so every page moves the cursor on.
  const std::string bytes = dialect() == Dialect::PostgreSQL ? "COALESCE(octet_length(payload), 0)"
                                                             : "COALESCE(length(CAST(payload AS BLOB)), 0)";
  const std::vector<SqlValue> values{since, device.center_id, static_cast<std::int64_t>(limit + 1),
                                     static_cast<std::int64_t>(kMaxFeedItemBytes),
                                     static_cast<std::int64_t>(kMaxPullPageBytes)};
  PL_TRY_ASSIGN(found, session->run("WITH page AS (SELECT seq, kind, item_id, deleted, payload, " + bytes +
                                        " AS bytes FROM feed_item WHERE seq > $1 AND (center_id IS NULL OR "
                                        "center_id = $2) AND " + bytes + " <= $4 ORDER BY seq LIMIT $3), "
                                        "sized AS (SELECT seq, kind, item_id, deleted, payload, "
                                        "SUM(bytes) OVER (ORDER BY seq) - bytes AS bytes_before FROM page) "
                                        "SELECT seq, kind, item_id, deleted, "
                                        "CASE WHEN bytes_before < $5 THEN payload END, "
                                        "CASE WHEN bytes_before < $5 THEN 1 ELSE 0 END FROM sized ORDER BY seq",
                                    values));
  sync::PullResponse response;
  response.next_cursor = since;
  response.more = found.rows.size() > limit;
  for (std::size_t i = 0; i < found.rows.size() && i < limit; ++i) {
    const auto& row = found.rows[i];
    if (as_int(row[5]) == 0) {
      response.more = true;
      break;
    }
    sync::FeedItem item;
    item.seq = as_int(row[0]);
    item.kind = as_text(row[1]);
    item.id = as_text(row[2]);
    item.deleted = as_int(row[3]) != 0;
    response.next_cursor = item.seq;
    if (!item.deleted) {
      auto payload = sync::parse_json_limited(as_text(row[4]));
      if (!payload) return make_error("feed item " + std::to_string(item.seq) + ": " + payload.error().message);
      // Published before the hub checked text: such an item is passed over, never sent.
      if (auto problem = feed_payload_problem(*payload); !problem.empty()) {
        log::warning("feed item " + std::to_string(item.seq) + " (" + item.kind + ") is not sent: " + problem);
        continue;
      }
      item.payload = std::move(payload.value());
    }
    response.items.push_back(std::move(item));
  }
  return response;
}

}  // namespace porchlight::hub
