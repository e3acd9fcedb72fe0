// Demands and matches (供需对接) as pages, API and command line use them: who may post,
// review, read and act; the matcher run when a demand is approved, proposing the best
// listed items and mailing both sides; a listed entry's open demands, best first; the two
// sides of a match saying they want to talk, and its steps to an agreement.
#pragma once

#include <memory>
#include <mutex>

#include "match/demand_match.hpp"
#include "match/docking_statistics.hpp"
#include "store/store.hpp"
#include "web/library/library_service.hpp"

namespace kczg::web {

// A match is proposed (and both sides mailed) for the best listed items scoring at least
// this, at most k_notify_max of them; the score is text scaled to the demand's best (1)
// plus the field, region and maturity bonuses.
inline constexpr double k_notify_score = 0.9;
inline constexpr std::size_t k_notify_max = 5;

// The account as the domain's rules see it on demands.
DemandActor demand_actor_of(const Account& account);
// The secretariat, or the pilot city admin of the demand's province.
bool reviews_demand(const Account& account, const Demand& demand);
// Open demands are public; the others only to their poster and reviewers.
bool may_read_demand(const Account* account, const Demand& demand);
// The contact is the poster's and the reviewers'; a holder sees it on a match both sides
// answered, never here.
bool may_see_contact(const Account* account, const Demand& demand);

// A demand posted by `account` (an applicant, a pilot city admin or the secretariat),
// stored pending. Errors forbidden {role}, validate_demand's first problem (pages show all
// with validate_demand), the store's.
Result<long long> post_demand_as(Store& store, const Account& account, Demand demand,
                                 const Actor& actor, Instant now);
// The poster's edit of a pending or rejected demand, which goes (back) to review.
// Errors forbidden, transition_from_state for an open or closed demand, validate_demand's.
Result<Demand> edit_demand_as(Store& store, const Account& account, long long id,
                              const Demand& edited, const Actor& actor, Instant now);
// apply_demand_action as `account`; an approval proposes matches (propose_matches).
Result<Demand> act_on_demand_as(Store& store, const LibrarySnapshot& library,
                                const Account& account, long long id, DemandAction action,
                                std::string_view reason, const Actor& actor, Instant now);

// The matcher's best `k` listed items for `demand` (indices into library.records).
std::vector<match::Match> ranked_items(const LibrarySnapshot& library, const Demand& demand,
                                       std::size_t k);
// Matches for an open demand's best items at or above k_notify_score, each new one
// mailed to the poster and the item's holder accounts; how many were new.
Result<int> propose_matches(Store& store, const LibrarySnapshot& library, const Demand& demand,
                            const Actor& actor, Instant now);

// The open demands, indexed for a listed entry looking for them.
struct DemandSnapshot {
  DemandRevision revision;
  std::vector<Demand> open;  // newest first
  match::Matcher matcher;    // the open demands as supplies, in the same order
};

class DemandCache {
 public:
  Result<std::shared_ptr<const DemandSnapshot>> current(Store& store);

 private:
  std::mutex m_mutex;
  std::shared_ptr<const DemandSnapshot> m_snapshot;  // guarded by m_mutex
};

// The open demands best met by `record`, best first (indices into demands.open).
std::vector<match::Match> ranked_demands(const DemandSnapshot& demands, const LibraryRecord& record,
                                         std::size_t k);

// `account` wants to talk about demand `demand_id` with the holder of entry `entry_id`:
// the poster (demand side) or a holder of the entry (supply side). The pair's match is
// proposed first when it has none. Once both sides have, the contacts are shown and both
// are mailed; otherwise the other side is. Errors demand_not_found, demand_not_open,
// library_entry_not_found, forbidden, transition_from_state.
Result<Docking> express_interest_as(Store& store, const Account& account, long long demand_id,
                                    long long entry_id, const Actor& actor, Instant now);

// negotiate, agree or close match `id` as `account`: either side (close also the
// secretariat); negotiate and agree only once contacts are shown (the state says so).
// Errors docking_not_found, forbidden, apply_docking_action's.
Result<Docking> act_on_docking_as(Store& store, const Account& account, long long id,
                                  DockingAction action, std::optional<CloseReason> reason,
                                  std::string_view text, const Actor& actor, Instant now);

// Which side of a match `account` is on, if any.
std::optional<DockingSide> side_of(Store& store, const Account& account, const Docking& docking,
                                   const Demand& demand);

// What `side` (side_of the caller) sees of the other side of a match, only when it is a
// side and both have said they want to talk: the demand's contact for the holder, the holder
// accounts (their names and logins) for the poster.
struct OtherSide {
  std::optional<std::string> demand_contact;  // to the holder
  std::vector<Account> holders;               // to the poster
};
Result<std::optional<OtherSide>> other_side(Store& store, std::optional<DockingSide> side,
                                            const Docking& docking, const Demand& demand);

// The matches `account` may see, newest first: its demands' and its entries' for a poster
// or holder, its province's for a pilot city admin, all for the secretariat.
Result<std::vector<Docking>> visible_dockings(Store& store, const Account& account);

// The figures for `dimension` over the demands and matches `account` may see (a pilot city
// admin: its province's; the secretariat: all).
Result<std::vector<match::DockingCounts>> docking_statistics(Store& store, const Account& account,
                                                             match::DockingDimension dimension);

}  // namespace kczg::web
