// A match (对接) between a demand and what may meet it — a listed item, an expert, an
// enterprise — and its life: proposed (by the matcher or a person) → contacted (one side
// reached the other) → negotiating → agreement, or closed at any point before with a
// reason from a fixed set and free text. The times that show whether matching works are
// kept: to the first response and to an agreement (the Hubei platform's good case: a
// response the next day, an agreement within 9 days).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "domain/error.hpp"
#include "domain/instant.hpp"

namespace kczg {

enum class DockingState { proposed, contacted, negotiating, agreement, closed };
std::string_view docking_state_name(DockingState state);
std::optional<DockingState> docking_state_from_name(std::string_view name);

// Why a match ended without agreement (the reasons platforms report).
enum class CloseReason {
  too_early,            // the technology is at too early a stage
  benefit_unclear,      // the economic benefit is unclear
  route_unclear,        // the commercial route is unclear
  description_unclear,  // the demand or the offer was not described clearly
  price,                // no agreement on price
  other,                // free text says why
};
std::string_view close_reason_name(CloseReason reason);
std::optional<CloseReason> close_reason_from_name(std::string_view name);

struct Docking {
  long long id = 0;
  long long demand_id = 0;
  long long supply_id = 0;  // the listed entry, expert or enterprise
  DockingState state = DockingState::proposed;
  Instant proposed_at{};
  std::optional<Instant> first_response_at;  // when it first left `proposed`
  std::optional<Instant> agreed_at;
  std::optional<Instant> closed_at;
  std::optional<CloseReason> close_reason;
  std::string close_text;
  double score = 0;  // the matcher's when it proposed the match, 0 when a person did
  // Who has said they want to talk; contacts are shown only once both have.
  bool demand_side = false;  // the demand's poster
  bool supply_side = false;  // the holder of the listed item

  bool operator==(const Docking&) const = default;
};

enum class DockingAction { contact, negotiate, agree, close };
std::string_view docking_action_name(DockingAction action);

// The match after `action` at `now`: contact (proposed → contacted), negotiate (contacted
// → negotiating), agree (negotiating → agreement), close (any state but agreement and
// closed → closed, with `reason`; `text` required when the reason is `other`). The first
// step out of `proposed` sets first_response_at. Errors transition_from_state {action,
// state}, docking_close_reason_missing, docking_close_text_missing.
Result<Docking> apply_docking_action(Docking docking, DockingAction action, Instant now,
                                     std::optional<CloseReason> reason = std::nullopt,
                                     std::string_view text = {});

enum class DockingSide { demand, supply };

// `side` says it wants to talk. Once both sides have, the match is contacted at `now` (its
// first response). Only while proposed: transition_from_state {action: "interest", state}
// otherwise; saying it again changes nothing.
Result<Docking> express_interest(Docking docking, DockingSide side, Instant now);

// Whether each side may see the other's contact: both said they want to talk.
inline bool contacts_shown(const Docking& d) { return d.demand_side && d.supply_side; }

// Time to the first response and to agreement, when reached.
std::optional<std::chrono::microseconds> time_to_response(const Docking& docking);
std::optional<std::chrono::microseconds> time_to_agreement(const Docking& docking);

}  // namespace kczg
