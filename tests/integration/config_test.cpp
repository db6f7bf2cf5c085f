// The settings files as users meet them: porchlight-admin and porchlight-hub, the real binaries, given --config.
// Every flag on the command line wins over the file; a broken file is refused before anything changes.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "support/checks.hpp"
#include "support/hub.hpp"

using namespace porchlight::test;

namespace {

void write_text(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  REQUIRE(out.good());
}

// A loopback port nothing listens on right now (the kernel's pick; it stays free long enough for a test).
int free_port() {
  const int socket_fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(socket_fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  const bool bound = ::bind(socket_fd, reinterpret_cast<sockaddr*>(&address), size) == 0 &&
                     ::getsockname(socket_fd, reinterpret_cast<sockaddr*>(&address), &size) == 0;
  ::close(socket_fd);
  REQUIRE(bound);
  return ntohs(address.sin_port);
}

struct ServeRun {
  std::string listening;  // the "listening on ..." line
  std::string err;        // everything on stderr until then
};

// `porchlight-hub ARGS...` (ending in serve and its flags) until its log says it listens, then SIGKILL. The log
// (stderr) goes to a file; the hub writes its other start-up lines before the "listening" one.
ServeRun serve_until_listening(const TempDir& dir, const std::vector<std::string>& args) {
  const auto err_file = dir / "hub.stderr";
  std::filesystem::remove(err_file);
  std::vector<std::string> argv{hub_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  ChildProcess hub(argv, {}, err_file);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  std::optional<std::string> line;
  while (!line && std::chrono::steady_clock::now() < deadline && !hub.ended()) {
    const std::string text = read_file(err_file);
    const auto at = text.find("listening on ");
    const auto end = at == std::string::npos ? std::string::npos : text.find('\n', at);
    if (end != std::string::npos) {
      line = text.substr(at, end - at);
    } else {
      (void)hub.read_line(std::chrono::steady_clock::now() + std::chrono::milliseconds(20));  // a short wait
    }
  }
  hub.kill_and_drain();
  ServeRun run{line.value_or(""), read_file(err_file)};
  INFO("stderr: " << run.err);
  REQUIRE_MESSAGE(line.has_value(), "porchlight-hub did not start");
  return run;
}

// porchlight-admin without --db, its XDG folder inside the test's own: a config that failed to name the database
// would show as a new folder there, not as a file in the user's home.
ProcessResult admin_run(const TempDir& dir, const std::vector<std::string>& args) {
  std::vector<std::string> argv{admin_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, {{"XDG_DATA_HOME", (dir / "xdg").string()}});
}

int listening_port(const ServeRun& run) {
  REQUIRE(run.listening.find("listening on http://127.0.0.1:") != std::string::npos);
  return std::atoi(run.listening.c_str() + run.listening.rfind(':') + 1);
}

}  // namespace

TEST_CASE("admin: the database named in --config is used - init makes its folder, and reports read it") {
  TempDir dir;
  const auto database = dir / "var" / "porchlight" / "kiosk.db";
  const auto config = dir / "kiosk.toml";
  write_text(config, "# a kiosk\ndatabase = \"" + database.string() + "\"\nlanguage = \"es\"\n");

  // Before init it is the same as the default location: there is nothing yet, and nothing is made.
  const auto early = admin_run(dir, {"--config", config.string(), "report", "daily", "--format", "json"});
  check_refused(early, 1);
  CHECK(early.err.find(database.string()) != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(database.parent_path()));

  require_ok(admin_run(dir, {"--config", config.string(), "init", "--center-name", "Harbor Light", "--time-zone", "UTC"}));
  CHECK(std::filesystem::is_regular_file(database));
  // The option may also follow the command, like --db.
  const auto report = admin_run(dir, {"report", "daily", "--format", "json", "--config", config.string()});
  require_ok(report);
  CHECK(nlohmann::json::parse(report.out).contains("sign_ins"));
  CHECK(dump_database(database).find("Harbor Light") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "xdg"));
}

TEST_CASE("admin: --db wins over the database in --config") {
  TempDir dir;
  const auto from_file = dir / "from-file.db";
  const auto config = dir / "kiosk.toml";
  write_text(config, "database = \"" + from_file.string() + "\"\n");
  Admin admin(dir / "from-flag.db");
  require_ok(admin({"--config", config.string(), "init", "--time-zone", "UTC"}));
  CHECK(std::filesystem::exists(admin.db()));
  CHECK_FALSE(std::filesystem::exists(from_file));
}

TEST_CASE("admin: a settings file with a misspelt key is refused with one line naming it, and nothing changes") {
  TempDir dir;
  const auto config = dir / "kiosk.toml";
  write_text(config, "database = \"" + (dir / "center.db").string() + "\"\nidle_second = 90\n");
  const auto files_before = list_directory(dir.path());
  const auto typo = admin_run(dir, {"--config", config.string(), "init", "--time-zone", "UTC"});
  check_refused(typo, 2);
  CHECK(typo.err.find(config.string() + ":2: unknown setting 'idle_second'") != std::string::npos);
  // Even with --db, which the file did not decide: a broken file is mended before anything runs.
  const auto with_db = admin_run(dir, {"--config", config.string(), "--db", (dir / "other.db").string(), "init"});
  check_refused(with_db, 2);
  CHECK(list_directory(dir.path()) == files_before);

  const auto missing = admin_run(dir, {"--config", (dir / "absent.toml").string(), "init"});
  check_refused(missing, 2);
  CHECK(missing.err.find("absent.toml") != std::string::npos);
  CHECK(list_directory(dir.path()) == files_before);
}

TEST_CASE("hub: listen in --config is where it serves, and --listen on the command line wins") {
  TempDir dir;
  const int port = free_port();
  const auto config = dir / "hub.toml";
  write_text(config, "db = \"" + (dir / "hub.db").string() + "\"\nlisten = \"127.0.0.1:" + std::to_string(port) + "\"\n");
  CHECK(listening_port(serve_until_listening(dir, {"--config", config.string(), "serve"})) == port);
  CHECK(std::filesystem::exists(dir / "hub.db"));

  // Port 1 is privileged: a hub that used the file's listen would not start at all.
  write_text(config, "db = \"" + (dir / "hub.db").string() + "\"\nlisten = \"127.0.0.1:1\"\n");
  const int chosen = listening_port(serve_until_listening(dir, {"--config", config.string(), "serve", "--listen",
                                                                "127.0.0.1:0"}));
  CHECK(chosen > 1);
}

TEST_CASE("hub: threads and connections_per_address in --config are used, and the flags win") {
  TempDir dir;
  const auto config = dir / "hub.toml";
  write_text(config, "db = \"" + (dir / "hub.db").string() + "\"\nthreads = 3\nconnections_per_address = 0\n");
  const auto from_file = serve_until_listening(dir, {"--config", config.string(), "serve", "--listen", "127.0.0.1:0"});
  CHECK(from_file.err.find("serving with 3 connection threads, no limit per address") != std::string::npos);
  const auto from_flag = serve_until_listening(dir, {"--config", config.string(), "serve", "--listen", "127.0.0.1:0",
                                                     "--threads", "5", "--connections-per-address", "7"});
  CHECK(from_flag.err.find("serving with 5 connection threads, at most 7 per address") != std::string::npos);
}

TEST_CASE("hub: log_level in --config decides what it logs, and --log-level wins") {
  TempDir dir;
  const auto config = dir / "hub.toml";
  const std::vector<std::string> serve{"--config", config.string(), "serve", "--listen", "127.0.0.1:0"};
  const std::string db_line = "db = \"" + (dir / "hub.db").string() + "\"\n";

  write_text(config, db_line + "log_level = \"debug\"\n");
  const auto debug = serve_until_listening(dir, serve);
  CHECK(debug.err.find("porchlight-hub: debug: settings from " + config.string()) != std::string::npos);
  CHECK(debug.err.find("porchlight-hub: serving with") != std::string::npos);

  // At "error" not even the "listening" line is written: the hub is known to be up when it takes a connection.
  write_text(config, db_line + "log_level = \"error\"\n");
  {
    const auto err_file = dir / "quiet.stderr";
    const int port = free_port();
    ChildProcess hub({hub_binary(), "--config", config.string(), "serve", "--listen", "127.0.0.1:" + std::to_string(port)},
                     {}, err_file);
    bool accepted = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!accepted && std::chrono::steady_clock::now() < deadline && !hub.ended()) {
      httplib::Client client("127.0.0.1", port);
      accepted = static_cast<bool>(client.Get("/"));
      if (!accepted) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    hub.kill_and_drain();
    CHECK(accepted);
    CHECK(read_file(err_file).empty());
  }

  auto with_flag = serve;
  with_flag.insert(with_flag.end(), {"--log-level", "info"});
  const auto info = serve_until_listening(dir, with_flag);
  CHECK(info.err.find("porchlight-hub: serving with") != std::string::npos);
  CHECK(info.err.find("debug:") == std::string::npos);
}

TEST_CASE("hub: a settings file with a misspelt key or a wrong type is refused with one line, exit 2") {
  TempDir dir;
  const auto config = dir / "hub.toml";
  write_text(config, "db = \"" + (dir / "hub.db").string() + "\"\nlisen = \"0.0.0.0:8750\"\n");
  const std::vector<std::vector<std::string>> commands{{"serve"}, {"devices", "list"}};
  for (const auto& command : commands) {
    std::vector<std::string> argv{hub_binary(), "--config", config.string()};
    argv.insert(argv.end(), command.begin(), command.end());
    const auto run = run_process(argv);
    INFO("stderr: " << run.err);
    CHECK(run.exit_code == 2);
    REQUIRE(run.err_lines().size() == 1);
    CHECK(run.err_lines().front() == "porchlight-hub: " + config.string() +
                                         ":2: unknown setting 'lisen' (the settings are db, postgres, listen, "
                                         "tls_certificate, tls_private_key, pool_size, threads, connections_per_address, log_level)");
  }
  write_text(config, "threads = \"many\"\n");
  const auto wrong_type = run_process({hub_binary(), "--config", config.string(), "serve"});
  CHECK(wrong_type.exit_code == 2);
  CHECK(wrong_type.err.find(":1: threads must be a whole number") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "hub.db"));
}

TEST_CASE("hub: --postgres on the command line replaces the file's db rather than clashing with it") {
  TempDir dir;
  const auto config = dir / "hub.toml";
  write_text(config, "db = \"" + (dir / "hub.db").string() + "\"\n");
  // An unreachable server: the refusal is about connecting, not "give --db or --postgres, not both".
  const auto run = run_process({hub_binary(), "--config", config.string(), "--postgres",
                                "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2", "devices", "list"});
  INFO("stderr: " << run.err);
  CHECK(run.exit_code == 1);
  CHECK(run.err.find("not both") == std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "hub.db"));
}
