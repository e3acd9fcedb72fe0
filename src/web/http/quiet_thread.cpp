#include "web/http/quiet_thread.hpp"

#include <pthread.h>
#include <signal.h>

namespace kczg::web::http {

std::thread start_quiet_thread(std::function<void()> body) {
  // Only asynchronous signals: a blocked SIGSEGV or SIGFPE from a fault would bypass any
  // handler (the sanitizers install some) and kill the process silently.
  sigset_t quiet;
  sigemptyset(&quiet);
  for (int signal : {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2}) sigaddset(&quiet, signal);
  sigset_t previous;
  pthread_sigmask(SIG_BLOCK, &quiet, &previous);  // a new thread inherits the mask
  std::thread thread(std::move(body));
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  return thread;
}

}  // namespace kczg::web::http
