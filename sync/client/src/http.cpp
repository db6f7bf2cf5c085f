#include "porchlight/sync/http.hpp"

#include <curl/curl.h>

#include <mutex>

namespace porchlight::sync {

namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

std::size_t read_header(char* data, std::size_t size, std::size_t count, void* user) {
  const std::string line(data, size * count);
  constexpr std::string_view kRetryAfter = "retry-after:";
  if (line.size() > kRetryAfter.size()) {
    std::string lowered;
    for (std::size_t i = 0; i < kRetryAfter.size(); ++i) lowered += static_cast<char>(std::tolower(static_cast<unsigned char>(line[i])));
    if (lowered == kRetryAfter) {
      // Seconds only; an HTTP date is rare from our hub and a reverse proxy, and then the backoff decides.
      const int seconds = std::atoi(line.c_str() + kRetryAfter.size());
      if (seconds > 0) static_cast<HttpResponse*>(user)->retry_after_seconds = seconds;
    }
  }
  return size * count;
}

std::string transport_message(CURLcode code, const char* detail) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
      return "the hub's name could not be looked up (no internet?)";
    case CURLE_COULDNT_CONNECT:
      return "could not connect to the hub (offline, or the hub is down)";
    case CURLE_OPERATION_TIMEDOUT:
      return "the hub did not answer in time";
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CONNECT_ERROR:
      return std::string("the hub's certificate was refused: ") + (detail && *detail ? detail : curl_easy_strerror(code));
    default:
      return std::string("network error: ") + (detail && *detail ? detail : curl_easy_strerror(code));
  }
}

}  // namespace

std::string hub_url_problem(const std::string& url) {
  if (url.rfind("https://", 0) == 0) return url.size() > 8 ? "" : "the hub URL has no host";
  if (url.rfind("http://", 0) != 0) return "the hub URL must start with https://";
  const std::string rest = url.substr(7);
  for (const char* local : {"127.0.0.1", "localhost", "[::1]"}) {
    const std::string prefix(local);
    if (rest.rfind(prefix, 0) == 0 && (rest.size() == prefix.size() || rest[prefix.size()] == ':' ||
                                       rest[prefix.size()] == '/')) {
      return "";
    }
  }
  return "plain http:// is allowed only to this machine; use https:// for the hub";
}

struct HttpClient::Handle {
  CURL* curl = nullptr;
  ~Handle() {
    if (curl) curl_easy_cleanup(curl);
  }
};

HttpClient::HttpClient(HttpOptions options) : handle_(std::make_unique<Handle>()), options_(std::move(options)) {
  global_init();
  handle_->curl = curl_easy_init();
}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::post(const std::string& url, const std::string& body, const std::vector<std::string>& headers) {
  return perform(url, &body, headers);
}

HttpResponse HttpClient::get(const std::string& url, const std::vector<std::string>& headers) {
  return perform(url, nullptr, headers);
}

HttpResponse HttpClient::perform(const std::string& url, const std::string* body,
                                 const std::vector<std::string>& headers) {
  HttpResponse response;
  if (auto problem = hub_url_problem(url); !problem.empty()) {
    response.transport_error = problem;
    return response;
  }
  CURL* curl = handle_->curl;
  if (!curl) {
    response.transport_error = "libcurl could not start";
    return response;
  }
  curl_easy_reset(curl);  // keeps the connection cache: one kiosk, one hub, one kept-alive connection
  curl_slist* header_list = nullptr;
  for (const auto& header : headers) {
    curl_slist* grown = curl_slist_append(header_list, header.c_str());
    if (!grown) {
      curl_slist_free_all(header_list);
      response.transport_error = "out of memory";
      return response;
    }
    header_list = grown;
  }
  char error_detail[CURL_ERROR_SIZE] = {};
  bool set = curl_easy_setopt(curl, CURLOPT_URL, url.c_str()) == CURLE_OK &&
             curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list) == CURLE_OK &&
             curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body) == CURLE_OK &&
             curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body) == CURLE_OK &&
             curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, read_header) == CURLE_OK &&
             curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response) == CURLE_OK &&
             curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_detail) == CURLE_OK &&
             curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L) == CURLE_OK &&
             curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms) == CURLE_OK &&
             curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, options_.total_timeout_ms) == CURLE_OK &&
             curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L) == CURLE_OK &&
             curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, options_.low_speed_seconds) == CURLE_OK &&
             // Verification is never switched off: a kiosk must not hand its records to an impostor.
             curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L) == CURLE_OK &&
             curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L) == CURLE_OK &&
             curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK;
  if (set && !options_.ca_file.empty()) set = curl_easy_setopt(curl, CURLOPT_CAINFO, options_.ca_file.c_str()) == CURLE_OK;
  if (set && body) {
    set = curl_easy_setopt(curl, CURLOPT_POST, 1L) == CURLE_OK &&
          curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body->data()) == CURLE_OK &&
          curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size())) == CURLE_OK;
  }
  if (!set) {
    curl_slist_free_all(header_list);
    response.transport_error = "libcurl refused an option";
    return response;
  }
  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(header_list);
  if (code != CURLE_OK) {
    response.transport_error = transport_message(code, error_detail);
    response.status = 0;
    return response;
  }
  if (curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status) != CURLE_OK) {
    response.transport_error = "libcurl lost the status code";
  }
  return response;
}

}  // namespace porchlight::sync
