#pragma once
// A bad network at the byte level, for the sync tests (this kernel has no netem): a TCP proxy on loopback between
// the kiosk's client and the hub. It forwards bytes both ways, but by a seeded random schedule it delays them,
// forwards them in small writes, stalls, resets the connection (RST), cuts it cleanly (FIN) or leaves it half-open
// at the hub, the last four at a byte inside a request body or a response body, where a lost answer to an applied
// batch hurts most.
// The HTTP-level FaultProxy (fault_proxy.hpp) plays a hub that answers badly; this one only breaks the link.
#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <thread>

namespace porchlight::test {

struct LinkFaults {
  std::uint64_t seed = 1;
  // Drawn per connection and direction: the share whose every forwarded chunk waits 1..max_delay.
  double delay_share = 0.3;
  std::chrono::milliseconds max_delay{10};
  // Drawn per connection and direction: the share forwarded in writes of 1..max_chunk bytes.
  double chunk_share = 0.3;
  std::size_t max_chunk = 512;
  // Drawn per message (request or response) that has a body: at one random byte of the body, forwarding stops for
  // a while, or the connection is reset, or it is cut with a FIN both ways. A stall is short (up to short_stall, a
  // client must ride it out) or, for long_stall_share of them, long_stall (made to outlast the client's patience).
  double stall_chance = 0.02;
  std::chrono::milliseconds short_stall{800};
  std::chrono::milliseconds long_stall{7000};
  double long_stall_share = 0.5;
  double reset_chance = 0.02;
  double cut_chance = 0.02;
  // Or the kiosk's side is reset and the hub's left open and silent, as a NAT box that forgot the connection would
  // leave it: half-open until the hub's own deadlines close it (the proxy waits for that, and times it).
  double vanish_chance = 0.0;
};

class TcpFaultProxy {
 public:
  enum class Fault { Delay, Chunk, Stall, Reset, Cut, Vanish };
  static constexpr std::size_t kKinds = 6;
  // Which way the bytes were going when a fault hit them.
  enum class Way { Request, Response };
  static const char* name(Fault fault);

  // Listens on a free loopback port and forwards each connection to 127.0.0.1:upstream_port.
  TcpFaultProxy(int upstream_port, LinkFaults faults);
  // Stops accepting, ends every connection (stalls included) and joins every thread.
  ~TcpFaultProxy();
  TcpFaultProxy(const TcpFaultProxy&) = delete;
  TcpFaultProxy& operator=(const TcpFaultProxy&) = delete;

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // Off: new connections and messages pass untouched (the sanity pass). On from the start.
  void set_faults_enabled(bool enabled) { enabled_ = enabled; }
  // From the next message on (half-open connections pin a hub thread for up to its request deadline, so a test
  // makes them early and then stops).
  void set_vanish_chance(double chance) { vanish_chance_ = chance; }

  // How often each kind was applied: Delay and Chunk once per connection and direction they shaped, the others
  // once per event.
  std::uint64_t applied(Fault fault) const;
  std::uint64_t applied(Fault fault, Way way) const;
  // Of the stalls, how many were long ones.
  std::uint64_t long_stalls() const { return long_stalls_; }
  std::uint64_t connections() const { return connections_; }
  // Of the connections left half-open at the hub, how many the hub has closed, and the longest it took.
  std::uint64_t abandoned_closed() const { return abandoned_closed_; }
  std::chrono::milliseconds longest_abandoned() const { return std::chrono::milliseconds(longest_abandoned_ms_); }
  std::uint64_t bytes_forwarded() const { return bytes_; }
  // Connections whose thread has not finished yet.
  int open_connections() const { return open_; }

 private:
  struct Worker {
    std::thread thread;
    std::atomic<bool> done{false};
  };
  void accept_loop();
  void serve(int client, std::uint64_t seed);
  void count(Fault fault, Way way) { ++applied_[static_cast<std::size_t>(fault)][static_cast<std::size_t>(way)]; }
  void reap(bool all);

  int upstream_port_;
  LinkFaults faults_;
  int listener_ = -1;
  int stop_fd_ = -1;  // an eventfd every poll() here waits on: written once, by the destructor
  int port_ = 0;
  std::atomic<bool> enabled_{true};
  std::atomic<double> vanish_chance_;
  std::array<std::array<std::atomic<std::uint64_t>, 2>, kKinds> applied_{};
  std::atomic<std::uint64_t> long_stalls_{0};
  std::atomic<std::uint64_t> connections_{0};
  std::atomic<std::uint64_t> abandoned_closed_{0};
  std::atomic<long long> longest_abandoned_ms_{0};
  std::atomic<std::uint64_t> bytes_{0};
  std::atomic<int> open_{0};
  std::list<Worker> workers_;  // only the accept thread touches it (and the destructor after joining that)
  std::thread acceptor_;
};

}  // namespace porchlight::test
