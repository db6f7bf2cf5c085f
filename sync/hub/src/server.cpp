#include "porchlight/hub/server.hpp"

#include <httplib.h>

#include <chrono>
#include <variant>

#include "guarded_server.hpp"
#include "porchlight/hub/reports.hpp"
#include "porchlight/log.hpp"
#include "porchlight/sync/gzip.hpp"

namespace porchlight::hub {

namespace {

using nlohmann::json;

void send_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

// `detail` names this refusal for people and logs ("device_revoked"); `code` is what the client acts on.
void send_error(httplib::Response& res, int status, sync::ErrorCode code, std::string_view detail,
                std::string message) {
  send_json(res, status, sync::error_body({code, std::move(message)}, detail));
}

// The hub's own trouble (its database), as an error in the log and a 503 the client may retry. The database's
// own words (socket paths, table names) stay in the log: the caller may be anyone.
void send_database_error(httplib::Response& res, std::string_view what, const std::string& message) {
  log::error(std::string(what) + ": " + message);
  res.set_header("Retry-After", "5");
  send_error(res, 503, sync::ErrorCode::try_later, "database", "the hub's database is not available; try again later");
}

// The client's keys are two UUIDs and a count; anything far longer is not a key.
constexpr std::size_t kMaxIdempotencyKeyBytes = 200;
// An enrollment is a one-time code and a device's name: a few hundred bytes. Anyone may send one, so a stranger
// gets no room to make the hub hold megabytes.
constexpr std::size_t kMaxEnrollBytes = 16 * 1024;

std::string bearer_token(const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  constexpr std::string_view kPrefix = "Bearer ";
  if (header.size() <= kPrefix.size() || header.compare(0, kPrefix.size(), kPrefix) != 0) return {};
  return header.substr(kPrefix.size());
}

// The answer leaves part of the request unread: the connection ends after it rather than read the rest as the
// next request.
void close_after_answer(httplib::Response& res) {
  res.set_header("Connection", "close");
  if (auto* connection = current_connection()) connection->close_after_answer();
}

// Reads the body with a ceiling (`max_bytes`, compressed and inflated alike), gzip or not. httplib may already have
// inflated a gzip body; either way no body grows past the ceiling in memory. A declared length over the ceiling is
// refused before anything is read (httplib would read and drop it all, then report a body that "ended early").
// A body, or why there is none: too_large, or bad_request for one that ended early or does not inflate.
using BodyOrError = std::variant<std::string, sync::Error>;

sync::Error too_large_body(std::size_t max_bytes) {
  return {sync::ErrorCode::too_large, "the body may be at most " + std::to_string(max_bytes) + " bytes"};
}

BodyOrError read_body(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader,
                      std::size_t max_bytes = sync::kMaxRequestBytes) {
  if (req.has_header("Content-Length") && req.get_header_value<std::uint64_t>("Content-Length") > max_bytes) {
    close_after_answer(res);
    return too_large_body(max_bytes);
  }
  std::string body;
  bool too_large = false;
  const bool complete = reader([&](const char* data, std::size_t length) {
    if (body.size() + length > max_bytes) {
      too_large = true;
      return false;
    }
    body.append(data, length);
    return true;
  });
  if (too_large) {
    close_after_answer(res);
    return too_large_body(max_bytes);
  }
  if (!complete) return sync::Error{sync::ErrorCode::bad_request, "the body ended early"};
  if (!sync::looks_gzipped(body)) return body;
  auto inflated = sync::gzip_decompress(body, max_bytes);
  if (!inflated) return sync::Error{sync::ErrorCode::bad_request, inflated.error().message};
  return std::move(inflated.value());
}

// A refused caller's body, read and dropped as it arrives (so its answer reaches a client still sending) but never
// kept: a stranger's bodies cost the hub no memory. Past the ceiling the connection closes after the answer.
void discard_body(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
  if (req.has_header("Content-Length") && req.get_header_value<std::uint64_t>("Content-Length") > sync::kMaxRequestBytes) {
    return close_after_answer(res);
  }
  std::size_t read = 0;
  const bool complete = reader([&](const char*, std::size_t length) {
    read += length;
    return read <= sync::kMaxRequestBytes;
  });
  if (!complete) close_after_answer(res);
}

// Routes that read a body; every other request is answered before httplib reads (and inflates) any body.
bool takes_body(const httplib::Request& req) {
  return req.method == "POST" && (req.path == sync::kEnrollPath || req.path == sync::kPushPath);
}

bool is_known_path(const std::string& path) {
  return path == "/healthz" || path == "/metrics" || path == sync::kEnrollPath || path == sync::kPushPath ||
         path == sync::kPullPath || path.rfind("/v1/reports/", 0) == 0;
}

// httplib reads a body for these methods whether or not one is declared (until the connection ends when no
// length is given), and for any request that declares one the bytes would otherwise be read as the next request.
bool carries_body(const httplib::Request& req) {
  const bool reads_body = req.method == "POST" || req.method == "PUT" || req.method == "PATCH" ||
                          req.method == "DELETE" || req.method == "PRI";
  const bool declares_body = (req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0") ||
                             req.has_header("Transfer-Encoding") || req.has_header("Content-Encoding");
  return reads_body || declares_body;
}

std::optional<std::string> query_value(const httplib::Request& req, const char* key) {
  if (!req.has_param(key)) return std::nullopt;
  return req.get_param_value(key);
}

// When the request being answered on this thread arrived (set before routing, read by the logger after the
// answer is written: httplib runs both on the connection's thread).
thread_local std::chrono::steady_clock::time_point request_started{};

// "POST /v1/sync/push 200 12 ms": never the query string, headers or body, which may hold tokens or records.
std::string describe_request(const httplib::Request& req, const httplib::Response& res) {
  std::string path = req.path.substr(0, req.path.find('?'));
  std::string line = req.method + " " + path + " " + std::to_string(res.status);
  if (request_started != std::chrono::steady_clock::time_point{}) {
    const auto took = std::chrono::steady_clock::now() - request_started;
    line += " " + std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(took).count()) + " ms";
  }
  return line;
}

std::string prometheus_label(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

HubServer::HubServer(HubStore& store, ServerOptions options) : store_(store), options_(std::move(options)) {
  ConnectionLimits limits;
  limits.per_address = options_.connections_per_address;
  std::shared_ptr<TlsContext> tls;
  if (!options_.tls_certificate.empty()) {
    auto loaded = TlsContext::load(options_.tls_certificate, options_.tls_private_key);
    if (loaded) {
      tls = std::move(loaded.value());
    } else {
      tls_problem_ = loaded.error().message;
    }
  }
  server_ = std::make_unique<GuardedServer>(limits, std::move(tls));
  const int threads = std::max(2, options_.threads);
  server_->new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  // Our own reader enforces kMaxRequestBytes (and answers 413); httplib's ceiling is only a backstop above it.
  server_->set_payload_max_length(2 * sync::kMaxRequestBytes);
  server_->set_read_timeout(30, 0);
  server_->set_write_timeout(30, 0);
  install_routes();
}

HubServer::~HubServer() = default;

Result<int> HubServer::bind() {
  if (!tls_problem_.empty()) return make_error(tls_problem_);
  PL_TRY_ASSIGN(listening, open_listening_socket(options_.host, options_.port));
  server_->adopt_listening_socket(listening.socket);
  return listening.port;
}

void HubServer::serve() { server_->listen_after_bind(); }

void HubServer::stop() { server_->stop(); }

namespace {

// Answered before routing: a request whose body the hub will not read is answered before a byte of it is read or
// inflated.
httplib::Server::HandlerResponse refuse_unread_body(const httplib::Request& req, httplib::Response& res) {
  request_started = std::chrono::steady_clock::now();
  if (auto* connection = current_connection()) connection->start_request_deadline();
  if (takes_body(req) || !carries_body(req)) return httplib::Server::HandlerResponse::Unhandled;
  close_after_answer(res);
  const bool reads_body = req.method != "GET" && req.method != "HEAD" && req.method != "OPTIONS";
  if (!reads_body) {
    send_error(res, 400, sync::ErrorCode::bad_request, "unexpected_body", "this request takes no body");
  } else if (is_known_path(req.path)) {
    send_error(res, 405, sync::ErrorCode::bad_request, "method_not_allowed", "this path takes no " + req.method + " request");
  } else {
    send_error(res, 404, sync::ErrorCode::bad_request, "not_found", "no such path");
  }
  return httplib::Server::HandlerResponse::Handled;
}

enum class Report { Attendance, Unduplicated, Reasons };

// The handler of each route, by name; install_routes binds paths to them.
class Routes {
 public:
  Routes(HubStore& store, ServerCounters& counters, GuardedServer& server)
      : store_(store), counters_(counters), server_(server) {}

  void log_request(const httplib::Request& req, const httplib::Response& res) {
    ++counters_.requests;
    if (res.status >= 500) {
      ++counters_.server_errors;
    } else if (res.status >= 400) {
      ++counters_.client_errors;
    }
    if (log::enabled(log::Level::debug)) log::debug(describe_request(req, res));
    request_started = {};
  }

  void health(const httplib::Request&, httplib::Response& res) {
    auto totals = store_.totals();
    if (!totals) return send_database_error(res, "health check", totals.error().message);
    send_json(res, 200, {{"status", "ok"}});
  }

  void metrics(const httplib::Request&, httplib::Response& res) {
    std::string text;
    const auto counter = [&text](const char* name, const char* help, std::int64_t value) {
      text += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " counter\n" + name + " " +
              std::to_string(value) + "\n";
    };
    counter("porchlight_hub_requests_total", "HTTP requests answered", counters_.requests);
    counter("porchlight_hub_client_errors_total", "Requests answered with a 4xx", counters_.client_errors);
    counter("porchlight_hub_server_errors_total", "Requests answered with a 5xx", counters_.server_errors);
    counter("porchlight_hub_push_batches_total", "Push batches committed", counters_.push_batches);
    counter("porchlight_hub_records_ingested_total", "Records new to the hub", counters_.records_applied);
    counter("porchlight_hub_records_duplicate_total", "Records received again", counters_.records_duplicate);
    counter("porchlight_hub_records_rejected_total", "Records refused for good", counters_.records_rejected);
    counter("porchlight_hub_pulls_total", "Feed pages served", counters_.pulls);
    counter("porchlight_hub_connections_refused_total", "Connections closed unread: their address held its share",
            server_.refused_connections());
    auto devices = store_.list_devices();
    if (!devices) return send_database_error(res, "metrics", devices.error().message);
    text += "# HELP porchlight_hub_device_last_contact_seconds Unix time of each device's last push\n"
            "# TYPE porchlight_hub_device_last_contact_seconds gauge\n";
    for (const auto& device : *devices) {
      if (!device.last_seen_at) continue;
      text += "porchlight_hub_device_last_contact_seconds{device=\"" + device.id + "\",center=\"" +
              prometheus_label(device.center_name) + "\"} " + std::to_string(*device.last_seen_at / 1000) + "\n";
    }
    text += "# HELP porchlight_hub_device_pending_records Records each device reported still waiting to send\n"
            "# TYPE porchlight_hub_device_pending_records gauge\n";
    for (const auto& device : *devices) {
      text += "porchlight_hub_device_pending_records{device=\"" + device.id + "\",center=\"" +
              prometheus_label(device.center_name) + "\"} " + std::to_string(device.last_pending) + "\n";
    }
    res.set_content(text, "text/plain; version=0.0.4");
  }

  void enroll(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    auto body = read_body(req, res, reader, kMaxEnrollBytes);
    if (auto* refused = std::get_if<sync::Error>(&body)) {
      log::warning("enrollment from " + req.remote_addr + " refused: " + refused->message);
      const int status = refused->code == sync::ErrorCode::too_large ? 413 : 400;
      return send_error(res, status, refused->code, "bad_body", refused->message);
    }
    auto request = sync::parse_enroll_request(std::get<std::string>(body));
    if (!request) {
      log::warning("enrollment from " + req.remote_addr + " refused: " + request.error().message);
      return send_error(res, 400, sync::ErrorCode::bad_request, "bad_request", request.error().message);
    }
    auto enrolled = store_.enroll(request->code, request->device_name, "kiosk@" + req.remote_addr);
    if (!enrolled) {
      // The store's reasons name no code ("unknown enrollment code", "... has expired").
      log::warning("enrollment from " + req.remote_addr + " refused: " + enrolled.error().message);
      return send_error(res, 403, sync::ErrorCode::not_authorised, "enrollment_refused", enrolled.error().message);
    }
    const auto& [device, token] = *enrolled;
    log::info("enrolled device " + device.id + " for " + device.center_name + " from " + req.remote_addr);
    send_json(res, 200, sync::to_json(sync::EnrollResponse{device.id, token, device.center_id, device.center_name}));
  }

  void push(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    // The token first: a caller without one never has its body kept.
    const auto device = authenticate(req, res);
    if (!device) return discard_body(req, res, reader);
    auto body = read_body(req, res, reader);
    if (auto* refused = std::get_if<sync::Error>(&body)) {
      log::warning("push from device " + device->id + " refused: " + refused->message);
      if (refused->code == sync::ErrorCode::too_large) {
        return send_error(res, 413, refused->code, "too_large",
                          "a batch may be at most " + std::to_string(sync::kMaxRequestBytes) + " bytes");
      }
      return send_error(res, 400, refused->code, "bad_body", refused->message);
    }
    sync::ErrorCode fault = sync::ErrorCode::bad_request;
    auto request = sync::parse_push_request(std::get<std::string>(body), fault);
    if (!request) {
      // The protocol's reasons name the field at fault ("mutation 3: 'payload' must be an object"), not its value;
      // `fault` says whether one record is at fault (the kiosk parks it) or the batch as a whole.
      log::warning("push from device " + device->id + " refused: " + request.error().message);
      return send_error(res, 400, fault, "bad_request", request.error().message);
    }
    const std::string key = req.get_header_value(std::string(sync::kIdempotencyHeader).c_str());
    if (key.size() > kMaxIdempotencyKeyBytes) {
      return send_error(res, 400, sync::ErrorCode::bad_request, "bad_request",
                        "the Idempotency-Key may be at most " + std::to_string(kMaxIdempotencyKeyBytes) + " bytes");
    }
    BatchKey key_use = BatchKey::New;
    auto response = store_.push(*device, *request, key, &key_use);
    if (!response) {
      log::error("push from device " + device->id + ": " + response.error().message);
      res.set_header("Retry-After", "5");
      return send_error(res, 503, sync::ErrorCode::try_later, "database", "the hub could not store the batch; try again");
    }
    if (key_use == BatchKey::ReusedForOtherRecords) {
      log::warning("push from device " + device->id + " refused: its Idempotency-Key was used before for other records");
      return send_error(res, 422, sync::ErrorCode::bad_request, "idempotency_key_reused",
                        "this Idempotency-Key was already used for a batch of other records; nothing was stored. "
                        "Send these records with a new key");
    }
    if (key_use == BatchKey::Replayed) {
      // The stored answer goes back; nothing was applied this time, so neither the log nor the metrics count it.
      log::info("push from device " + device->id + ": a batch sent again (" + std::to_string(request->mutations.size()) +
                " records), answered as before; nothing applied twice");
      counters_.records_duplicate += static_cast<std::int64_t>(request->mutations.size());
      return send_json(res, 200, sync::to_json(*response));
    }
    log::info("push from device " + device->id + ": " + std::to_string(response->applied) + " records accepted, " +
              std::to_string(response->duplicates) + " duplicates, " + std::to_string(response->rejected.size()) +
              " refused, " + std::to_string(request->pending) + " still waiting on the kiosk");
    ++counters_.push_batches;
    counters_.records_applied += response->applied;
    counters_.records_duplicate += response->duplicates;
    counters_.records_rejected += static_cast<std::int64_t>(response->rejected.size());
    send_json(res, 200, sync::to_json(*response));
  }

  void pull(const httplib::Request& req, httplib::Response& res) {
    const auto device = authenticate(req, res);
    if (!device) return;
    const auto since = query_value(req, "since");
    const auto limit = query_value(req, "limit");
    const auto query = sync::parse_pull_query(since, limit);
    if (!query) {
      log::warning("pull from device " + device->id + " refused: " + query.error().message);
      return send_error(res, 400, sync::ErrorCode::bad_request, "bad_request", query.error().message);
    }
    auto page = store_.pull(*device, query->since, query->limit);
    if (!page) {
      return send_database_error(res, "pull for device " + device->id, page.error().message);
    }
    ++counters_.pulls;
    // A kiosk pulls every round; only pages that carry something are worth a line at info.
    if (!page->items.empty()) {
      log::info("pull by device " + device->id + ": " + std::to_string(page->items.size()) + " feed items sent");
    }
    send_json(res, 200, sync::to_json(*page));
  }

  void report(const httplib::Request& req, httplib::Response& res, Report kind) {
    auto admin = store_.admin_token_label(bearer_token(req));
    if (!admin) return send_database_error(res, "checking an admin token", admin.error().message);
    if (!*admin) {
      log::warning("report request with an unknown admin token from " + req.remote_addr);
      return send_error(res, 401, sync::ErrorCode::not_authorised, "unauthorized",
                        "reports need an admin token (porchlight-hub admin-token)");
    }
    const ReportFilter filter{query_value(req, "center"), query_value(req, "from"), query_value(req, "to")};
    for (const auto& [name, value] : {std::pair{"from", filter.from}, std::pair{"to", filter.to}}) {
      if (value && !is_calendar_date(*value)) {
        return send_error(res, 400, sync::ErrorCode::bad_request, "bad_request",
                          std::string(name) + " must be a date like 2026-11-24");
      }
    }
    const std::string format = req.has_param("format") ? req.get_param_value("format") : "json";
    if (format != "json" && format != "csv") {
      return send_error(res, 400, sync::ErrorCode::bad_request, "bad_request", "format is json or csv");
    }
    // A report that cannot be logged is not shown: every view of attendance across centers leaves a trace.
    const char* report_name = kind == Report::Reasons        ? "reasons"
                              : kind == Report::Unduplicated ? "unduplicated"
                                                             : "attendance";
    auto logged = store_.record_audit({"admin-token:" + **admin + "@" + req.remote_addr, "report.view", report_name,
                                       describe_report(filter, format)});
    if (!logged) return send_database_error(res, "report audit entry", logged.error().message);
    if (kind == Report::Reasons) {
      auto rows = store_.visits_by_reason(filter);
      if (!rows) return send_database_error(res, "report", rows.error().message);
      if (format == "csv") return res.set_content(reasons_csv(*rows), "text/csv; charset=utf-8");
      return send_json(res, 200, reasons_json(*rows));
    }
    if (kind == Report::Unduplicated) {
      auto rows = store_.unduplicated_by_month(filter);
      if (!rows) return send_database_error(res, "report", rows.error().message);
      if (format == "csv") return res.set_content(unduplicated_csv(*rows), "text/csv; charset=utf-8");
      return send_json(res, 200, unduplicated_json(*rows));
    }
    auto rows = store_.attendance_by_day(filter);
    if (!rows) return send_database_error(res, "report", rows.error().message);
    if (format == "csv") return res.set_content(attendance_csv(*rows), "text/csv; charset=utf-8");
    send_json(res, 200, attendance_json(*rows));
  }

 private:
  // Both sync routes: the device behind the bearer token, or an answer saying why not.
  std::optional<Device> authenticate(const httplib::Request& req, httplib::Response& res) {
    auto auth = store_.authenticate(bearer_token(req));
    if (!auth) {
      send_database_error(res, "checking a device token", auth.error().message);
      return std::nullopt;
    }
    if (auth->problem != AuthProblem::None) {
      // Never the token itself; a revoked device is known by its id.
      log::warning("request with an unknown or revoked device token from " + req.remote_addr +
                   (auth->problem == AuthProblem::Revoked ? " (device " + auth->device.id + ", revoked)" : ""));
    }
    if (auth->problem == AuthProblem::Revoked) {
      send_error(res, 401, sync::ErrorCode::not_authorised, "device_revoked",
                 "this kiosk's access was revoked on the hub; enroll it again");
      return std::nullopt;
    }
    if (auth->problem == AuthProblem::Unknown) {
      send_error(res, 401, sync::ErrorCode::not_authorised, "unauthorized", "unknown device token; enroll this kiosk");
      return std::nullopt;
    }
    return auth->device;
  }

  HubStore& store_;
  ServerCounters& counters_;
  GuardedServer& server_;
};

}  // namespace

void HubServer::install_routes() {
  // httplib keeps copies of the handlers; they share one Routes, which lives as long as the server.
  auto routes = std::make_shared<Routes>(store_, counters_, *server_);
  using Request = const httplib::Request&;
  using Response = httplib::Response&;
  using Reader = const httplib::ContentReader&;
  server_->set_pre_routing_handler(refuse_unread_body);
  server_->set_logger([routes](Request req, const httplib::Response& res) { routes->log_request(req, res); });
  server_->Get("/healthz", [routes](Request req, Response res) { routes->health(req, res); });
  server_->Get("/metrics", [routes](Request req, Response res) { routes->metrics(req, res); });
  server_->Post(std::string(sync::kEnrollPath),
                [routes](Request req, Response res, Reader reader) { routes->enroll(req, res, reader); });
  server_->Post(std::string(sync::kPushPath),
                [routes](Request req, Response res, Reader reader) { routes->push(req, res, reader); });
  server_->Get(std::string(sync::kPullPath), [routes](Request req, Response res) { routes->pull(req, res); });
  for (const auto& [path, kind] : {std::pair{"/v1/reports/attendance", Report::Attendance},
                                   std::pair{"/v1/reports/unduplicated", Report::Unduplicated},
                                   std::pair{"/v1/reports/reasons", Report::Reasons}}) {
    server_->Get(path, [routes, kind](Request req, Response res) { routes->report(req, res, kind); });
  }
}

}  // namespace porchlight::hub
