#include "porchlight/core/outbox.hpp"

#include <nlohmann/json.hpp>

namespace porchlight::core {

Result<void> enqueue_mutation_json(Store& store, sync::MutationKind kind, const std::string& entity_id,
                                   const nlohmann::json& payload) {
  const auto& name = sync::name_of(kind);
  PL_TRY_ASSIGN(query,
                store.db().query("INSERT INTO outbox (mutation_id, entity, entity_id, operation, payload, created_at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  return query.bind(1, store.new_id())
      .bind(2, std::string(name.entity))
      .bind(3, entity_id)
      .bind(4, std::string(name.operation))
      .bind(5, payload.dump())
      .bind(6, store.now())
      .run();
}

Result<std::vector<OutboxEntry>> pending_mutations(Store& store, int limit) {
  PL_TRY_ASSIGN(
      query, store.db().query("SELECT seq, mutation_id, entity, entity_id, operation, payload, created_at FROM outbox "
                              "WHERE acked_at IS NULL AND parked_at IS NULL ORDER BY seq LIMIT ?1"));
  query.bind(1, limit);
  return query.collect([](const Query& row) {
    return OutboxEntry{row.integer(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5), row.integer(6)};
  });
}

Result<OutboxStatus> outbox_status(Store& store) {
  OutboxStatus status;
  {
    PL_TRY_ASSIGN(
        query,
        store.db().query("SELECT count(*), min(created_at) FROM outbox WHERE acked_at IS NULL AND parked_at IS NULL"));
    PL_TRY_ASSIGN(has_row, query.step());
    if (has_row) {
      status.pending = query.integer(0);
      status.oldest_pending_at = query.optional_integer(1);
    }
  }
  PL_TRY_ASSIGN(parked, store.db().query("SELECT count(*) FROM outbox WHERE parked_at IS NOT NULL"));
  PL_TRY_ASSIGN(parked_count, parked.single_int());
  status.parked = parked_count;
  return status;
}

}  // namespace porchlight::core
