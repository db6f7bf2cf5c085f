#pragma once
// A misbehaving network between a kiosk and its hub, for the sync tests: it passes requests through to the real
// hub, or answers 500, answers garbage, or hangs, as the test says.
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
}

namespace porchlight::test {

class FaultProxy {
 public:
  enum class Mode { Pass, Error500, Unavailable503, Garbage, Hang };

  explicit FaultProxy(int hub_port);
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  void set_mode(Mode mode) { mode_ = mode; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // When each request arrived, in order.
  std::vector<std::chrono::steady_clock::time_point> arrivals() const;

 private:
  int hub_port_;
  int port_ = 0;
  std::atomic<Mode> mode_{Mode::Pass};
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<std::chrono::steady_clock::time_point> arrivals_;
};

}  // namespace porchlight::test
