#include "process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <stdexcept>

extern char** environ;

namespace porchlight::test {

namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error(what + ": " + std::strerror(errno)); }

// The parent's environment with the changes applied, as posix_spawn wants it.
std::vector<std::string> environment_with(const EnvChanges& changes) {
  std::map<std::string, std::string> variables;
  for (char** entry = environ; entry && *entry; ++entry) {
    const std::string text = *entry;
    const auto equals = text.find('=');
    if (equals != std::string::npos) variables[text.substr(0, equals)] = text.substr(equals + 1);
  }
  for (const auto& [name, value] : changes) {
    if (value) {
      variables[name] = *value;
    } else {
      variables.erase(name);
    }
  }
  std::vector<std::string> result;
  for (const auto& [name, value] : variables) result.push_back(name + "=" + value);
  return result;
}

std::vector<char*> pointers_to(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (auto& text : strings) pointers.push_back(text.data());
  pointers.push_back(nullptr);
  return pointers;
}

// Starts argv with stdin from /dev/null, stdout to `out_fd`, stderr to `err_fd` (-1 = inherit).
pid_t spawn(const std::vector<std::string>& argv, const EnvChanges& env, int out_fd, int err_fd) {
  auto args = argv;
  auto env_strings = environment_with(env);
  auto arg_pointers = pointers_to(args);
  auto env_pointers = pointers_to(env_strings);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  if (err_fd >= 0) posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, args.front().c_str(), &actions, nullptr, arg_pointers.data(), env_pointers.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    errno = rc;
    fail("starting " + argv.front());
  }
  return pid;
}

void make_pipe(int fds[2]) {
  if (pipe2(fds, O_CLOEXEC) != 0) fail("pipe2");
}

void decode_status(int status, int& exit_code, int& signal_number) {
  if (WIFEXITED(status)) {
    exit_code = WEXITSTATUS(status);
    signal_number = 0;
  } else if (WIFSIGNALED(status)) {
    exit_code = -1;
    signal_number = WTERMSIG(status);
  }
}

int wait_for(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) fail("waitpid");
  }
  return status;
}

}  // namespace

std::vector<std::string> ProcessResult::err_lines() const { return split_lines(err); }
std::vector<std::string> ProcessResult::out_lines() const { return split_lines(out); }

ProcessResult run_process(const std::vector<std::string>& argv, const EnvChanges& env,
                          std::chrono::milliseconds timeout) {
  int out_pipe[2];
  int err_pipe[2];
  make_pipe(out_pipe);
  make_pipe(err_pipe);
  const pid_t pid = spawn(argv, env, out_pipe[1], err_pipe[1]);
  close(out_pipe[1]);
  close(err_pipe[1]);

  ProcessResult result;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_streams = 2;
  bool timed_out = false;
  while (open_streams > 0) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    const int ready = poll(fds, 2, static_cast<int>(left.count()));
    if (ready < 0 && errno != EINTR) fail("poll");
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      char chunk[4096];
      const ssize_t got = read(fds[i].fd, chunk, sizeof chunk);
      if (got > 0) {
        sinks[i]->append(chunk, static_cast<std::size_t>(got));
      } else if (got == 0 || errno != EINTR) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_streams;
      }
    }
  }
  if (timed_out) {
    kill(pid, SIGKILL);
    for (auto& fd : fds) {
      if (fd.fd >= 0) close(fd.fd);
    }
  }
  decode_status(wait_for(pid), result.exit_code, result.signal);
  if (timed_out) result.err += "\n[test: killed after " + std::to_string(timeout.count()) + " ms]";
  return result;
}

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const EnvChanges& env,
                           const std::filesystem::path& err_file) {
  int err_fd = -1;
  if (!err_file.empty()) {
    err_fd = open(err_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (err_fd < 0) fail("opening " + err_file.string());
  }
  int out_pipe[2];
  make_pipe(out_pipe);
  pid_ = spawn(argv, env, out_pipe[1], err_fd);
  close(out_pipe[1]);
  if (err_fd >= 0) close(err_fd);
  out_fd_ = out_pipe[0];
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    reap();
  }
  if (out_fd_ >= 0) close(out_fd_);
}

void ChildProcess::reap() {
  if (pid_ <= 0) return;
  decode_status(wait_for(pid_), exit_code_, signal_);
  pid_ = -1;
}

std::optional<std::string> ChildProcess::read_line(std::chrono::steady_clock::time_point deadline) {
  for (;;) {
    if (const auto end = buffer_.find('\n'); end != std::string::npos) {
      std::string line = buffer_.substr(0, end);
      buffer_.erase(0, end + 1);
      return line;
    }
    if (eof_) return std::nullopt;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd fd{out_fd_, POLLIN, 0};
    const int ready = poll(&fd, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno != EINTR) fail("poll");
    if (ready <= 0) continue;
    char chunk[4096];
    const ssize_t got = read(out_fd_, chunk, sizeof chunk);
    if (got > 0) {
      buffer_.append(chunk, static_cast<std::size_t>(got));
    } else if (got == 0 || errno != EINTR) {
      eof_ = true;
      reap();
    }
  }
}

std::vector<std::string> ChildProcess::kill_and_drain() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    reap();
  }
  // The child is gone, so the pipe ends after what it had already written.
  std::vector<std::string> lines;
  while (!eof_) {
    char chunk[4096];
    const ssize_t got = read(out_fd_, chunk, sizeof chunk);
    if (got > 0) {
      buffer_.append(chunk, static_cast<std::size_t>(got));
    } else if (got == 0 || errno != EINTR) {
      eof_ = true;
    }
  }
  for (auto end = buffer_.find('\n'); end != std::string::npos; end = buffer_.find('\n')) {
    lines.push_back(buffer_.substr(0, end));
    buffer_.erase(0, end + 1);
  }
  return lines;
}

}  // namespace porchlight::test
