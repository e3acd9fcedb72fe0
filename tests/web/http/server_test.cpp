// The server end to end over real sockets: routing, methods, cookies, forms, keep-alive
// and the access log. Limits and shutdown are in server_limits_test.cpp.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

#include "test_client.hpp"

namespace kczg::web::http {
namespace {

using namespace std::chrono_literals;

Router app_router(std::atomic<int>& calls) {
  Router router;
  router.add(
      Method::get, "/accounts/{id}",
      [&](Request& r) {
        ++calls;
        return text_response(200, "account " + std::string(r.path_param("id")) +
                                      " q=" + std::string(r.query_param("q")));
      },
      0);
  router.add(
      Method::get, "/accounts/new",
      [&](Request&) {
        ++calls;
        return text_response(200, "new account form");
      },
      0);
  router.add(
      Method::post, "/login",
      [&](Request& r) {
        ++calls;
        std::string fields;
        for (const auto& [k, v] : r.form()) fields += k + "=" + v + ";";
        Response response = text_response(200, fields + " sid=" + std::string(r.cookie("sid")));
        response.set_cookie({.name = "sid", .value = "new-session"});
        response.set_cookie({.name = "csrf", .value = "t", .http_only = false});
        return response;
      },
      1024);
  router.add(
      Method::get, "/whoami",
      [](Request& r) {
        return text_response(200,
                             r.remote_address + (r.secure ? " secure" : " plain") + " " + r.path);
      },
      0);
  router.add(
      Method::get, "/throw", [](Request&) -> Response { throw std::runtime_error("bug"); }, 0);
  router.add(
      Method::get, "/bad-status", [](Request&) { return text_response(1000, "?"); }, 0);
  router.add(
      Method::get, "/no-content",
      [](Request&) {
        Response response;
        response.status = 204;
        response.set_header("Content-Length", "99");  // the server owns framing
        return response;
      },
      0);
  return router;
}

class ServerTest : public ::testing::Test {
 protected:
  std::atomic<int> m_calls{0};
  RunningServer m_server{app_router(m_calls)};
};

TEST_F(ServerTest, RoutesWithParametersAndDecodedQuery) {
  TestClient client(m_server.port());
  auto r = client.request("GET", "/accounts/42?q=%E7%A7%91%E6%8A%80+x");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "account 42 q=科技 x");
  EXPECT_EQ(r->header("server"), "kczg");
  EXPECT_EQ(r->header("content-length"), std::to_string(r->body.size()));
  EXPECT_EQ(client.request("GET", "/accounts/new")->body, "new account form");
  EXPECT_EQ(client.request("GET", "/whoami/../whoami")->status, 404);
  EXPECT_EQ(client.request("GET", "/whoami")->body, "127.0.0.1 plain /whoami");
  EXPECT_EQ(client.request("GET", "/wh%6Fami")->body, "127.0.0.1 plain /whoami");
}

TEST_F(ServerTest, NotFoundAndMethodNotAllowedSkipTheHandler) {
  TestClient client(m_server.port());
  auto missing = client.request("GET", "/nothing");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  auto wrong = client.request("DELETE", "/accounts/1");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 405);
  EXPECT_EQ(wrong->header("allow"), "GET, HEAD");
  EXPECT_EQ(client.request("PUT", "/login", {}, "x=1")->header("allow"), "POST");
  EXPECT_EQ(m_calls, 0);
}

TEST_F(ServerTest, HeadRunsTheGetHandlerAndDropsTheBody) {
  TestClient client(m_server.port());
  auto r = client.request("HEAD", "/accounts/7");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "");
  EXPECT_EQ(r->header("content-length"), std::to_string(std::string("account 7 q=").size()));
  EXPECT_EQ(m_calls, 1);
  // The connection is still in step: no stray body bytes precede the next response.
  EXPECT_EQ(client.request("GET", "/accounts/8")->body, "account 8 q=");
}

TEST_F(ServerTest, CookiesInFormDecodedAndSetCookieOut) {
  TestClient client(m_server.port());
  auto r = client.request("POST", "/login",
                          {{"Content-Type", "application/x-www-form-urlencoded"},
                           {"Cookie", "theme=dark; sid=old-session"}},
                          "user=%E5%BC%A0%E4%B8%89&pass=a+b%26c");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "user=张三;pass=a b&c; sid=old-session");
  EXPECT_EQ(r->all("set-cookie"),
            (std::vector<std::string>{"sid=new-session; Path=/; HttpOnly; SameSite=Lax",
                                      "csrf=t; Path=/; SameSite=Lax"}));
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneSocket) {
  TestClient client(m_server.port());
  EXPECT_EQ(client.request("GET", "/accounts/1")->body, "account 1 q=");
  EXPECT_EQ(client.request("GET", "/accounts/2")->body, "account 2 q=");
  EXPECT_EQ(m_server.server().open_connections(), 1u);
  // Pipelined: both requests in one write, both answered in order.
  client.send_raw(
      "GET /accounts/3 HTTP/1.1\r\nHost: x\r\n\r\nGET /accounts/4 HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(client.read_response()->body, "account 3 q=");
  EXPECT_EQ(client.read_response()->body, "account 4 q=");
}

TEST_F(ServerTest, ClientCloseIsHonoured) {
  TestClient client(m_server.port());
  auto r = client.request("GET", "/accounts/1", {{"Connection", "close"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->header("connection"), "close");
  EXPECT_TRUE(client.closed_by_server(2s));
}

TEST_F(ServerTest, SecureOnlyWhenALocalProxySaysHttps) {
  TestClient client(m_server.port());
  auto r = client.request("GET", "/whoami", {{"X-Forwarded-Proto", "https"}});
  EXPECT_EQ(r->body, "127.0.0.1 secure /whoami");
  EXPECT_EQ(client.request("GET", "/whoami", {{"X-Forwarded-Proto", "http"}})->body,
            "127.0.0.1 plain /whoami");
}

TEST_F(ServerTest, HandlerExceptionIs500AndConnectionSurvives) {
  TestClient client(m_server.port());
  EXPECT_EQ(client.request("GET", "/throw")->status, 500);
  EXPECT_EQ(client.request("GET", "/accounts/1")->status, 200);
}

TEST_F(ServerTest, ImpossibleStatusIs500) {
  TestClient client(m_server.port());
  EXPECT_EQ(client.request("GET", "/bad-status")->status, 500);
  EXPECT_EQ(client.request("GET", "/accounts/1")->status, 200);
}

TEST_F(ServerTest, NoContentHasNoBodyOrLength) {
  TestClient client(m_server.port());
  auto r = client.request("GET", "/no-content");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 204);
  EXPECT_EQ(r->header("content-length"), "");
  EXPECT_EQ(client.request("GET", "/accounts/1")->status, 200);
}

TEST_F(ServerTest, MalformedRequestIs400AndClosed) {
  TestClient client(m_server.port());
  client.send_raw("GET /x HTTP/1.1\r\nBad Header Line\r\n\r\n");
  auto r = client.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_TRUE(client.closed_by_server(2s));
}

TEST(ServerConcurrency, ManyClientsOnSeveralThreads) {
  std::atomic<int> calls{0};
  ServerOptions options;
  options.io_threads = 2;
  options.workers = 3;
  RunningServer server(app_router(calls), options);
  std::vector<std::thread> clients;
  std::atomic<int> ok{0};
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&, c] {
      TestClient client(server.port());
      for (int i = 0; i < 50; ++i) {
        std::string id = std::to_string(c * 100 + i);
        auto r = client.request("GET", "/accounts/" + id);
        if (r && r->body == "account " + id + " q=") ++ok;
      }
    });
  }
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(ok, 400);
  EXPECT_EQ(calls, 400);
}

TEST(ServerAccessLog, OneEntryPerRequest) {
  std::mutex mutex;
  std::vector<AccessLogEntry> entries;
  ServerOptions options;
  options.access_log = [&](const AccessLogEntry& e) {
    std::lock_guard lock(mutex);
    entries.push_back(e);
  };
  Router router;
  router.add(
      Method::get, "/slow",
      [](Request&) {
        std::this_thread::sleep_for(20ms);
        return text_response(200, "12345");
      },
      0);
  RunningServer server(std::move(router), options);
  {
    TestClient client(server.port());
    client.request("GET", "/slow?a=1");
    client.request("HEAD", "/slow");
    client.request("POST", "/missing");
  }
  server.stop();  // run() has returned: every entry is written
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].remote_address, "127.0.0.1");
  EXPECT_EQ(entries[0].method, Method::get);
  EXPECT_EQ(entries[0].target, "/slow?a=1");
  EXPECT_EQ(entries[0].status, 200);
  EXPECT_EQ(entries[0].bytes, 5u);
  EXPECT_GE(entries[0].microseconds, 20000);
  EXPECT_LT(entries[0].microseconds, 2000000);
  EXPECT_EQ(entries[1].method, Method::head);
  EXPECT_EQ(entries[1].bytes, 0u);
  EXPECT_EQ(entries[2].method, Method::post);
  EXPECT_EQ(entries[2].status, 404);
}

}  // namespace
}  // namespace kczg::web::http
