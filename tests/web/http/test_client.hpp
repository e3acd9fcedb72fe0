// Test harness for the HTTP layer: a small synchronous client over one TCP connection
// (Beast stays in test_client.cpp), and a Server running on its own thread.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "web/http/http.hpp"

namespace kczg::web::http {

using Fields = std::vector<std::pair<std::string, std::string>>;

struct ClientResponse {
  int status = 0;
  Fields headers;  // names lower-cased
  std::string body;
  std::string header(std::string_view name) const;  // first of that name; "" when absent
  std::vector<std::string> all(std::string_view name) const;
};

// Not thread-safe; one per test thread. Every wait gives up after a few seconds so a
// broken server fails the test instead of hanging it.
class TestClient {
 public:
  explicit TestClient(unsigned short port);  // connects to 127.0.0.1:port
  ~TestClient();
  TestClient(const TestClient&) = delete;
  TestClient& operator=(const TestClient&) = delete;

  // Sends one HTTP/1.1 request (Content-Length set from the body) and reads the answer;
  // nullopt when the server closed the connection instead of answering.
  std::optional<ClientResponse> request(std::string_view method, std::string_view target,
                                        const Fields& headers = {}, std::string body = {});
  void send(std::string_view method, std::string_view target, const Fields& headers = {},
            std::string body = {});
  void send_raw(std::string_view bytes);
  // `head`: the response answers a HEAD request, so has no body whatever it says.
  std::optional<ClientResponse> read_response(bool head = false);
  // True when the server closes the connection within `wait`.
  bool closed_by_server(std::chrono::milliseconds wait);

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// A Server listening on a free port of 127.0.0.1, run() on a thread of its own.
class RunningServer {
 public:
  RunningServer(Router router, ServerOptions options = {})
      : m_server(std::move(router), with_free_port(std::move(options))) {
    std::string error;
    EXPECT_TRUE(m_server.listen(error)) << error;
    m_thread = std::thread([this] { m_server.run(); });
  }
  ~RunningServer() { stop(); }

  // Stops and waits for run() to return.
  void stop(std::chrono::seconds drain = std::chrono::seconds(5)) {
    m_server.stop(drain);
    if (m_thread.joinable()) m_thread.join();
  }
  Server& server() { return m_server; }
  unsigned short port() const { return m_server.port(); }

 private:
  static ServerOptions with_free_port(ServerOptions options) {
    options.address = "127.0.0.1";
    options.port = 0;
    return options;
  }
  Server m_server;
  std::thread m_thread;
};

}  // namespace kczg::web::http
