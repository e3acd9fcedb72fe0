#include <gtest/gtest.h>

#include "web/http/http.hpp"

namespace kczg::web::http {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(Response, SetHeaderReplacesWhateverTheCase) {
  Response response;
  response.headers = {{"content-type", "a"}, {"X-Other", "b"}, {"Content-Type", "c"}};
  response.set_header("Content-Type", "text/csv");
  EXPECT_EQ(response.headers, (Pairs{{"X-Other", "b"}, {"Content-Type", "text/csv"}}));
}

TEST(Response, SessionCookieHasNoMaxAge) {
  Response response;
  response.set_cookie({.name = "sid", .value = "abc"});
  EXPECT_EQ(response.headers, (Pairs{{"Set-Cookie", "sid=abc; Path=/; HttpOnly; SameSite=Lax"}}));
}

TEST(Response, PersistentSecureCookie) {
  Response response;
  response.set_cookie({.name = "lang",
                       .value = "zh",
                       .path = "/app",
                       .max_age = std::chrono::hours(24),
                       .http_only = false,
                       .secure = true,
                       .same_site = "Strict"});
  EXPECT_EQ(response.headers,
            (Pairs{{"Set-Cookie", "lang=zh; Path=/app; Max-Age=86400; Secure; SameSite=Strict"}}));
}

TEST(Response, DeletingCookieExpiresItInThePast) {
  Response response;
  response.set_cookie(
      {.name = "sid", .value = "", .max_age = std::chrono::seconds(0), .same_site = ""});
  response.set_cookie({.name = "b", .value = "2"});  // a second cookie adds a header
  ASSERT_EQ(response.headers.size(), 2u);
  EXPECT_EQ(response.headers[0].second,
            "sid=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly");
}

TEST(Response, TextAndRedirect) {
  Response text = text_response(404, "none");
  EXPECT_EQ(text.status, 404);
  EXPECT_EQ(text.body, "none");
  EXPECT_EQ(text.headers, (Pairs{{"Content-Type", "text/plain; charset=utf-8"}}));
  Response moved = redirect("/login?next=%2F");
  EXPECT_EQ(moved.status, 303);
  EXPECT_EQ(moved.headers, (Pairs{{"Location", "/login?next=%2F"}}));
  EXPECT_EQ(redirect("/x", 302).status, 302);
}

}  // namespace
}  // namespace kczg::web::http
