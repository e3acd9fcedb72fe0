#include "web/matching/matching_service.hpp"

#include <algorithm>
#include <map>

#include "i18n/catalog.hpp"

namespace kczg::web {
namespace {

match::Demand query_of(const Demand& d) {
  return {d.title, d.description, d.field, d.region, d.wanted_maturity};
}

std::chrono::year_month_day today(Instant now) { return shanghai_date(now); }

}  // namespace

DemandActor demand_actor_of(const Account& account) {
  return {account.role, account.id, account.region};
}

bool reviews_demand(const Account& account, const Demand& demand) {
  return account.role == Role::secretariat ||
         (account.role == Role::pilot_city && reviews_region(account.region, demand.region));
}

bool may_see_contact(const Account* account, const Demand& demand) {
  return account && (account->id == demand.poster_id || reviews_demand(*account, demand));
}

bool may_read_demand(const Account* account, const Demand& demand) {
  return demand.state == DemandState::open || may_see_contact(account, demand);
}

Result<long long> post_demand_as(Store& store, const Account& account, Demand demand,
                                 const Actor& actor, Instant now) {
  if (account.role != Role::applicant && account.role != Role::pilot_city &&
      account.role != Role::secretariat) {
    return fail(forbidden_role(account.role));
  }
  demand.poster_id = account.id;
  if (auto problems = validate_demand(demand, today(now)); !problems.empty()) {
    return fail(problems.front());
  }
  auto ids = store.post_demands({demand}, actor, now);
  if (!ids) return fail(ids.error());
  return ids->front();
}

Result<Demand> edit_demand_as(Store& store, const Account& account, long long id,
                              const Demand& edited, const Actor& actor, Instant now) {
  if (auto problems = validate_demand(edited, today(now)); !problems.empty()) {
    return fail(problems.front());
  }
  return store.change_demand(
      id, "demand.edit",
      [&](const Demand& d) -> Result<Demand> {
        if (d.poster_id != account.id) return fail(forbidden_role(account.role));
        if (d.state != DemandState::pending && d.state != DemandState::rejected) {
          return fail(make_error(ErrorCode::transition_from_state, "action", "edit", "state",
                                 std::string(demand_state_name(d.state))));
        }
        Demand out = edited;
        out.id = d.id;
        out.poster_id = d.poster_id;
        out.posted_at = d.posted_at;
        out.state = DemandState::pending;
        out.reason = d.reason;
        return out;
      },
      actor, now);
}

Result<Demand> act_on_demand_as(Store& store, const LibrarySnapshot& library,
                                const Account& account, long long id, DemandAction action,
                                std::string_view reason, const Actor& actor, Instant now) {
  auto changed = store.change_demand(
      id, "demand." + std::string(demand_action_name(action)),
      [&](const Demand& d) {
        return apply_demand_action(d, action, demand_actor_of(account), reason);
      },
      actor, now);
  if (!changed) return fail(changed.error());
  if (action == DemandAction::approve) {
    // The demand is public whether or not the mail goes; a failure here is the store's,
    // and the nightly run proposes again.
    (void)propose_matches(store, library, *changed, actor, now);
  }
  return changed;
}

std::vector<match::Match> ranked_items(const LibrarySnapshot& library, const Demand& demand,
                                       std::size_t k) {
  return library.matcher.top(query_of(demand), k);
}

Result<int> propose_matches(Store& store, const LibrarySnapshot& library, const Demand& demand,
                            const Actor& actor, Instant now) {
  if (demand.state != DemandState::open) return 0;
  auto poster = store.account(demand.poster_id);
  if (!poster) return fail(poster.error());
  std::vector<DockingProposal> proposals;
  for (const match::Match& m : ranked_items(library, demand, k_notify_max)) {
    if (m.score < k_notify_score) break;
    const LibraryRecord& item = library.records[m.supply];
    Docking d;
    d.demand_id = demand.id;
    d.supply_id = item.id;
    d.score = m.score;
    std::vector<std::pair<std::string, std::string>> params{
        {"demand", demand.title}, {"item", item.name}, {"holder", item.holder}};
    DockingProposal p{d, {mail_in_both(poster->login, "page.match_proposed", params)}};
    auto holders = store.holder_accounts(item.id);
    if (!holders) return fail(holders.error());
    for (const Account& h : *holders)
      p.notify.push_back(mail_in_both(h.login, "page.match_proposed", params));
    proposals.push_back(std::move(p));
  }
  auto stored = store.propose_dockings(proposals, actor, now);
  if (!stored) return fail(stored.error());
  return int(std::ranges::count_if(*stored, &ProposedDocking::created));
}

Result<std::shared_ptr<const DemandSnapshot>> DemandCache::current(Store& store) {
  std::lock_guard lock(m_mutex);
  auto revision = store.demand_revision();
  if (!revision) return fail(revision.error());
  if (m_snapshot && m_snapshot->revision == *revision) return m_snapshot;
  auto open = store.demands({DemandState::open, 0, ""});
  if (!open) return fail(open.error());
  std::vector<match::Supply> supplies;
  supplies.reserve(open->size());
  for (const Demand& d : *open) {
    supplies.push_back(
        {d.id, match::SupplyKind::listed_item, d.title, d.description, {}, d.field, d.region, {}});
  }
  m_snapshot = std::make_shared<const DemandSnapshot>(
      DemandSnapshot{*revision, std::move(*open), match::Matcher(std::move(supplies), true)});
  return m_snapshot;
}

std::vector<match::Match> ranked_demands(const DemandSnapshot& demands, const LibraryRecord& record,
                                         std::size_t k) {
  // The item asks, the demands answer: its field and region count as a demand's would.
  return demands.matcher.top(
      {record.name, record.summary, record.field, region_of_uscc(record.holder_uscc), {}}, k);
}

std::optional<DockingSide> side_of(Store& store, const Account& account, const Docking& docking,
                                   const Demand& demand) {
  if (account.id == demand.poster_id) return DockingSide::demand;
  auto record = store.library_record(docking.supply_id);
  if (record && holds_entry(store, account, *record)) return DockingSide::supply;
  return std::nullopt;
}

Result<std::optional<OtherSide>> other_side(Store& store, std::optional<DockingSide> side,
                                            const Docking& docking, const Demand& demand) {
  if (!side || !contacts_shown(docking)) return std::optional<OtherSide>{};
  OtherSide other;
  if (*side == DockingSide::supply) {
    other.demand_contact = demand.contact;
  } else {
    auto holders = store.holder_accounts(docking.supply_id);
    if (!holders) return fail(holders.error());
    other.holders = std::move(*holders);
  }
  return std::optional(std::move(other));
}

Result<Docking> express_interest_as(Store& store, const Account& account, long long demand_id,
                                    long long entry_id, const Actor& actor, Instant now) {
  auto demand = store.demand(demand_id);
  if (!demand) return fail(demand.error());
  if (demand->state != DemandState::open) {
    return fail(make_error(ErrorCode::demand_not_open, "demand", std::to_string(demand_id), "state",
                           std::string(demand_state_name(demand->state))));
  }
  auto record = store.library_record(entry_id);
  if (!record) return fail(record.error());
  Docking pair;
  pair.demand_id = demand_id;
  pair.supply_id = entry_id;
  auto side = side_of(store, account, pair, *demand);
  if (!side) return fail(forbidden_role(account.role));
  auto proposed = store.propose_dockings({{pair, {}}}, actor, now);
  if (!proposed) return fail(proposed.error());
  // Who hears of it: the other side, or both once the contacts are shown.
  auto poster = store.account(demand->poster_id);
  auto holders = store.holder_accounts(entry_id);
  if (!poster || !holders) return fail(!poster ? poster.error() : holders.error());
  std::vector<std::pair<std::string, std::string>> params{
      {"demand", demand->title}, {"item", record->name}, {"holder", record->holder}};
  auto change = [&](const Docking& d) { return express_interest(d, *side, now); };
  auto preview = change(proposed->front().docking);
  if (!preview) return fail(preview.error());
  std::vector<OutboxMail> notify;
  std::string key = contacts_shown(*preview) ? "match_contacts" : "match_interest";
  if (contacts_shown(*preview) || *side == DockingSide::supply) {
    notify.push_back(mail_in_both(poster->login, "page." + key, params));
  }
  if (contacts_shown(*preview) || *side == DockingSide::demand) {
    for (const Account& h : *holders)
      notify.push_back(mail_in_both(h.login, "page." + key, params));
  }
  return store.change_docking(proposed->front().docking.id, "docking.interest", change, notify,
                              actor, now);
}

Result<Docking> act_on_docking_as(Store& store, const Account& account, long long id,
                                  DockingAction action, std::optional<CloseReason> reason,
                                  std::string_view text, const Actor& actor, Instant now) {
  auto docking = store.docking(id);
  if (!docking) return fail(docking.error());
  auto demand = store.demand(docking->demand_id);
  if (!demand) return fail(demand.error());
  bool side = side_of(store, account, *docking, *demand).has_value();
  bool allowed = action == DockingAction::close ? side || account.role == Role::secretariat
                                                : side && action != DockingAction::contact;
  if (!allowed) return fail(forbidden_role(account.role));
  return store.change_docking(
      id, "docking." + std::string(docking_action_name(action)),
      [&](const Docking& d) { return apply_docking_action(d, action, now, reason, text); }, {},
      actor, now);
}

Result<std::vector<Docking>> visible_dockings(Store& store, const Account& account) {
  auto all = store.dockings({});
  if (!all) return fail(all.error());
  if (account.role == Role::secretariat) return all;
  std::map<long long, std::optional<Demand>> demands;
  std::map<long long, bool> held;
  std::vector<Docking> out;
  for (const Docking& d : *all) {
    auto [it, fresh] = demands.try_emplace(d.demand_id);
    if (fresh) {
      auto demand = store.demand(d.demand_id);
      if (demand) it->second = *demand;
    }
    if (!it->second) continue;
    const Demand& demand = *it->second;
    bool visible = account.id == demand.poster_id ||
                   (account.role == Role::pilot_city && reviews_demand(account, demand));
    if (!visible && account.role == Role::applicant) {
      auto [h, first] = held.try_emplace(d.supply_id, false);
      if (first) {
        auto record = store.library_record(d.supply_id);
        h->second = record && holds_entry(store, account, *record);
      }
      visible = h->second;
    }
    if (visible) out.push_back(d);
  }
  return out;
}

Result<std::vector<match::DockingCounts>> docking_statistics(Store& store, const Account& account,
                                                             match::DockingDimension dimension) {
  if (account.role != Role::secretariat && account.role != Role::pilot_city) {
    return fail(forbidden_role(account.role));
  }
  std::string province =
      account.role == Role::pilot_city
          ? account.region.substr(0, std::min<std::size_t>(2, account.region.size()))
          : "";
  if (account.role == Role::pilot_city && province.size() != 2)
    return fail(forbidden_role(account.role));
  auto demands = store.demands({std::nullopt, 0, province});
  auto dockings = store.dockings({});
  auto records = store.library_records();
  if (!demands || !dockings || !records) {
    return fail(!demands ? demands.error() : !dockings ? dockings.error() : records.error());
  }
  std::map<long long, const Demand*> by_id;
  for (const Demand& d : *demands) by_id[d.id] = &d;
  std::map<long long, const LibraryRecord*> entries;
  for (const LibraryRecord& r : *records) entries[r.id] = &r;
  std::vector<match::DockingFacts> facts;
  for (const Docking& d : *dockings) {
    auto demand = by_id.find(d.demand_id);
    if (demand == by_id.end()) continue;  // another province's
    auto entry = entries.find(d.supply_id);
    facts.push_back({d, entry != entries.end() ? entry->second->list : "",
                     entry != entries.end() ? entry->second->field : "",
                     demand->second->region.substr(0, 4)});
  }
  return match::docking_counts(*demands, facts, dimension);
}

}  // namespace kczg::web
