#include "domain/docking.hpp"

#include "domain/names.hpp"
#include "domain/text_measure.hpp"

namespace kczg {
namespace {

constexpr Names<DockingState, 5> k_states{{
    {DockingState::proposed, "proposed"},
    {DockingState::contacted, "contacted"},
    {DockingState::negotiating, "negotiating"},
    {DockingState::agreement, "agreement"},
    {DockingState::closed, "closed"},
}};

constexpr Names<CloseReason, 6> k_reasons{{
    {CloseReason::too_early, "too_early"},
    {CloseReason::benefit_unclear, "benefit_unclear"},
    {CloseReason::route_unclear, "route_unclear"},
    {CloseReason::description_unclear, "description_unclear"},
    {CloseReason::price, "price"},
    {CloseReason::other, "other"},
}};

constexpr Names<DockingAction, 4> k_actions{{
    {DockingAction::contact, "contact"},
    {DockingAction::negotiate, "negotiate"},
    {DockingAction::agree, "agree"},
    {DockingAction::close, "close"},
}};

}  // namespace

std::string_view docking_state_name(DockingState state) { return name_of(k_states, state); }
std::optional<DockingState> docking_state_from_name(std::string_view name) {
  return value_of(k_states, name);
}
std::string_view close_reason_name(CloseReason reason) { return name_of(k_reasons, reason); }
std::optional<CloseReason> close_reason_from_name(std::string_view name) {
  return value_of(k_reasons, name);
}
std::string_view docking_action_name(DockingAction action) { return name_of(k_actions, action); }

Result<Docking> apply_docking_action(Docking docking, DockingAction action, Instant now,
                                     std::optional<CloseReason> reason, std::string_view text) {
  using S = DockingState;
  S from = docking.state;
  std::optional<S> to;
  switch (action) {
    case DockingAction::contact:
      if (from == S::proposed) to = S::contacted;
      break;
    case DockingAction::negotiate:
      if (from == S::contacted) to = S::negotiating;
      break;
    case DockingAction::agree:
      if (from == S::negotiating) to = S::agreement;
      break;
    case DockingAction::close:
      if (from != S::agreement && from != S::closed) to = S::closed;
      break;
  }
  if (!to) {
    return fail(make_error(ErrorCode::transition_from_state, "action",
                           std::string(docking_action_name(action)), "state",
                           std::string(docking_state_name(from))));
  }
  if (action == DockingAction::close) {
    if (!reason)
      return fail(make_error(ErrorCode::docking_close_reason_missing, "field", "reason"));
    if (*reason == CloseReason::other && blank(text)) {
      return fail(make_error(ErrorCode::docking_close_text_missing, "field", "text"));
    }
    docking.close_reason = reason;
    docking.close_text = std::string(text);
    docking.closed_at = now;
  }
  if (from == S::proposed) docking.first_response_at = now;
  if (*to == S::agreement) docking.agreed_at = now;
  docking.state = *to;
  return docking;
}

Result<Docking> express_interest(Docking docking, DockingSide side, Instant now) {
  if (docking.state != DockingState::proposed) {
    return fail(make_error(ErrorCode::transition_from_state, "action", "interest", "state",
                           std::string(docking_state_name(docking.state))));
  }
  (side == DockingSide::demand ? docking.demand_side : docking.supply_side) = true;
  if (contacts_shown(docking)) return apply_docking_action(docking, DockingAction::contact, now);
  return docking;
}

std::optional<std::chrono::microseconds> time_to_response(const Docking& d) {
  if (!d.first_response_at) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::microseconds>(*d.first_response_at -
                                                               d.proposed_at);
}

std::optional<std::chrono::microseconds> time_to_agreement(const Docking& d) {
  if (!d.agreed_at) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::microseconds>(*d.agreed_at - d.proposed_at);
}

}  // namespace kczg
