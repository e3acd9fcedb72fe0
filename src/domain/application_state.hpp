// The application state machine (DESIGN §3).
//
// Every transition is made by one role in given workflow phases; apply_action is the
// only place that decides whether a transition is allowed. Quota and ownership checks
// sit on top of it in the store and web layers.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "domain/campaign.hpp"

namespace kczg {

enum class ApplicationState {
  draft,
  submitted,
  returned,  // sent back to the applicant by its unit, with a reason
  recommended,
  eligible,
  ineligible,
  under_review,
  shortlisted,
  not_shortlisted,
  listed,
  not_listed,
  withdrawn,
};

enum class Role {
  applicant,
  unit,
  review_body,
  expert,
  secretariat,
  partner,
  pilot_city,  // a 科创中国 pilot city or park's admin: reviews its region's demands
  visitor,     // the public, not signed in ("public" is a C++ keyword)
};

enum class Action {
  submit,
  resubmit,
  recommend,
  return_to_applicant,
  pass_formal_check,
  fail_formal_check,
  start_review,
  shortlist,
  reject_shortlist,
  list,
  reject_list,
  reconsider,     // the secretariat takes back a final-review decision, with a reason
  remove_listed,  // an objection to the public notice is upheld: off the list
  substitute,     // the next in the ranking takes a seat an upheld objection freed (递补)
  withdraw,
};

struct Transition {
  Action action;
  std::vector<ApplicationState> from;
  ApplicationState to;
  Role role;
  std::vector<PhaseKind> phases;
  bool needs_reason;
};

// The whole table, for pages that show what is possible and for tests.
std::span<const Transition> transitions();

// The state after `action`, if `actor` may take it from `from` in `phase`.
// Errors, checked in this order: transition_from_state {action, state},
// transition_role {action, role, actor_role}, transition_phase {action, phases, phase},
// transition_reason_missing {action}.
Result<ApplicationState> apply_action(Action action, ApplicationState from, Role actor,
                                      std::optional<PhaseKind> phase, std::string_view reason);

std::string_view state_name(ApplicationState state);
std::optional<ApplicationState> state_from_name(std::string_view name);
std::string_view role_name(Role role);
// forbidden {role}: the refusal every permission check gives.
Error forbidden_role(Role role);
std::optional<Role> role_from_name(std::string_view name);
std::string_view action_name(Action action);
std::optional<Action> action_from_name(std::string_view name);

}  // namespace kczg
