// Events (路演, 投融资对接会) and their invitations, each change audited, each invitation's
// mail queued with it.
#include "store/json_codec.hpp"
#include "store/optional_values.hpp"
#include "store/soci_store.hpp"

namespace kczg::store {
namespace {

std::vector<Event> select_events(soci::session& sql, long long id) {
  std::vector<Event> out;
  Event e;
  std::string kind;
  long long starts = 0;
  int all = id == 0;
  soci::statement st =
      (sql.prepare
           << "SELECT id, organiser_id, kind, title, description, region, place, "
              "starts_at FROM events WHERE (:all = 1 OR id = :id) ORDER BY starts_at DESC, id",
       soci::use(all), soci::use(id), soci::into(e.id), soci::into(e.organiser_id),
       soci::into(kind), soci::into(e.title), soci::into(e.description), soci::into(e.region),
       soci::into(e.place), soci::into(starts));
  st.execute();
  while (st.fetch()) {
    Event row = e;
    row.kind = event_kind_from_name(kind).value_or(EventKind::roadshow);
    row.starts_at = from_micros(starts);
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<Invitation> select_invitations(soci::session& sql, const std::string& where,
                                           const std::vector<long long>& keys) {
  std::vector<Invitation> out;
  Invitation i;
  std::string state;
  long long invited = 0;
  OptionalNumber entry, partner;
  OptionalMicros answered;
  soci::statement st(sql);
  st.exchange(soci::into(i.id));
  st.exchange(soci::into(i.event_id));
  st.exchange(soci::into(entry.value, entry.ind));
  st.exchange(soci::into(partner.value, partner.ind));
  st.exchange(soci::into(state));
  st.exchange(soci::into(invited));
  st.exchange(soci::into(answered.value, answered.ind));
  for (const long long& key : keys) st.exchange(soci::use(key));
  prepare_exchanged(st,
                    "SELECT id, event_id, listed_entry_id, partner_id, state, invited_at, "
                    "answered_at FROM event_invitations WHERE " +
                        where + " ORDER BY id");
  st.execute();
  while (st.fetch()) {
    Invitation row = i;
    row.listed_entry_id = entry.number().value_or(0);
    row.partner_id = partner.number().value_or(0);
    row.state = invitation_state_from_name(state).value_or(InvitationState::declined);
    row.invited_at = from_micros(invited);
    row.answered_at = answered.instant();
    out.push_back(std::move(row));
  }
  return out;
}

std::string event_json(const Event& e) {
  return object_to_json({{"kind", std::string(event_kind_name(e.kind))},
                         {"title", e.title},
                         {"region", e.region},
                         {"place", e.place},
                         {"starts_at", format_shanghai(e.starts_at)}});
}

std::string invitation_json(const Invitation& i) {
  return object_to_json({{"event", std::to_string(i.event_id)},
                         {"listed_entry", std::to_string(i.listed_entry_id)},
                         {"partner", std::to_string(i.partner_id)},
                         {"state", std::string(invitation_state_name(i.state))}});
}

}  // namespace

Result<long long> SociStore::create_event(const Event& e, const Actor& actor, Instant now) {
  return write([&](soci::session& sql) -> Result<long long> {
    long long id = 0, starts = to_micros(e.starts_at), at = to_micros(now);
    std::string kind(event_kind_name(e.kind));
    sql << "INSERT INTO events (organiser_id, kind, title, description, region, place, "
           "starts_at, created_at) VALUES (:o, :k, :t, :d, :r, :p, :s, :c) RETURNING id",
        soci::use(e.organiser_id), soci::use(kind), soci::use(e.title), soci::use(e.description),
        soci::use(e.region), soci::use(e.place), soci::use(starts), soci::use(at), soci::into(id);
    audit(sql, actor, "event.create", "event:" + std::to_string(id), "{}", event_json(e), now);
    return id;
  });
}

Result<Event> SociStore::event(long long id) {
  return read([&](soci::session& sql) -> Result<Event> {
    auto found = id > 0 ? select_events(sql, id) : std::vector<Event>{};
    if (found.empty()) {
      return fail(make_error(ErrorCode::event_not_found, "event", std::to_string(id)));
    }
    return found.front();
  });
}

Result<std::vector<Event>> SociStore::events() {
  return read(
      [&](soci::session& sql) -> Result<std::vector<Event>> { return select_events(sql, 0); });
}

Result<std::vector<Invitation>> SociStore::invite(const std::vector<Invitation>& invitations,
                                                  const std::vector<OutboxMail>& notify,
                                                  const Actor& actor, Instant now) {
  return write([&](soci::session& sql) -> Result<std::vector<Invitation>> {
    std::vector<Invitation> created;
    for (std::size_t k = 0; k < invitations.size(); ++k) {
      Invitation i = invitations[k];
      auto earlier = select_invitations(
          sql,
          "event_id = :e AND COALESCE(listed_entry_id, 0) = :l AND COALESCE(partner_id, 0) = :p",
          {i.event_id, i.listed_entry_id, i.partner_id});
      if (!earlier.empty()) continue;
      i.state = InvitationState::invited;
      i.invited_at = now;
      OptionalNumber entry(i.listed_entry_id ? std::optional(i.listed_entry_id) : std::nullopt),
          partner(i.partner_id ? std::optional(i.partner_id) : std::nullopt);
      std::string state(invitation_state_name(i.state));
      long long at = to_micros(now);
      sql << "INSERT INTO event_invitations (event_id, listed_entry_id, partner_id, state, "
             "invited_at) VALUES (:e, :l, :p, :s, :t) RETURNING id",
          soci::use(i.event_id), soci::use(entry.value, entry.ind),
          soci::use(partner.value, partner.ind), soci::use(state), soci::use(at), soci::into(i.id);
      audit(sql, actor, "event.invite", "invitation:" + std::to_string(i.id), "{}",
            invitation_json(i), now);
      if (k < notify.size() && !notify[k].to.empty()) queue_mail(sql, notify[k], now);
      created.push_back(i);
    }
    return created;
  });
}

Result<std::vector<Invitation>> SociStore::invitations(long long event_id) {
  return read([&](soci::session& sql) -> Result<std::vector<Invitation>> {
    return select_invitations(sql, "event_id = :e", {event_id});
  });
}

Result<Invitation> SociStore::change_invitation(long long id, std::string_view action,
                                                const InvitationChange& change, const Actor& actor,
                                                Instant now) {
  return write([&](soci::session& sql) -> Result<Invitation> {
    auto found = select_invitations(sql, "id = :id", {id});
    if (found.empty()) {
      return fail(make_error(ErrorCode::invitation_not_found, "invitation", std::to_string(id)));
    }
    auto after = change(found.front());
    if (!after) return fail(after.error());
    std::string state(invitation_state_name(after->state));
    OptionalMicros answered(after->answered_at);
    sql << "UPDATE event_invitations SET state = :s, answered_at = :a WHERE id = :id",
        soci::use(state), soci::use(answered.value, answered.ind), soci::use(id);
    audit(sql, actor, action, "invitation:" + std::to_string(id), invitation_json(found.front()),
          invitation_json(*after), now);
    Invitation out = *after;
    out.id = id;
    return out;
  });
}

}  // namespace kczg::store
