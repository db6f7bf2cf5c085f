// kiosk.toml (read by porchlight and porchlight-admin): what each setting reads as, how mistakes are refused, and
// that the file the packages ship parses and holds what its comments promise.
#include "porchlight/core/kiosk_config.hpp"
#include "test_support.hpp"

using namespace porchlight::test;
using porchlight::log::Level;

namespace {

std::string refusal(std::string_view text) {
  const auto config = parse_kiosk_config(text, "kiosk.toml");
  REQUIRE_FALSE(config);
  return config.error().message;
}

}  // namespace

TEST_CASE("kiosk config: every setting is read, and what the file leaves out stays unset") {
  const auto config = parse_kiosk_config(
      "database = \"/var/lib/porchlight/kiosk.db\"\nlanguage = \"es\"\nlarge_text = true\nidle_seconds = 90\n"
      "export_dir = \"/media/usb\"\nprinter = \"Front_Desk\"\nlog_level = \"debug\"\n",
      "kiosk.toml");
  REQUIRE(config);
  CHECK(config->database == std::filesystem::path("/var/lib/porchlight/kiosk.db"));
  CHECK(config->language == "es");
  CHECK(config->large_text == true);
  CHECK(config->idle_seconds == 90);
  CHECK(config->export_dir == std::filesystem::path("/media/usb"));
  CHECK(config->printer == "Front_Desk");
  CHECK(config->log_level == Level::debug);

  const auto empty = parse_kiosk_config("# nothing but a note\n", "kiosk.toml");
  REQUIRE(empty);
  CHECK_FALSE(empty->database);
  CHECK_FALSE(empty->language);
  CHECK_FALSE(empty->large_text);
  CHECK_FALSE(empty->idle_seconds);
  CHECK_FALSE(empty->export_dir);
  CHECK_FALSE(empty->printer);
  CHECK_FALSE(empty->log_level);
}

TEST_CASE("kiosk config: idle_seconds is kept from 15 to 3600, ends included") {
  CHECK(parse_kiosk_config("idle_seconds = 15\n", "kiosk.toml")->idle_seconds == 15);
  CHECK(parse_kiosk_config("idle_seconds = 3600\n", "kiosk.toml")->idle_seconds == 3600);
  CHECK(refusal("\n\nidle_seconds = 14\n") == "kiosk.toml:3: idle_seconds must be a whole number from 15 to 3600");
  CHECK(contains(refusal("idle_seconds = 3601\n"), "kiosk.toml:1: idle_seconds must be a whole number"));
  CHECK(contains(refusal("idle_seconds = 4294967356\n"), "idle_seconds must be a whole number"));  // not wrapped to 60
}

TEST_CASE("kiosk config: a misspelt setting is refused by name and line, not ignored") {
  const auto message = refusal("language = \"en\"\nidle_second = 90\n");
  CHECK(contains(message, "kiosk.toml:2: unknown setting 'idle_second'"));
  CHECK(contains(message, "idle_seconds"));  // the list of real names points at the fix
  CHECK(message.find('\n') == std::string::npos);
  // A table is a key too: settings moved under a heading are not silently dropped.
  CHECK(contains(refusal("[kiosk]\nlanguage = \"en\"\n"), "kiosk.toml:1: unknown setting 'kiosk'"));
}

TEST_CASE("kiosk config: a value of the wrong type is refused, naming the key") {
  CHECK(refusal("large_text = \"yes\"\n") == "kiosk.toml:1: large_text must be true or false (no quotes)");
  CHECK(refusal("idle_seconds = \"90\"\n") == "kiosk.toml:1: idle_seconds must be a whole number from 15 to 3600");
  CHECK(refusal("idle_seconds = 90.0\n") == "kiosk.toml:1: idle_seconds must be a whole number from 15 to 3600");
  CHECK(refusal("database = 7\n") == "kiosk.toml:1: database must be text in quotes");
  CHECK(refusal("printer = true\n") == "kiosk.toml:1: printer must be text in quotes");
  CHECK(refusal("export_dir = [\"/media/usb\"]\n") == "kiosk.toml:1: export_dir must be text in quotes");
}

TEST_CASE("kiosk config: language and log_level take only their listed words") {
  CHECK(refusal("language = \"fr\"\n") == "kiosk.toml:1: language must be one of en, es (in quotes)");
  CHECK(refusal("language = 1\n") == "kiosk.toml:1: language must be one of en, es (in quotes)");
  CHECK(refusal("log_level = \"verbose\"\n") ==
        "kiosk.toml:1: log_level must be one of error, warning, info, debug (in quotes)");
  CHECK(parse_kiosk_config("log_level = \"error\"\n", "kiosk.toml")->log_level == Level::error);
  CHECK(parse_kiosk_config("log_level = \"warning\"\n", "kiosk.toml")->log_level == Level::warning);
  CHECK(parse_kiosk_config("log_level = \"info\"\n", "kiosk.toml")->log_level == Level::info);
}

TEST_CASE("kiosk config: bad TOML names the file and the line") {
  const auto message = refusal("language = \"en\"\n\nlarge_text = \n");
  CHECK(message.rfind("kiosk.toml:3: ", 0) == 0);
  CHECK(message.find('\n') == std::string::npos);
  CHECK(refusal("language = \"en\"\nlanguage = \"es\"\n").rfind("kiosk.toml:2: ", 0) == 0);  // said twice
}

TEST_CASE("kiosk config: a missing file is refused, and the default lives in the settings folder") {
  const auto missing = read_kiosk_config("/nonexistent/porchlight/kiosk.toml");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message == "cannot read /nonexistent/porchlight/kiosk.toml");
  CHECK(default_kiosk_config_path().filename() == "kiosk.toml");
  CHECK(default_kiosk_config_path().parent_path().filename() == "porchlight");
  CHECK(default_kiosk_config_path().is_absolute());
}

TEST_CASE("kiosk config: the shipped packaging/config/kiosk.toml parses and sets only the database") {
  const auto config = read_kiosk_config(PORCHLIGHT_SOURCE_DIR "/packaging/config/kiosk.toml");
  INFO((config ? std::string() : config.error().message));
  REQUIRE(config);
  CHECK(config->database == std::filesystem::path("/var/lib/porchlight/kiosk.db"));
  CHECK_FALSE(config->language);
  CHECK_FALSE(config->large_text);
  CHECK_FALSE(config->idle_seconds);
  CHECK_FALSE(config->export_dir);
  CHECK_FALSE(config->printer);
  CHECK_FALSE(config->log_level);
}

TEST_CASE("kiosk config: every commented-out setting in the shipped kiosk.toml parses and shows the default") {
  // Uncommenting a line is what a volunteer does; each one must then still be a valid file.
  const auto text = read_bytes(PORCHLIGHT_SOURCE_DIR "/packaging/config/kiosk.toml");
  std::string uncommented;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const bool setting = line.size() > 1 && line[0] == '#' && std::isalpha(static_cast<unsigned char>(line[1]));
    uncommented += (setting ? line.substr(1) : line) + "\n";
  }
  const auto config = parse_kiosk_config(uncommented, "kiosk.toml uncommented");
  INFO((config ? std::string() : config.error().message));
  REQUIRE(config);
  CHECK(config->language == "en");
  CHECK(config->large_text == false);
  CHECK(config->idle_seconds == 60);
  CHECK(config->log_level == Level::info);
  CHECK(config->export_dir);
  CHECK(config->printer);
}
