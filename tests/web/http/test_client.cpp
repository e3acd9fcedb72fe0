// The client runs Beast's asynchronous operations to completion one at a time: only
// they honour tcp_stream's timeouts, which keep a failing test from hanging.
#include "test_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace kczg::web::http {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace beast_http = boost::beast::http;

namespace {
constexpr std::chrono::seconds k_timeout{5};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

std::string ClientResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == lower(name)) return value;
  }
  return {};
}

std::vector<std::string> ClientResponse::all(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [key, value] : headers) {
    if (key == lower(name)) values.push_back(value);
  }
  return values;
}

struct TestClient::Impl {
  net::io_context io;
  beast::tcp_stream stream{io};
  beast::flat_buffer buffer;

  // Runs the operation started by `start` to completion; returns its error.
  template <typename Start>
  beast::error_code complete(std::chrono::milliseconds timeout, Start start) {
    beast::error_code result;
    stream.expires_after(timeout);
    start([&result](beast::error_code ec, std::size_t) { result = ec; });
    io.restart();
    io.run();
    return result;
  }
};

TestClient::TestClient(unsigned short port) : m_impl(std::make_unique<Impl>()) {
  m_impl->stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
}

TestClient::~TestClient() = default;

std::optional<ClientResponse> TestClient::request(std::string_view method, std::string_view target,
                                                  const Fields& headers, std::string body) {
  send(method, target, headers, std::move(body));
  return read_response(method == "HEAD");
}

void TestClient::send(std::string_view method, std::string_view target, const Fields& headers,
                      std::string body) {
  beast_http::request<beast_http::string_body> message;
  message.method_string(method);
  message.target(target);
  message.version(11);
  message.set(beast_http::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) message.insert(name, value);
  if (!body.empty() || method == "POST" || method == "PUT") {
    message.body() = std::move(body);
    message.prepare_payload();
  }
  auto error = m_impl->complete(
      k_timeout, [&](auto handler) { beast_http::async_write(m_impl->stream, message, handler); });
  ASSERT_FALSE(error) << error.message();
}

void TestClient::send_raw(std::string_view bytes) {
  auto error = m_impl->complete(k_timeout, [&](auto handler) {
    net::async_write(m_impl->stream, net::buffer(bytes.data(), bytes.size()), handler);
  });
  ASSERT_FALSE(error) << error.message();
}

std::optional<ClientResponse> TestClient::read_response(bool head) {
  beast_http::response_parser<beast_http::string_body> parser;
  parser.body_limit(boost::none);
  parser.skip(head);
  auto error = m_impl->complete(k_timeout, [&](auto handler) {
    beast_http::async_read(m_impl->stream, m_impl->buffer, parser, handler);
  });
  if (error) return std::nullopt;
  const auto& message = parser.get();
  ClientResponse response;
  response.status = static_cast<int>(message.result_int());
  for (const auto& field : message) {
    response.headers.emplace_back(lower(field.name_string()), std::string(field.value()));
  }
  response.body = message.body();
  return response;
}

bool TestClient::closed_by_server(std::chrono::milliseconds wait) {
  char byte;
  auto error = m_impl->complete(
      wait, [&](auto handler) { m_impl->stream.async_read_some(net::buffer(&byte, 1), handler); });
  return error == net::error::eof || error == net::error::connection_reset;
}

}  // namespace kczg::web::http
