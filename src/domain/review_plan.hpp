// Review plans (评审方案): how a review body reviews its lists and fields — criteria and
// weights, panel size and mix, expert load, how scores combine. A body files its plan with
// the secretariat (报送备案), which approves it or returns it with a reason; review starts
// only under an approved plan.
//
// Review bodies themselves (ReviewBody, with the (list, field) pairs each covers) are part
// of the campaign: see domain/campaign.hpp.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/application_state.hpp"
#include "domain/campaign.hpp"
#include "domain/error.hpp"
#include "domain/expert.hpp"

namespace kczg {

// Whether `body` reviews `list`/`field`: a coverage with field "" takes the whole list.
bool body_covers(const ReviewBody& body, std::string_view list, std::string_view field);
// The bodies that review `list`/`field` (green_low_carbon has two), in campaign order.
std::vector<const ReviewBody*> bodies_for(const Campaign& campaign, std::string_view list,
                                          std::string_view field);

// One thing experts score, e.g. innovation 30, maturity 25, market value 25, team 20.
struct Criterion {
  std::string code;  // unique within a plan, e.g. "innovation"
  std::string name_zh;
  std::string name_en;
  int weight = 0;  // points of the 100 a sheet's total has; a plan's weights sum to 100
  // The scale experts score on; a score s counts (s - scale_min) / (scale_max - scale_min)
  // of the weight.
  double scale_min = 0;
  double scale_max = 10;

  bool operator==(const Criterion&) const = default;
};

// A final panel's coverage against the other final panels': one panel ranks each list and
// field. Error final_panel_overlap {body, other, list, where, where_en}; nothing for a
// body that is no final panel.
Result<void> check_final_panel(const Campaign& campaign, const ReviewBody& panel);

// How an application's sheets combine into its score (see review/scoring.hpp).
enum class Aggregation {
  mean,
  trimmed_mean,  // without the highest and the lowest total once there are 4 or more
  zscore,        // each expert's totals calibrated against that expert's own scale
};

std::string_view aggregation_name(Aggregation aggregation);
std::optional<Aggregation> aggregation_from_name(std::string_view name);

enum class PlanState {
  draft,     // the body is writing it
  filed,     // with the secretariat (备案), read-only
  approved,  // review may start
  returned,  // sent back with a reason; the body edits and files again
};

std::string_view plan_state_name(PlanState state);
std::optional<PlanState> plan_state_from_name(std::string_view name);

struct ReviewPlan {
  long long id = 0;  // 0 until stored
  std::string body;  // the ReviewBody's name
  // What this plan reviews; empty means everything the body covers.
  std::vector<Coverage> covers;
  PlanState state = PlanState::draft;
  std::string return_reason;  // the secretariat's, while returned
  std::vector<Criterion> criteria;
  int experts_per_application = 5;  // k
  int max_load = 30;                // applications one expert reviews at most
  // Per application, at least this many experts of the sector; absent sectors need none.
  std::map<Sector, int> sector_minimums;
  Aggregation aggregation = Aggregation::trimmed_mean;

  bool operator==(const ReviewPlan&) const = default;
};

// What the plan reviews: its own coverage, or the body's whole coverage when it names none.
const std::vector<Coverage>& plan_coverage(const ReviewPlan& plan, const ReviewBody& body);

// Every problem with the plan's content, empty when it can be filed. Each error has
// param "field" naming the plan field ("criteria", "criteria[2].weight",
// "experts_per_application", "max_load", "sector_minimums.industry") and names the value
// and its limit:
//   plan_no_criteria;
//   plan_criterion_code_missing {position}; plan_criterion_duplicate {criterion, other};
//   plan_criterion_name_missing {criterion, position, language ("zh" or "en"), language_zh,
//     language_en (the language as each catalog names it)};
//   plan_weight_not_positive {criterion, name_zh, name_en, value};
//   plan_scale_invalid {criterion, name_zh, name_en, min, max};
//   plan_weights_sum {sum, expected};
//   plan_experts_too_few {value, min}; plan_load_too_small {value, min};
//   plan_sector_minimum_negative {sector, sector_zh, sector_en, value};
//   plan_sector_mix_exceeds_k {sum, k, academia, industry, investment}.
// Positions count from 1, as people do.
std::vector<Error> validate_plan(const ReviewPlan& plan);

// The plan's body and coverage against the campaign's: review_body_unknown {body};
// plan_coverage_outside {body, list, field} for each coverage the body does not have.
std::vector<Error> check_plan_body(const Campaign& campaign, const ReviewPlan& plan);

enum class PlanAction {
  file,     // review_body: draft or returned → filed, when validate_plan finds nothing
  approve,  // secretariat: filed → approved
  return_,  // secretariat: filed → returned, with a reason ("return" is a keyword)
};

std::string_view plan_action_name(PlanAction action);

// The plan after `action` by `actor`. Errors, in this order: transition_from_state
// {action, state}, transition_role {action, role, actor_role}, transition_reason_missing
// {action}; for `file`, every problem validate_plan finds. Filing clears the previous
// return reason (the audit log keeps it).
std::expected<ReviewPlan, std::vector<Error>> apply_plan_action(ReviewPlan plan, PlanAction action,
                                                                Role actor,
                                                                std::string_view reason = {});

// Error plan_not_approved {state} unless review may start under the plan.
Result<void> check_review_can_start(const ReviewPlan& plan);
// Error plan_locked {state} unless the body may edit the plan (draft or returned).
Result<void> check_plan_editable(const ReviewPlan& plan);

// Whether the expert pool can staff the plan at all — a hint before assignment, from
// counting alone (conflicts and declines can only make it worse). For the whole pool and
// for each sector with a minimum: `reviews` to give and the experts `needed` to give
// them without anyone passing max_load, nor one application seeing an expert twice.
struct StaffingNeed {
  std::optional<Sector> sector;  // nullopt: the whole pool
  long long reviews = 0;         // k × applications, or the sector's minimum × applications
  long long capacity = 0;        // available × max_load
  int available = 0;             // experts
  int needed = 0;                // experts
  int shortfall = 0;             // needed − available, or 0
};

struct Feasibility {
  bool feasible = true;
  std::vector<StaffingNeed> needs;  // the pool first, then sectors in k_sectors order
  // One per shortfall, for the page: plan_pool_short {needed, available, shortfall,
  // reviews, capacity, max_load} and plan_sector_short {sector, sector_zh, sector_en, needed,
  // available, shortfall, reviews, capacity, minimum}.
  std::vector<Error> problems;
};

// REQUIRES: validate_plan(plan) is empty; applications >= 0.
Feasibility check_feasibility(const ReviewPlan& plan, const std::map<Sector, int>& experts,
                              int applications);

// A score or scale bound as messages show it: the shortest text that reads back as the
// same number ("8.5", "10", "-1").
std::string format_number(double value);

}  // namespace kczg
