#include "domain/review_assignment.hpp"

namespace kczg {

std::string_view assignment_state_name(AssignmentState state) {
  switch (state) {
    case AssignmentState::assigned:
      return "assigned";
    case AssignmentState::declined:
      return "declined";
  }
  return "assigned";
}

std::optional<AssignmentState> assignment_state_from_name(std::string_view name) {
  if (name == "assigned") return AssignmentState::assigned;
  if (name == "declined") return AssignmentState::declined;
  return std::nullopt;
}

std::string_view sheet_state_name(SheetState state) {
  return state == SheetState::submitted ? "submitted" : "draft";
}

std::optional<SheetState> sheet_state_from_name(std::string_view name) {
  if (name == "draft") return SheetState::draft;
  if (name == "submitted") return SheetState::submitted;
  return std::nullopt;
}

std::string_view pair_rule_name(PairRule rule) {
  return rule == PairRule::force ? "force" : "forbid";
}

std::optional<PairRule> pair_rule_from_name(std::string_view name) {
  if (name == "force") return PairRule::force;
  if (name == "forbid") return PairRule::forbid;
  return std::nullopt;
}

}  // namespace kczg
