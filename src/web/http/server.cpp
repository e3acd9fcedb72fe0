// Accepting, the connection cap, and graceful stop. The stop sequence, all on m_control:
// close the acceptor; tell every connection to drain (idle ones close, busy ones finish
// and answer with Connection: close); when the last connection is gone, or the drain
// time is up and the rest are closed by force, release the work guard so run() returns.
#include "web/http/server_core.hpp"

#include <algorithm>
#include <thread>
#include <vector>

#include <boost/asio/post.hpp>

#include "web/http/connection.hpp"
#include "web/http/quiet_thread.hpp"

namespace kczg::web::http {
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {
// Pause before accepting again after an error such as EMFILE, which would otherwise fail
// again at once and spin.
constexpr std::chrono::milliseconds k_accept_retry{100};
}  // namespace

ServerCore::ServerCore(Router router, ServerOptions options)
    : m_router(std::move(router)),
      m_options(std::move(options)),
      m_io(std::max(m_options.io_threads, 1)),
      m_control(net::make_strand(m_io)),
      m_work(net::make_work_guard(m_io)),
      m_acceptor(m_control),
      m_drain_timer(m_control),
      m_accept_retry(m_control),
      m_workers(m_options.workers, m_options.worker_queue) {}

ServerCore::~ServerCore() {
  // From here on connections die while m_io is being torn down; they must not post.
  std::lock_guard lock(m_mutex);
  m_finish_posted = true;
  m_stopping = true;
}

bool ServerCore::listen(std::string& error) {
  boost::system::error_code ec;
  net::ip::address address = net::ip::make_address(m_options.address, ec);
  if (ec) {
    error = "bad listen address " + m_options.address + ": " + ec.message();
    return false;
  }
  tcp::endpoint endpoint(address, m_options.port);
  if (m_acceptor.open(endpoint.protocol(), ec) ||
      m_acceptor.set_option(net::socket_base::reuse_address(true), ec) ||
      m_acceptor.bind(endpoint, ec) ||
      m_acceptor.listen(net::socket_base::max_listen_connections, ec)) {
    error = "cannot listen on " + m_options.address + ":" + std::to_string(m_options.port) + ": " +
            ec.message();
    m_acceptor.close(ec);
    return false;
  }
  m_port = m_acceptor.local_endpoint(ec).port();
  return true;
}

void ServerCore::run() {
  net::post(m_control, [this] { accept(); });
  std::vector<std::thread> threads;
  for (int i = 1; i < m_options.io_threads; ++i)
    threads.push_back(start_quiet_thread([this] { m_io.run(); }));
  m_io.run();
  for (std::thread& thread : threads) thread.join();
}

void ServerCore::stop(std::chrono::seconds drain) {
  {
    std::lock_guard lock(m_mutex);
    if (m_stopping) return;
    m_stopping = true;
  }
  net::post(m_control, [this, drain] { begin_drain(drain); });
}

std::size_t ServerCore::open_connections() const {
  std::lock_guard lock(m_mutex);
  return m_connections.size();
}

void ServerCore::forget(Connection* connection) {
  std::lock_guard lock(m_mutex);
  if (m_connections.erase(connection) == 0 || !m_stopping || !m_connections.empty()) return;
  if (m_finish_posted) return;
  m_finish_posted = true;
  net::post(m_control, [this] { finish_drain(); });
}

net::any_io_executor ServerCore::connection_executor() {
  // One I/O thread is a strand already; a strand per connection there only cost time
  // (about a tenth of a cached page in perf).
  if (m_options.io_threads <= 1) return m_io.get_executor();
  return net::make_strand(m_io);
}

void ServerCore::accept() {
  if (!m_acceptor.is_open()) return;
  m_acceptor.async_accept(connection_executor(),
                          [this](boost::system::error_code error, tcp::socket socket) {
                            on_accept(error, std::move(socket));
                          });
}

void ServerCore::on_accept(boost::system::error_code error, tcp::socket socket) {
  if (!m_acceptor.is_open()) return;
  if (error) {
    m_accept_retry.expires_after(k_accept_retry);
    m_accept_retry.async_wait([this](boost::system::error_code ec) {
      if (!ec) accept();
    });
    return;
  }
  if (!admit(std::move(socket))) return;
  // Take every connection already waiting in the backlog before queueing the next
  // asynchronous accept: one accept per trip through a busy I/O thread drained a burst
  // of 2,000 connects at about 70 a second (bench/web_bench.sh).
  boost::system::error_code ec;
  m_acceptor.non_blocking(true, ec);
  for (int i = 0; i < 1024 && !ec; ++i) {
    tcp::socket next(connection_executor());
    m_acceptor.accept(next, ec);
    if (!ec && !admit(std::move(next))) return;
  }
  accept();
}

bool ServerCore::admit(tcp::socket socket) {
  std::shared_ptr<Connection> connection;
  {
    std::lock_guard lock(m_mutex);
    if (m_stopping) return false;
    if (m_connections.size() >= m_options.max_connections) {
      // Accept and close rather than leave it in the backlog: the client learns at once,
      // and a full backlog would also delay the connections we can serve.
      ++m_rejected;
    } else {
      connection = std::make_shared<Connection>(std::move(socket), *this);
      m_connections.emplace(connection.get(), connection);
    }
  }
  if (connection) connection->start();
  return true;
}

std::vector<std::shared_ptr<Connection>> ServerCore::live_connections() const {
  std::vector<std::shared_ptr<Connection>> live;
  std::lock_guard lock(m_mutex);
  for (const auto& [raw, weak] : m_connections) {
    if (auto connection = weak.lock()) live.push_back(std::move(connection));
  }
  return live;
}

void ServerCore::begin_drain(std::chrono::seconds drain) {
  boost::system::error_code ignored;
  m_acceptor.close(ignored);
  m_accept_retry.cancel();
  bool finish_now = false;
  {
    std::lock_guard lock(m_mutex);
    if (m_connections.empty()) {
      if (m_finish_posted) return;  // the last forget() has already posted finish_drain
      m_finish_posted = finish_now = true;
    }
  }
  if (finish_now) return finish_drain();
  m_drain_timer.expires_after(drain);
  m_drain_timer.async_wait([this](boost::system::error_code ec) {
    if (ec) return;  // cancelled: the drain finished in time
    for (auto& connection : live_connections()) connection->close();
    finish_drain();
  });
  for (auto& connection : live_connections()) connection->drain();
}

void ServerCore::finish_drain() {
  if (m_drained) return;
  m_drained = true;
  m_drain_timer.cancel();
  m_work.reset();
}

// Server is the public face; Impl only holds the core.
struct Server::Impl {
  Impl(Router router, ServerOptions options) : core(std::move(router), std::move(options)) {}
  ServerCore core;
};

Server::Server(Router router, ServerOptions options)
    : m_impl(std::make_unique<Impl>(std::move(router), std::move(options))) {}
Server::~Server() = default;
bool Server::listen(std::string& error) { return m_impl->core.listen(error); }
unsigned short Server::port() const { return m_impl->core.port(); }
void Server::run() { m_impl->core.run(); }
void Server::stop(std::chrono::seconds drain) { m_impl->core.stop(drain); }
std::size_t Server::open_connections() const { return m_impl->core.open_connections(); }
std::size_t Server::rejected_connections() const { return m_impl->core.rejected_connections(); }

}  // namespace kczg::web::http
