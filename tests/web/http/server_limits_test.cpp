// Server limits and shutdown: body limits, the worker queue, the connection cap,
// timeouts and graceful stop.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>

#include "test_client.hpp"

namespace kczg::web::http {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

ServerOptions any_port() {
  ServerOptions options;
  options.port = 0;
  return options;
}

// Holds handlers until opened, and tells the test when they have started.
class Gate {
 public:
  void pass() {
    std::unique_lock lock(m_mutex);
    ++m_started;
    m_changed.notify_all();
    m_changed.wait(lock, [this] { return m_open; });
  }
  void wait_started(int n) {
    std::unique_lock lock(m_mutex);
    ASSERT_TRUE(m_changed.wait_for(lock, 5s, [&] { return m_started >= n; }));
  }
  void open() {
    std::lock_guard lock(m_mutex);
    m_open = true;
    m_changed.notify_all();
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_changed;
  int m_started = 0;
  bool m_open = false;
};

TEST(ServerLimits, BodyOverTheRouteLimitIs413WithoutTheHandler) {
  std::atomic<int> calls{0};
  Router router;
  router.add(
      Method::post, "/upload",
      [&](Request& r) {
        ++calls;
        return text_response(200, std::to_string(r.body.size()));
      },
      4 * 1024 * 1024);
  router.add(
      Method::post, "/small",
      [&](Request&) {
        ++calls;
        return text_response(200, "ok");
      },
      1000);
  RunningServer server(std::move(router));

  TestClient declared(server.port());  // Content-Length over the limit; no body is sent
  declared.send_raw("POST /small HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n");
  auto r = declared.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(r->header("connection"), "close");
  EXPECT_TRUE(declared.closed_by_server(3s));

  TestClient chunked(server.port());
  chunked.send_raw("POST /small HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
                   std::string("258\r\n") + std::string(600, 'a') + "\r\n");
  chunked.send_raw("258\r\n" + std::string(600, 'b') + "\r\n0\r\n\r\n");
  EXPECT_EQ(chunked.read_response()->status, 413);
  EXPECT_EQ(calls, 0);

  TestClient big(server.port());  // 3 MB arrives in 64 KB reads
  EXPECT_EQ(big.request("POST", "/upload", {}, std::string(3 * 1024 * 1024, 'x'))->body, "3145728");
  EXPECT_EQ(calls, 1);
}

TEST(ServerLimits, ExpectContinueGetsA100First) {
  Router router;
  router.add(
      Method::post, "/small", [](Request& r) { return text_response(200, r.body); }, 1000);
  RunningServer server(std::move(router));
  TestClient client(server.port());
  client.send_raw(
      "POST /small HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
  EXPECT_EQ(client.read_response()->status, 100);
  client.send_raw("hello");
  EXPECT_EQ(client.read_response()->body, "hello");
  client.send_raw(
      "POST /small HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n");
  EXPECT_EQ(client.read_response()->status, 413);  // refused before the body is sent
}

TEST(ServerLimits, OversizedHeaderIs431) {
  Router router;
  router.add(
      Method::get, "/", [](Request&) { return text_response(200, "ok"); }, 0);
  ServerOptions options;
  options.header_limit = 1024;
  RunningServer server(std::move(router), options);
  TestClient client(server.port());
  auto r = client.request("GET", "/", {{"X-Big", std::string(2000, 'h')}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431);
}

TEST(ServerLimits, FullWorkerQueueAnswers503AtOnce) {
  Gate gate;
  Router router;
  router.add(
      Method::get, "/slow",
      [&](Request&) {
        gate.pass();
        return text_response(200, "done");
      },
      0);
  ServerOptions options;
  options.workers = 1;
  options.worker_queue = 1;
  RunningServer server(std::move(router), options);

  TestClient running(server.port()), queued(server.port()), refused(server.port());
  running.send("GET", "/slow");
  gate.wait_started(1);
  queued.send("GET", "/slow");
  std::this_thread::sleep_for(100ms);  // lets the server queue it
  Clock::time_point start = Clock::now();
  auto busy = refused.request("GET", "/slow");
  ASSERT_TRUE(busy);
  EXPECT_EQ(busy->status, 503);
  EXPECT_EQ(busy->header("retry-after"), "1");
  EXPECT_LT(Clock::now() - start, 1s);
  gate.open();
  EXPECT_EQ(running.read_response()->status, 200);
  EXPECT_EQ(queued.read_response()->status, 200);
}

TEST(ServerLimits, ConnectionsBeyondTheCapAreClosed) {
  Router router;
  router.add(
      Method::get, "/", [](Request&) { return text_response(200, "ok"); }, 0);
  ServerOptions options;
  options.max_connections = 2;
  RunningServer server(std::move(router), options);
  TestClient first(server.port()), second(server.port());
  EXPECT_EQ(first.request("GET", "/")->status, 200);
  EXPECT_EQ(second.request("GET", "/")->status, 200);
  TestClient third(server.port());
  EXPECT_TRUE(third.closed_by_server(2s));
  EXPECT_EQ(server.server().rejected_connections(), 1u);
  EXPECT_EQ(server.server().open_connections(), 2u);
  EXPECT_EQ(first.request("GET", "/")->status, 200);
}

TEST(ServerLimits, IdleAndSlowConnectionsTimeOut) {
  Router router;
  router.add(
      Method::get, "/", [](Request&) { return text_response(200, "ok"); }, 0);
  ServerOptions options;
  options.idle_timeout = 1s;
  options.read_timeout = 1s;
  RunningServer server(std::move(router), options);
  TestClient idle(server.port()), slow(server.port());
  EXPECT_EQ(idle.request("GET", "/")->status, 200);
  slow.send_raw("GET / HTTP/1.1\r\nHost");  // never finishes its header
  Clock::time_point start = Clock::now();
  EXPECT_TRUE(idle.closed_by_server(3s));
  EXPECT_TRUE(slow.closed_by_server(3s));
  EXPECT_GE(Clock::now() - start, 900ms);
  // The client may see the close a moment before the server forgets the connection.
  for (int i = 0; i < 100 && server.server().open_connections() > 0; ++i) {
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_EQ(server.server().open_connections(), 0u);
}

TEST(ServerLimits, GracefulStopFinishesTheRequestInFlight) {
  Gate gate;
  Router router;
  router.add(
      Method::get, "/slow",
      [&](Request&) {
        gate.pass();
        return text_response(200, "finished");
      },
      0);
  router.add(
      Method::get, "/", [](Request&) { return text_response(200, "ok"); }, 0);
  Server server(std::move(router), any_port());
  std::string error;
  ASSERT_TRUE(server.listen(error)) << error;
  std::promise<void> returned;
  std::thread runner([&] {
    server.run();
    returned.set_value();
  });

  TestClient idle(server.port()), busy(server.port());
  EXPECT_EQ(idle.request("GET", "/")->status, 200);
  busy.send("GET", "/slow");
  gate.wait_started(1);
  // As the SIGTERM thread would: from a thread that is not the server's.
  std::thread([&] { server.stop(5s); }).join();
  server.stop(5s);  // a second stop is harmless
  EXPECT_TRUE(idle.closed_by_server(2s));
  std::future<void> done = returned.get_future();
  EXPECT_EQ(done.wait_for(200ms), std::future_status::timeout);  // still draining
  gate.open();
  auto r = busy.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "finished");
  EXPECT_EQ(r->header("connection"), "close");
  EXPECT_EQ(done.wait_for(3s), std::future_status::ready);
  runner.join();
  EXPECT_EQ(server.open_connections(), 0u);
  EXPECT_THROW(TestClient{server.port()}, std::exception);  // no longer listening
}

TEST(ServerLimits, DrainTimeLimitClosesStragglers) {
  Gate gate;
  Router router;
  router.add(
      Method::get, "/stuck",
      [&](Request&) {
        gate.pass();
        return text_response(200, "late");
      },
      0);
  RunningServer server(std::move(router));
  TestClient client(server.port());
  client.send("GET", "/stuck");
  gate.wait_started(1);
  Clock::time_point start = Clock::now();
  server.server().stop(1s);
  EXPECT_TRUE(client.closed_by_server(3s));
  EXPECT_LT(Clock::now() - start, 2500ms);
  gate.open();  // the handler finishes after the drain gave up; its answer goes nowhere
  server.stop();
}

TEST(ServerLimits, ServerThreadsLeaveTerminationSignalsToTheApplication) {
  ServerOptions options = any_port();
  options.workers = 3;
  options.io_threads = 2;
  Server server(Router{}, options);  // worker threads start here, before the mask below
  std::string error;
  ASSERT_TRUE(server.listen(error));
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  ASSERT_EQ(pthread_sigmask(SIG_BLOCK, &set, nullptr), 0);
  std::thread runner([&] { server.run(); });
  // Were any server thread open to it, SIGUSR1's default action would end the process.
  ASSERT_EQ(kill(getpid(), SIGUSR1), 0);
  timespec timeout{2, 0};
  EXPECT_EQ(sigtimedwait(&set, nullptr, &timeout), SIGUSR1);
  server.stop();
  runner.join();
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

TEST(ServerLimits, StopBeforeRunReturnsAtOnce) {
  Server server(Router{}, any_port());
  std::string error;
  ASSERT_TRUE(server.listen(error));
  server.stop();
  Clock::time_point start = Clock::now();
  server.run();
  EXPECT_LT(Clock::now() - start, 1s);
}

}  // namespace
}  // namespace kczg::web::http
