#include "porchlight/core/sign_in_with_groups.hpp"

namespace porchlight::core {

Result<SignInWithGroups> sign_in_with_groups(Store& store, const SignIn& visit,
                                             const std::vector<std::string>& session_keys) {
  if (!visit.participant_id && !session_keys.empty()) return make_error("a guest cannot join a group session");
  // sign_in and join_session each open a savepoint inside this transaction.
  PL_TRY_ASSIGN(transaction, store.db().begin());
  SignInWithGroups done;
  PL_TRY_ASSIGN(visit_id, sign_in(store, visit));
  done.visit_id = std::move(visit_id);
  for (const auto& key : session_keys) {
    PL_TRY_ASSIGN(outcome, join_session(store, {key, *visit.participant_id, done.visit_id, std::nullopt, false}));
    done.joins.push_back(outcome);
  }
  PL_TRY(transaction.commit());
  return done;
}

}  // namespace porchlight::core
