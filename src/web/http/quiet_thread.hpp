// Private: threads the server starts for itself. They block the process-directed
// termination signals, so SIGTERM and friends reach the application's own signal thread
// (kczg serve waits for them with sigwait and calls Server::stop) instead of whichever
// server thread the kernel picks, where the default action would kill the process.
#pragma once

#include <functional>
#include <thread>

namespace kczg::web::http {

std::thread start_quiet_thread(std::function<void()> body);

}  // namespace kczg::web::http
