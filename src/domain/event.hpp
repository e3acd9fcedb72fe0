// Events (路演, 投融资对接会): the secretariat or a pilot city puts listed items in front of
// financial partners. The organiser invites listed entries and partners; each invited side
// registers or declines; what came of a meeting at the event is recorded as a directed
// recommendation (a Deal) between a partner and an entry, so that it is followed up and
// counted like any other.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/account.hpp"
#include "domain/error.hpp"
#include "domain/instant.hpp"

namespace kczg {

enum class EventKind { roadshow, matchmaking };
std::string_view event_kind_name(EventKind kind);
std::optional<EventKind> event_kind_from_name(std::string_view name);

struct Event {
  long long id = 0;
  long long organiser_id = 0;  // the account that created it
  EventKind kind = EventKind::roadshow;
  std::string title;
  std::string description;
  std::string region;  // 6-digit GB/T 2260 code of where it is held
  std::string place;   // the venue, or "online"
  Instant starts_at{};

  bool operator==(const Event&) const = default;
};

inline constexpr std::size_t k_event_title_min = 4, k_event_title_max = 100;

// Every problem, each with "field": demand_title_length {length, min, max} (the same
// bounds as a demand's title); demand_region_invalid {value}; field_invalid {field: place}
// when blank; event_in_past {value} when it starts before `now`.
std::vector<Error> validate_event(const Event& event, Instant now);

// Whether `account` may organise an event in `region`: the secretariat anywhere, a pilot
// city admin in its province.
bool may_organise(const Account& account, std::string_view region);

// An invitation of a listed entry (its holder answers) or of a partner (it answers).
enum class InvitationState { invited, registered, declined };
std::string_view invitation_state_name(InvitationState state);
std::optional<InvitationState> invitation_state_from_name(std::string_view name);

struct Invitation {
  long long id = 0;
  long long event_id = 0;
  long long listed_entry_id = 0;  // 0 for a partner's
  long long partner_id = 0;       // 0 for an entry's
  InvitationState state = InvitationState::invited;
  Instant invited_at{};
  std::optional<Instant> answered_at;

  bool operator==(const Invitation&) const = default;
};

// The invited side's answer at `now`: register or decline, once, before the event starts.
// Errors transition_from_state {action, state}, event_started {value}.
Result<Invitation> answer_invitation(Invitation invitation, bool registers, const Event& event,
                                     Instant now);

}  // namespace kczg
