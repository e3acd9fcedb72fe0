// The store's part for what follows the lists (issue 9): technical demands, their matches
// (对接) with listed entries, the financial partner plan and events. Store extends it; its
// promises are Store's (values or Errors, audit rows in the change's transaction).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/account.hpp"
#include "domain/application.hpp"
#include "domain/demand.hpp"
#include "domain/docking.hpp"
#include "domain/event.hpp"
#include "domain/partner.hpp"

namespace kczg {

// Which demands: 0, "" and nullopt mean any.
struct DemandFilter {
  std::optional<DemandState> state;
  long long poster_id = 0;
  std::string region;  // a prefix of the demand's region: "33" for Zhejiang
};

// See MatchingStore::demand_revision.
struct DemandRevision {
  long long demands = 0, changes = 0;  // how many were posted, and changed since

  bool operator==(const DemandRevision&) const = default;
};

// A match to store unless the pair has one already, and the mail its creation sends.
struct DockingProposal {
  Docking docking;
  std::vector<OutboxMail> notify;
};

struct ProposedDocking {
  Docking docking;  // as stored: the new one, or the pair's earlier one
  bool created = false;
};

// A directed recommendation to store unless the pair has one already, and its mail.
struct DealProposal {
  Deal deal;
  std::vector<OutboxMail> notify;
};

struct RecommendedDeal {
  Deal deal;  // as stored: the new one, or the pair's earlier one
  bool created = false;
};

// Which matches: 0 means any.
struct DockingFilter {
  long long demand_id = 0;
  long long supply_id = 0;  // the listed entry
};

class MatchingStore {
 public:
  virtual ~MatchingStore() = default;

  // Technical demands (技术需求), each stored pending and audited; a batch (an import) is
  // stored whole or not at all. Who may post, and validate_demand, are the caller's.
  virtual Result<std::vector<long long>> post_demands(const std::vector<Demand>& demands,
                                                      const Actor& actor, Instant now) = 0;
  // Error demand_not_found {demand}.
  virtual Result<Demand> demand(long long id) = 0;
  // Newest first.
  virtual Result<std::vector<Demand>> demands(const DemandFilter& filter) = 0;
  // Changes when any demand does: a server keeping the open demands' index renews it.
  virtual Result<DemandRevision> demand_revision() = 0;
  // Demand `id` replaced by what `change` makes of it (apply_demand_action, an edit) in
  // one transaction with its audit row `action` ("demand.approve"); change's error is
  // returned as is and nothing is written. demand_not_found.
  using DemandChange = std::function<Result<Demand>(const Demand&)>;
  virtual Result<Demand> change_demand(long long id, std::string_view action,
                                       const DemandChange& change, const Actor& actor,
                                       Instant now) = 0;

  // Matches (对接) between demands and listed entries. Each proposal is stored unless its
  // pair has a match already; only a stored one sends its mail (through the outbox, in the
  // same transaction). In the proposals' order.
  virtual Result<std::vector<ProposedDocking>> propose_dockings(
      const std::vector<DockingProposal>& proposals, const Actor& actor, Instant now) = 0;
  // Error docking_not_found {docking}.
  virtual Result<Docking> docking(long long id) = 0;
  // Newest first.
  virtual Result<std::vector<Docking>> dockings(const DockingFilter& filter) = 0;
  // As change_demand, for match `id`; `notify` is sent once the change is stored.
  using DockingChange = std::function<Result<Docking>(const Docking&)>;
  virtual Result<Docking> change_docking(long long id, std::string_view action,
                                         const DockingChange& change,
                                         const std::vector<OutboxMail>& notify, const Actor& actor,
                                         Instant now) = 0;
  // The applicant accounts that hold listed entry `id`: those of the applicant whose
  // application was published as it (none for an entry imported from a file).
  virtual Result<std::vector<Account>> holder_accounts(long long id) = 0;

  // The financial partner plan (金融伙伴计划). A partner's profile, saved whole
  // (check_partner_profile first) and audited; its name is its account's display name.
  virtual Result<void> save_partner_profile(const PartnerProfile& profile, const Actor& actor,
                                            Instant now) = 0;
  // Every partner that saved a profile, by account.
  virtual Result<std::vector<PartnerProfile>> partner_profiles() = 0;
  virtual Result<std::optional<PartnerProfile>> partner_profile(long long account_id) = 0;
  // Directed recommendations (定向推介), once per entry and partner; only a new one sends
  // its mail, in the same transaction. In the proposals' order.
  virtual Result<std::vector<RecommendedDeal>> recommend_deals(
      const std::vector<DealProposal>& proposals, const Actor& actor, Instant now) = 0;
  // Newest first; 0 means any partner, any entry.
  virtual Result<std::vector<Deal>> deals(long long partner_id, long long listed_entry_id) = 0;
  // Error deal_not_found {deal}.
  virtual Result<Deal> deal(long long id) = 0;
  // As change_demand, for deal `id`.
  using DealChange = std::function<Result<Deal>(const Deal&)>;
  virtual Result<Deal> change_deal(long long id, std::string_view action, const DealChange& change,
                                   const Actor& actor, Instant now) = 0;

  // Events (路演, 投融资对接会), audited; newest first. Error event_not_found {event}.
  virtual Result<long long> create_event(const Event& event, const Actor& actor, Instant now) = 0;
  virtual Result<Event> event(long long id) = 0;
  virtual Result<std::vector<Event>> events() = 0;
  // Invitations stored unless the event has that entry's or partner's already; mail k (when
  // it has an address) goes with invitation k. The new ones.
  virtual Result<std::vector<Invitation>> invite(const std::vector<Invitation>& invitations,
                                                 const std::vector<OutboxMail>& notify,
                                                 const Actor& actor, Instant now) = 0;
  virtual Result<std::vector<Invitation>> invitations(long long event_id) = 0;
  // As change_demand, for invitation `id`: invitation_not_found {invitation}.
  using InvitationChange = std::function<Result<Invitation>(const Invitation&)>;
  virtual Result<Invitation> change_invitation(long long id, std::string_view action,
                                               const InvitationChange& change, const Actor& actor,
                                               Instant now) = 0;
};

}  // namespace kczg
