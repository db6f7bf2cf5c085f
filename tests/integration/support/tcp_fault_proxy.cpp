#include "tcp_fault_proxy.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <deque>
#include <initializer_list>
#include <optional>
#include <random>
#include <stdexcept>

namespace porchlight::test {

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void fail(const std::string& what, std::initializer_list<int> opened) {
  const std::string reason = std::strerror(errno);
  for (const int fd : opened) {
    if (fd >= 0) ::close(fd);
  }
  throw std::runtime_error("tcp fault proxy: " + what + ": " + reason);
}

bool set_nonblocking_nodelay(int fd) {
  const int flags = ::fcntl(fd, F_GETFL);
  // Small writes must leave as small segments, or chunking would be undone by Nagle.
  const int one = 1;
  return flags >= 0 && ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 &&
         ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) == 0;
}

// An abortive close: the peer reads ECONNRESET instead of an end of stream.
void close_with_reset(int fd) {
  const linger abort{1, 0};
  (void)::setsockopt(fd, SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
  ::close(fd);
}

int connect_loopback(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) < 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// The value of a header in an HTTP head, lower-cased name given; empty when absent.
std::string header_value(const std::string& head, const std::string& lower_name) {
  std::string lowered(head.size(), '\0');
  std::transform(head.begin(), head.end(), lowered.begin(), [](unsigned char c) { return std::tolower(c); });
  const auto at = lowered.find("\r\n" + lower_name + ":");
  if (at == std::string::npos) return {};
  auto begin = at + 2 + lower_name.size() + 1;
  const auto end = lowered.find("\r\n", begin);
  while (begin < end && lowered[begin] == ' ') ++begin;
  return lowered.substr(begin, end - begin);
}

enum class Ending { Normal, Reset, Cut, Vanish };

struct PointFault {
  std::uint64_t offset;  // in the direction's byte stream: it strikes before this byte is forwarded
  TcpFaultProxy::Fault kind;
  std::chrono::milliseconds stall{0};
  bool long_stall = false;
};

// One way of a connection: bytes read from `from` wait in `buffer` until written to `to`. Requests and responses are
// framed just enough (head, Content-Length) to aim faults at bytes inside bodies.
struct Direction {
  int from = -1;
  int to = -1;
  TcpFaultProxy::Way way{};
  std::mt19937_64 random;
  std::string buffer;
  std::size_t written = 0;  // of buffer
  bool from_ended = false;
  bool to_shut = false;
  Clock::time_point hold_until{};
  std::uint64_t read_position = 0;
  std::uint64_t forwarded = 0;
  std::chrono::milliseconds delay{0};
  std::size_t chunk = 0;
  bool delay_counted = false;
  bool chunk_counted = false;
  std::deque<PointFault> faults;
  // Framing: the head being read, or the body bytes still to come; lost (no more faults) on a body without length.
  std::string head;
  std::uint64_t body_left = 0;
  bool framed = true;

  bool waiting() const { return written < buffer.size(); }
  bool done() const { return from_ended && !waiting() && to_shut; }
};

}  // namespace

const char* TcpFaultProxy::name(Fault fault) {
  switch (fault) {
    case Fault::Delay:
      return "delay";
    case Fault::Chunk:
      return "chunk";
    case Fault::Stall:
      return "stall";
    case Fault::Reset:
      return "reset";
    case Fault::Cut:
      return "cut";
    case Fault::Vanish:
      return "vanish";
  }
  return "?";
}

TcpFaultProxy::TcpFaultProxy(int upstream_port, LinkFaults faults)
    : upstream_port_(upstream_port), faults_(faults), vanish_chance_(faults.vanish_chance) {
  stop_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (stop_fd_ < 0) fail("eventfd", {});
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (listener_ < 0) fail("socket", {stop_fd_});
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(listener_, reinterpret_cast<const sockaddr*>(&address), sizeof address) < 0)
    fail("bind", {stop_fd_, listener_});
  if (::listen(listener_, 64) < 0) fail("listen", {stop_fd_, listener_});
  if (::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) < 0)
    fail("getsockname", {stop_fd_, listener_});
  port_ = ntohs(address.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

TcpFaultProxy::~TcpFaultProxy() {
  const std::uint64_t one = 1;
  if (::write(stop_fd_, &one, sizeof one) != sizeof one) std::abort();  // threads would never end
  acceptor_.join();
  ::close(listener_);
  ::close(stop_fd_);
}

std::uint64_t TcpFaultProxy::applied(Fault fault) const {
  return applied(fault, Way::Request) + applied(fault, Way::Response);
}

std::uint64_t TcpFaultProxy::applied(Fault fault, Way way) const {
  return applied_[static_cast<std::size_t>(fault)][static_cast<std::size_t>(way)];
}

void TcpFaultProxy::reap(bool all) {
  for (auto it = workers_.begin(); it != workers_.end();) {
    if (all || it->done) {
      it->thread.join();
      it = workers_.erase(it);
    } else {
      ++it;
    }
  }
}

void TcpFaultProxy::accept_loop() {
  for (;;) {
    pollfd fds[2] = {{stop_fd_, POLLIN, 0}, {listener_, POLLIN, 0}};
    const int ready = ::poll(fds, 2, 200);
    reap(false);
    if (ready < 0 && errno != EINTR) break;
    if (fds[0].revents) break;
    if (!(fds[1].revents & POLLIN)) continue;
    const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;  // the caller gave up first (ECONNABORTED) or a transient shortage
    const std::uint64_t seed = faults_.seed * 0x9E3779B97F4A7C15ULL + connections_++;
    auto& worker = workers_.emplace_back();
    ++open_;
    worker.thread = std::thread([this, client, seed, &worker] {
      serve(client, seed);
      --open_;
      worker.done = true;
    });
  }
  reap(true);  // connection threads see stop_fd_ too, so this waits for nothing long
}

void TcpFaultProxy::serve(int client, std::uint64_t seed) {
  const int upstream = connect_loopback(upstream_port_);
  if (upstream < 0) {
    ::close(client);  // the hub is down: the kiosk sees the connection closed, as through a real middlebox
    return;
  }
  if (!set_nonblocking_nodelay(client) || !set_nonblocking_nodelay(upstream)) {
    close_with_reset(client);
    close_with_reset(upstream);
    return;
  }

  const bool faulty = enabled_;
  Direction ways[2];
  ways[0].from = client;
  ways[0].to = upstream;
  ways[0].way = Way::Request;
  ways[1].from = upstream;
  ways[1].to = client;
  ways[1].way = Way::Response;
  for (std::size_t i = 0; i < 2; ++i) {
    auto& d = ways[i];
    d.random.seed(seed ^ (i + 1) * 0xBF58476D1CE4E5B9ULL);
    std::uniform_real_distribution<double> chance(0, 1);
    if (faulty && chance(d.random) < faults_.delay_share) {
      d.delay = std::chrono::milliseconds(
          std::uniform_int_distribution<long>(1, std::max<long>(1, faults_.max_delay.count()))(d.random));
    }
    if (faulty && chance(d.random) < faults_.chunk_share) {
      d.chunk = std::uniform_int_distribution<std::size_t>(1, std::max<std::size_t>(1, faults_.max_chunk))(d.random);
    }
  }

  // Frames what arrived: each body gets at most one stall, reset, cut or vanishing, at a random byte of it.
  const auto frame = [&](Direction& d, const char* bytes, std::size_t size) {
    std::size_t at = 0;
    while (d.framed && at < size) {
      if (d.body_left > 0) {
        const auto skip = static_cast<std::size_t>(std::min<std::uint64_t>(d.body_left, size - at));
        d.body_left -= skip;
        at += skip;
        continue;
      }
      d.head += bytes[at++];
      if (d.head.size() > 64 * 1024) d.framed = false;  // not HTTP as we know it: forward, no more aiming
      if (d.head.size() < 4 || d.head.compare(d.head.size() - 4, 4, "\r\n\r\n") != 0) continue;
      const std::string length = header_value(d.head, "content-length");
      const bool chunked = !header_value(d.head, "transfer-encoding").empty();
      // Without a length, a request has no body, and so have these answers; other answers run to the stream's end.
      const bool empty_without_length = d.way == Way::Request || d.head.compare(0, 10, "HTTP/1.1 1") == 0 ||
                                        d.head.compare(0, 12, "HTTP/1.1 204") == 0 ||
                                        d.head.compare(0, 12, "HTTP/1.1 304") == 0;
      d.head.clear();
      std::uint64_t body = 0;
      const bool length_read =
          length.empty() ? empty_without_length
                         : std::from_chars(length.data(), length.data() + length.size(), body).ec == std::errc();
      if (chunked || !length_read) {
        d.framed = false;  // framed by chunks, by the stream's end, or not at all: no faults aimed past here
        continue;
      }
      d.body_left = body;
      if (d.body_left == 0 || !faulty || !enabled_) continue;
      const std::uint64_t body_start = d.read_position + at;
      const std::uint64_t offset =
          body_start + std::uniform_int_distribution<std::uint64_t>(0, d.body_left - 1)(d.random);
      const double roll = std::uniform_real_distribution<double>(0, 1)(d.random);
      if (roll < faults_.stall_chance) {
        const bool long_one = std::uniform_real_distribution<double>(0, 1)(d.random) < faults_.long_stall_share;
        const auto stall = long_one ? faults_.long_stall
                                    : std::chrono::milliseconds(std::uniform_int_distribution<long>(
                                          1, std::max<long>(1, faults_.short_stall.count()))(d.random));
        d.faults.push_back({offset, Fault::Stall, stall, long_one});
      } else if (roll < faults_.stall_chance + faults_.reset_chance) {
        d.faults.push_back({offset, Fault::Reset});
      } else if (roll < faults_.stall_chance + faults_.reset_chance + faults_.cut_chance) {
        d.faults.push_back({offset, Fault::Cut});
      } else if (roll < faults_.stall_chance + faults_.reset_chance + faults_.cut_chance + vanish_chance_) {
        d.faults.push_back({offset, Fault::Vanish});
      }
    }
    d.read_position += size;
  };

  // Writes what may go now. Returns how the connection must end, or nullopt to go on.
  const auto forward = [&](Direction& d) -> std::optional<Ending> {
    while (d.waiting() && Clock::now() >= d.hold_until) {
      if (!d.faults.empty() && d.faults.front().offset == d.forwarded) {
        const auto fault = d.faults.front();
        d.faults.pop_front();
        count(fault.kind, d.way);
        if (fault.kind == Fault::Reset) return Ending::Reset;
        if (fault.kind == Fault::Cut) return Ending::Cut;
        if (fault.kind == Fault::Vanish) return Ending::Vanish;
        if (fault.long_stall) ++long_stalls_;
        d.hold_until = Clock::now() + fault.stall;
        return std::nullopt;
      }
      std::size_t size = d.buffer.size() - d.written;
      if (d.chunk > 0) {
        size = std::min(size, std::uniform_int_distribution<std::size_t>(1, d.chunk)(d.random));
        if (size < d.buffer.size() - d.written && !d.chunk_counted) {
          d.chunk_counted = true;
          count(Fault::Chunk, d.way);
        }
      }
      if (!d.faults.empty()) size = std::min<std::uint64_t>(size, d.faults.front().offset - d.forwarded);
      const ssize_t sent = ::send(d.to, d.buffer.data() + d.written, size, MSG_NOSIGNAL);
      if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return std::nullopt;
      if (sent < 0) return Ending::Reset;  // the other end is gone: pass its abort on
      d.written += static_cast<std::size_t>(sent);
      d.forwarded += static_cast<std::uint64_t>(sent);
      bytes_ += static_cast<std::uint64_t>(sent);
    }
    if (!d.waiting()) {
      d.buffer.clear();
      d.written = 0;
      if (d.from_ended && !d.to_shut) {
        ::shutdown(d.to, SHUT_WR);  // pass the end of stream on
        d.to_shut = true;
      }
    }
    return std::nullopt;
  };

  std::optional<Ending> ending;
  bool stopping = false;
  while (!ending && !(ways[0].done() && ways[1].done())) {
    // Poll what each way needs: room to write what waits (unless held), or bytes to read once all has gone.
    short events[2] = {0, 0};  // client, upstream
    int timeout = -1;
    const auto now = Clock::now();
    for (std::size_t i = 0; i < 2; ++i) {
      const auto& d = ways[i];
      const std::size_t from_slot = i, to_slot = 1 - i;
      if (!d.waiting() && !d.from_ended) events[from_slot] |= POLLIN;
      if (d.waiting()) {
        if (now >= d.hold_until) {
          events[to_slot] |= POLLOUT;
        } else {
          const auto left = std::chrono::ceil<std::chrono::milliseconds>(d.hold_until - now).count();
          timeout = timeout < 0 ? static_cast<int>(left) : std::min(timeout, static_cast<int>(left));
        }
      }
    }
    // A socket with nothing to wait for stays out of the set, or its hang-up would wake this loop over and over.
    pollfd fds[3] = {
        {stop_fd_, POLLIN, 0}, {events[0] ? client : -1, events[0], 0}, {events[1] ? upstream : -1, events[1], 0}};
    if (::poll(fds, 3, timeout) < 0) {
      if (errno == EINTR) continue;
      ending = Ending::Reset;
      break;
    }
    if (fds[0].revents) {
      stopping = true;
      break;
    }
    for (std::size_t i = 0; i < 2 && !ending; ++i) {
      auto& d = ways[i];
      const short from_events = fds[1 + i].revents;
      if (!d.waiting() && !d.from_ended && (from_events & (POLLIN | POLLHUP | POLLERR))) {
        char bytes[16 * 1024];
        const ssize_t got = ::recv(d.from, bytes, sizeof bytes, 0);
        if (got > 0) {
          frame(d, bytes, static_cast<std::size_t>(got));
          d.buffer.assign(bytes, static_cast<std::size_t>(got));
          if (d.delay.count() > 0) {  // latency: what arrived leaves a little later
            if (!d.delay_counted) {
              d.delay_counted = true;
              count(Fault::Delay, d.way);
            }
            d.hold_until = Clock::now() + d.delay;
          }
        } else if (got == 0) {
          d.from_ended = true;
        } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
          ending = Ending::Reset;  // reset by its peer: reset the other side too
        }
      }
      if (!ending) ending = forward(d);
    }
  }

  if (stopping || ending == Ending::Reset) {
    close_with_reset(client);
    close_with_reset(upstream);
    return;
  }
  if (ending == Ending::Vanish) {
    close_with_reset(client);
    // Silent from here on: drop whatever the hub still sends and wait for it to give up on the connection.
    const auto abandoned = Clock::now();
    for (;;) {
      pollfd fds[2] = {{stop_fd_, POLLIN, 0}, {upstream, POLLIN, 0}};
      if (::poll(fds, 2, -1) < 0 && errno != EINTR) break;
      if (fds[0].revents) break;  // stopping: the hub has not closed it (yet)
      if (!fds[1].revents) continue;
      char bytes[16 * 1024];
      const ssize_t got = ::recv(upstream, bytes, sizeof bytes, 0);
      if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) {
        const long long took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - abandoned).count();
        long long longest = longest_abandoned_ms_;
        while (took > longest && !longest_abandoned_ms_.compare_exchange_weak(longest, took)) {
        }
        ++abandoned_closed_;
        break;
      }
    }
    close_with_reset(upstream);
    return;
  }
  if (ending == Ending::Cut) {
    // FIN both ways mid-message; then read and drop what still comes until both ends close (a close with unread
    // bytes would send RST, and this is meant to be the clean kind of cut), for at most a few seconds.
    ::shutdown(client, SHUT_WR);
    ::shutdown(upstream, SHUT_WR);
    bool open[2] = {true, true};
    const auto give_up = Clock::now() + std::chrono::seconds(5);
    while ((open[0] || open[1]) && Clock::now() < give_up) {
      pollfd fds[3] = {{stop_fd_, POLLIN, 0},
                       {client, static_cast<short>(open[0] ? POLLIN : 0), 0},
                       {upstream, static_cast<short>(open[1] ? POLLIN : 0), 0}};
      if (::poll(fds, 3, 100) < 0 && errno != EINTR) break;
      if (fds[0].revents) break;
      for (std::size_t i = 0; i < 2; ++i) {
        if (!open[i] || !fds[1 + i].revents) continue;
        char bytes[16 * 1024];
        const ssize_t got = ::recv(i == 0 ? client : upstream, bytes, sizeof bytes, 0);
        if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) open[i] = false;
      }
    }
  }
  ::close(client);
  ::close(upstream);
}

}  // namespace porchlight::test
