// kczg review appoint|plan|file|approve|return|show: review bodies and their plans from the
// command line, for a secretariat (and a body's admin) working without the pages.
#include <algorithm>
#include <fstream>
#include <ostream>
#include <sstream>

#include "cli/commands.hpp"
#include "review/review_run.hpp"
#include "store/json_codec.hpp"

namespace kczg::cli {
namespace {

// The CLI acts for the body's admin when filing: the audit row says who ran it and for whom.
Actor body_admin(const Context& ctx, const std::string& body) {
  return Actor{Role::review_body, ctx.actor.name + " for " + body};
}

int print_problems(const Context& ctx, const std::vector<Error>& problems) {
  for (const Error& e : problems) *ctx.err << message(e, ctx.lang) << "\n";
  return problems.empty() ? k_exit_ok : k_exit_bad_input;
}

}  // namespace

int run_review_appoint(const Context& ctx, const std::string& body,
                       const std::vector<std::string>& covers, bool final_panel) {
  ReviewBody appointed{body, "", false, {}, final_panel};
  for (const std::string& cover : covers) {
    auto slash = cover.find('/');
    appointed.covers.push_back(
        {cover.substr(0, slash), slash == std::string::npos ? "" : cover.substr(slash + 1)});
  }
  auto store = open_migrated(ctx);
  if (!store) return report(ctx, store.error());
  auto campaign = (*store)->latest_campaign_id();
  if (!campaign) return report(ctx, campaign.error());
  if (auto r = (*store)->appoint_review_body(*campaign, appointed, ctx.actor, now()); !r) {
    return report(ctx, r.error());
  }
  *ctx.out << ctx.text("ui.body_appointed", {{"body", body}}) << "\n";
  return k_exit_ok;
}

int run_review_plan(const Context& ctx, const std::string& body,
                    const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return report(ctx, make_error(ErrorCode::file_unreadable, "path", file.string(), "detail",
                                  "cannot open"));
  }
  std::stringstream text;
  text << in.rdbuf();
  ReviewPlan plan;
  plan.body = body;
  store::plan_content_from_json(text.str(), plan);
  auto store = open_migrated(ctx);
  if (!store) return report(ctx, store.error());
  auto campaign = (*store)->latest_campaign_id();
  if (!campaign) return report(ctx, campaign.error());
  auto saved = (*store)->save_review_plan(*campaign, plan, body_admin(ctx, body), now());
  if (!saved) return report(ctx, saved.error());
  *ctx.out << ctx.text("ui.plan_saved", {{"body", body}}) << "\n";
  // A draft may be incomplete; what filing would refuse is said now, not at filing.
  print_problems(ctx, validate_plan(*saved));
  return k_exit_ok;
}

int run_review_action(const Context& ctx, const std::string& body, PlanAction action,
                      const std::string& reason) {
  auto store = open_migrated(ctx);
  if (!store) return report(ctx, store.error());
  auto campaign = (*store)->latest_campaign_id();
  if (!campaign) return report(ctx, campaign.error());
  Actor actor = action == PlanAction::file ? body_admin(ctx, body) : ctx.actor;
  if (action == PlanAction::file) {
    // Filing refuses an incomplete plan; every problem is listed, not just the first.
    auto plan = (*store)->review_plan(*campaign, body);
    if (!plan) return report(ctx, plan.error());
    if (*plan) {
      if (int rc = print_problems(ctx, validate_plan(**plan)); rc != k_exit_ok) return rc;
    }
  }
  auto done = (*store)->act_on_review_plan(*campaign, body, action, reason, actor, now());
  if (!done) return report(ctx, done.error());
  *ctx.out << ctx.text("ui.plan_state",
                       {{"body", body},
                        {"state",
                         ctx.text("plan_state." + std::string(plan_state_name(done->state)), {})}})
           << "\n";
  return k_exit_ok;
}

int run_review_show(const Context& ctx, const std::string& body) {
  auto store = open_migrated(ctx);
  if (!store) return report(ctx, store.error());
  auto stored = (*store)->latest_campaign();
  if (!stored) return report(ctx, stored.error());
  auto plan = (*store)->review_plan(stored->id, body);
  if (!plan) return report(ctx, plan.error());
  auto experts = (*store)->experts(stored->id, body);
  if (!experts) return report(ctx, experts.error());
  std::map<Sector, int> pool;
  for (const Expert& e : *experts) ++pool[e.sector];
  if (!*plan) {
    *ctx.out << ctx.text("ui.plan_none", {{"body", body}}) << "\n";
    return k_exit_ok;
  }
  *ctx.out << ctx.text(
                  "ui.plan_state",
                  {{"body", body},
                   {"state",
                    ctx.text("plan_state." + std::string(plan_state_name((*plan)->state)), {})}})
           << "\n"
           << store::plan_content_to_json(**plan) << "\n";
  auto summaries = (*store)->application_summaries(stored->id, {});
  if (!summaries) return report(ctx, summaries.error());
  const ReviewPlan& p = **plan;
  const ReviewBody* reviewer = find_review_body(stored->campaign, body);
  if (!reviewer) return report(ctx, make_error(ErrorCode::review_body_unknown, "body", body));
  const std::vector<Coverage>& covers = plan_coverage(p, *reviewer);
  int applications = 0;
  for (const ApplicationSummary& s : *summaries) {
    applications += review::in_review_scope(*reviewer, covers, s.application);
  }
  *ctx.out << ctx.text("ui.plan_pool", {{"experts", std::to_string(experts->size())},
                                        {"applications", std::to_string(applications)}})
           << "\n";
  if (validate_plan(p).empty())
    print_problems(ctx, check_feasibility(p, pool, applications).problems);
  return k_exit_ok;
}

}  // namespace kczg::cli
