#pragma once
// HTTP for the kiosk (libcurl): TLS verification always on, an optional CA file, timeouts on every call.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "porchlight/result.hpp"

namespace porchlight::sync {

struct HttpOptions {
  std::string ca_file;  // PEM bundle to trust instead of the system's (a center's own hub certificate)
  long connect_timeout_ms = 10'000;
  long low_speed_seconds = 20;  // abort a transfer slower than 1 byte/s for this long (a hung hub)
  long total_timeout_ms = 120'000;
};

struct HttpResponse {
  long status = 0;  // 0 when no answer came (see transport_error)
  std::string body;
  std::optional<int> retry_after_seconds;
  std::string transport_error;  // "could not connect", "timed out", ...
};

// Why a URL cannot be used for sync; empty when it can. Plain http:// only to this machine (a hub on loopback or
// behind a local TLS proxy); anything crossing a network must be https://.
std::string hub_url_problem(const std::string& url);

class HttpClient {
 public:
  explicit HttpClient(HttpOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResponse post(const std::string& url, const std::string& body, const std::vector<std::string>& headers);
  HttpResponse get(const std::string& url, const std::vector<std::string>& headers);

 private:
  HttpResponse perform(const std::string& url, const std::string* body, const std::vector<std::string>& headers);
  struct Handle;
  std::unique_ptr<Handle> handle_;
  HttpOptions options_;
};

}  // namespace porchlight::sync
