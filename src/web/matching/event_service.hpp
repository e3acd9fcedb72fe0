// Events (路演, 投融资对接会) as pages and API use them: who organises, invites and answers;
// the follow-up of a meeting at an event recorded as a directed recommendation.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace kczg::web {

// An event organised by `account` (the secretariat, or a pilot city admin in its
// province): its id. Errors forbidden, validate_event's first problem.
Result<long long> create_event_as(Store& store, const Account& account, Event event,
                                  const Actor& actor, Instant now);

// Whether `account` runs event `event`: its organiser, or the secretariat.
bool runs_event(const Account& account, const Event& event);

// Listed entries and partner accounts invited by the event's organiser (or the
// secretariat); each new invitation mails its holder accounts or its partner. How many
// were new. Errors event_not_found, forbidden, library_entry_not_found, account_not_found
// (or not a partner).
Result<int> invite_as(Store& store, const Account& account, long long event_id,
                      const std::vector<long long>& entries, const std::vector<long long>& partners,
                      const Actor& actor, Instant now);

// Whether `account` answers invitation `invitation`: the holder of its entry, or its partner.
bool answers_invitation(Store& store, const Account& account, const Invitation& invitation);

// The invited side registers or declines. Errors event_not_found, invitation_not_found
// (also for anyone not invited), those of answer_invitation.
Result<Invitation> answer_as(Store& store, const Account& account, long long event_id,
                             long long invitation_id, bool registers, const Actor& actor,
                             Instant now);

// What came of a meeting at the event between a registered entry and a registered partner,
// recorded by its organiser (or the secretariat) as a directed recommendation noting the
// event; a pair recommended before keeps its deal (created false). Errors event_not_found,
// forbidden, field_invalid {field: entry|partner} for one not registered.
Result<RecommendedDeal> follow_up_as(Store& store, const Account& account, long long event_id,
                                     long long entry, long long partner, const std::string& note,
                                     const Actor& actor, Instant now);

}  // namespace kczg::web
