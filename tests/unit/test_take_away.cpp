// "Take this with you": the text holds the service's name, phone, address and hours, and its QR code decodes
// (with zbarimg from Debian's zbar-tools, as a phone camera would) back to exactly that text.
#include <cstdio>
#include <cstdlib>

#include "directory_fixture.hpp"
#include "porchlight/core/demo.hpp"
#include "porchlight/core/take_away.hpp"

using namespace porchlight::test;

namespace {

// zbarimg's reading of the image, or nullopt when zbarimg is not installed.
std::optional<std::string> decode_with_zbar(const std::filesystem::path& image) {
  if (std::system("command -v zbarimg >/dev/null 2>&1") != 0) return std::nullopt;
  const std::string command = "zbarimg --quiet --raw '" + image.string() + "' 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buffer[512];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  pclose(pipe);
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace

TEST_CASE("take away: the text has the name, phone, address and hours") {
  TestStore s;
  import_fixture(*s);
  const auto detail = must(get_service(*s, kFoodBank));
  REQUIRE(detail);
  CHECK(take_away_text(*detail) ==
        "Eastside Food Bank\nEastside Community Church\nPhone: (555) 555-0142\n12 Elm St, Brookfield, NY 12000\n"
        "Hours: Mon-Fri 09:00-17:00");
}

TEST_CASE("take away: the QR code decodes to the same text, accents included") {
  TestStore s;
  must(load_demo_directory(*s));
  const auto found = must(search_directory(*s, "eastside food"));
  REQUIRE_FALSE(found.empty());
  const auto detail = must(get_service(*s, found.front().id));
  REQUIRE(detail);
  const std::string text = take_away_text(*detail) + "\nAyuda en español";
  const auto code = must(encode_qr(text));
  CHECK(code.size >= 21);
  CHECK(code.dark.size() == static_cast<std::size_t>(code.size * code.size));
  CHECK(code.at(0, 0));  // a finder pattern's corner
  const auto image = s.dir.file("take-away.pgm");
  write_bytes(image, qr_pgm(code));
  const auto decoded = decode_with_zbar(image);
  if (!decoded) {
    MESSAGE("zbarimg is not installed (scripts/setup test installs zbar-tools): decoding not checked");
    return;
  }
  CHECK(*decoded == text);
  CHECK(contains(*decoded, "Eastside Food Bank"));
  CHECK(contains(*decoded, "555-0100"));
}

TEST_CASE("take away: empty and oversized texts are errors, not crashes") {
  CHECK_FALSE(encode_qr("").ok());
  CHECK_FALSE(encode_qr(std::string(8000, 'x')).ok());
}
