#include "porchlight/sync/http.hpp"

#include <curl/curl.h>

#include <mutex>
#include <string_view>

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

// OpenSSL's certificate verification results (X509_V_ERR_*), as libcurl's CURLINFO_SSL_VERIFYRESULT gives them.
// Their numbers are part of OpenSSL's stable ABI; naming them here spares the client a libssl dependency.
enum X509VerifyResult : long {
  kX509Ok = 0,
  kX509UnableToGetIssuer = 2,
  kX509NotYetValid = 9,
  kX509Expired = 10,
  kX509DepthZeroSelfSigned = 18,
  kX509SelfSignedInChain = 19,
  kX509UnableToGetIssuerLocally = 20,
  kX509UnableToVerifyLeaf = 21,
  kX509Revoked = 23,
  kX509HostnameMismatch = 62,
  kX509IpAddressMismatch = 64,
};

bool mentions(const std::string& text, std::string_view word) { return text.find(word) != std::string::npos; }

// What staff read when the hub's certificate is refused: what is wrong and who can fix it, then libcurl's words
// for whoever sets the kiosk up. The verification result decides; libcurl's message is the fallback for a TLS
// library that reports no result.
std::string certificate_problem(long verify_result, const std::string& detail) {
  std::string plain;
  switch (verify_result) {
    case kX509Expired:
      plain = "the hub's certificate has expired; whoever runs the hub must renew it";
      break;
    case kX509NotYetValid:
      plain = "the hub's certificate is not valid yet; check this kiosk's date and time";
      break;
    case kX509Revoked:
      plain = "the hub's certificate has been revoked; whoever runs the hub must replace it";
      break;
    case kX509HostnameMismatch:
    case kX509IpAddressMismatch:
      plain = "the hub's certificate is for another server; check the hub address";
      break;
    case kX509UnableToGetIssuer:
    case kX509DepthZeroSelfSigned:
    case kX509SelfSignedInChain:
    case kX509UnableToGetIssuerLocally:
    case kX509UnableToVerifyLeaf:
      plain = "the hub's certificate is not trusted; enroll again with the center's CA file (--ca-file)";
      break;
    default:
      break;
  }
  if (plain.empty()) {
    // libcurl checks the name itself after OpenSSL accepted the chain, so a name mismatch comes with result 0.
    if (mentions(detail, "expired")) {
      plain = "the hub's certificate has expired; whoever runs the hub must renew it";
    } else if (mentions(detail, "subject name") || mentions(detail, "does not match") ||
               mentions(detail, "no alternative certificate subject name")) {
      plain = "the hub's certificate is for another server; check the hub address";
    } else if (mentions(detail, "self-signed") || mentions(detail, "self signed") || mentions(detail, "issuer")) {
      plain = "the hub's certificate is not trusted; enroll again with the center's CA file (--ca-file)";
    } else {
      plain = "the hub's certificate was refused";
    }
  }
  return detail.empty() ? plain : plain + " (" + detail + ")";
}

std::string transport_message(CURLcode code, const std::string& detail, long verify_result, const std::string& ca_file) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
      return "the hub's name could not be looked up (no internet?)";
    case CURLE_COULDNT_CONNECT:
      return "could not connect to the hub (offline, or the hub is down)";
    case CURLE_OPERATION_TIMEDOUT:
      return "the hub did not answer in time";
    case CURLE_PEER_FAILED_VERIFICATION:
      return certificate_problem(verify_result, detail);
    case CURLE_SSL_CACERT_BADFILE:
      return "the CA file set for the hub cannot be read (" + ca_file + ")";
    case CURLE_SSL_CONNECT_ERROR:
      if (verify_result != kX509Ok) return certificate_problem(verify_result, detail);
      return "a secure connection to the hub could not be made (" + (detail.empty() ? curl_easy_strerror(code) : detail) + ")";
    default:
      return "network error: " + (detail.empty() ? std::string(curl_easy_strerror(code)) : detail);
  }
}

}  // namespace

std::string hub_url_problem(const std::string& url) {
  // libcurl's own parser reads the URL, so the host checked here is the host libcurl will connect to
  // ("http://localhost:80@hub.example.org" is a user name and password for hub.example.org, not loopback).
  CURLU* parsed = curl_url();
  if (!parsed) return "out of memory";
  struct Release {
    CURLU* handle;
    ~Release() { curl_url_cleanup(handle); }
  } release{parsed};
  const bool has_scheme = url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
  if (!has_scheme) return "the hub URL must start with https://";
  if (curl_url_set(parsed, CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return "the hub URL is not a valid URL";
  const auto part = [&](CURLUPart which) {
    char* text = nullptr;
    std::string value;
    if (curl_url_get(parsed, which, &text, 0) == CURLUE_OK && text) value = text;
    curl_free(text);
    return value;
  };
  const std::string scheme = part(CURLUPART_SCHEME);
  if (scheme != "https" && scheme != "http") return "the hub URL must start with https://";
  const std::string host = part(CURLUPART_HOST);
  if (host.empty()) return "the hub URL has no host";
  if (!part(CURLUPART_USER).empty() || !part(CURLUPART_PASSWORD).empty()) {
    return "the hub URL must not carry a user name or password";
  }
  if (scheme == "https") return "";
  if (host == "127.0.0.1" || host == "localhost" || host == "[::1]") return "";
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
             curl_easy_setopt(curl, CURLOPT_PROXY_SSL_VERIFYPEER, 1L) == CURLE_OK &&
             curl_easy_setopt(curl, CURLOPT_PROXY_SSL_VERIFYHOST, 2L) == CURLE_OK &&
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
    long verify_result = kX509Ok;
    if (curl_easy_getinfo(curl, CURLINFO_SSL_VERIFYRESULT, &verify_result) != CURLE_OK) verify_result = kX509Ok;
    response.transport_error = transport_message(code, error_detail, verify_result, options_.ca_file);
    response.status = 0;
    return response;
  }
  if (curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status) != CURLE_OK) {
    response.transport_error = "libcurl lost the status code";
  }
  return response;
}

}  // namespace porchlight::sync
