#pragma once
// porchlight-hub's HTTP API over a HubStore (cpp-httplib). Stateless: everything lives in the database, so several
// hub processes may serve one PostgreSQL.
#include <atomic>
#include <memory>
#include <string>

#include "porchlight/hub/hub_store.hpp"

namespace porchlight::hub {

class GuardedServer;

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8750;
  std::string tls_certificate;  // PEM files; plain HTTP when empty (behind a TLS-terminating reverse proxy)
  std::string tls_private_key;
  // Connections served at once, a thread each (a slow client keeps its thread until its request's deadline).
  int threads = 256;
  // Connections one address may hold at once, 0 for no limit (behind a reverse proxy every kiosk is the proxy's
  // address: the proxy limits its clients instead).
  int connections_per_address = 64;
};

// Counters for /metrics, from this process's start.
struct ServerCounters {
  std::atomic<std::int64_t> requests{0};
  std::atomic<std::int64_t> client_errors{0};
  std::atomic<std::int64_t> server_errors{0};
  std::atomic<std::int64_t> push_batches{0};
  std::atomic<std::int64_t> records_applied{0};
  std::atomic<std::int64_t> records_duplicate{0};
  std::atomic<std::int64_t> records_rejected{0};
  std::atomic<std::int64_t> pulls{0};
};

class HubServer {
 public:
  HubServer(HubStore& store, ServerOptions options);
  ~HubServer();
  HubServer(const HubServer&) = delete;
  HubServer& operator=(const HubServer&) = delete;

  // Binds the address; the port actually bound (useful with port 0) or an error.
  Result<int> bind();
  // Serves until stop() (from another thread or a signal handler's thread).
  void serve();
  void stop();

 private:
  void install_routes();

  HubStore& store_;
  ServerOptions options_;
  std::unique_ptr<GuardedServer> server_;
  std::string tls_problem_;  // why the certificate or key could not be loaded; bind() reports it
  ServerCounters counters_;
};

}  // namespace porchlight::hub
