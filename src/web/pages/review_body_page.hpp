// The review body admin's page at /review, shared by the handlers that answer with it
// (review_pages.cpp: plan and assignment; review_pool_pages.cpp: pool and aliases).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "web/app.hpp"

namespace kczg::web {

struct BodyContext {
  ReviewBodyRef body;
  StoredCampaign campaign;
  std::optional<ReviewPlan> plan;
};

// The body the caller administers, its campaign and plan. Errors those of
// administered_body and the store.
Result<BodyContext> load_administered_body(App& app, const Caller& caller);

// What a handler shows on the page besides the stored state.
struct BodyPageState {
  std::optional<ReviewPlan> entered;  // the plan form as sent, when it is shown again
  std::vector<Error> errors;
  std::string notice;
  std::vector<std::string> unstaffed;  // after a run
  int status = 200;
};

// The page with `state`; the caller's body from its account.
http::Response review_body_page(App& app, const Caller& caller, const http::Request& request,
                                const BodyPageState& state);

}  // namespace kczg::web
