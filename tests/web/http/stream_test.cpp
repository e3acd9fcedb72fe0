// Streamed bodies (Response::stream) over real sockets: chunked on HTTP/1.1 with the
// connection kept, up to the close on HTTP/1.0, headers only for HEAD, and a body cut
// short when making a piece fails.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>

#include "test_client.hpp"

namespace kczg::web::http {
namespace {

std::string expected_body(int pieces) {
  std::string body = "head;";
  for (int i = 0; i < pieces; ++i) body += "piece " + std::to_string(i) + ";";
  return body;
}

// `pieces` pieces after the body "head;", an empty one among them (which must not end the
// body); throws at piece `fail_at` when it is not negative.
Response streamed(int pieces, int fail_at = -1) {
  Response response = text_response(200, "head;");
  auto next = std::make_shared<int>(0);
  response.stream = [=]() -> std::optional<std::string> {
    int i = (*next)++;
    if (i == fail_at) throw std::runtime_error("the store went away");
    if (i == 3) return std::string();
    int n = i > 3 ? i - 1 : i;
    if (n >= pieces) return std::nullopt;
    return "piece " + std::to_string(n) + ";";
  };
  return response;
}

Router stream_router() {
  Router router;
  router.add(
      Method::get, "/stream", [](Request&) { return streamed(5000); }, 0);
  router.add(
      Method::get, "/short", [](Request&) { return streamed(5); }, 0);
  router.add(
      Method::get, "/fails", [](Request&) { return streamed(5000, 100); }, 0);
  router.add(
      Method::get, "/plain", [](Request&) { return text_response(200, "plain"); }, 0);
  return router;
}

class StreamTest : public ::testing::Test {
 protected:
  RunningServer m_server{stream_router()};
};

TEST_F(StreamTest, ChunkedOnHttp11AndTheConnectionStaysInStep) {
  TestClient client(m_server.port());
  auto r = client.request("GET", "/stream");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->header("transfer-encoding"), "chunked");
  EXPECT_EQ(r->header("content-length"), "");
  EXPECT_EQ(r->body, expected_body(5000));
  EXPECT_EQ(client.request("GET", "/plain")->body, "plain");  // kept alive, in step
  EXPECT_EQ(m_server.server().open_connections(), 1u);
}

TEST_F(StreamTest, HeadSaysChunkedAndSendsNothing) {
  TestClient client(m_server.port());
  auto r = client.request("HEAD", "/short");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->header("transfer-encoding"), "chunked");
  EXPECT_EQ(r->body, "");
  EXPECT_EQ(client.request("GET", "/short")->body, expected_body(5));
}

TEST_F(StreamTest, Http10BodyEndsWithTheConnection) {
  TestClient client(m_server.port());
  client.send_raw("GET /short HTTP/1.0\r\nHost: x\r\n\r\n");
  auto r = client.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->header("transfer-encoding"), "");
  EXPECT_EQ(r->body, expected_body(5));
  EXPECT_FALSE(client.request("GET", "/plain"));  // the connection is over
}

TEST_F(StreamTest, AFailingPieceCutsTheBodyShort) {
  TestClient client(m_server.port());
  EXPECT_FALSE(client.request("GET", "/fails"));  // no complete response arrives
  TestClient next(m_server.port());
  EXPECT_EQ(next.request("GET", "/plain")->body, "plain");
}

}  // namespace
}  // namespace kczg::web::http
