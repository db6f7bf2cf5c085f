#include "guarded_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include "porchlight/log.hpp"

namespace porchlight::hub {

namespace {

using Clock = std::chrono::steady_clock;

thread_local ServedConnection* served_on_this_thread = nullptr;

// Waits until `socket` is ready for `events` or `deadline` passes (false then, or on an error).
bool wait_for(int socket, short events, Clock::time_point deadline) {
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd entry{socket, events, 0};
    const int ready = ::poll(&entry, 1, static_cast<int>(std::min<long long>(left, 1000)));
    if (ready > 0) return true;
    if (ready < 0 && errno != EINTR) return false;
  }
}

std::string numeric_address(const sockaddr_storage& address) {
  std::array<char, INET6_ADDRSTRLEN> text{};
  const void* raw = address.ss_family == AF_INET6
                        ? static_cast<const void*>(&reinterpret_cast<const sockaddr_in6&>(address).sin6_addr)
                        : static_cast<const void*>(&reinterpret_cast<const sockaddr_in&>(address).sin_addr);
  if (!::inet_ntop(address.ss_family, raw, text.data(), text.size())) return {};
  return text.data();
}

int port_of(const sockaddr_storage& address) {
  return ntohs(address.ss_family == AF_INET6 ? reinterpret_cast<const sockaddr_in6&>(address).sin6_port
                                             : reinterpret_cast<const sockaddr_in&>(address).sin_port);
}

void address_and_port(int socket, bool peer, std::string& ip, int& port) {
  sockaddr_storage address{};
  socklen_t length = sizeof(address);
  const int got = peer ? ::getpeername(socket, reinterpret_cast<sockaddr*>(&address), &length)
                       : ::getsockname(socket, reinterpret_cast<sockaddr*>(&address), &length);
  if (got != 0) return;
  ip = numeric_address(address);
  port = port_of(address);
}

}  // namespace

// httplib's stream interface over a connection, where every wait ends at the connection's current deadline
// rather than after a fresh timeout per read. Reads are buffered: httplib reads request heads a byte at a time.
class DeadlineSocketStream final : public ConnectionStream {
 public:
  explicit DeadlineSocketStream(ServedConnection& connection) : connection_(connection) {}

  bool is_readable() const override {
    return begin_ < end_ || wait_for(connection_.socket_, POLLIN, connection_.wait_until());
  }
  bool is_writable() const override { return wait_for(connection_.socket_, POLLOUT, connection_.wait_until()); }

  ssize_t read(char* data, size_t size) override {
    if (begin_ == end_) {
      if (!wait_for(connection_.socket_, POLLIN, connection_.wait_until())) return -1;
      const ssize_t got = ::recv(connection_.socket_, buffer_.data(), buffer_.size(), 0);
      if (got <= 0) return got;
      begin_ = 0;
      end_ = static_cast<std::size_t>(got);
    }
    const std::size_t count = std::min(size, end_ - begin_);
    std::memcpy(data, buffer_.data() + begin_, count);
    begin_ += count;
    return static_cast<ssize_t>(count);
  }

  ssize_t write(const char* data, size_t size) override {
    if (!is_writable()) return -1;
    return ::send(connection_.socket_, data, size, MSG_NOSIGNAL);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    address_and_port(connection_.socket_, true, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    address_and_port(connection_.socket_, false, ip, port);
  }
  socket_t socket() const override { return connection_.socket_; }

  bool next_request_by(Clock::time_point deadline) const override {
    return begin_ < end_ || wait_for(connection_.socket_, POLLIN, deadline);
  }

 private:
  ServedConnection& connection_;
  std::array<char, 4096> buffer_{};
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
};

// The same over TLS. The socket is non-blocking, so a read or write that needs the network waits at most until the
// connection's deadline (OpenSSL's own reads would wait for ever on a client that stops mid-record).
class DeadlineTlsStream final : public ConnectionStream {
 public:
  DeadlineTlsStream(ServedConnection& connection, SSL* ssl) : connection_(connection), ssl_(ssl) {}

  // The handshake, within the request head's deadline.
  bool accept() {
    for (;;) {
      const int done = SSL_accept(ssl_);
      if (done == 1) return true;
      if (!wait_as_asked(done)) return false;
    }
  }

  bool is_readable() const override {
    return SSL_pending(ssl_) > 0 || wait_for(connection_.socket_, POLLIN, connection_.wait_until());
  }
  bool is_writable() const override { return wait_for(connection_.socket_, POLLOUT, connection_.wait_until()); }

  ssize_t read(char* data, size_t size) override {
    const int wanted = static_cast<int>(std::min<std::size_t>(size, 1 << 20));
    for (;;) {
      const int got = SSL_read(ssl_, data, wanted);
      if (got > 0) return got;
      if (SSL_get_error(ssl_, got) == SSL_ERROR_ZERO_RETURN) return 0;
      if (!wait_as_asked(got)) return -1;
    }
  }

  ssize_t write(const char* data, size_t size) override {
    const int wanted = static_cast<int>(std::min<std::size_t>(size, 1 << 20));
    for (;;) {
      const int sent = SSL_write(ssl_, data, wanted);
      if (sent > 0) return sent;
      if (!wait_as_asked(sent)) return -1;
    }
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    address_and_port(connection_.socket_, true, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    address_and_port(connection_.socket_, false, ip, port);
  }
  socket_t socket() const override { return connection_.socket_; }

  bool next_request_by(Clock::time_point deadline) const override {
    return SSL_pending(ssl_) > 0 || wait_for(connection_.socket_, POLLIN, deadline);
  }

 private:
  // After an SSL call returned `result`: waits for what OpenSSL asked for, until the deadline; false when the
  // connection failed, closed or ran out of time.
  bool wait_as_asked(int result) const {
    switch (SSL_get_error(ssl_, result)) {
      case SSL_ERROR_WANT_READ:
        return wait_for(connection_.socket_, POLLIN, connection_.wait_until());
      case SSL_ERROR_WANT_WRITE:
        return wait_for(connection_.socket_, POLLOUT, connection_.wait_until());
      default:
        return false;
    }
  }

  ServedConnection& connection_;
  SSL* ssl_;
};

void ServedConnection::start_request_deadline() { deadline_ = Clock::now() + limits_.request_deadline; }

ServedConnection* current_connection() { return served_on_this_thread; }

Result<ListeningSocket> open_listening_socket(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string where = host + ":" + std::to_string(port);
  if (const int failed = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found); failed != 0) {
    return make_error("cannot listen on " + where + ": " + ::gai_strerror(failed));
  }
  std::string why = "no address";
  int listening = -1;
  for (addrinfo* candidate = found; candidate && listening < 0; candidate = candidate->ai_next) {
    const int socket = ::socket(candidate->ai_family, candidate->ai_socktype | SOCK_CLOEXEC, candidate->ai_protocol);
    if (socket < 0) {
      why = std::strerror(errno);
      continue;
    }
    // SO_REUSEADDR only lets a restarted hub bind while its old connections linger in TIME_WAIT.
    const int yes = 1;
    if (::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes)) != 0 ||
        ::bind(socket, candidate->ai_addr, candidate->ai_addrlen) != 0 || ::listen(socket, SOMAXCONN) != 0) {
      why = errno == EADDRINUSE ? "the port is already in use (is another porchlight-hub running?)"
                                : std::string(std::strerror(errno));
      ::close(socket);
      continue;
    }
    listening = socket;
  }
  ::freeaddrinfo(found);
  if (listening < 0) return make_error("cannot listen on " + where + ": " + why);
  sockaddr_storage bound{};
  socklen_t length = sizeof(bound);
  if (::getsockname(listening, reinterpret_cast<sockaddr*>(&bound), &length) != 0) {
    why = std::strerror(errno);
    ::close(listening);
    return make_error("cannot listen on " + where + ": " + why);
  }
  return ListeningSocket{listening, port_of(bound)};
}

Result<std::shared_ptr<TlsContext>> TlsContext::load(const std::string& certificate_chain,
                                                     const std::string& private_key) {
  SSL_CTX* context = SSL_CTX_new(TLS_server_method());
  if (!context) return make_error("TLS could not be set up");
  std::shared_ptr<TlsContext> owned(new TlsContext(context));
  // No compression (CRIME), no renegotiation (a client could make the hub redo handshakes on one connection);
  // partial writes of a large answer resume from where they stopped.
  SSL_CTX_set_options(context, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_set_mode(context, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  if (SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION) != 1 ||
      SSL_CTX_use_certificate_chain_file(context, certificate_chain.c_str()) != 1 ||
      SSL_CTX_use_PrivateKey_file(context, private_key.c_str(), SSL_FILETYPE_PEM) != 1 ||
      SSL_CTX_check_private_key(context) != 1) {
    return make_error("the TLS certificate or key could not be loaded (" + certificate_chain + ", " + private_key + ")");
  }
  return owned;
}

TlsContext::~TlsContext() { SSL_CTX_free(context_); }

bool GuardedServer::admit(const std::string& address) {
  std::lock_guard lock(addresses_mutex_);
  int& held = connections_by_address_[address];
  if (limits_.per_address > 0 && held >= limits_.per_address) return false;
  ++held;
  return true;
}

void GuardedServer::release(const std::string& address) {
  std::lock_guard lock(addresses_mutex_);
  const auto found = connections_by_address_.find(address);
  if (found != connections_by_address_.end() && --found->second <= 0) connections_by_address_.erase(found);
}

void GuardedServer::serve_requests(ServedConnection& connection, ConnectionStream& stream) {
  for (int served = 0; served < limits_.keep_alive_requests && is_running(); ++served) {
    if (served > 0) {
      if (!stream.next_request_by(Clock::now() + limits_.keep_alive_idle)) break;
      connection.deadline_ = Clock::now() + limits_.head_deadline;
    }
    bool client_closes = false;
    const bool last = served + 1 == limits_.keep_alive_requests;
    if (!process_request(stream, last, client_closes, nullptr)) break;
    if (client_closes || connection.close_after_answer_) break;
  }
}

bool GuardedServer::process_and_close_socket(socket_t socket) {
  std::string address;
  int port = 0;
  address_and_port(socket, true, address, port);
  const bool admitted = admit(address);
  if (!admitted) {
    // Closed unread: one address must not take every thread. Counted for /metrics rather than logged per
    // connection, which would let a flood fill the journal.
    ++refused_connections_;
  } else {
    ServedConnection connection(socket, limits_);
    served_on_this_thread = &connection;
    connection.deadline_ = Clock::now() + limits_.head_deadline;
    if (!tls_) {
      DeadlineSocketStream stream(connection);
      serve_requests(connection, stream);
    } else if (SSL* ssl = SSL_new(tls_->get())) {
      const int flags = ::fcntl(socket, F_GETFL);
      DeadlineTlsStream stream(connection, ssl);
      if (flags >= 0 && ::fcntl(socket, F_SETFL, flags | O_NONBLOCK) == 0 && SSL_set_fd(ssl, socket) == 1 &&
          stream.accept()) {
        serve_requests(connection, stream);
        SSL_shutdown(ssl);  // the close_notify, sent without waiting for the client's
      }
      SSL_free(ssl);
    }
    served_on_this_thread = nullptr;
    if (connection.close_after_answer_) {
      // A lingering close: the answer is sent, then whatever the client still sends is read and dropped for a
      // moment, so that closing with unread data does not reset the connection before the client reads the answer.
      ::shutdown(socket, SHUT_WR);
      std::array<char, 16384> discard{};
      const auto give_up = Clock::now() + std::chrono::seconds(5);
      std::size_t dropped = 0;
      constexpr std::size_t kMostDropped = 16u << 20;
      while (dropped < kMostDropped &&
             wait_for(socket, POLLIN, std::min(give_up, Clock::now() + std::chrono::seconds(1)))) {
        const ssize_t got = ::recv(socket, discard.data(), discard.size(), 0);
        if (got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) break;
        if (got > 0) dropped += static_cast<std::size_t>(got);
      }
    }
    release(address);
  }
  ::shutdown(socket, SHUT_RDWR);
  ::close(socket);
  return admitted;
}

}  // namespace porchlight::hub
