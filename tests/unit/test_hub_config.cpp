// porchlight-hub's --config file (TOML): what it sets, what it leaves to the defaults, and how it is refused.
#include "porchlight/hub/hub_config.hpp"
#include "test_support.hpp"

using namespace porchlight::test;
namespace hub = porchlight::hub;

TEST_CASE("hub config: every setting is read, and what the file leaves out stays unset") {
  const auto config = hub::parse_hub_config(
      "db = \"/var/lib/porchlight/hub.db\"\npool_size = 8\nlisten = \"0.0.0.0:8750\"\nthreads = 16\n", "hub.toml");
  REQUIRE(config);
  CHECK(config->db == "/var/lib/porchlight/hub.db");
  CHECK(config->pool_size == 8);
  CHECK(config->listen == "0.0.0.0:8750");
  CHECK(config->threads == 16);
  CHECK_FALSE(config->postgres);
  CHECK_FALSE(config->tls_certificate);
  CHECK_FALSE(config->tls_private_key);
}

TEST_CASE("hub config: a syntax error names the file and line - counts out of range are refused, not wrapped") {
  const auto broken = hub::parse_hub_config("db = \"x\"\nlisten = \n", "hub.toml");
  REQUIRE_FALSE(broken);
  CHECK(contains(broken.error().message, "hub.toml:2: "));
  // 2^32 + 4 used to become 4 threads through a narrowing cast.
  const auto huge = hub::parse_hub_config("threads = 4294967300\n", "hub.toml");
  REQUIRE_FALSE(huge);
  CHECK(contains(huge.error().message, "threads must be a whole number from 1"));
  CHECK_FALSE(hub::parse_hub_config("pool_size = 0\n", "hub.toml"));
  CHECK_FALSE(hub::read_hub_config("/nonexistent/porchlight/hub.toml"));
}
