// Percent-decoding by hand: Boost.URL's decoders reject malformed escapes, but a server
// must keep going on "%zz" from a sloppy client, so bad escapes pass through unchanged.
#include "web/http/url.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "web/http/http.hpp"

namespace kczg::web::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string url_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%' && i + 2 < text.size()) {
      int high = hex_value(text[i + 1]);
      int low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_is_space && c == '+' ? ' ' : c);
  }
  return out;
}

std::string url_encode(std::string_view text) {
  // Everything but RFC 3986 unreserved characters, so the result is safe in a path
  // segment and in a query value alike.
  return boost::urls::encode(text, boost::urls::unreserved_chars);
}

std::vector<std::pair<std::string, std::string>> parse_urlencoded(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> fields;
  while (!text.empty()) {
    std::size_t amp = text.find('&');
    std::string_view piece = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (piece.empty()) continue;
    std::size_t eq = piece.find('=');
    if (eq == std::string_view::npos) {
      fields.emplace_back(url_decode(piece, true), std::string());
    } else {
      fields.emplace_back(url_decode(piece.substr(0, eq), true),
                          url_decode(piece.substr(eq + 1), true));
    }
  }
  return fields;
}

SplitTarget split_target(std::string_view target) {
  // A fragment never reaches a server from a browser; drop one from hand-made requests.
  target = target.substr(0, target.find('#'));
  std::size_t q = target.find('?');
  if (q == std::string_view::npos) return {target, {}};
  return {target.substr(0, q), target.substr(q + 1)};
}

}  // namespace kczg::web::http
