// Private: one client connection, from its first byte to its close. Reads a request
// (header, routing, then the body up to the route's limit), hands it to the worker pool,
// and writes the response back, for as many keep-alive requests as the client sends.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>

#include "web/http/http.hpp"
#include "web/http/message.hpp"

namespace kczg::web::http {

class ServerCore;

// Thread-safety: all state lives on the connection's strand; the public methods may be
// called from any thread and post onto it.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  // REQUIRES: `socket` runs on its own strand; `core` outlives the connection.
  Connection(boost::asio::ip::tcp::socket socket, ServerCore& core);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void start();
  // Finish the request in progress (its response says Connection: close), then close;
  // close at once if waiting between requests.
  void drain();
  void close();

 private:
  enum class Phase { idle, reading, handling, writing, lingering };
  using Error = boost::system::error_code;

  void wait_for_request();
  void on_first_bytes(Error error, std::size_t bytes);
  void read_header();
  void on_header(Error error, std::size_t bytes);
  void read_body();
  void on_body(Error error, std::size_t bytes);
  void run_handler();
  void respond(Response response);
  void on_written(Error error, std::size_t bytes);
  // A streamed body (Response::stream): the next piece made on a worker, written here.
  void pull_piece();
  void write_piece(std::optional<std::string> piece, bool failed);
  void log_request();
  void linger();
  void linger_read();
  void close_now();

  ServerCore& m_core;
  boost::beast::tcp_stream m_stream;
  const boost::asio::any_io_executor m_strand;  // copy of m_stream's, for other threads
  boost::beast::flat_buffer m_buffer;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> m_parser;
  WireResponse m_response;
  bool m_keep_alive = false;  // of the response being written
  // The rest of a streamed body, and whether it goes chunked (HTTP/1.1).
  std::function<std::optional<std::string>()> m_stream_body;
  bool m_chunked = false;
  Request m_request;  // moved to the worker while the handler runs
  const Handler* m_handler = nullptr;
  const FastHandler* m_fast = nullptr;
  std::string m_remote_address;
  bool m_from_loopback = false;

  Phase m_phase = Phase::idle;
  bool m_first_request = true;
  bool m_draining = false;
  bool m_close_after = false;  // the client asked, or a request body was left unread
  // Copies of the request line for the access log and for HEAD, which outlive m_request.
  Method m_method = Method::other;
  std::string m_target;
  unsigned m_version = 11;
  int m_status = 0;
  std::chrono::steady_clock::time_point m_started;
};

}  // namespace kczg::web::http
