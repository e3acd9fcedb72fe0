// Final review (终评): the secretariat decides, for every shortlisted application, listed
// or not listed, list by list against the target size the call sets (150 pioneer
// technologies, 50 emerging enterprises …).
//
// What it decides on is a proposal, never a decision: each list's target is shared among
// its fields in proportion to the candidates each brings, each field's candidates are
// ranked by the score their review body gave them, and the best of each field are
// proposed up to its seats. A group tied across a field's cut is proposed neither way —
// only a person can choose inside it. Any choice that departs from the proposal (listing
// one the ranking leaves out, leaving out one it proposes, any choice in a tie at the
// cut) needs a reason, which the audit log keeps. Nothing here cuts a tie or trims an
// overrun silently: pages count listed against target and show the ties.
#pragma once

#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/campaign.hpp"
#include "domain/error.hpp"
#include "review/scoring.hpp"

namespace kczg::review {

// Each field's seats of a list's `target`: in proportion to the candidates it brings,
// rounded by largest remainder (equal remainders to the field with more candidates, then
// to the earlier); every candidate when the target is not below their total. A list
// without fields has one share.
std::vector<int> field_seats(int target, std::span<const int> candidates);

struct FinalRow {
  RankedApplication entry;   // its score and rank among the field's candidates
  bool proposed = false;     // within the field's seats by the ranking
  bool tied_at_cut = false;  // in the group that straddles the cut
};

struct FinalTable {
  Coverage where;
  int seats = 0;                // of the list's target
  std::vector<FinalRow> rows;   // ranking order
  int seats_left_for_ties = 0;  // seats the tie at the cut shares, 0 without one
};

struct FinalList {
  std::string list;
  int target = 0;
  std::vector<FinalTable> tables;  // one per field, in the campaign's field order
};

// The proposal for every list of the campaign that has candidates: `rankings` are the
// candidates' rankings per list and field (several per field are merged, e.g. from two
// bodies reviewing one field jointly; an application in two counts once, by its first).
std::vector<FinalList> final_proposal(const Campaign& campaign, std::span<const Ranking> rankings);

enum class FinalChoice { listed, not_listed };
std::string_view final_choice_name(FinalChoice choice);

// Whether choosing `choice` for the row departs from the proposal.
bool departs_from_proposal(const FinalRow& row, FinalChoice choice);

// Error final_reason_missing {application, rank, seats, choice} when the choice departs
// from the proposal and `reason` is blank.
Result<void> check_final_choice(const FinalTable& table, const FinalRow& row, FinalChoice choice,
                                std::string_view reason);

// After an upheld objection (递补): who may take the freed seats of `list`, best first —
// the candidates `available` (not listed, never taken off by an objection), those of the
// fields in `freed_fields` before the rest, each group by score (higher first) and then
// by rank within its field, so the next of the same field comes first, as a notice
// names "the next in the ranking".
struct Substitute {
  const FinalTable* table = nullptr;
  const FinalRow* row = nullptr;
};
std::vector<Substitute> substitutes(const FinalList& list, const std::set<long long>& available,
                                    const std::set<std::string>& freed_fields);

}  // namespace kczg::review
