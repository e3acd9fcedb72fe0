// Fast paths: answered on the I/O thread without a worker, or declined to the worker.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "test_client.hpp"

namespace kczg::web::http {
namespace {

// Holds the only worker until released, so that anything answered meanwhile was answered
// without one.
struct Gate {
  std::mutex mutex;
  std::condition_variable changed;
  bool entered = false;
  bool open = false;

  void hold() {
    std::unique_lock lock(mutex);
    entered = true;
    changed.notify_all();
    changed.wait_for(lock, std::chrono::seconds(10), [&] { return open; });
  }
  bool wait_entered() {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, std::chrono::seconds(5), [&] { return entered; });
  }
  void release() {
    std::lock_guard lock(mutex);
    open = true;
    changed.notify_all();
  }
};

Router fast_router(Gate& gate) {
  Router router;
  router.add(
      Method::get, "/slow",
      [&](Request&) {
        gate.hold();
        return text_response(200, "slow");
      },
      0);
  router.add(
      Method::get, "/page", [](Request&) { return text_response(200, "from a worker"); }, 0,
      [](const Request& request) -> std::optional<Response> {
        if (request.query_param("cached") == "no") return std::nullopt;
        if (request.query_param("cached") == "throw") throw std::runtime_error("bug");
        return text_response(200, "from memory");
      });
  return router;
}

ServerOptions one_worker() {
  ServerOptions options;
  options.workers = 1;
  return options;
}

TEST(FastPathTest, AnswersWithoutAWorker) {
  Gate gate;
  RunningServer server(fast_router(gate), one_worker());
  TestClient slow_client(server.port());
  slow_client.send("GET", "/slow");
  ASSERT_TRUE(gate.wait_entered());

  TestClient client(server.port());
  auto page = client.request("GET", "/page");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->body, "from memory");
  EXPECT_EQ(page->header("server"), "kczg");

  gate.release();
  auto slow = slow_client.read_response();
  ASSERT_TRUE(slow);
  EXPECT_EQ(slow->body, "slow");
}

TEST(FastPathTest, DeclinedOrThrowingFastPathFallsBackToTheWorker) {
  Gate gate;
  gate.release();
  RunningServer server(fast_router(gate), one_worker());
  TestClient client(server.port());
  for (std::string_view target : {"/page?cached=no", "/page?cached=throw"}) {
    auto page = client.request("GET", target);
    ASSERT_TRUE(page) << target;
    EXPECT_EQ(page->status, 200);
    EXPECT_EQ(page->body, "from a worker") << target;
  }
  client.send("HEAD", "/page");  // HEAD takes GET's fast path too
  auto head = client.read_response(/*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
}

}  // namespace
}  // namespace kczg::web::http
