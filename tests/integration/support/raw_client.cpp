#include "raw_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace porchlight::test {

namespace {

using Clock = std::chrono::steady_clock;

bool wait_for(int socket, short events, Clock::time_point deadline) {
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd entry{socket, events, 0};
    const int ready = ::poll(&entry, 1, static_cast<int>(left));
    if (ready > 0) return true;
    if (ready < 0 && errno != EINTR) return false;
  }
}

sockaddr_in loopback(const std::string& address, int port) {
  sockaddr_in where{};
  where.sin_family = AF_INET;
  where.sin_port = htons(static_cast<std::uint16_t>(port));
  if (::inet_pton(AF_INET, address.c_str(), &where.sin_addr) != 1) throw std::runtime_error("bad address " + address);
  return where;
}

}  // namespace

RawConnection::RawConnection(const std::string& source, int port) {
  const int socket = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (socket < 0) return;
  const sockaddr_in from = loopback(source, 0);
  const sockaddr_in to = loopback("127.0.0.1", port);
  if (::bind(socket, reinterpret_cast<const sockaddr*>(&from), sizeof(from)) != 0 ||
      ::connect(socket, reinterpret_cast<const sockaddr*>(&to), sizeof(to)) != 0) {
    ::close(socket);
    return;
  }
  socket_ = socket;
}

RawConnection::~RawConnection() {
  if (socket_ >= 0) ::close(socket_);
}

bool RawConnection::send_all(const std::string& bytes, Clock::time_point deadline) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    if (socket_ < 0 || !wait_for(socket_, POLLOUT, deadline)) return false;
    const ssize_t wrote = ::send(socket_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (wrote < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (wrote <= 0) return false;
    sent += static_cast<std::size_t>(wrote);
  }
  return true;
}

std::string RawConnection::read_until_closed(Clock::time_point deadline) {
  std::string received;
  std::array<char, 16384> buffer{};
  while (socket_ >= 0 && wait_for(socket_, POLLIN, deadline)) {
    const ssize_t got = ::recv(socket_, buffer.data(), buffer.size(), MSG_DONTWAIT);
    if (got < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (got <= 0) break;
    received.append(buffer.data(), static_cast<std::size_t>(got));
  }
  return received;
}

bool RawConnection::closed_by_hub() {
  if (socket_ < 0) return true;
  std::array<char, 4096> buffer{};
  for (;;) {
    const ssize_t got = ::recv(socket_, buffer.data(), buffer.size(), MSG_DONTWAIT);
    if (got > 0) continue;
    if (got < 0 && errno == EINTR) continue;
    return !(got < 0 && errno == EAGAIN);
  }
}

std::vector<long long> trickle_until_closed(std::vector<RawConnection>& connections, const std::string& bytes,
                                            int max_seconds, const std::atomic<bool>& keep_going) {
  std::vector<long long> closed_after_ms(connections.size(), -1);
  const auto started = Clock::now();
  for (int round = 0; round < max_seconds && keep_going; ++round) {
    bool any_open = false;
    for (std::size_t i = 0; i < connections.size(); ++i) {
      if (closed_after_ms[i] >= 0) continue;
      const bool open = !connections[i].closed_by_hub() &&
                        connections[i].send_all(bytes.substr(static_cast<std::size_t>(round) % bytes.size(), 1),
                                                Clock::now() + std::chrono::milliseconds(100));
      if (!open) {
        closed_after_ms[i] = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
      }
      any_open = any_open || open;
    }
    if (!any_open) break;
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  return closed_after_ms;
}

long long peak_resident_kb(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6));
  }
  throw std::runtime_error("no VmHWM for process " + std::to_string(pid));
}

}  // namespace porchlight::test
