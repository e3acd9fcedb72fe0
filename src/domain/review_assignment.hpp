// What preliminary review stores between runs of the assignment: who reads which
// application, and the body admin's rules for pairs (a forced reader, a forbidden one).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "domain/instant.hpp"

namespace kczg {

enum class AssignmentState {
  assigned,  // the expert reads and scores it
  declined,  // the expert turned it down (Decline); the body finds another reader
};

std::string_view assignment_state_name(AssignmentState state);
std::optional<AssignmentState> assignment_state_from_name(std::string_view name);

struct ReviewAssignment {
  long long id = 0;
  long long application_id = 0;
  long long expert_id = 0;
  double affinity = 0;  // the BM25 affinity the assignment maximised, for the admin's page
  AssignmentState state = AssignmentState::assigned;
  std::string reason;  // why it was declined
  Instant updated_at{};

  bool operator==(const ReviewAssignment&) const = default;
};

// An expert's score sheet (评分表) for one assigned application: a draft the expert may
// save again and again until the review deadline, then submitted once and for good.
enum class SheetState { draft, submitted };

std::string_view sheet_state_name(SheetState state);
std::optional<SheetState> sheet_state_from_name(std::string_view name);

struct ExpertSheet {
  long long application_id = 0;
  long long expert_id = 0;
  // criterion code → score; a draft may leave criteria out, a submitted sheet has them all
  std::map<std::string, double> scores;
  std::string comment;
  SheetState state = SheetState::draft;
  Instant updated_at{};
  std::optional<Instant> submitted_at;

  bool operator==(const ExpertSheet&) const = default;
};

// A body admin's decision about one pair, which every assignment run honours.
enum class PairRule {
  force,   // this expert must read this application
  forbid,  // this expert must never see it
};

std::string_view pair_rule_name(PairRule rule);
std::optional<PairRule> pair_rule_from_name(std::string_view name);

struct PairRuleEntry {
  long long application_id = 0;
  long long expert_id = 0;
  PairRule rule = PairRule::forbid;
  std::string reason;

  bool operator==(const PairRuleEntry&) const = default;
};

}  // namespace kczg
