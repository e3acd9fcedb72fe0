// kczg serve: the web server until SIGTERM or SIGINT, then a graceful drain.
#include <pthread.h>
#include <signal.h>

#include <iostream>
#include <mutex>
#include <thread>

#include "cli/commands.hpp"
#include "web/app.hpp"
#include "web/security/secrets.hpp"

namespace kczg::cli {

namespace http = web::http;
namespace {

// "127.0.0.1:8080", "[::1]:8080" or ":8080".
bool split_listen(const std::string& listen, std::string& address, unsigned short& port) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  address = listen.substr(0, colon);
  if (address.size() > 1 && address.front() == '[' && address.back() == ']') {
    address = address.substr(1, address.size() - 2);
  }
  if (address.empty()) address = "0.0.0.0";
  int p = std::atoi(listen.c_str() + colon + 1);
  if (p < 0 || p > 65535) return false;
  port = static_cast<unsigned short>(p);
  return true;
}

}  // namespace

int run_serve(const Context& ctx, const ServeOptions& options) {
  web::WebOptions web_options;
  web_options.static_dir = options.static_dir;
  web_options.blob_dir = options.blob_dir;
  http::ServerOptions server_options;
  if (!split_listen(options.listen, server_options.address, server_options.port)) {
    return report(ctx, make_error(ErrorCode::usage, "detail", "--listen " + options.listen));
  }
  server_options.workers = options.workers;
  server_options.io_threads = options.io_threads;
  server_options.decorate = web::harden;
  if (!web::init_secrets()) {
    return report(ctx, make_error(ErrorCode::database_unavailable, "detail", "libsodium"));
  }
  auto store = open_store(ctx.db_url, {.connections = options.workers + 1});
  if (!store) return report(ctx, store.error());
  if (auto version = (*store)->migrate(); !version) return report(ctx, version.error());

  // Block the signals in every thread; one thread waits for them and stops the server.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  std::mutex log_mutex;
  server_options.access_log = [&](const http::AccessLogEntry& e) {
    std::lock_guard lock(log_mutex);
    *ctx.err << e.remote_address << " " << http::method_name(e.method) << " " << e.target << " "
             << e.status << " " << e.bytes << " " << e.microseconds << "us\n";
  };
  if (options.quiet) server_options.access_log = nullptr;
  web_options.base_url = "http://" + options.listen;
  web::App app(**store, web_options);
  http::Server server(app.router(), server_options);
  std::string error;
  if (!server.listen(error)) {
    return report(
        ctx, make_error(ErrorCode::usage, "detail", "--listen " + options.listen + ": " + error));
  }
  std::string url = "http://" + server_options.address + ":" + std::to_string(server.port());
  *ctx.out << "kczg: listening on " << url << std::endl;

  std::thread waiter([&] {
    int received = 0;
    sigwait(&signals, &received);
    *ctx.err << "kczg: signal " << received << ", draining\n";
    server.stop(std::chrono::seconds(10));
  });
  server.run();
  // run() also returns if the server stopped on its own; wake the waiter to let it end.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  *ctx.err << "kczg: stopped\n";
  return k_exit_ok;
}

}  // namespace kczg::cli
