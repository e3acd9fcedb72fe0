// Static assets (CSS, JS, fonts, icons). They are small and few, so each is read whole;
// nginx may serve them instead in production, and this keeps the same headers.
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "web/http/ascii.hpp"
#include "web/http/http.hpp"
#include "web/http/server_responses.hpp"

namespace kczg::web::http {
namespace {

namespace fs = std::filesystem;

// Refuses what could leave `root` by name: "..", absolute paths, NUL (which would cut
// the name short in the C library) and backslashes. Symlinks are checked after
// resolution.
bool acceptable(std::string_view relative) {
  return !relative.empty() && relative.front() != '/' &&
         relative.find("..") == std::string_view::npos &&
         relative.find('\0') == std::string_view::npos &&
         relative.find('\\') == std::string_view::npos;
}

std::string_view content_type(const fs::path& path) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 10> k_types{{
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".json", "application/json"},
      {".html", "text/html; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".pdf", "application/pdf"},
  }};
  std::string extension = ascii_lower(path.extension().string());
  for (const auto& [ext, type] : k_types) {
    if (ext == extension) return type;
  }
  return "application/octet-stream";
}

// RFC 9110 IMF-fixdate, written by hand: strftime would follow the process locale.
std::string http_date(std::time_t time) {
  static constexpr const char* k_days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* k_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::tm tm{};
  gmtime_r(&time, &tm);
  char text[40];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", k_days[tm.tm_wday],
                tm.tm_mday, k_months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return text;
}

// If-None-Match: "*" or a list of entity tags, compared weakly (RFC 9110 §13.1.2).
bool etag_matches(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    std::size_t comma = header.find(',');
    std::string_view tag = trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
  }
  return false;
}

bool inside(const fs::path& root, const fs::path& path) {
  auto [root_end, path_end] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return root_end == root.end();
}

}  // namespace

Response static_file(const std::string& root, std::string_view relative_path,
                     const Request& request, std::chrono::seconds max_age) {
  if (!acceptable(relative_path)) return error_response(404);
  std::error_code error;
  fs::path base = fs::canonical(root, error);
  if (error) return error_response(404);
  fs::path file = fs::canonical(base / fs::path(relative_path), error);
  if (error || !inside(base, file)) return error_response(404);
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return error_response(404);

  // Size and nanosecond mtime change whenever a deploy replaces the file.
  char etag[64];
  std::snprintf(etag, sizeof etag, "\"%llx-%llx%09lx\"",
                static_cast<unsigned long long>(info.st_size),
                static_cast<unsigned long long>(info.st_mtim.tv_sec),
                static_cast<unsigned long>(info.st_mtim.tv_nsec));
  Response response;
  response.headers = {{"ETag", etag},
                      {"Last-Modified", http_date(info.st_mtim.tv_sec)},
                      {"Cache-Control", "public, max-age=" + std::to_string(max_age.count())}};
  if (etag_matches(request.header("if-none-match"), etag)) {
    response.status = 304;
    return response;
  }
  std::ifstream in(file, std::ios::binary);
  std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return error_response(500);
  response.body = std::move(body);
  response.headers.emplace_back("Content-Type", std::string(content_type(file)));
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return response;
}

}  // namespace kczg::web::http
