#pragma once
// A real porchlight-hub process for the sync tests, on a loopback port of its own, over SQLite, or over a real
// PostgreSQL server when PORCHLIGHT_TEST_POSTGRES holds a connection URL (tests/integration/with_postgres.sh
// starts one). Each Hub gets a database of its own.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "admin.hpp"
#include "process.hpp"

namespace porchlight::test {

std::string hub_binary();

// The storage every hub of one test shares: a SQLite file, or a fresh PostgreSQL database.
class HubStorage {
 public:
  explicit HubStorage(const TempDir& dir);
  ~HubStorage();
  HubStorage(const HubStorage&) = delete;
  HubStorage& operator=(const HubStorage&) = delete;

  bool postgres() const { return !postgres_url_.empty(); }
  // --db FILE or --postgres URL.
  std::vector<std::string> args() const;
  // One number from the hub's database (SELECT count(*) ...), read without the hub.
  long long count(const std::string& sql) const;
  std::vector<std::string> column(const std::string& sql) const;
  // Runs SQL on the hub's database behind the hub's back (to tamper with it, as someone with access could).
  void execute(const std::string& sql) const;

 private:
  std::filesystem::path sqlite_file_;
  std::string postgres_url_;
  std::string postgres_admin_url_;
  std::string database_name_;
};

class Hub {
 public:
  explicit Hub(const HubStorage& storage);
  ~Hub();
  // Serve HTTPS with this certificate and key from the next start() on (plain HTTP until then).
  void use_tls(std::filesystem::path certificate, std::filesystem::path private_key);
  // The log's level from the next start() on (--log-level: error, warning, info or debug).
  void set_log_level(std::string level) { log_level_ = std::move(level); }
  // Starts `porchlight-hub serve` on a free loopback port (the same port again after a restart), and waits for its
  // "listening on" line in the log.
  void start();
  // SIGKILL: no goodbye, as a power cut or the OOM killer would.
  void kill();
  // SIGTERM, as systemd stops it, and wait until it has exited; its exit code.
  int stop();
  bool running() const { return process_ != nullptr; }
  std::string url() const {
    return (tls_certificate_.empty() ? "http://127.0.0.1:" : "https://127.0.0.1:") + std::to_string(port_);
  }
  int port() const { return port_; }
  // The served hub's process id (to read its /proc entries); running() must be true.
  pid_t pid() const { return process_->pid(); }
  // porchlight-hub COMMAND ... against the same storage, run to the end.
  ProcessResult run(const std::vector<std::string>& args) const;
  // A fresh single-use enrollment code for `center`.
  std::string enrollment_code(const std::string& center) const;
  // Everything the served hub wrote to stderr (its log), over every start so far.
  std::string log() const;

 private:
  const HubStorage& storage_;
  TempDir log_dir_;
  std::filesystem::path log_file_ = log_dir_ / "hub.log";
  std::string log_level_;
  std::unique_ptr<ChildProcess> process_;
  int port_ = 0;
  std::filesystem::path tls_certificate_;
  std::filesystem::path tls_private_key_;
};

// A kiosk database with the hub enrolled: init'ed, then `sync enroll`ed.
Admin enrolled_kiosk(const TempDir& dir, const std::string& name, const Hub& hub, const std::string& center);

}  // namespace porchlight::test
