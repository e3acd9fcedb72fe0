// From the review bodies' boards to the published lists' first step: a body reports its
// shortlist (报送入围名单), and the secretariat's final review (终评) decides listed or not
// listed for every shortlisted application against the proposal review/final_review.hpp
// makes. Pages, API and command line share these; the logic is in src/review.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "review/final_review.hpp"
#include "store/store.hpp"

namespace kczg::web {

struct ShortlistReport {
  int shortlisted = 0;  // of which tied_at_cut were tied across the cut: all go on
  int tied_at_cut = 0;
  int not_shortlisted = 0;
};

// The body's ranked board, cut to `size` per list and field (the list's target when
// empty, as the board shows it), moved in one transaction: the chosen and any tie across
// the cut to shortlisted — the final review decides a tie, nobody cuts it here — and the
// rest to not shortlisted. Applications already reported stay as they are. Refused with
// shortlist_unscored {count, body} while any application in scope has no submitted
// sheet, final_panel_no_shortlist {body} for the final panel, whose ranking goes to the
// final review as it is; the state machine's errors otherwise (preliminary review phase,
// review_body).
Result<ShortlistReport> report_shortlist(Store& store, const StoredCampaign& stored,
                                         const std::string& body, std::string_view size,
                                         const Actor& actor, Instant now);

// A candidate's score from the body that reviewed it before the final review.
struct PreliminaryScore {
  std::string body;
  double value = 0;
};

// A list and field the final panel covers but has not finished: `count` candidates there
// lack a sheet from someone assigned to them (or were never assigned).
struct PanelScoring {
  Coverage where;
  std::string body;
  int count = 0;
};

// What the final review reads: every preliminary body's board reduced to the applications
// shortlisted or already decided, merged per list and field, proposed against each list's
// target. Where the final panel (an approved plan) covers a list and field, its ranking
// replaces the preliminary ones once it has scored every candidate there; until then the
// list and field wait (`waiting`), shown on the preliminary ranking.
struct FinalReview {
  std::vector<review::FinalList> lists;
  std::map<long long, ApplicationSummary> applications;  // the candidates, by id
  std::map<long long, std::string> bodies;               // the body whose score each candidate has
  std::map<long long, PreliminaryScore> preliminary;     // the candidates the final panel ranks
  std::vector<PanelScoring> waiting;
  // Every body's experts' comments on each candidate, "body: comment", bodies in order.
  std::map<long long, std::vector<std::string>> comments;
};
Result<FinalReview> load_final_review(Store& store, const StoredCampaign& stored);

// The final panel's unfinished scoring where `where` is, or nullptr.
const PanelScoring* waiting_for_panel(const FinalReview& review, const Coverage& where);

// The row of `application` and its table, when it is a candidate.
struct FinalPlace {
  const review::FinalTable* table = nullptr;
  const review::FinalRow* row = nullptr;
};
FinalPlace find_candidate(const FinalReview& review, long long application);

// Listed or not listed ("listed", "not_listed"), or "reconsider" to take a decision back:
// a departure from the proposal needs a reason (final_reason_missing), reconsidering
// always does. Errors: application_not_found for an application that is no candidate,
// field_invalid {field: choice}, final_panel_scoring {body, count, list, field, where,
// where_en} while the final panel is still scoring its list and field (reconsidering
// stays open, so that a decision taken before the panel can go back to it), and the
// state machine's (final review phase, secretariat).
Result<ApplicationState> decide_final(Store& store, const StoredCampaign& stored,
                                      long long application, std::string_view choice,
                                      std::string_view reason, const Actor& actor, Instant now);

struct ProposalApplied {
  int listed = 0, not_listed = 0;
  int left = 0;  // shortlisted still: ties at a cut, for a person
};
// Every undecided candidate outside a tie at the cut decided as proposed, in one
// transaction; decided candidates, ties and where the final panel is still scoring are
// left alone.
Result<ProposalApplied> apply_final_proposal(Store& store, const StoredCampaign& stored,
                                             const Actor& actor, Instant now);

}  // namespace kczg::web
