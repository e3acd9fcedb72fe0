#include "domain/application_state.hpp"

#include <algorithm>
#include <array>

#include "domain/names.hpp"

namespace kczg {
namespace {

using S = ApplicationState;
using P = PhaseKind;

// Withdrawal is open until a decision (listed / not listed, or a refusal earlier on).
const std::vector<S> k_withdrawable{S::draft,    S::submitted,    S::returned,   S::recommended,
                                    S::eligible, S::under_review, S::shortlisted};

const std::vector<Transition> k_transitions{
    {Action::submit, {S::draft}, S::submitted, Role::applicant, {P::collection}, false},
    {Action::resubmit, {S::returned}, S::submitted, Role::applicant, {P::collection}, false},
    {Action::recommend, {S::submitted}, S::recommended, Role::unit, {P::collection}, false},
    {Action::return_to_applicant, {S::submitted}, S::returned, Role::unit, {P::collection}, true},
    {Action::pass_formal_check,
     {S::recommended},
     S::eligible,
     Role::secretariat,
     {P::preliminary_review},
     false},
    {Action::fail_formal_check,
     {S::recommended},
     S::ineligible,
     Role::secretariat,
     {P::preliminary_review},
     true},
    {Action::start_review,
     {S::eligible},
     S::under_review,
     Role::review_body,
     {P::preliminary_review},
     false},
    {Action::shortlist,
     {S::under_review},
     S::shortlisted,
     Role::review_body,
     {P::preliminary_review},
     false},
    {Action::reject_shortlist,
     {S::under_review},
     S::not_shortlisted,
     Role::review_body,
     {P::preliminary_review},
     false},
    {Action::list, {S::shortlisted}, S::listed, Role::secretariat, {P::final_review}, false},
    {Action::reject_list,
     {S::shortlisted},
     S::not_listed,
     Role::secretariat,
     {P::final_review},
     false},
    {Action::reconsider,
     {S::listed, S::not_listed},
     S::shortlisted,
     Role::secretariat,
     {P::final_review},
     true},
    {Action::remove_listed,
     {S::listed},
     S::not_listed,
     Role::secretariat,
     {P::public_notice},
     true},
    {Action::substitute, {S::not_listed}, S::listed, Role::secretariat, {P::public_notice}, true},
    {Action::withdraw,
     k_withdrawable,
     S::withdrawn,
     Role::applicant,
     {P::collection, P::preliminary_review, P::final_review},
     false},
};

constexpr Names<S, 12> k_state_names{{
    {S::draft, "draft"},
    {S::submitted, "submitted"},
    {S::returned, "returned"},
    {S::recommended, "recommended"},
    {S::eligible, "eligible"},
    {S::ineligible, "ineligible"},
    {S::under_review, "under_review"},
    {S::shortlisted, "shortlisted"},
    {S::not_shortlisted, "not_shortlisted"},
    {S::listed, "listed"},
    {S::not_listed, "not_listed"},
    {S::withdrawn, "withdrawn"},
}};

constexpr Names<Role, 8> k_role_names{{
    {Role::applicant, "applicant"},
    {Role::unit, "unit"},
    {Role::review_body, "review_body"},
    {Role::expert, "expert"},
    {Role::secretariat, "secretariat"},
    {Role::partner, "partner"},
    {Role::pilot_city, "pilot_city"},
    {Role::visitor, "public"},
}};

constexpr Names<Action, 15> k_action_names{{
    {Action::submit, "submit"},
    {Action::resubmit, "resubmit"},
    {Action::recommend, "recommend"},
    {Action::return_to_applicant, "return"},
    {Action::pass_formal_check, "pass_formal_check"},
    {Action::fail_formal_check, "fail_formal_check"},
    {Action::start_review, "start_review"},
    {Action::shortlist, "shortlist"},
    {Action::reject_shortlist, "reject_shortlist"},
    {Action::list, "list"},
    {Action::reject_list, "reject_list"},
    {Action::reconsider, "reconsider"},
    {Action::remove_listed, "remove_listed"},
    {Action::substitute, "substitute"},
    {Action::withdraw, "withdraw"},
}};

std::string phase_list(const std::vector<PhaseKind>& phases) {
  std::string joined;
  for (PhaseKind phase : phases) {
    if (!joined.empty()) joined += ",";
    joined += phase_name(phase);
  }
  return joined;
}

}  // namespace

std::span<const Transition> transitions() { return k_transitions; }

Result<ApplicationState> apply_action(Action action, ApplicationState from, Role actor,
                                      std::optional<PhaseKind> phase, std::string_view reason) {
  std::string name(action_name(action));
  auto it = std::ranges::find_if(k_transitions, [&](const Transition& t) {
    return t.action == action && std::ranges::find(t.from, from) != t.from.end();
  });
  if (it == k_transitions.end()) {
    return fail(make_error(ErrorCode::transition_from_state, "action", name, "state",
                           std::string(state_name(from))));
  }
  if (it->role != actor) {
    return fail(make_error(ErrorCode::transition_role, "action", name, "role",
                           std::string(role_name(it->role)), "actor_role",
                           std::string(role_name(actor))));
  }
  if (!phase || std::ranges::find(it->phases, *phase) == it->phases.end()) {
    return fail(make_error(ErrorCode::transition_phase, "action", name, "phases",
                           phase_list(it->phases), "phase",
                           phase ? std::string(phase_name(*phase)) : std::string("none")));
  }
  if (it->needs_reason && reason.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return fail(make_error(ErrorCode::transition_reason_missing, "action", name));
  }
  return it->to;
}

std::string_view state_name(ApplicationState state) { return name_of(k_state_names, state); }
std::optional<ApplicationState> state_from_name(std::string_view name) {
  return value_of(k_state_names, name);
}
std::string_view role_name(Role role) { return name_of(k_role_names, role); }
std::optional<Role> role_from_name(std::string_view name) { return value_of(k_role_names, name); }
std::string_view action_name(Action action) { return name_of(k_action_names, action); }
std::optional<Action> action_from_name(std::string_view name) {
  return value_of(k_action_names, name);
}

Error forbidden_role(Role role) {
  return make_error(ErrorCode::forbidden, "role", std::string(role_name(role)));
}

}  // namespace kczg
