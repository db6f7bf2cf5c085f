// What the hub reads from kiosks: a push or enrolment body as the hub's read_body() hands it on (gzip inflated
// under the same kMaxRequestBytes ceiling) through sync::parse_push_request and sync::parse_enroll_request, and
// a pull's query through sync::parse_pull_query, taken from the input as "<since>\n<limit>".
#include "fuzz_support.hpp"
#include "porchlight/sync/gzip.hpp"
#include "porchlight/sync/protocol.hpp"

using namespace porchlight;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  // Refusals are answers, not findings: only a crash, a leak, undefined behaviour or a hang is.
  std::string body(text);
  if (sync::looks_gzipped(body)) {
    auto inflated = sync::gzip_decompress(body, sync::kMaxRequestBytes);
    if (!inflated) return 0;
    body = std::move(inflated).value();
  }
  (void)sync::parse_push_request(body);
  (void)sync::parse_enroll_request(body);

  const std::size_t newline = text.find('\n');
  if (newline == std::string_view::npos) {
    (void)sync::parse_pull_query(text, std::nullopt);
  } else {
    (void)sync::parse_pull_query(text.substr(0, newline), text.substr(newline + 1));
  }
  return 0;
}
