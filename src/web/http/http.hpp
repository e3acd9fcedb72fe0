// kczg's own small HTTP types. Handlers see only these; Boost.Beast stays inside
// src/web/http/*.cpp so that handler translation units compile fast.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kczg::web::http {

enum class Method { get, head, post, put, patch, delete_, options, other };

std::string_view method_name(Method method);

struct Request {
  Method method = Method::get;
  std::string target;                                        // as received: path and query
  std::string path;                                          // percent-decoded path, no query
  std::vector<std::pair<std::string, std::string>> query;    // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::map<std::string, std::string> path_params;            // from the route pattern
  std::string body;
  std::string remote_address;  // peer IP, no port
  bool secure = false;         // served over TLS (kczg itself speaks plain HTTP; see Server)

  // Empty when absent. Header names are case-insensitive.
  std::string_view header(std::string_view name) const;
  std::string_view query_param(std::string_view name) const;
  std::string_view cookie(std::string_view name) const;
  std::string_view path_param(std::string_view name) const;
  // The path parameter as a number (an id): 0 when absent or not one.
  long long path_number(std::string_view name) const;
  // application/x-www-form-urlencoded body fields, decoded, in order.
  std::vector<std::pair<std::string, std::string>> form() const;
};

struct Cookie {
  std::string name;
  std::string value;
  std::string path = "/";
  std::chrono::seconds max_age{-1};  // negative: session cookie; zero: delete
  bool http_only = true;
  bool secure = false;
  std::string same_site = "Lax";
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // A body too large to hold at once (an export of the whole audit log): when set, `body`
  // is sent first and then every piece this returns until nullopt, chunked (HTTP/1.1) or
  // up to the connection's close (HTTP/1.0). Called on a worker thread, one call at a time;
  // a call that throws cuts the body short, so the client sees it incomplete.
  std::function<std::optional<std::string>()> stream;

  void set_header(std::string name, std::string value);  // replaces a header of that name
  void set_cookie(const Cookie& cookie);                 // adds a Set-Cookie header
};

Response text_response(int status, std::string body,
                       std::string content_type = "text/plain; charset=utf-8");
Response redirect(std::string location, int status = 303);

using Handler = std::function<Response(Request&)>;
// Answers from memory on the I/O thread, or declines (nullopt) and the request goes to
// the worker pool as usual. For pages served to everyone from a cache: the hand-off to a
// worker costs more than such a page (DESIGN §5, docs/performance.md). Must never block.
using FastHandler = std::function<std::optional<Response>(const Request&)>;

// Routes match exact segments and {name} parameters: "/api/v1/applications/{id}".
// A path that matches a pattern under another method answers 405; none answers 404.
class Router {
 public:
  void add(Method method, std::string pattern, Handler handler, std::size_t body_limit,
           FastHandler fast = {});
  struct Match {
    const Handler* handler = nullptr;   // nullptr: not found or method not allowed
    const FastHandler* fast = nullptr;  // nullptr: the route has no fast path
    std::size_t body_limit = 0;
    std::map<std::string, std::string> params;
    bool method_not_allowed = false;
  };
  Match match(Method method, std::string_view path) const;
  // Every (method, pattern) in registration order; the authorization matrix test walks it.
  std::vector<std::pair<Method, std::string>> routes() const;

 private:
  struct Entry {
    Method method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
    std::size_t body_limit;
    FastHandler fast;
  };
  std::vector<Entry> m_entries;
};

struct AccessLogEntry {
  std::string remote_address;
  Method method;
  std::string target;
  int status;
  std::size_t bytes;       // response body bytes sent (0 for HEAD, 304)
  long long microseconds;  // from the request's first byte read to the response written
};

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;           // 0: any free port (see Server::port)
  int io_threads = 1;                   // Asio threads doing socket I/O
  int workers = 4;                      // handler threads (blocking database work runs here)
  std::size_t worker_queue = 4096;      // requests waiting for a worker; beyond it: 503
  std::size_t max_connections = 10000;  // beyond it new connections are closed at once
  std::size_t header_limit = 16 * 1024;
  std::chrono::seconds read_timeout{30};  // whole request, headers and body
  std::chrono::seconds write_timeout{30};
  std::chrono::seconds idle_timeout{60};                  // keep-alive wait for the next request
  std::function<void(const AccessLogEntry&)> access_log;  // called on a worker or I/O thread
  // Applied to every response, the server's own 404/405/413/503 included (e.g. security
  // headers). Called on I/O threads: must be cheap and thread-safe.
  std::function<void(Response&)> decorate;
};

// Thread-safe: stop() may be called from any thread or a signal-handling thread.
class Server {
 public:
  Server(Router router, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. Returns false (with `error` set) when the address is taken.
  bool listen(std::string& error);
  unsigned short port() const;  // the bound port, after listen()
  // Serves until stop(); then stops accepting, lets in-flight requests finish (up to
  // `drain`), closes idle keep-alive connections, and returns.
  void run();
  void stop(std::chrono::seconds drain = std::chrono::seconds(10));
  std::size_t open_connections() const;
  // Connections closed at once because max_connections were open.
  std::size_t rejected_connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// Static files under `root` (no "..", no symlinks out of it), with Content-Type by
// extension, ETag and Last-Modified, 304 on If-None-Match, and
// Cache-Control: public, max-age=`max_age`.
Response static_file(const std::string& root, std::string_view relative_path,
                     const Request& request, std::chrono::seconds max_age);

// Percent-decoding for paths and query/form values ('+' is a space only in forms).
std::string url_decode(std::string_view text, bool plus_is_space);
std::string url_encode(std::string_view text);

}  // namespace kczg::web::http
