// porchlight-hub's --config file (TOML): what it sets, what it leaves to the defaults, and how it is refused.
#include "porchlight/hub/hub_config.hpp"
#include "test_support.hpp"

using namespace porchlight::test;
namespace hub = porchlight::hub;

TEST_CASE("hub config: every setting is read, and what the file leaves out stays unset") {
  const auto config = hub::parse_hub_config(
      "db = \"/var/lib/porchlight/hub.db\"\npool_size = 8\nlisten = \"0.0.0.0:8750\"\nthreads = 16\n"
      "connections_per_address = 0\n",
      "hub.toml");
  REQUIRE(config);
  CHECK(config->db == "/var/lib/porchlight/hub.db");
  CHECK(config->pool_size == 8);
  CHECK(config->listen == "0.0.0.0:8750");
  CHECK(config->threads == 16);
  CHECK(config->connections_per_address == 0);
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

TEST_CASE("hub config: the TLS files, postgres and log_level are read") {
  const auto config = hub::parse_hub_config(
      "postgres = \"postgresql://porchlight@localhost/porchlight\"\ntls_certificate = \"/etc/porchlight/hub.pem\"\n"
      "tls_private_key = \"/etc/porchlight/hub.key\"\nlog_level = \"warning\"\n",
      "hub.toml");
  REQUIRE(config);
  CHECK(config->postgres == "postgresql://porchlight@localhost/porchlight");
  CHECK(config->tls_certificate == "/etc/porchlight/hub.pem");
  CHECK(config->tls_private_key == "/etc/porchlight/hub.key");
  CHECK(config->log_level == porchlight::log::Level::warning);
  CHECK_FALSE(config->db);
  CHECK_FALSE(config->listen);
}

TEST_CASE("hub config: a misspelt setting, a wrong type and an unknown log level are refused by key and line") {
  const auto typo = hub::parse_hub_config("db = \"hub.db\"\n\nlisen = \"0.0.0.0:8750\"\n", "hub.toml");
  REQUIRE_FALSE(typo);
  CHECK(contains(typo.error().message, "hub.toml:3: unknown setting 'lisen'"));
  CHECK(contains(typo.error().message, "listen"));
  const auto quoted = hub::parse_hub_config("threads = \"16\"\n", "hub.toml");
  REQUIRE_FALSE(quoted);
  CHECK(contains(quoted.error().message, "hub.toml:1: threads must be a whole number from 1"));
  const auto number = hub::parse_hub_config("db = \"hub.db\"\nlisten = 8750\n", "hub.toml");
  REQUIRE_FALSE(number);
  CHECK(number.error().message == "hub.toml:2: listen must be text in quotes");
  const auto level = hub::parse_hub_config("log_level = \"loud\"\n", "hub.toml");
  REQUIRE_FALSE(level);
  CHECK(level.error().message == "hub.toml:1: log_level must be one of error, warning, info, debug (in quotes)");
}

TEST_CASE("hub config: the shipped packaging/config/hub.toml parses and sets only the database file") {
  const auto config = hub::read_hub_config(PORCHLIGHT_SOURCE_DIR "/packaging/config/hub.toml");
  INFO((config ? std::string() : config.error().message));
  REQUIRE(config);
  CHECK(config->db == "/var/lib/porchlight-hub/hub.db");
  CHECK_FALSE(config->postgres);
  CHECK_FALSE(config->listen);
  CHECK_FALSE(config->tls_certificate);
  CHECK_FALSE(config->tls_private_key);
  CHECK_FALSE(config->pool_size);
  CHECK_FALSE(config->threads);
  CHECK_FALSE(config->log_level);
  CHECK(hub::default_hub_config_path().filename() == "hub.toml");
}

TEST_CASE("hub config: every commented-out setting in the shipped hub.toml parses and shows the default") {
  const auto text = read_bytes(PORCHLIGHT_SOURCE_DIR "/packaging/config/hub.toml");
  std::string uncommented;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const bool setting = line.size() > 1 && line[0] == '#' && std::isalpha(static_cast<unsigned char>(line[1]));
    uncommented += (setting ? line.substr(1) : line) + "\n";
  }
  const auto config = hub::parse_hub_config(uncommented, "hub.toml uncommented");
  INFO((config ? std::string() : config.error().message));
  REQUIRE(config);
  CHECK(config->listen == "127.0.0.1:8750");
  CHECK(config->pool_size == 8);
  CHECK(config->threads == 256);
  CHECK(config->connections_per_address == 64);
  CHECK(config->log_level == porchlight::log::Level::info);
  CHECK(config->postgres);
  CHECK(config->tls_certificate);
  CHECK(config->tls_private_key);
}
