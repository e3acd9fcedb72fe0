#include <gtest/gtest.h>

#include "web/http/http.hpp"

namespace kczg::web::http {
namespace {

Handler answer(std::string text) {
  return [text](Request&) { return text_response(200, text); };
}

std::string run(const Router::Match& match) {
  Request request;
  return match.handler ? (*match.handler)(request).body : "<none>";
}

TEST(Router, ExactSegmentWinsOverParameterWhateverTheOrder) {
  Router router;
  router.add(Method::get, "/accounts/{id}", answer("show"), 0);
  router.add(Method::get, "/accounts/new", answer("new"), 0);
  EXPECT_EQ(run(router.match(Method::get, "/accounts/new")), "new");
  Router::Match other = router.match(Method::get, "/accounts/42");
  EXPECT_EQ(run(other), "show");
  EXPECT_EQ(other.params, (std::map<std::string, std::string>{{"id", "42"}}));
}

TEST(Router, ParametersComeFromEverySegment) {
  Router router;
  router.add(Method::post, "/campaigns/{campaign}/lists/{list}", answer("x"), 4096);
  Router::Match match = router.match(Method::post, "/campaigns/2023/lists/pioneer_tech");
  ASSERT_NE(match.handler, nullptr);
  EXPECT_EQ(match.body_limit, 4096u);
  EXPECT_EQ(match.params,
            (std::map<std::string, std::string>{{"campaign", "2023"}, {"list", "pioneer_tech"}}));
}

TEST(Router, UnknownPathIsNotFoundAndOtherMethodIsNotAllowed) {
  Router router;
  router.add(Method::get, "/a/{id}", answer("a"), 0);
  Router::Match missing = router.match(Method::get, "/b/1");
  EXPECT_EQ(missing.handler, nullptr);
  EXPECT_FALSE(missing.method_not_allowed);
  Router::Match wrong = router.match(Method::delete_, "/a/1");
  EXPECT_EQ(wrong.handler, nullptr);
  EXPECT_TRUE(wrong.method_not_allowed);
}

TEST(Router, ParameterNeedsANonEmptySegment) {
  Router router;
  router.add(Method::get, "/a/{id}", answer("a"), 0);
  router.add(Method::get, "/", answer("root"), 0);
  EXPECT_EQ(router.match(Method::get, "/a/").handler, nullptr);
  EXPECT_EQ(router.match(Method::get, "/a").handler, nullptr);
  EXPECT_EQ(router.match(Method::get, "/a/1/").handler, nullptr);
  EXPECT_EQ(router.match(Method::get, "/a/1/2").handler, nullptr);
  EXPECT_EQ(run(router.match(Method::get, "/")), "root");
  EXPECT_EQ(router.match(Method::get, "").handler, nullptr);
  EXPECT_EQ(router.match(Method::get, "*").handler, nullptr);
}

TEST(Router, HeadUsesTheGetRouteUnlessItHasItsOwn) {
  Router router;
  router.add(Method::get, "/page", answer("get"), 0);
  router.add(Method::get, "/special", answer("get"), 0);
  router.add(Method::head, "/special", answer("head"), 0);
  EXPECT_EQ(run(router.match(Method::head, "/page")), "get");
  EXPECT_EQ(run(router.match(Method::head, "/special")), "head");
  EXPECT_TRUE(router.match(Method::post, "/page").method_not_allowed);
}

TEST(Router, MethodIsMatchedBeforeSpecificity) {
  // POST /accounts/new has no route of its own, so the POST parameter route takes it.
  Router router;
  router.add(Method::get, "/accounts/new", answer("new"), 0);
  router.add(Method::post, "/accounts/{id}", answer("update"), 0);
  EXPECT_EQ(run(router.match(Method::post, "/accounts/new")), "update");
}

TEST(Router, RoutesAreListedInRegistrationOrder) {
  Router router;
  router.add(Method::post, "/b", answer("b"), 0);
  router.add(Method::get, "/a/{id}", answer("a"), 0);
  std::vector<std::pair<Method, std::string>> expected{{Method::post, "/b"},
                                                       {Method::get, "/a/{id}"}};
  EXPECT_EQ(router.routes(), expected);
}

}  // namespace
}  // namespace kczg::web::http
