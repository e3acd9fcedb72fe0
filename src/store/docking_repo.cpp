// Matches (对接) between demands and listed entries: proposed once per pair, moved through
// their life, each change audited and its mail queued in the same transaction.
#include "store/json_codec.hpp"
#include "store/optional_values.hpp"
#include "store/soci_store.hpp"

namespace kczg::store {
namespace {

constexpr const char* k_columns =
    "id, demand_id, listed_entry_id, state, score, demand_side, supply_side, proposed_at, "
    "first_response_at, agreed_at, closed_at, close_reason, close_text";

struct DockingRow {
  Docking d;
  std::string state, reason;
  int demand_side = 0, supply_side = 0;
  long long proposed = 0;
  OptionalMicros response, agreed, closed;

  void bind(soci::statement& st) {
    st.exchange(soci::into(d.id));
    st.exchange(soci::into(d.demand_id));
    st.exchange(soci::into(d.supply_id));
    st.exchange(soci::into(state));
    st.exchange(soci::into(d.score));
    st.exchange(soci::into(demand_side));
    st.exchange(soci::into(supply_side));
    st.exchange(soci::into(proposed));
    st.exchange(soci::into(response.value, response.ind));
    st.exchange(soci::into(agreed.value, agreed.ind));
    st.exchange(soci::into(closed.value, closed.ind));
    st.exchange(soci::into(reason));
    st.exchange(soci::into(d.close_text));
  }
  Docking value() const {
    Docking out = d;
    out.state = docking_state_from_name(state).value_or(DockingState::closed);
    out.demand_side = demand_side != 0;
    out.supply_side = supply_side != 0;
    out.proposed_at = from_micros(proposed);
    out.first_response_at = response.instant();
    out.agreed_at = agreed.instant();
    out.closed_at = closed.instant();
    out.close_reason = close_reason_from_name(reason);
    return out;
  }
};

std::vector<Docking> select_dockings(soci::session& sql, const std::string& where,
                                     const std::vector<long long>& keys) {
  std::vector<Docking> out;
  DockingRow row;
  soci::statement st(sql);
  row.bind(st);
  for (const long long& key : keys) st.exchange(soci::use(key));
  prepare_exchanged(st, std::string("SELECT ") + k_columns + " FROM dockings WHERE " + where +
                            " ORDER BY id DESC");
  st.execute();
  while (st.fetch()) out.push_back(row.value());
  return out;
}

std::string docking_json(const Docking& d) {
  return object_to_json(
      {{"demand", std::to_string(d.demand_id)},
       {"listed_entry", std::to_string(d.supply_id)},
       {"state", std::string(docking_state_name(d.state))},
       {"demand_side", d.demand_side ? "1" : "0"},
       {"supply_side", d.supply_side ? "1" : "0"},
       {"close_reason", d.close_reason ? std::string(close_reason_name(*d.close_reason)) : ""},
       {"close_text", d.close_text}});
}

Error docking_missing(long long id) {
  return make_error(ErrorCode::docking_not_found, "docking", std::to_string(id));
}

}  // namespace

void SociStore::queue_mail(soci::session& sql, const OutboxMail& mail, Instant now) {
  long long at = to_micros(now);
  sql << "INSERT INTO outbox (to_address, subject, body, created_at) VALUES (:to, :s, :b, :t)",
      soci::use(mail.to), soci::use(mail.subject), soci::use(mail.body), soci::use(at);
}

Result<std::vector<ProposedDocking>> SociStore::propose_dockings(
    const std::vector<DockingProposal>& proposals, const Actor& actor, Instant now) {
  return write([&](soci::session& sql) -> Result<std::vector<ProposedDocking>> {
    std::vector<ProposedDocking> out;
    for (const DockingProposal& p : proposals) {
      const Docking& d = p.docking;
      auto earlier = select_dockings(sql, "demand_id = :d AND listed_entry_id = :e",
                                     {d.demand_id, d.supply_id});
      if (!earlier.empty()) {
        out.push_back({earlier.front(), false});
        continue;
      }
      Docking stored = d;
      stored.state = DockingState::proposed;
      stored.proposed_at = now;
      int demand_side = d.demand_side, supply_side = d.supply_side;
      std::string state(docking_state_name(stored.state));
      long long at = to_micros(now);
      sql << "INSERT INTO dockings (demand_id, listed_entry_id, state, score, demand_side, "
             "supply_side, proposed_at, close_reason, close_text) "
             "VALUES (:d, :e, :s, :score, :ds, :ss, :at, '', '') RETURNING id",
          soci::use(d.demand_id), soci::use(d.supply_id), soci::use(state), soci::use(d.score),
          soci::use(demand_side), soci::use(supply_side), soci::use(at), soci::into(stored.id);
      audit(sql, actor, "docking.propose", "docking:" + std::to_string(stored.id), "{}",
            docking_json(stored), now);
      for (const OutboxMail& mail : p.notify) queue_mail(sql, mail, now);
      out.push_back({stored, true});
    }
    return out;
  });
}

Result<Docking> SociStore::docking(long long id) {
  return read([&](soci::session& sql) -> Result<Docking> {
    auto found = select_dockings(sql, "id = :id", {id});
    if (found.empty()) return fail(docking_missing(id));
    return found.front();
  });
}

Result<std::vector<Docking>> SociStore::dockings(const DockingFilter& filter) {
  return read([&](soci::session& sql) -> Result<std::vector<Docking>> {
    return select_dockings(
        sql, "(:d = 0 OR demand_id = :d2) AND (:e = 0 OR listed_entry_id = :e2)",
        {filter.demand_id, filter.demand_id, filter.supply_id, filter.supply_id});
  });
}

Result<Docking> SociStore::change_docking(long long id, std::string_view action,
                                          const DockingChange& change,
                                          const std::vector<OutboxMail>& notify, const Actor& actor,
                                          Instant now) {
  return write([&](soci::session& sql) -> Result<Docking> {
    auto found = select_dockings(sql, "id = :id", {id});
    if (found.empty()) return fail(docking_missing(id));
    const Docking& before = found.front();
    auto after = change(before);
    if (!after) return fail(after.error());
    std::string state(docking_state_name(after->state));
    std::string reason =
        after->close_reason ? std::string(close_reason_name(*after->close_reason)) : std::string();
    int demand_side = after->demand_side, supply_side = after->supply_side;
    OptionalMicros response(after->first_response_at), agreed(after->agreed_at),
        closed(after->closed_at);
    sql << "UPDATE dockings SET state = :s, demand_side = :ds, supply_side = :ss, "
           "first_response_at = :r, agreed_at = :a, closed_at = :c, close_reason = :reason, "
           "close_text = :text WHERE id = :id",
        soci::use(state), soci::use(demand_side), soci::use(supply_side),
        soci::use(response.value, response.ind), soci::use(agreed.value, agreed.ind),
        soci::use(closed.value, closed.ind), soci::use(reason), soci::use(after->close_text),
        soci::use(id);
    audit(sql, actor, action, "docking:" + std::to_string(id), docking_json(before),
          docking_json(*after), now);
    for (const OutboxMail& mail : notify) queue_mail(sql, mail, now);
    Docking out = *after;
    out.id = before.id;
    return out;
  });
}

Result<std::vector<Account>> SociStore::holder_accounts(long long id) {
  return read([&](soci::session& sql) -> Result<std::vector<Account>> {
    std::vector<long long> ids;
    long long account_id = 0;
    soci::statement st = (sql.prepare << "SELECT a.id FROM listed_entries e "
                                         "JOIN applications p ON p.id = e.application_id "
                                         "JOIN accounts a ON a.applicant_id = p.applicant_id "
                                         "WHERE e.id = :id AND a.role = 'applicant' ORDER BY a.id",
                          soci::use(id), soci::into(account_id));
    st.execute();
    while (st.fetch()) ids.push_back(account_id);
    std::vector<Account> out;
    for (long long a : ids) {
      auto account = load_account(sql, "id = :k", std::to_string(a));
      if (!account) return fail(account.error());
      out.push_back(*account);
    }
    return out;
  });
}

}  // namespace kczg::store
