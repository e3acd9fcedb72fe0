// Private: the state the acceptor and every connection share, and the stop/drain
// sequence. Server (http.hpp) is a thin face over it that keeps Asio out of the header.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "web/http/http.hpp"
#include "web/http/worker_pool.hpp"

namespace kczg::web::http {

class Connection;

// Thread-safety: public methods may be called from any thread. The acceptor, the timers
// and m_drained live on the m_control strand; the connection table is guarded by m_mutex;
// the router and options never change after construction.
class ServerCore {
 public:
  ServerCore(Router router, ServerOptions options);
  ~ServerCore();
  ServerCore(const ServerCore&) = delete;
  ServerCore& operator=(const ServerCore&) = delete;

  bool listen(std::string& error);
  unsigned short port() const { return m_port.load(); }
  // Runs the I/O threads (the caller is one of them) until the drain after stop() ends.
  void run();
  void stop(std::chrono::seconds drain);
  std::size_t open_connections() const;
  std::size_t rejected_connections() const { return m_rejected.load(); }

  // For connections.
  const Router& router() const { return m_router; }
  const ServerOptions& options() const { return m_options; }
  WorkerPool& workers() { return m_workers; }
  bool stopping() const { return m_stopping.load(); }
  // Called by ~Connection; the last one gone during a drain ends it.
  void forget(Connection* connection);

 private:
  using Strand = boost::asio::strand<boost::asio::io_context::executor_type>;

  // Each connection's handlers run serialised on this: a strand, or with one I/O
  // thread the io_context itself.
  boost::asio::any_io_executor connection_executor();
  void accept();
  void on_accept(boost::system::error_code error, boost::asio::ip::tcp::socket socket);
  // Registers an accepted connection; false once the server is stopping.
  bool admit(boost::asio::ip::tcp::socket socket);
  void begin_drain(std::chrono::seconds drain);
  void finish_drain();
  std::vector<std::shared_ptr<Connection>> live_connections() const;

  const Router m_router;
  const ServerOptions m_options;

  mutable std::mutex m_mutex;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> m_connections;  // guarded
  bool m_finish_posted = false;                                              // guarded
  std::atomic<bool> m_stopping{false};  // written under m_mutex, read anywhere
  std::atomic<std::size_t> m_rejected{0};
  std::atomic<unsigned short> m_port{0};

  boost::asio::io_context m_io;
  Strand m_control;
  // Keeps run() going while requests sit with the workers and no socket operation is
  // pending; released when the drain ends.
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> m_work;
  boost::asio::ip::tcp::acceptor m_acceptor;
  boost::asio::steady_timer m_drain_timer;
  boost::asio::steady_timer m_accept_retry;
  bool m_drained = false;  // on m_control

  // Last, so it is destroyed first: its threads post completions into m_io, and its
  // queued tasks own connections whose destructors call forget().
  WorkerPool m_workers;
};

}  // namespace kczg::web::http
