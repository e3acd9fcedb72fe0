#include "web/http/worker_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>

namespace kczg::web::http {
namespace {

using namespace std::chrono_literals;

// Posts until an idle thread takes the task: right after construction the threads may
// not have reached their wait yet.
bool post_when_idle(WorkerPool& pool, std::function<void()> task) {
  for (int i = 0; i < 100; ++i) {
    if (pool.try_post(task)) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

TEST(WorkerPool, IdleThreadTakesATaskEvenWithNoQueue) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  WorkerPool pool(1, 0);  // declared last: joined before what its tasks use goes
  ASSERT_TRUE(post_when_idle(pool, [&] {
    started.set_value();
    released.wait();
  }));
  started.get_future().wait();
  EXPECT_FALSE(pool.try_post([] {}));  // the only thread is busy and nothing may wait
  release.set_value();
}

TEST(WorkerPool, QueueHoldsUpToItsLimitBeyondTheBusyThreads) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> ran{0};
  std::promise<void> started;
  WorkerPool pool(1, 2);
  ASSERT_TRUE(post_when_idle(pool, [&] {
    started.set_value();
    released.wait();
    ++ran;
  }));
  started.get_future().wait();
  EXPECT_TRUE(pool.try_post([&] { ++ran; }));
  EXPECT_TRUE(pool.try_post([&] { ++ran; }));
  EXPECT_FALSE(pool.try_post([&] { ++ran; }));
  release.set_value();
  for (int i = 0; i < 200 && ran < 3; ++i) std::this_thread::sleep_for(5ms);
  EXPECT_EQ(ran, 3);
}

TEST(WorkerPool, StopDropsQueuedTasksAndRefusesNewOnes) {
  std::atomic<int> ran{0};
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  WorkerPool pool(1, 1000);
  ASSERT_TRUE(post_when_idle(pool, [&] {
    started.set_value();
    released.wait();
  }));
  started.get_future().wait();
  EXPECT_TRUE(pool.try_post([&] { ++ran; }));
  std::thread stopper([&] { pool.stop(); });
  // Refusal shows stop() has begun (the queue is far from full); only then may the
  // running task finish, so the queued one cannot have been started.
  for (int i = 0; i < 400 && pool.try_post([] {}); ++i) std::this_thread::sleep_for(5ms);
  release.set_value();
  stopper.join();
  EXPECT_EQ(ran, 0);
  EXPECT_FALSE(pool.try_post([] {}));
  pool.stop();  // idempotent
}

}  // namespace
}  // namespace kczg::web::http
