// One assignment run of a review body, from the campaign's records to the engine and back:
// the applications in the body's scope and the expert pool become conflict parties, texts
// for the affinity index and a min-cost-flow problem under the body's plan. Pure: the CLI
// and the pages load the records and store the result.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/application.hpp"
#include "domain/expert.hpp"
#include "domain/review_assignment.hpp"
#include "domain/review_plan.hpp"
#include "review/assignment.hpp"
#include "review/conflicts.hpp"

namespace kczg::review {

// An application as review sees it: who applies, through which unit, and what it says.
struct ReviewCandidate {
  Application application;
  std::string applicant_name;
  std::string applicant_uscc;
  std::string unit_name;
  std::string unit_uscc;
  std::map<std::string, std::string> values;  // the form's
};

struct AssignmentInputs {
  ReviewPlan plan;
  std::vector<ReviewCandidate> applications;
  std::vector<Expert> experts;
  std::vector<DeclaredConflict> declared;
  std::vector<PairRuleEntry> rules;
  // Pairs an expert declined: never handed back to them.
  std::vector<ReviewAssignment> declined;
  std::vector<OrganisationAlias> aliases;  // 简称 the body admin knows of
};

struct AssignmentRun {
  AssignmentResult result;  // indices into inputs.applications and inputs.experts
  std::vector<Conflict> conflicts;
  std::vector<ReviewAssignment> assignments;  // by record ids, with their affinity
  double conflict_seconds = 0, affinity_seconds = 0, assignment_seconds = 0;
};

// Whether review of `application` falls to `body` reviewing `covers` (the body's or its
// plan's): its list/field, in a state the body reads — recommended, eligible or under
// review for a preliminary body; shortlisted for the final panel.
bool in_review_scope(const ReviewBody& body, const std::vector<Coverage>& covers,
                     const Application& application);
// The same, or past it: what the body's board ranks and its admin may still read — for a
// preliminary body shortlisted or not and the final review's decisions after that, for
// the final panel those decisions.
bool in_review_results(const ReviewBody& body, const std::vector<Coverage>& covers,
                       const Application& application);

// The parties conflict detection compares with experts: applicant, holders and named
// organisations of the form (split at 、;，；), persons, and the recommending unit.
ApplicationParties parties_of(const ReviewCandidate& candidate);

// The engine's problem for `inputs`: conflicts found, affinity computed, the plan's k,
// load and sector mix, the admin's pair rules and the declined pairs. Indices follow
// inputs.applications and inputs.experts.
struct PreparedAssignment {
  AssignmentProblem problem;
  std::vector<Conflict> conflicts;
  double conflict_seconds = 0, affinity_seconds = 0;
};
PreparedAssignment prepare_assignment(const AssignmentInputs& inputs);

// Runs conflicts, affinity and the exact assignment under the plan (k, load, sector mix).
// Errors those of assign_experts.
Result<AssignmentRun> run_assignment(const AssignmentInputs& inputs);

// Why each pair reads what it reads, for the body admin: the phrases the application and
// the expert's profile share, largest contribution first ("存算一体 4.21；芯片 1.80"), at
// most `max_terms`; "" for a pair without shared terms or outside the inputs.
std::vector<std::string> explain_pairs(const AssignmentInputs& inputs,
                                       const std::vector<ReviewAssignment>& pairs,
                                       std::size_t max_terms = 5);

// A manual change after optimising (换人): `expert_from` no longer reads `application` and
// `expert_to` does. The assignment it would give, with every rule it would break (empty:
// it may be stored). Errors application_not_found, expert_not_found, assignment_missing
// {expert, application} when expert_from does not read it.
struct Reassignment {
  std::vector<ReviewAssignment> assignments;  // `current` with the change
  std::vector<Violation> violations;
};
Result<Reassignment> reassign(const AssignmentInputs& inputs,
                              const std::vector<ReviewAssignment>& current, long long application,
                              long long expert_from, long long expert_to);

}  // namespace kczg::review
