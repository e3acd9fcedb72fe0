#include <gtest/gtest.h>

#include "web/http/http.hpp"

namespace kczg::web::http {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(Request, HeaderNamesAreCaseInsensitive) {
  Request request;
  request.headers = {{"content-type", "text/html"}, {"x-forwarded-proto", "https"}};
  EXPECT_EQ(request.header("Content-Type"), "text/html");
  EXPECT_EQ(request.header("X-FORWARDED-PROTO"), "https");
  EXPECT_EQ(request.header("accept"), "");
}

TEST(Request, CookiesAreFoundByExactName) {
  Request request;
  request.headers = {{"cookie", "xsid=wrong; sid=abc123;  lang=zh ; quoted=\"v w\""},
                     {"cookie", "csrf=t0k"}};
  EXPECT_EQ(request.cookie("sid"), "abc123");
  EXPECT_EQ(request.cookie("lang"), "zh");
  EXPECT_EQ(request.cookie("quoted"), "v w");
  EXPECT_EQ(request.cookie("csrf"), "t0k");
  EXPECT_EQ(request.cookie("id"), "");
}

TEST(Request, QueryAndPathParameters) {
  Request request;
  request.query = {{"q", "中 x"}, {"page", "2"}};
  request.path_params = {{"id", "7"}};
  EXPECT_EQ(request.query_param("page"), "2");
  EXPECT_EQ(request.query_param("q"), "中 x");
  EXPECT_EQ(request.query_param("missing"), "");
  EXPECT_EQ(request.path_param("id"), "7");
  EXPECT_EQ(request.path_param("other"), "");
}

TEST(Request, FormFieldsAreDecodedInOrder) {
  Request request;
  request.headers = {{"content-type", "application/x-www-form-urlencoded; charset=UTF-8"}};
  request.body = "name=%E7%A7%91%E6%8A%80+%E5%85%AC%E5%8F%B8&empty=&flag&&a%2Bb=1%2B1";
  EXPECT_EQ(request.form(),
            (Pairs{{"name", "科技 公司"}, {"empty", ""}, {"flag", ""}, {"a+b", "1+1"}}));
}

TEST(Request, OtherBodiesAreNotForms) {
  Request request;
  request.body = "a=1";
  EXPECT_EQ(request.form(), (Pairs{{"a", "1"}}));  // no Content-Type: taken as a form
  request.headers = {{"content-type", "application/json"}};
  EXPECT_TRUE(request.form().empty());
}

TEST(Url, DecodeKeepsMalformedEscapes) {
  EXPECT_EQ(url_decode("a%20b+c", false), "a b+c");
  EXPECT_EQ(url_decode("a%20b+c", true), "a b c");
  EXPECT_EQ(url_decode("100%", false), "100%");
  EXPECT_EQ(url_decode("%zz%4", false), "%zz%4");
  EXPECT_EQ(url_decode("%e4%B8%ad", false), "中");
}

TEST(Url, EncodeLeavesOnlyUnreservedCharacters) {
  EXPECT_EQ(url_encode("a-b_c.d~e"), "a-b_c.d~e");
  EXPECT_EQ(url_encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
  EXPECT_EQ(url_decode(url_encode("申报书 2023.pdf"), false), "申报书 2023.pdf");
}

TEST(Method, NamesAreUpperCase) {
  EXPECT_EQ(method_name(Method::get), "GET");
  EXPECT_EQ(method_name(Method::delete_), "DELETE");
  EXPECT_EQ(method_name(Method::other), "OTHER");
}

}  // namespace
}  // namespace kczg::web::http
