#pragma once
// One line per event on stderr, with a level. Under systemd (JOURNAL_STREAM is set) each line starts with the
// syslog priority in angle brackets ("<4>"), which journald reads as the entry's priority and strips; elsewhere
// the line reads "porchlight-hub: warning: ...". Messages never carry personal data: callers log ids, counts and
// error texts, never names, birth dates, PINs, notes or tokens.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace porchlight::log {

enum class Level { error = 3, warning = 4, info = 6, debug = 7 };  // the syslog priorities

inline std::optional<Level> parse_level(std::string_view text) {
  if (text == "error") return Level::error;
  if (text == "warning") return Level::warning;
  if (text == "info") return Level::info;
  if (text == "debug") return Level::debug;
  return std::nullopt;
}

inline constexpr std::string_view kLevelNames = "error, warning, info or debug";

namespace detail {
struct State {
  std::atomic<int> threshold{static_cast<int>(Level::info)};
  std::string program = "porchlight";
  bool journal = std::getenv("JOURNAL_STREAM") != nullptr;
};
inline State& state() {
  static State instance;
  return instance;
}
inline std::string_view level_word(Level level) {
  switch (level) {
    case Level::error: return "error";
    case Level::warning: return "warning";
    case Level::info: return "info";
    case Level::debug: return "debug";
  }
  return "info";
}
}  // namespace detail

// Call once at start, before other threads log.
inline void set_program(std::string program) { detail::state().program = std::move(program); }
inline void set_threshold(Level level) { detail::state().threshold.store(static_cast<int>(level)); }
inline Level threshold() { return static_cast<Level>(detail::state().threshold.load()); }
inline bool enabled(Level level) { return static_cast<int>(level) <= detail::state().threshold.load(); }

namespace detail {
// The line as written, with its end: "<4>porchlight-hub: warning: ...\n" for the journal, else without "<4>".
// Info lines carry no level word. Line breaks in the message become spaces: one event, one line.
inline std::string format_line(Level level, std::string_view program, bool journal, std::string_view message) {
  std::string line;
  line.reserve(message.size() + program.size() + 16);
  if (journal) {
    line += '<';
    line += static_cast<char>('0' + static_cast<int>(level));
    line += '>';
  }
  line += program;
  line += ": ";
  if (level != Level::info) {
    line += level_word(level);
    line += ": ";
  }
  for (const char c : message) line += (c == '\n' || c == '\r') ? ' ' : c;
  line += '\n';
  return line;
}

// Writes the whole line with one call, so lines from several threads never interleave.
inline void write_to(std::FILE* sink, Level level, std::string_view message) {
  if (!enabled(level)) return;
  const auto& current = state();
  const std::string line = format_line(level, current.program, current.journal, message);
  std::fwrite(line.data(), 1, line.size(), sink);
  std::fflush(sink);
}
}  // namespace detail

inline void write(Level level, std::string_view message) { detail::write_to(stderr, level, message); }

inline void error(std::string_view message) { write(Level::error, message); }
inline void warning(std::string_view message) { write(Level::warning, message); }
inline void info(std::string_view message) { write(Level::info, message); }
inline void debug(std::string_view message) { write(Level::debug, message); }

}  // namespace porchlight::log
