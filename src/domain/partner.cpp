#include "domain/partner.hpp"

#include "domain/division.hpp"
#include "domain/names.hpp"
#include "domain/text_measure.hpp"

namespace kczg {
namespace {

constexpr Names<PartnerKind, 4> k_kinds{{
    {PartnerKind::bank, "bank"},
    {PartnerKind::venture_fund, "venture_fund"},
    {PartnerKind::guarantee, "guarantee"},
    {PartnerKind::other, "other"},
}};

constexpr Names<DealState, 6> k_states{{
    {DealState::recommended, "recommended"},
    {DealState::interested, "interested"},
    {DealState::declined, "declined"},
    {DealState::meeting, "meeting"},
    {DealState::term_sheet, "term_sheet"},
    {DealState::invested, "invested"},
}};

constexpr Names<DealAction, 5> k_actions{{
    {DealAction::interest, "interest"},
    {DealAction::decline, "decline"},
    {DealAction::meeting, "meeting"},
    {DealAction::term_sheet, "term_sheet"},
    {DealAction::invest, "invest"},
}};

}  // namespace

std::string_view partner_kind_name(PartnerKind kind) { return name_of(k_kinds, kind); }
std::optional<PartnerKind> partner_kind_from_name(std::string_view name) {
  return value_of(k_kinds, name);
}
std::string_view deal_state_name(DealState state) { return name_of(k_states, state); }
std::optional<DealState> deal_state_from_name(std::string_view name) {
  return value_of(k_states, name);
}
std::string_view deal_action_name(DealAction action) { return name_of(k_actions, action); }
std::optional<DealAction> deal_action_from_name(std::string_view name) {
  return value_of(k_actions, name);
}

std::vector<Error> check_partner_profile(const PartnerProfile& p) {
  std::vector<Error> problems;
  for (const std::string& region : p.regions) {
    if (region.size() != 2 || !gb2260().find(region + "0000")) {
      problems.push_back(
          make_error(ErrorCode::field_invalid, "field", "regions", "detail", region));
    }
  }
  bool negative = (p.ticket_min && *p.ticket_min < 0) || (p.ticket_max && *p.ticket_max < 0);
  if (negative || (p.ticket_min && p.ticket_max && *p.ticket_min > *p.ticket_max)) {
    problems.push_back(make_error(ErrorCode::demand_budget_invalid, "field", "ticket", "min",
                                  p.ticket_min ? std::to_string(*p.ticket_min) : "", "max",
                                  p.ticket_max ? std::to_string(*p.ticket_max) : ""));
  }
  return problems;
}

Result<Deal> apply_deal_action(Deal deal, DealAction action, Instant now, std::string_view reason,
                               std::optional<long long> amount) {
  using S = DealState;
  S from = deal.state;
  std::optional<S> to;
  switch (action) {
    case DealAction::interest:
      if (from == S::recommended) to = S::interested;
      break;
    case DealAction::decline:
      if (from != S::declined && from != S::invested) to = S::declined;
      break;
    case DealAction::meeting:
      if (from == S::interested) to = S::meeting;
      break;
    case DealAction::term_sheet:
      if (from == S::meeting) to = S::term_sheet;
      break;
    case DealAction::invest:
      if (from == S::meeting || from == S::term_sheet) to = S::invested;
      break;
  }
  if (!to) {
    return fail(make_error(ErrorCode::transition_from_state, "action",
                           std::string(deal_action_name(action)), "state",
                           std::string(deal_state_name(from))));
  }
  if (action == DealAction::decline) {
    if (blank(reason)) {
      return fail(make_error(ErrorCode::transition_reason_missing, "action", "decline"));
    }
    deal.reason = std::string(reason);
  }
  if (action == DealAction::invest) {
    if (!amount || *amount <= 0) {
      return fail(make_error(ErrorCode::field_invalid, "field", "amount", "detail",
                             amount ? std::to_string(*amount) : ""));
    }
    deal.amount = amount;
  }
  if (!deal.answered_at) deal.answered_at = now;
  deal.updated_at = now;
  deal.state = *to;
  return deal;
}

}  // namespace kczg
