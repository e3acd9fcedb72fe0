// The financial partner plan (金融伙伴计划) and directed recommendation (定向推介): banks,
// venture funds and guarantee companies state what they look for — fields, stages, regions,
// ticket size — and the secretariat recommends listed enterprises and technologies to them,
// suggested by fit and chosen by a person. A partner sees only what was recommended to it,
// says whether it is interested or declines with a reason, and records what followed: a
// meeting, a term sheet, an investment and its amount.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"
#include "domain/instant.hpp"
#include "domain/library.hpp"

namespace kczg {

enum class PartnerKind { bank, venture_fund, guarantee, other };
std::string_view partner_kind_name(PartnerKind kind);
std::optional<PartnerKind> partner_kind_from_name(std::string_view name);
inline constexpr PartnerKind k_partner_kinds[] = {PartnerKind::bank, PartnerKind::venture_fund,
                                                  PartnerKind::guarantee, PartnerKind::other};

// What a partner looks for; an empty list means any.
struct PartnerProfile {
  long long account_id = 0;  // the partner's account
  std::string name;          // the institution, as its account's display name
  PartnerKind kind = PartnerKind::other;
  std::vector<std::string> fields;                  // field codes of the lists
  std::vector<Maturity> stages;                     // the maturities it invests in
  std::vector<std::string> regions;                 // 2-digit provinces
  std::optional<long long> ticket_min, ticket_max;  // yuan

  bool operator==(const PartnerProfile&) const = default;
};

// Errors, each with "field": field_invalid {detail} for a region that is no province of
// GB/T 2260; demand_budget_invalid {min, max} for a ticket range that is negative or
// upside down (the same rule as a demand's budget).
std::vector<Error> check_partner_profile(const PartnerProfile& profile);

// One directed recommendation of a listed entry to a partner, and what followed.
enum class DealState { recommended, interested, declined, meeting, term_sheet, invested };
std::string_view deal_state_name(DealState state);
std::optional<DealState> deal_state_from_name(std::string_view name);

struct Deal {
  long long id = 0;
  long long listed_entry_id = 0;
  long long partner_id = 0;  // the partner's account
  std::string note;          // the secretariat's, for the partner
  DealState state = DealState::recommended;
  std::string reason;               // why it was declined
  std::optional<long long> amount;  // yuan, once invested
  Instant recommended_at{};
  std::optional<Instant> answered_at;  // the partner's first answer
  std::optional<Instant> updated_at;

  bool operator==(const Deal&) const = default;
};

enum class DealAction { interest, decline, meeting, term_sheet, invest };
std::string_view deal_action_name(DealAction action);
std::optional<DealAction> deal_action_from_name(std::string_view name);

// The partner's step at `now`: interest (recommended → interested), decline (before an
// investment → declined, with a reason), meeting (interested → meeting), term_sheet
// (meeting → term_sheet), invest (meeting or term_sheet → invested, with an amount > 0).
// Errors transition_from_state {action, state}, transition_reason_missing {action},
// field_invalid {field: amount}.
Result<Deal> apply_deal_action(Deal deal, DealAction action, Instant now,
                               std::string_view reason = {},
                               std::optional<long long> amount = std::nullopt);

}  // namespace kczg
