// Private: the fixed set of threads that run handlers, so blocking database work never
// stalls socket I/O. The queue is bounded: past it the server answers 503 at once rather
// than letting latency grow without limit.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace kczg::web::http {

// Thread-safe.
class WorkerPool {
 public:
  WorkerPool(int threads, std::size_t queue_limit);
  ~WorkerPool();  // stop()
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task`. False when `queue_limit` tasks are already waiting with no idle thread
  // to take them (tasks being run do not count), or after stop().
  bool try_post(std::function<void()> task);
  // Queues `task` whatever the queue holds: for the next piece of a response already being
  // sent, which a full queue must not cut short (one per streaming connection at most).
  // False only after stop().
  bool post(std::function<void()> task);
  // Lets running tasks finish, drops queued ones and joins the threads. Idempotent.
  // REQUIRES: not called from a task.
  void stop();

 private:
  void work();

  const std::size_t m_queue_limit;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::deque<std::function<void()>> m_queue;  // guarded by m_mutex
  std::size_t m_idle = 0;                     // threads waiting for a task; guarded
  bool m_stopping = false;                    // guarded by m_mutex
  std::vector<std::thread> m_threads;
};

}  // namespace kczg::web::http
