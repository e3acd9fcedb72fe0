// Preliminary review as the pages, the API and the command line drive it: which body or
// pool entry an account acts for, the records an assignment run reads, an expert's sheet
// checked against the plan and the deadline, and a body's ranked board. The logic itself
// (conflicts, affinity, assignment, calibration) is in src/review.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "i18n/catalog.hpp"
#include "review/review_run.hpp"
#include "review/scoring.hpp"
#include "store/store.hpp"

namespace kczg::web {

// The body a review_body account administers, and the pool entry an expert account reads
// as: forbidden {role} for an account linked to none.
Result<ReviewBodyRef> administered_body(Store& store, const Account& account);
Result<ExpertRef> reading_expert(Store& store, const Account& account);

// Everything one assignment run of `body` reads: the applications in its plan's scope, its
// pool, declared conflicts, pair rules and declined pairs. The plan must exist and be
// valid (its first problem otherwise), and be approved when `approved`.
Result<review::AssignmentInputs> body_inputs(Store& store, const StoredCampaign& stored,
                                             const std::string& body, bool approved);

// Runs the assignment on `inputs` (body_inputs with approval) and stores it for `body`.
Result<review::AssignmentRun> assign_and_store(Store& store, const StoredCampaign& stored,
                                               const std::string& body,
                                               const review::AssignmentInputs& inputs,
                                               const Actor& actor, Instant now);

// A manual swap (换人) after optimising: `from` no longer reads `application`, `to` does.
// Stored only when it breaks no rule; otherwise the violations come back and nothing
// changes. `inputs` are the body's (body_inputs with approval), which violation_text
// reads too. Errors those of review::reassign and Store::replace_assignments.
Result<review::Reassignment> swap_and_store(Store& store, const StoredCampaign& stored,
                                            const std::string& body,
                                            const review::AssignmentInputs& inputs,
                                            long long application, long long from, long long to,
                                            const Actor& actor, Instant now);

// A broken rule as people read it, naming applications and experts by their ids.
std::string violation_text(const review::AssignmentInputs& inputs, const review::Violation& v,
                           Lang lang);

// When `body`'s experts stop scoring, if the campaign states it: the end of preliminary
// review, or of the final review for the final panel.
std::optional<Instant> review_deadline(const Campaign& campaign, std::string_view body);

// What an expert sends for one application: scores by criterion code, a comment, and
// whether this is the final submission.
struct SheetInput {
  std::map<std::string, double> scores;
  std::string comment;
  bool submit = false;
};

// Saves the expert's sheet for `application`. Refused, with nothing saved: review_closed
// {deadline} after the body's review deadline; plan_not_approved before the plan is
// approved; the store's assignment_missing / sheet_submitted; and every problem
// review::check_sheet finds (a draft may leave criteria out, a submission may not).
Result<ExpertSheet> save_expert_sheet(Store& store, const ExpertRef& expert, long long application,
                                      const SheetInput& input, const Actor& actor, Instant now,
                                      std::vector<Error>* problems = nullptr);

// An expert's progress, for the body admin.
struct ExpertProgress {
  Expert expert;
  int assigned = 0;   // pairs they read (declined ones excluded)
  int submitted = 0;  // of those, sheets submitted
  int declined = 0;
};

// The body's ranked board: every submitted sheet calibrated under the plan's criteria,
// one ranking per list and field with all three aggregations, and the shortlist.
struct Board {
  ReviewPlan plan;
  review::Calibration calibration;
  std::vector<review::Ranking> rankings;
  std::map<long long, ApplicationSummary> applications;  // in scope, by id
  std::map<long long, Expert> experts;                   // the pool, by id
  std::vector<ExpertProgress> progress;                  // by expert id
  int assigned = 0, submitted = 0;                       // pairs and submitted sheets
  // Applications someone assigned to them has not submitted a sheet for yet.
  std::set<long long> pending;
  // The experts' comments on submitted sheets, by application, in expert id order.
  std::map<long long, std::vector<std::string>> comments;
};
Result<Board> body_board(Store& store, const StoredCampaign& stored, const std::string& body);

// The shortlist size for a ranking: `requested` when given, else the list's target size.
// Errors shortlist_size_invalid {value, max} for a number outside 1..10000.
Result<int> shortlist_size(const Campaign& campaign, const review::Ranking& ranking,
                           std::string_view requested);

}  // namespace kczg::web
