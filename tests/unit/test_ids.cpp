// UUIDv7 record ids: valid, unique, and sorting in creation order even when the clock misbehaves.
#include <set>
#include <thread>

#include "porchlight/core/ids.hpp"
#include "test_support.hpp"

using namespace porchlight::test;

namespace {

bool is_lower_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

void check_uuid_v7_form(const std::string& id) {
  CAPTURE(id);
  REQUIRE(id.size() == 36);
  for (std::size_t i = 0; i < id.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      CHECK(id[i] == '-');
    } else {
      CHECK(is_lower_hex(id[i]));
    }
  }
  CHECK(id[14] == '7');                                          // version nibble
  CHECK(std::string("89ab").find(id[19]) != std::string::npos);  // variant 10xx
  CHECK(is_uuid(id));
}

std::uint64_t timestamp_of(const std::string& id) {
  const std::string hex = id.substr(0, 8) + id.substr(9, 4);
  return std::stoull(hex, nullptr, 16);
}

}  // namespace

TEST_CASE("ids: new_uuid_v7 has the UUIDv7 layout") {
  for (int i = 0; i < 100; ++i) check_uuid_v7_form(new_uuid_v7(local(kToday, 10, 0) + i));
}

TEST_CASE("ids: the first 48 bits are the creation time in milliseconds") {
  // Ids are monotonic process-wide; an id asked for at time 0 shows the newest time handed out so far, so a
  // time just after it is certainly fresh.
  const auto newest = static_cast<Millis>(timestamp_of(new_uuid_v7(0)));
  const Millis t = std::max(newest, local(kToday, 9, 0)) + 1234;
  const auto id = new_uuid_v7(t);
  CHECK(timestamp_of(id) == static_cast<std::uint64_t>(t));
  CHECK(timestamp_of(new_uuid_v7(t + 1)) == static_cast<std::uint64_t>(t + 1));
}

TEST_CASE("ids: 10000 ids made in the same millisecond are unique and strictly increasing") {
  const Millis t = local(kToday, 12, 0);
  std::vector<std::string> ids;
  ids.reserve(10000);
  for (int i = 0; i < 10000; ++i) ids.push_back(new_uuid_v7(t));
  std::set<std::string> unique(ids.begin(), ids.end());
  CHECK(unique.size() == ids.size());
  int out_of_order = 0;
  for (std::size_t i = 1; i < ids.size(); ++i) {
    if (!(ids[i - 1] < ids[i])) ++out_of_order;
  }
  CHECK(out_of_order == 0);
  for (const auto& id : {ids.front(), ids[4095], ids[4096], ids.back()}) check_uuid_v7_form(id);
}

TEST_CASE("ids: a clock going backwards still gives increasing ids") {
  const Millis t = local(kToday, 13, 0);
  const auto first = new_uuid_v7(t);
  const auto earlier = new_uuid_v7(t - 5 * kMinute);
  const auto much_earlier = new_uuid_v7(t - 400 * kDay);
  CHECK(first < earlier);
  CHECK(earlier < much_earlier);
  check_uuid_v7_form(earlier);
  check_uuid_v7_form(much_earlier);
}

TEST_CASE("ids: ids made on several threads at once are all distinct") {
  constexpr int kThreads = 4;
  constexpr int kEach = 3000;
  std::vector<std::vector<std::string>> made(kThreads);
  std::vector<std::thread> threads;
  const Millis t = local(kToday, 14, 0);
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&made, i, t] {
      for (int j = 0; j < kEach; ++j) made[static_cast<std::size_t>(i)].push_back(new_uuid_v7(t));
    });
  }
  for (auto& thread : threads) thread.join();
  std::set<std::string> all;
  for (const auto& list : made) {
    all.insert(list.begin(), list.end());
    CHECK(std::is_sorted(list.begin(), list.end()));
  }
  CHECK(all.size() == static_cast<std::size_t>(kThreads * kEach));
}

TEST_CASE("ids: is_uuid rejects what is not a canonical UUID") {
  CHECK(is_uuid("01890a5d-ac96-774b-bcce-b302099a8057"));
  CHECK_FALSE(is_uuid(""));
  CHECK_FALSE(is_uuid("not-a-uuid"));
  CHECK_FALSE(is_uuid("01890a5d-ac96-774b-bcce-b302099a805"));    // short
  CHECK_FALSE(is_uuid("01890a5d-ac96-774b-bcce-b302099a80577"));  // long
  CHECK_FALSE(is_uuid("01890a5dac96-774b-bcce-b302099a8057-"));   // hyphens misplaced
  CHECK_FALSE(is_uuid("01890a5d-ac96-774b-bcce-b302099a805g"));   // not hex
  CHECK_FALSE(is_uuid(" 01890a5d-ac96-774b-bcce-b302099a8057"));
}
