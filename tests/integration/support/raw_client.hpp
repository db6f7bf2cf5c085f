#pragma once
// Plain TCP connections to a hub on loopback, for tests that must misbehave where an HTTP client library would
// not: send headers without a body, a byte a second, or nothing at all, from a chosen 127.x.y.z address.
#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <string>
#include <vector>

namespace porchlight::test {

class RawConnection {
 public:
  // Connects to 127.0.0.1:port from `source` (any address of 127.0.0.0/8 is this machine's).
  RawConnection(const std::string& source, int port);
  ~RawConnection();
  RawConnection(RawConnection&& other) noexcept : socket_(other.socket_) { other.socket_ = -1; }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return socket_ >= 0; }
  // Sends all of `bytes`, waiting at most until `deadline`; false when the hub closed the connection or the
  // deadline passed.
  bool send_all(const std::string& bytes, std::chrono::steady_clock::time_point deadline);
  // Everything the hub sends until it closes the connection or `deadline` passes.
  std::string read_until_closed(std::chrono::steady_clock::time_point deadline);
  // Whether the hub has closed (or reset) the connection, without waiting; bytes it sent are read and dropped.
  bool closed_by_hub();

 private:
  int socket_ = -1;
};

// Sends `bytes` one byte a second, in turn, on every connection until the hub has closed them all, `max_seconds`
// have passed or `keep_going` turns false: a request that never completes and never idles. Returns, for each
// connection, the milliseconds after the start at which the hub closed it, or -1 while it stayed open.
std::vector<long long> trickle_until_closed(std::vector<RawConnection>& connections, const std::string& bytes,
                                            int max_seconds, const std::atomic<bool>& keep_going);

// The peak resident memory of a process, in kilobytes (VmHWM in /proc/PID/status).
long long peak_resident_kb(pid_t pid);

}  // namespace porchlight::test
