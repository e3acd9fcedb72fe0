#include "web/matching/event_service.hpp"

#include <algorithm>

#include "i18n/catalog.hpp"
#include "web/library/library_service.hpp"

namespace kczg::web {
namespace {

OutboxMail invitation_mail(const Account& to, const Event& e) {
  std::vector<std::pair<std::string, std::string>> params{
      {"event", e.title}, {"place", e.place}, {"starts_at", format_shanghai(e.starts_at)}};
  return mail_in_both(to.login, "page.event_invited", params);
}

}  // namespace

bool runs_event(const Account& account, const Event& event) {
  return account.role == Role::secretariat || account.id == event.organiser_id;
}

Result<long long> create_event_as(Store& store, const Account& account, Event event,
                                  const Actor& actor, Instant now) {
  if (!may_organise(account, event.region)) return fail(forbidden_role(account.role));
  event.organiser_id = account.id;
  if (auto problems = validate_event(event, now); !problems.empty()) return fail(problems.front());
  return store.create_event(event, actor, now);
}

Result<int> invite_as(Store& store, const Account& account, long long event_id,
                      const std::vector<long long>& entries, const std::vector<long long>& partners,
                      const Actor& actor, Instant now) {
  auto event = store.event(event_id);
  if (!event) return fail(event.error());
  if (!runs_event(account, *event)) return fail(forbidden_role(account.role));
  std::vector<Invitation> invitations;
  // Mail k goes with invitation k; an entry without a holder account mails no one.
  std::vector<OutboxMail> mails;
  for (long long entry : entries) {
    if (auto record = store.library_record(entry); !record) return fail(record.error());
    auto holders = store.holder_accounts(entry);
    if (!holders) return fail(holders.error());
    invitations.push_back({0, event_id, entry, 0, InvitationState::invited, {}, {}});
    mails.push_back(holders->empty() ? OutboxMail{} : invitation_mail(holders->front(), *event));
  }
  for (long long partner : partners) {
    auto p = store.account(partner);
    if (!p || p->role != Role::partner) {
      return fail(make_error(ErrorCode::account_not_found, "account", std::to_string(partner)));
    }
    invitations.push_back({0, event_id, 0, partner, InvitationState::invited, {}, {}});
    mails.push_back(invitation_mail(*p, *event));
  }
  auto created = store.invite(invitations, mails, actor, now);
  if (!created) return fail(created.error());
  return int(created->size());
}

bool answers_invitation(Store& store, const Account& account, const Invitation& invitation) {
  if (invitation.partner_id) return account.id == invitation.partner_id;
  auto record = store.library_record(invitation.listed_entry_id);
  return record && holds_entry(store, account, *record);
}

Result<Invitation> answer_as(Store& store, const Account& account, long long event_id,
                             long long invitation_id, bool registers, const Actor& actor,
                             Instant now) {
  auto event = store.event(event_id);
  if (!event) return fail(event.error());
  return store.change_invitation(
      invitation_id, registers ? "event.register" : "event.decline",
      [&](const Invitation& i) -> Result<Invitation> {
        if (i.event_id != event_id || !answers_invitation(store, account, i)) {
          return fail(make_error(ErrorCode::invitation_not_found, "invitation",
                                 std::to_string(invitation_id)));
        }
        return answer_invitation(i, registers, *event, now);
      },
      actor, now);
}

Result<RecommendedDeal> follow_up_as(Store& store, const Account& account, long long event_id,
                                     long long entry, long long partner, const std::string& note,
                                     const Actor& actor, Instant now) {
  auto event = store.event(event_id);
  if (!event) return fail(event.error());
  if (!runs_event(account, *event)) return fail(forbidden_role(account.role));
  auto invitations = store.invitations(event_id);
  if (!invitations) return fail(invitations.error());
  auto registered = [&](long long Invitation::*side, long long id) {
    return std::ranges::any_of(*invitations, [&](const Invitation& i) {
      return i.*side == id && i.state == InvitationState::registered;
    });
  };
  if (!registered(&Invitation::listed_entry_id, entry)) {
    return fail(
        make_error(ErrorCode::field_invalid, "field", "entry", "detail", std::to_string(entry)));
  }
  if (!registered(&Invitation::partner_id, partner)) {
    return fail(make_error(ErrorCode::field_invalid, "field", "partner", "detail",
                           std::to_string(partner)));
  }
  Deal d;
  d.listed_entry_id = entry;
  d.partner_id = partner;
  d.note = event->title + (note.empty() ? "" : "：" + note);
  auto stored = store.recommend_deals({{d, {}}}, actor, now);
  if (!stored) return fail(stored.error());
  return stored->front();
}

}  // namespace kczg::web
