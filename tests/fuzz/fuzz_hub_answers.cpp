// The kiosk's reading of the hub's answers, as sync::sync_once and sync::enroll read them: the push answer
// (sync::parse_push_response), the enrolment answer (sync::parse_enroll_response), an error body
// (sync::error_message_of), and a pull page (sync::parse_pull_response) whose items are then applied to an empty
// store with core::apply_feed_page (settings, directory and calendar rows from the hub).
#include <vector>

#include "fuzz_support.hpp"
#include "porchlight/core/sync_state.hpp"
#include "porchlight/sync/protocol.hpp"

using namespace porchlight;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  // Refusals are answers, not findings: only a crash, a leak, undefined behaviour or a hang is.
  (void)sync::parse_push_response(text);
  (void)sync::parse_enroll_response(text);
  (void)sync::error_message_of(text);

  auto page = sync::parse_pull_response(text);
  if (!page || page->items.empty()) return 0;
  // The same hand-over sync_once makes from the wire to kiosk/core.
  std::vector<core::FeedChange> changes;
  for (auto& item : page->items) {
    changes.push_back({item.seq, std::move(item.kind), std::move(item.id), item.deleted, std::move(item.payload)});
  }
  core::ManualClock clock(fuzz::kFixedNow);
  auto store = fuzz::open_scratch_store(clock);
  (void)core::apply_feed_page(*store, changes, page->next_cursor);
  return 0;
}
