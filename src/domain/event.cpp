#include "domain/event.hpp"

#include "domain/division.hpp"
#include "domain/names.hpp"
#include "domain/text_measure.hpp"

namespace kczg {
namespace {

constexpr Names<EventKind, 2> k_kinds{{
    {EventKind::roadshow, "roadshow"},
    {EventKind::matchmaking, "matchmaking"},
}};

constexpr Names<InvitationState, 3> k_states{{
    {InvitationState::invited, "invited"},
    {InvitationState::registered, "registered"},
    {InvitationState::declined, "declined"},
}};

}  // namespace

std::string_view event_kind_name(EventKind kind) { return name_of(k_kinds, kind); }
std::optional<EventKind> event_kind_from_name(std::string_view name) {
  return value_of(k_kinds, name);
}
std::string_view invitation_state_name(InvitationState state) { return name_of(k_states, state); }
std::optional<InvitationState> invitation_state_from_name(std::string_view name) {
  return value_of(k_states, name);
}

std::vector<Error> validate_event(const Event& e, Instant now) {
  std::vector<Error> problems;
  if (std::size_t n = characters(e.title); n < k_event_title_min || n > k_event_title_max) {
    problems.push_back(make_error(ErrorCode::demand_title_length, "field", "title", "length",
                                  std::to_string(n), "min", std::to_string(k_event_title_min),
                                  "max", std::to_string(k_event_title_max)));
  }
  if (e.region.size() != 6 || !gb2260().find(e.region)) {
    problems.push_back(
        make_error(ErrorCode::demand_region_invalid, "field", "region", "value", e.region));
  }
  if (blank(e.place)) {
    problems.push_back(make_error(ErrorCode::field_invalid, "field", "place", "detail", ""));
  }
  if (e.starts_at < now) {
    problems.push_back(make_error(ErrorCode::event_in_past, "field", "starts_at", "value",
                                  format_shanghai(e.starts_at)));
  }
  return problems;
}

bool may_organise(const Account& account, std::string_view region) {
  if (account.role == Role::secretariat) return true;
  return account.role == Role::pilot_city && account.region.size() >= 2 && region.size() >= 2 &&
         account.region.substr(0, 2) == region.substr(0, 2);
}

Result<Invitation> answer_invitation(Invitation invitation, bool registers, const Event& event,
                                     Instant now) {
  if (invitation.state != InvitationState::invited) {
    return fail(make_error(ErrorCode::transition_from_state, "action",
                           registers ? "register" : "decline", "state",
                           std::string(invitation_state_name(invitation.state))));
  }
  if (now >= event.starts_at) {
    return fail(make_error(ErrorCode::event_started, "value", format_shanghai(event.starts_at)));
  }
  invitation.state = registers ? InvitationState::registered : InvitationState::declined;
  invitation.answered_at = now;
  return invitation;
}

}  // namespace kczg
