#include "web/http/worker_pool.hpp"

#include <algorithm>

#include "web/http/quiet_thread.hpp"

namespace kczg::web::http {

WorkerPool::WorkerPool(int threads, std::size_t queue_limit) : m_queue_limit(queue_limit) {
  m_threads.reserve(static_cast<std::size_t>(std::max(threads, 1)));
  for (int i = 0; i < std::max(threads, 1); ++i)
    m_threads.push_back(start_quiet_thread([this] { work(); }));
}

WorkerPool::~WorkerPool() { stop(); }

bool WorkerPool::try_post(std::function<void()> task) {
  {
    std::lock_guard lock(m_mutex);
    if (m_stopping || m_queue.size() >= m_idle + m_queue_limit) return false;
    m_queue.push_back(std::move(task));
  }
  m_wake.notify_one();
  return true;
}

bool WorkerPool::post(std::function<void()> task) {
  {
    std::lock_guard lock(m_mutex);
    if (m_stopping) return false;
    m_queue.push_back(std::move(task));
  }
  m_wake.notify_one();
  return true;
}

void WorkerPool::stop() {
  std::deque<std::function<void()>> dropped;
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
    dropped.swap(m_queue);
  }
  m_wake.notify_all();
  for (std::thread& thread : m_threads) {
    if (thread.joinable()) thread.join();
  }
  // `dropped` is destroyed here, outside the lock: tasks own connections whose
  // destructors take other locks.
}

void WorkerPool::work() {
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock lock(m_mutex);
      ++m_idle;
      m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
      --m_idle;
      if (m_stopping) return;
      task = std::move(m_queue.front());
      m_queue.pop_front();
    }
    task();
  }
}

}  // namespace kczg::web::http
