// Substitution during the public notice (递补): when an objection is upheld the entry goes
// off the list, and the secretariat may list the next in the final review's ranking in its
// place — a person's choice with a reason, never automatic, and only into a seat that is
// free (listed below the list's target).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/store.hpp"
#include "web/review/final_review_service.hpp"

namespace kczg::web {

struct SubstituteCandidate {
  long long application_id = 0;
  std::string field;
  int rank = 0;  // within its field, as the final review ranked it
  double score = 0;
};

// A list where an upheld objection freed a seat that is still free, and who may take it,
// best first (review::substitutes).
struct FreedSeats {
  std::string list;
  int listed = 0, target = 0;
  std::vector<SubstituteCandidate> candidates;
};

struct Substitution {
  FinalReview review;  // the candidates' applications, for pages to name them
  std::vector<FreedSeats> lists;
};
// `objections` are the campaign's (Store::objections), which the caller has read already.
Result<Substitution> freed_seats(Store& store, const StoredCampaign& stored,
                                 const std::vector<Objection>& objections);

// Lists `application` in a freed seat with `reason` (Action::substitute: secretariat,
// public notice, a reason). Errors: application_not_found for one that was never a
// final-review candidate, substitute_objected for one an upheld objection took off,
// substitute_no_seat {list, listed, target} when the list has no free seat, and the
// state machine's (not_listed only, public notice phase, reason_required).
Result<ApplicationState> substitute(Store& store, const StoredCampaign& stored,
                                    long long application, std::string_view reason,
                                    const Actor& actor, Instant now);

}  // namespace kczg::web
