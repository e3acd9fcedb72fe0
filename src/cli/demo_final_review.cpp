// The demo played to the final review (`kczg demo load --stage final_review`): the demo
// campaign's preliminary review done on its own past clock — the formal check, the demo
// body's plan filed and approved, the exact assignment, every pair scored, the shortlist
// reported — so that a newcomer takes the shortlist through the final review, the public
// notice and publication in the browser. Scores are generated, spread so that the
// ranking is clear and the proposal has a real cut.
#include <algorithm>

#include "cli/commands.hpp"
#include "store/json_codec.hpp"
#include "web/formal/duplicate_check.hpp"
#include "web/formal/eligibility_check.hpp"
#include "web/review/final_review_service.hpp"
#include "web/review/review_service.hpp"

namespace kczg::cli {
namespace {

const std::string k_body = "演示·评审机构";
const Actor k_secretariat{Role::secretariat, "demo-secretariat"};
const Actor k_admin{Role::review_body, "review@demo.kczg.cn"};

// `share` of the way through the preliminary review, to whole seconds.
Instant into_review(const Campaign& campaign, double share) {
  const Phase* review = find_phase(campaign, PhaseKind::preliminary_review);
  auto span = *review->ends_at - *review->starts_at;
  return std::chrono::floor<std::chrono::seconds>(
      *review->starts_at + std::chrono::duration_cast<std::chrono::microseconds>(span * share));
}

// Eligible unless a rule fails or the item was listed before (the demo plants two).
FormalCheckDecision formal_decision(long long id, std::vector<EligibilityFinding> findings) {
  for (const EligibilityFinding& f : findings) {
    if (f.verdict == Verdict::fail ||
        (f.rule == "not_listed_before" && f.verdict != Verdict::pass)) {
      return {id, false, "与往年入选项目重复或不符合申报条件，不再纳入候选", std::move(findings)};
    }
  }
  std::string reason =
      overall_verdict(findings) == Verdict::pass ? "" : "证明材料经秘书处核验，符合申报条件";
  return {id, true, reason, std::move(findings)};
}

Result<void> formal_check(Store& s, const StoredCampaign& stored) {
  auto duplicates = web::campaign_duplicates(s, stored);
  if (!duplicates) return fail(duplicates.error());
  auto summaries = s.application_summaries(stored.id);
  if (!summaries) return fail(summaries.error());
  Instant at = into_review(stored.campaign, 0.1);
  for (const ApplicationSummary& summary : *summaries) {
    const Application& a = summary.application;
    if (a.state != ApplicationState::recommended) continue;
    auto content = s.application_content(a.id);
    if (!content) return fail(content.error());
    auto attachments = s.attachments(a.id);
    if (!attachments) return fail(attachments.error());
    auto findings =
        web::rule_findings(stored.campaign, a, store::values_from_json(*content), *attachments);
    for (EligibilityFinding& f : web::repeat_findings(stored.campaign, *duplicates, a.id)) {
      findings.push_back(std::move(f));
    }
    auto decided =
        s.decide_formal_check(formal_decision(a.id, std::move(findings)), k_secretariat, at);
    if (!decided) return fail(decided.error());
  }
  return {};
}

// An application's quality from its id, each expert a little harsher or more lenient.
double demo_score(long long application, long long expert, int criterion) {
  double quality = 4.0 + double((application * 7) % 6);
  double leaning = double((expert * 5 + criterion) % 3) - 1.0;
  return std::clamp(quality + leaning * 0.5, 0.0, 10.0);
}

Result<void> score_every_pair(Store& s, const StoredCampaign& stored) {
  auto pairs = s.assignments(stored.id, k_body);
  if (!pairs) return fail(pairs.error());
  Instant at = into_review(stored.campaign, 0.6);
  const char* const criteria[] = {"innovation", "maturity", "market_value", "team"};
  for (const ReviewAssignment& p : *pairs) {
    if (p.state != AssignmentState::assigned) continue;
    ExpertSheet sheet;
    sheet.application_id = p.application_id;
    sheet.expert_id = p.expert_id;
    for (int c = 0; c < 4; ++c) {
      sheet.scores[criteria[c]] = demo_score(p.application_id, p.expert_id, c);
    }
    sheet.comment = "技术路线清晰，产业化前景明确。";
    sheet.state = SheetState::submitted;
    if (auto r =
            s.save_sheet(sheet, {Role::expert, "demo-expert:" + std::to_string(p.expert_id)}, at);
        !r) {
      return fail(r.error());
    }
  }
  return {};
}

}  // namespace

Result<void> play_demo_review(Store& s, const StoredCampaign& stored) {
  // Played once: a body that has an assignment has been played (or is being reviewed by
  // hand), and is left as it is.
  auto pairs = s.assignments(stored.id, k_body);
  if (!pairs) return fail(pairs.error());
  if (!pairs->empty()) return {};
  if (auto r = formal_check(s, stored); !r) return r;
  if (auto r = s.act_on_review_plan(stored.id, k_body, PlanAction::file, "", k_admin,
                                    into_review(stored.campaign, 0.15));
      !r) {
    return fail(r.error());
  }
  if (auto r = s.act_on_review_plan(stored.id, k_body, PlanAction::approve, "", k_secretariat,
                                    into_review(stored.campaign, 0.2));
      !r) {
    return fail(r.error());
  }
  auto reloaded = s.campaign_by_id(stored.id);
  if (!reloaded) return fail(reloaded.error());
  auto inputs = web::body_inputs(s, *reloaded, k_body, true);
  if (!inputs) return fail(inputs.error());
  if (auto r = web::assign_and_store(s, *reloaded, k_body, *inputs, k_admin,
                                     into_review(stored.campaign, 0.25));
      !r) {
    return fail(r.error());
  }
  if (auto r = score_every_pair(s, *reloaded); !r) return r;
  // Two per field go on; the list's target, smaller than the shortlist, makes the final
  // review cut.
  if (auto r = web::report_shortlist(s, *reloaded, k_body, "2", k_admin,
                                     into_review(stored.campaign, 0.9));
      !r) {
    return fail(r.error());
  }
  return s.set_list_target(stored.id, "pioneer_tech", 3, k_secretariat,
                           into_review(stored.campaign, 0.95));
}

}  // namespace kczg::cli
