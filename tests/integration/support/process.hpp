#pragma once
// Running real programs from tests: whole runs with their output captured, and long runs read line by line
// and killed at a moment of the test's choosing.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace porchlight::test {

// Environment changes for a child: a value sets the variable, nullopt removes it.
using EnvChanges = std::vector<std::pair<std::string, std::optional<std::string>>>;

struct ProcessResult {
  int exit_code = -1;  // -1 when a signal ended it
  int signal = 0;
  std::string out;
  std::string err;

  // stderr split into lines (without their line ends).
  std::vector<std::string> err_lines() const;
  // stdout lines.
  std::vector<std::string> out_lines() const;
};

// Runs `argv` to the end with stdin from /dev/null; a run longer than `timeout` is killed and reported as such.
ProcessResult run_process(const std::vector<std::string>& argv, const EnvChanges& env = {},
                          std::chrono::milliseconds timeout = std::chrono::seconds(60));

// A child whose stdout the test reads as it comes; its stderr goes to the test's own stderr, or is appended to
// `err_file` (a long-running server's log, read while it runs: a pipe nobody drains would stall it).
class ChildProcess {
 public:
  explicit ChildProcess(const std::vector<std::string>& argv, const EnvChanges& env = {},
                        const std::filesystem::path& err_file = {});
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // The next complete line of stdout, or nullopt when the deadline passes or the output ends first.
  std::optional<std::string> read_line(std::chrono::steady_clock::time_point deadline);
  // SIGKILL, then reap it. Returns the complete lines that were still in the pipe: they were printed before
  // the kill. A trailing partial line is dropped.
  std::vector<std::string> kill_and_drain();
  // How it ended (after kill_and_drain or when read_line saw the end): exit code, or -1 with the signal.
  int exit_code() const { return exit_code_; }
  pid_t pid() const { return pid_; }
  // True once the child is known to have ended (its stdout closed, or it was killed).
  bool ended() const { return pid_ < 0; }
  int exit_signal() const { return signal_; }

 private:
  void reap();

  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string buffer_;
  bool eof_ = false;
  int exit_code_ = -1;
  int signal_ = 0;
};

}  // namespace porchlight::test
