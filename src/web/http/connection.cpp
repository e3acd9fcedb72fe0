#include "web/http/connection.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/http/read.hpp>

#include "web/http/ascii.hpp"
#include "web/http/server_core.hpp"
#include "web/http/server_responses.hpp"

namespace kczg::web::http {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace beast_http = boost::beast::http;

namespace {

// Beast reads 512 bytes at a time into an empty buffer; uploads were 13x slower than
// with a 64 KB buffer reserved up front (measured, DESIGN §5).
constexpr std::size_t k_read_size = 64 * 1024;
// After the last response, how long unread client bytes are drained before closing, so
// that closing with data in the receive queue does not reset the response away.
constexpr std::chrono::seconds k_linger{1};

bool is_parse_error(const boost::system::error_code& error) {
  return error.category() ==
             beast_http::make_error_code(beast_http::error::bad_target).category() &&
         error != beast_http::error::end_of_stream && error != beast_http::error::partial_message;
}

}  // namespace

Connection::Connection(net::ip::tcp::socket socket, ServerCore& core)
    : m_core(core), m_stream(std::move(socket)), m_strand(m_stream.get_executor()) {
  m_buffer.reserve(k_read_size);
  Error ignored;
  m_stream.socket().set_option(net::ip::tcp::no_delay(true), ignored);
  net::ip::tcp::endpoint peer = m_stream.socket().remote_endpoint(ignored);
  net::ip::address address = peer.address();
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    address = net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6());
  }
  m_remote_address = address.to_string();
  m_from_loopback = address.is_loopback();
}

Connection::~Connection() { m_core.forget(this); }

void Connection::start() {
  net::dispatch(m_strand, [self = shared_from_this()] { self->wait_for_request(); });
}

void Connection::drain() {
  net::dispatch(m_strand, [self = shared_from_this()] {
    self->m_draining = true;
    if (self->m_phase == Phase::idle || self->m_phase == Phase::lingering) self->close_now();
  });
}

void Connection::close() {
  net::dispatch(m_strand, [self = shared_from_this()] { self->close_now(); });
}

void Connection::wait_for_request() {
  m_phase = Phase::idle;
  m_response = {};
  if (m_draining || m_core.stopping()) return close_now();
  if (m_buffer.size() > 0) return read_header();  // pipelined
  // The first request should follow the connect promptly; later ones may take the
  // keep-alive idle time. Either way the request's clock starts with its first byte.
  m_stream.expires_after(m_first_request ? m_core.options().read_timeout
                                         : m_core.options().idle_timeout);
  m_stream.async_read_some(
      m_buffer.prepare(k_read_size),
      beast::bind_front_handler(&Connection::on_first_bytes, shared_from_this()));
}

void Connection::on_first_bytes(Error error, std::size_t bytes) {
  if (error) return close_now();
  m_buffer.commit(bytes);
  read_header();
}

void Connection::read_header() {
  m_phase = Phase::reading;
  m_started = std::chrono::steady_clock::now();
  m_stream.expires_after(m_core.options().read_timeout);
  m_parser.emplace();
  m_parser->header_limit(
      static_cast<std::uint32_t>(std::min<std::size_t>(m_core.options().header_limit, UINT32_MAX)));
  // Beast would reject a Content-Length over its default 1 MB while parsing the header;
  // the route's limit is applied after routing instead.
  m_parser->body_limit(boost::none);
  beast_http::async_read_header(
      m_stream, m_buffer, *m_parser,
      beast::bind_front_handler(&Connection::on_header, shared_from_this()));
}

void Connection::on_header(Error error, std::size_t) {
  if (error) {
    if (!is_parse_error(error)) return close_now();  // timeout, reset, or closed by client
    m_method = Method::other;
    m_target.clear();
    m_close_after = true;
    return respond(error_response(error == beast_http::error::header_limit ? 431 : 400));
  }
  const BeastRequest& message = m_parser->get();
  m_request = request_head(message);
  m_request.remote_address = m_remote_address;
  // TLS ends at nginx on the same host; only a local proxy may vouch for it.
  m_request.secure = m_from_loopback && iequals(m_request.header("x-forwarded-proto"), "https");
  m_method = m_request.method;
  m_target = m_request.target;
  m_version = message.version();
  m_close_after = !message.keep_alive();
  bool has_body = !m_parser->is_done();

  Router::Match match = m_core.router().match(m_request.method, m_request.path);
  if (match.handler == nullptr) {
    // The unread body would be taken for the next request, so such a connection closes.
    m_close_after = m_close_after || has_body;
    return respond(match.method_not_allowed ? method_not_allowed(m_core.router(), m_request.path)
                                            : error_response(404));
  }
  m_handler = match.handler;
  m_fast = match.fast;
  m_request.path_params = std::move(match.params);
  if (!has_body) return run_handler();
  if (auto length = m_parser->content_length(); length && *length > match.body_limit) {
    m_close_after = true;  // answered without reading a byte of the body
    return respond(error_response(413));
  }
  m_parser->body_limit(match.body_limit);  // chunked bodies are checked as they arrive
  if (m_version >= 11 && iequals(m_request.header("expect"), "100-continue")) {
    static constexpr std::string_view k_continue = "HTTP/1.1 100 Continue\r\n\r\n";
    net::async_write(m_stream, net::buffer(k_continue.data(), k_continue.size()),
                     [self = shared_from_this()](Error write_error, std::size_t) {
                       if (write_error) return self->close_now();
                       self->read_body();
                     });
    return;
  }
  read_body();
}

void Connection::read_body() {
  beast_http::async_read(m_stream, m_buffer, *m_parser,
                         beast::bind_front_handler(&Connection::on_body, shared_from_this()));
}

void Connection::on_body(Error error, std::size_t) {
  if (error == beast_http::error::body_limit) {
    m_close_after = true;
    return respond(error_response(413));
  }
  if (error) return close_now();
  m_request.body = std::move(m_parser->get().body());
  run_handler();
}

void Connection::run_handler() {
  m_phase = Phase::handling;
  if (m_fast) {
    if (std::optional<Response> answer = call_fast_handler(*m_fast, m_request)) {
      return respond(std::move(*answer));
    }
  }
  m_stream.expires_never();  // the handler's time is not the client's fault
  auto task = [self = shared_from_this(), handler = m_handler,
               request = std::move(m_request)]() mutable {
    Response response = call_handler(*handler, request);
    auto strand = self->m_strand;
    net::post(strand, [self = std::move(self), response = std::move(response)]() mutable {
      self->respond(std::move(response));
    });
  };
  if (!m_core.workers().try_post(std::move(task))) {
    Response busy = error_response(503);
    busy.set_header("Retry-After", "1");
    respond(std::move(busy));
  }
}

void Connection::respond(Response response) {
  if (m_core.options().decorate) m_core.options().decorate(response);
  m_phase = Phase::writing;
  bool keep_alive = !m_close_after && !m_draining && !m_core.stopping();
  bool head = m_method == Method::head;
  if (response.stream) {
    m_chunked = m_version >= 11;
    keep_alive = keep_alive && m_chunked;  // HTTP/1.0: the body ends with the connection
    // A copy: to_wire still reads the response's stream to frame it.
    if (!head) m_stream_body = response.stream;
  }
  m_keep_alive = keep_alive;
  m_response = to_wire(std::move(response), m_version, head, keep_alive);
  m_status = m_response.status;
  m_stream.expires_after(m_core.options().write_timeout);
  net::async_write(m_stream, net::buffer(m_response.bytes),
                   beast::bind_front_handler(&Connection::on_written, shared_from_this()));
}

void Connection::on_written(Error error, std::size_t) {
  if (!error && m_stream_body) return pull_piece();
  m_stream_body = nullptr;
  log_request();
  if (error) return close_now();
  if (!m_keep_alive) return linger();
  m_first_request = false;
  wait_for_request();
}

void Connection::pull_piece() {
  m_stream.expires_never();  // making the piece is not the client's fault
  auto task = [self = shared_from_this()] {
    std::optional<std::string> piece;
    bool failed = false;
    try {
      piece = self->m_stream_body();
    } catch (...) {
      failed = true;
    }
    auto strand = self->m_strand;
    net::post(strand, [self = std::move(self), piece = std::move(piece), failed]() mutable {
      self->write_piece(std::move(piece), failed);
    });
  };
  if (!m_core.workers().post(std::move(task))) close_now();  // stopping
}

void Connection::write_piece(std::optional<std::string> piece, bool failed) {
  if (failed) {
    m_stream_body = nullptr;
    log_request();
    return close_now();
  }
  std::string& out = m_response.bytes;
  out.clear();
  if (!piece) {
    m_stream_body = nullptr;
    if (!m_chunked) return on_written({}, 0);
    out = "0\r\n\r\n";
  } else if (piece->empty()) {
    return pull_piece();
  } else {
    m_response.body_bytes += piece->size();
    if (m_chunked) {
      append_chunk(out, *piece);
    } else {
      out = std::move(*piece);
    }
  }
  m_stream.expires_after(m_core.options().write_timeout);
  net::async_write(m_stream, net::buffer(out),
                   beast::bind_front_handler(&Connection::on_written, shared_from_this()));
}

void Connection::log_request() {
  const auto& log = m_core.options().access_log;
  if (!log) return;
  auto elapsed = std::chrono::steady_clock::now() - m_started;
  AccessLogEntry entry{m_remote_address,
                       m_method,
                       m_target,
                       m_status,
                       m_response.body_bytes,
                       std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count()};
  try {
    log(entry);
  } catch (...) {
    // A failing log sink must not take the I/O thread down.
  }
}

void Connection::linger() {
  if (m_draining) return close_now();
  m_phase = Phase::lingering;
  Error ignored;
  m_stream.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
  m_stream.expires_after(k_linger);
  linger_read();
}

void Connection::linger_read() {
  m_buffer.clear();
  m_stream.async_read_some(m_buffer.prepare(k_read_size),
                           [self = shared_from_this()](Error error, std::size_t) {
                             if (error) return self->close_now();  // EOF, or k_linger is up
                             self->linger_read();
                           });
}

void Connection::close_now() {
  Error ignored;
  m_stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  m_stream.close();
}

}  // namespace kczg::web::http
