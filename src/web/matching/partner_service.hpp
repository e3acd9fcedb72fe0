// The financial partner plan as pages, API and command line use it: a partner keeps its
// profile; the secretariat is shown the partners a listed entry suits, best first, and
// recommends it to those it chooses (each partner mailed once); a partner sees only what
// was recommended to it and records what followed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "match/docking_statistics.hpp"
#include "match/partner_fit.hpp"
#include "store/store.hpp"

namespace kczg::web {

// A partner for an entry: its profile, the fit, and the recommendation it already has.
struct PartnerSuggestion {
  PartnerProfile profile;
  match::PartnerFit fit;
  std::optional<Deal> deal;
};

// Every partner with a profile, best fit for `entry` first. Error forbidden for anyone but
// the secretariat.
Result<std::vector<PartnerSuggestion>> partner_suggestions(Store& store, const Account& account,
                                                           const LibraryRecord& entry);

// The partner's profile saved by the partner itself: forbidden for another role;
// check_partner_profile's first problem.
Result<void> save_profile_as(Store& store, const Account& account, PartnerProfile profile,
                             const Actor& actor, Instant now);

// Entry `entry` recommended by the secretariat to each partner account in `partners` with
// `note`; each new recommendation mails its partner. How many were new. Errors forbidden
// (not the secretariat), library_entry_not_found, account_not_found (or not a partner).
Result<int> recommend_as(Store& store, const Account& account, long long entry,
                         const std::vector<long long>& partners, const std::string& note,
                         const Actor& actor, Instant now);

// The deals `account` may see: a partner its own, the secretariat all, newest first.
Result<std::vector<Deal>> visible_deals(Store& store, const Account& account);

// A partner's step on its own deal; another's is deal_not_found, as if it did not exist.
// Errors those of apply_deal_action.
Result<Deal> act_on_deal_as(Store& store, const Account& account, long long id, DealAction action,
                            std::string_view reason, std::optional<long long> amount,
                            const Actor& actor, Instant now);

// Partner interest and investment per year (recommended), list or field of the entries;
// the secretariat sees all, a pilot city admin its province's entries. forbidden otherwise.
Result<std::vector<match::DealCounts>> deal_statistics(Store& store, const Account& account,
                                                       match::DockingDimension dimension);

}  // namespace kczg::web
