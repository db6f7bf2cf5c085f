// porchlight::log: one line per event on stderr, filtered by level, in the journal's "<N>" form under systemd.
#include "porchlight/log.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <string>

namespace plog = porchlight::log;

namespace {

// Everything written to stderr (the file descriptor, as the logger writes it) while `body` runs.
template <class Body>
std::string captured_stderr(Body body) {
  std::FILE* sink = std::tmpfile();
  REQUIRE(sink != nullptr);
  std::fflush(stderr);
  const int saved = ::dup(STDERR_FILENO);
  REQUIRE(saved >= 0);
  REQUIRE(::dup2(::fileno(sink), STDERR_FILENO) >= 0);
  body();
  std::fflush(stderr);
  ::dup2(saved, STDERR_FILENO);
  ::close(saved);
  std::string text;
  std::rewind(sink);
  char chunk[512];
  for (std::size_t got; (got = std::fread(chunk, 1, sizeof chunk, sink)) > 0;) text.append(chunk, got);
  std::fclose(sink);
  return text;
}

// The program name and threshold are process-wide: each test puts them back.
struct Restore {
  plog::Level threshold = plog::threshold();
  std::string program = plog::detail::state().program;
  ~Restore() {
    plog::set_threshold(threshold);
    plog::set_program(program);
  }
};

}  // namespace

TEST_CASE("log: lines below the threshold are dropped, the rest reach stderr in order") {
  Restore restore;
  plog::set_program("porchlight-test");
  plog::set_threshold(plog::Level::warning);
  const bool journal = plog::detail::state().journal;
  const std::string text = captured_stderr([] {
    plog::debug("a debug line");
    plog::info("an info line");
    plog::warning("a warning line");
    plog::error("an error line");
  });
  const std::string prefix_warning = journal ? "<4>" : "";
  const std::string prefix_error = journal ? "<3>" : "";
  CHECK(text == prefix_warning + "porchlight-test: warning: a warning line\n" + prefix_error +
                    "porchlight-test: error: an error line\n");

  plog::set_threshold(plog::Level::debug);
  const std::string all = captured_stderr([] {
    plog::debug("d");
    plog::info("i");
  });
  CHECK(all == (journal ? "<7>" : "") + std::string("porchlight-test: debug: d\n") + (journal ? "<6>" : "") +
                   "porchlight-test: i\n");
  CHECK(plog::enabled(plog::Level::debug));

  plog::set_threshold(plog::Level::error);
  CHECK_FALSE(plog::enabled(plog::Level::warning));
  CHECK(captured_stderr([] { plog::warning("not shown"); }).empty());
}

TEST_CASE("log: the journal form starts with the syslog priority, the plain form with the program") {
  using plog::Level;
  CHECK(plog::detail::format_line(Level::error, "porchlight-hub", true, "cannot store") ==
        "<3>porchlight-hub: error: cannot store\n");
  CHECK(plog::detail::format_line(Level::warning, "porchlight-hub", true, "refused") ==
        "<4>porchlight-hub: warning: refused\n");
  CHECK(plog::detail::format_line(Level::info, "porchlight-hub", true, "listening") == "<6>porchlight-hub: listening\n");
  CHECK(plog::detail::format_line(Level::debug, "porchlight", true, "GET /healthz 200") ==
        "<7>porchlight: debug: GET /healthz 200\n");

  CHECK(plog::detail::format_line(Level::error, "porchlight-hub", false, "cannot store") ==
        "porchlight-hub: error: cannot store\n");
  CHECK(plog::detail::format_line(Level::info, "porchlight-hub", false, "listening") == "porchlight-hub: listening\n");
  CHECK(plog::detail::format_line(Level::debug, "porchlight", false, "x") == "porchlight: debug: x\n");
}

TEST_CASE("log: line breaks in a message are folded, so one event is one line") {
  using plog::Level;
  CHECK(plog::detail::format_line(Level::warning, "p", false, "first\nsecond\r\nthird\n") ==
        "p: warning: first second  third \n");
  CHECK(plog::detail::format_line(Level::info, "p", true, "a\rb") == "<6>p: a b\n");

  Restore restore;
  plog::set_program("p");
  plog::set_threshold(plog::Level::info);
  const std::string text = captured_stderr([] { plog::info("one\ntwo"); });
  CHECK(text.find('\n') == text.size() - 1);
  CHECK(text.find("p: one two") != std::string::npos);
}

TEST_CASE("log: level names parse, and nothing else does") {
  CHECK(plog::parse_level("error") == plog::Level::error);
  CHECK(plog::parse_level("warning") == plog::Level::warning);
  CHECK(plog::parse_level("info") == plog::Level::info);
  CHECK(plog::parse_level("debug") == plog::Level::debug);
  CHECK_FALSE(plog::parse_level("warn").has_value());
  CHECK_FALSE(plog::parse_level("DEBUG").has_value());
  CHECK_FALSE(plog::parse_level("").has_value());
}
