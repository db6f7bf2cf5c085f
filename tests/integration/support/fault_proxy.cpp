#include "fault_proxy.hpp"

#include <httplib.h>

namespace porchlight::test {

FaultProxy::FaultProxy(int hub_port) : hub_port_(hub_port), server_(std::make_unique<httplib::Server>()) {
  const auto handle = [this](const httplib::Request& req, httplib::Response& res) {
    {
      std::lock_guard lock(mutex_);
      arrivals_.push_back(std::chrono::steady_clock::now());
    }
    switch (mode_.load()) {
      case Mode::Error500:
        res.status = 500;
        res.set_content("<html>Internal Server Error</html>", "text/html");
        return;
      case Mode::Unavailable503:
        res.status = 503;
        res.set_header("Retry-After", "2");
        res.set_content(R"({"error":"busy","message":"try again later"})", "application/json");
        return;
      case Mode::Garbage:
        res.status = 200;
        res.set_content("{\"through_seq\": [[[ not json", "application/json");
        return;
      case Mode::Hang:
        // Silent until the client gives up (or the test switches the mode back).
        for (int i = 0; i < 600 && mode_.load() == Mode::Hang; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        res.status = 504;
        return;
      case Mode::Pass:
        break;
    }
    httplib::Client hub("127.0.0.1", hub_port_);
    hub.set_read_timeout(60, 0);
    httplib::Headers headers;
    for (const char* name : {"Authorization", "Idempotency-Key", "Accept"}) {
      if (req.has_header(name)) headers.emplace(name, req.get_header_value(name));
    }
    const auto answer = req.method == "POST"
                            ? hub.Post(req.target.c_str(), headers, req.body,
                                       req.get_header_value("Content-Type").empty() ? "application/json"
                                                                                    : req.get_header_value("Content-Type").c_str())
                            : hub.Get(req.target.c_str(), headers);
    if (!answer) {
      res.status = 502;
      return;
    }
    res.status = answer->status;
    if (answer->has_header("Retry-After")) res.set_header("Retry-After", answer->get_header_value("Retry-After"));
    res.set_content(answer->body, answer->get_header_value("Content-Type").c_str());
  };
  server_->Get(".*", handle);
  server_->Post(".*", handle);
  port_ = server_->bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

FaultProxy::~FaultProxy() {
  mode_ = Mode::Pass;
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

std::vector<std::chrono::steady_clock::time_point> FaultProxy::arrivals() const {
  std::lock_guard lock(mutex_);
  return arrivals_;
}

}  // namespace porchlight::test
