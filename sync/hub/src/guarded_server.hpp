#pragma once
// An httplib server that serves each accepted connection itself. httplib 0.11's own loop waits up to its read
// timeout on every read, so a client sending one byte a second keeps a thread for ever, and it reads the body of
// a refused request before it can answer. Here every request has a deadline of its own, one address may hold
// only so many connections, a refusal closes the connection instead of reading what follows, and the listening
// socket is the hub's own (no SO_REUSEPORT: a second hub on the port is refused; a deep backlog).
#include <httplib.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "porchlight/result.hpp"

namespace porchlight::hub {

struct ConnectionLimits {
  // From the connection (or the previous answer on it) to a complete request line and headers.
  std::chrono::milliseconds head_deadline{std::chrono::seconds(10)};
  // From the complete head to the answer written: the body (at most 4 MB) and the work on it.
  std::chrono::milliseconds request_deadline{std::chrono::seconds(120)};
  // How long a request may go without a byte moving either way, inside those deadlines: a kiosk whose link
  // went away mid-body (its side reset, ours half-open) frees its thread after this, not after the whole deadline.
  std::chrono::milliseconds silence{std::chrono::seconds(20)};
  // How long a kept connection may wait for its next request.
  std::chrono::milliseconds keep_alive_idle{std::chrono::seconds(5)};
  int keep_alive_requests = 100;
  // Connections one address may hold at once (a NAT or a reverse proxy is one address); 0 for no limit.
  int per_address = 64;
};

// The connection served on this thread, for the route handlers (httplib runs them on the connection's thread).
class ServedConnection {
 public:
  using Clock = std::chrono::steady_clock;

  // The request head is in: the rest of the request may take until now + the request deadline.
  void start_request_deadline();
  // The answer leaves part of the request unread (a refused body): close the connection after it.
  void close_after_answer() { close_after_answer_ = true; }
  // Where the wait for the next byte in or out ends: the deadline, or sooner after a silence.
  [[nodiscard]] Clock::time_point wait_until() const { return std::min(deadline_, Clock::now() + limits_.silence); }

 private:
  friend class GuardedServer;
  friend class DeadlineSocketStream;
  friend class DeadlineTlsStream;
  ServedConnection(int socket, const ConnectionLimits& limits) : socket_(socket), limits_(limits) {}

  int socket_;
  const ConnectionLimits& limits_;
  Clock::time_point deadline_{};
  bool close_after_answer_ = false;
};

// httplib's stream interface over a served connection, plain or TLS.
class ConnectionStream : public httplib::Stream {
 public:
  // Whether the next request has begun to arrive before `deadline`.
  virtual bool next_request_by(std::chrono::steady_clock::time_point deadline) const = 0;
};

// The connection this thread serves, or nullptr outside one.
ServedConnection* current_connection();

struct ListeningSocket {
  int socket = -1;
  int port = 0;  // the port bound (useful when 0 was asked for)
};

// Listens on host:port (0: any free port) with SO_REUSEADDR but not SO_REUSEPORT, so a second process cannot
// bind the same port and split the kiosks' connections with this one, and a backlog of SOMAXCONN (httplib's is 5).
Result<ListeningSocket> open_listening_socket(const std::string& host, int port);

// The hub's TLS context: its certificate chain and private key, TLS 1.2 or newer.
class TlsContext {
 public:
  static Result<std::shared_ptr<TlsContext>> load(const std::string& certificate_chain, const std::string& private_key);
  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;
  SSL_CTX* get() const { return context_; }

 private:
  explicit TlsContext(SSL_CTX* context) : context_(context) {}
  SSL_CTX* context_;
};

// Serves plain HTTP, or HTTPS with a TlsContext: the same deadlines and shares either way (the TLS handshake is
// part of the request head's 10 seconds).
class GuardedServer final : public httplib::Server {
 public:
  explicit GuardedServer(ConnectionLimits limits, std::shared_ptr<TlsContext> tls = nullptr)
      : limits_(limits), tls_(std::move(tls)) {}

  // listen_after_bind() accepts on it; stop() closes it.
  void adopt_listening_socket(int socket) { svr_sock_ = socket; }
  // Connections refused because their address already held its share.
  std::int64_t refused_connections() const { return refused_connections_; }

 private:
  bool process_and_close_socket(socket_t socket) override;
  // Requests on one admitted connection, until it closes, idles or has served its share.
  void serve_requests(ServedConnection& connection, ConnectionStream& stream);
  bool admit(const std::string& address);
  void release(const std::string& address);

  ConnectionLimits limits_;
  std::shared_ptr<TlsContext> tls_;
  std::mutex addresses_mutex_;
  std::map<std::string, int> connections_by_address_;
  std::atomic<std::int64_t> refused_connections_{0};
};

}  // namespace porchlight::hub
