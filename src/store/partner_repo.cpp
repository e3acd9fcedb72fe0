// The financial partner plan (金融伙伴计划): partners' profiles, and the secretariat's
// directed recommendations (定向推介) with what each partner made of them, audited.
#include "store/json_codec.hpp"
#include "store/optional_values.hpp"
#include "store/soci_store.hpp"

namespace kczg::store {
namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

std::vector<std::string> split(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t from = 0; from < text.size();) {
    std::size_t comma = std::min(text.find(',', from), text.size());
    if (comma > from) out.emplace_back(text.substr(from, comma - from));
    from = comma + 1;
  }
  return out;
}

std::string stages_text(const std::vector<Maturity>& stages) {
  std::vector<std::string> names;
  for (Maturity m : stages) names.emplace_back(maturity_name(m));
  return joined(names);
}

std::vector<Maturity> stages_of(std::string_view text) {
  std::vector<Maturity> out;
  for (const std::string& name : split(text)) {
    if (auto m = maturity_from_name(name)) out.push_back(*m);
  }
  return out;
}

std::string profile_json(const PartnerProfile& p) {
  return object_to_json({{"kind", std::string(partner_kind_name(p.kind))},
                         {"fields", joined(p.fields)},
                         {"stages", stages_text(p.stages)},
                         {"regions", joined(p.regions)},
                         {"ticket_min", p.ticket_min ? std::to_string(*p.ticket_min) : ""},
                         {"ticket_max", p.ticket_max ? std::to_string(*p.ticket_max) : ""}});
}

std::vector<PartnerProfile> select_profiles(soci::session& sql, long long account_id) {
  std::vector<PartnerProfile> out;
  PartnerProfile p;
  std::string kind, fields, stages, regions;
  OptionalNumber min, max;
  int all = account_id == 0;
  soci::statement st =
      (sql.prepare << "SELECT p.account_id, a.display_name, p.kind, p.fields, p.stages, "
                      "p.regions, p.ticket_min, p.ticket_max FROM partner_profiles p "
                      "JOIN accounts a ON a.id = p.account_id "
                      "WHERE (:all = 1 OR p.account_id = :id) ORDER BY p.account_id",
       soci::use(all), soci::use(account_id), soci::into(p.account_id), soci::into(p.name),
       soci::into(kind), soci::into(fields), soci::into(stages), soci::into(regions),
       soci::into(min.value, min.ind), soci::into(max.value, max.ind));
  st.execute();
  while (st.fetch()) {
    PartnerProfile row = p;
    row.kind = partner_kind_from_name(kind).value_or(PartnerKind::other);
    row.fields = split(fields);
    row.stages = stages_of(stages);
    row.regions = split(regions);
    row.ticket_min = min.number();
    row.ticket_max = max.number();
    out.push_back(std::move(row));
  }
  return out;
}

constexpr const char* k_deal_columns =
    "id, listed_entry_id, partner_id, note, state, reason, amount, recommended_at, "
    "answered_at, updated_at";

std::vector<Deal> select_deals(soci::session& sql, const std::string& where,
                               const std::vector<long long>& keys) {
  std::vector<Deal> out;
  Deal d;
  std::string state;
  long long recommended = 0;
  OptionalNumber amount;
  OptionalMicros answered, updated;
  soci::statement st(sql);
  st.exchange(soci::into(d.id));
  st.exchange(soci::into(d.listed_entry_id));
  st.exchange(soci::into(d.partner_id));
  st.exchange(soci::into(d.note));
  st.exchange(soci::into(state));
  st.exchange(soci::into(d.reason));
  st.exchange(soci::into(amount.value, amount.ind));
  st.exchange(soci::into(recommended));
  st.exchange(soci::into(answered.value, answered.ind));
  st.exchange(soci::into(updated.value, updated.ind));
  for (const long long& key : keys) st.exchange(soci::use(key));
  prepare_exchanged(st, std::string("SELECT ") + k_deal_columns + " FROM deals WHERE " + where +
                            " ORDER BY id DESC");
  st.execute();
  while (st.fetch()) {
    Deal row = d;
    row.state = deal_state_from_name(state).value_or(DealState::declined);
    row.amount = amount.number();
    row.recommended_at = from_micros(recommended);
    row.answered_at = answered.instant();
    row.updated_at = updated.instant();
    out.push_back(std::move(row));
  }
  return out;
}

std::string deal_json(const Deal& d) {
  return object_to_json({{"listed_entry", std::to_string(d.listed_entry_id)},
                         {"partner", std::to_string(d.partner_id)},
                         {"state", std::string(deal_state_name(d.state))},
                         {"reason", d.reason},
                         {"amount", d.amount ? std::to_string(*d.amount) : ""}});
}

Error deal_missing(long long id) {
  return make_error(ErrorCode::deal_not_found, "deal", std::to_string(id));
}

}  // namespace

Result<void> SociStore::save_partner_profile(const PartnerProfile& p, const Actor& actor,
                                             Instant now) {
  if (auto problems = check_partner_profile(p); !problems.empty()) return fail(problems.front());
  return write([&](soci::session& sql) -> Result<void> {
    auto before = select_profiles(sql, p.account_id);
    std::string kind(partner_kind_name(p.kind)),
        fields = joined(p.fields), stages = stages_text(p.stages), regions = joined(p.regions);
    OptionalNumber min(p.ticket_min), max(p.ticket_max);
    long long at = to_micros(now);
    if (before.empty()) {
      sql << "INSERT INTO partner_profiles (account_id, kind, fields, stages, regions, "
             "ticket_min, ticket_max, updated_at) VALUES (:a, :k, :f, :s, :r, :min, :max, :t)",
          soci::use(p.account_id), soci::use(kind), soci::use(fields), soci::use(stages),
          soci::use(regions), soci::use(min.value, min.ind), soci::use(max.value, max.ind),
          soci::use(at);
    } else {
      sql << "UPDATE partner_profiles SET kind = :k, fields = :f, stages = :s, regions = :r, "
             "ticket_min = :min, ticket_max = :max, updated_at = :t WHERE account_id = :a",
          soci::use(kind), soci::use(fields), soci::use(stages), soci::use(regions),
          soci::use(min.value, min.ind), soci::use(max.value, max.ind), soci::use(at),
          soci::use(p.account_id);
    }
    audit(sql, actor, "partner.profile", "account:" + std::to_string(p.account_id),
          before.empty() ? "{}" : profile_json(before.front()), profile_json(p), now);
    return {};
  });
}

Result<std::vector<PartnerProfile>> SociStore::partner_profiles() {
  return read([&](soci::session& sql) -> Result<std::vector<PartnerProfile>> {
    return select_profiles(sql, 0);
  });
}

Result<std::optional<PartnerProfile>> SociStore::partner_profile(long long account_id) {
  return read([&](soci::session& sql) -> Result<std::optional<PartnerProfile>> {
    auto found = account_id > 0 ? select_profiles(sql, account_id) : std::vector<PartnerProfile>{};
    if (found.empty()) return std::optional<PartnerProfile>{};
    return std::optional(found.front());
  });
}

Result<std::vector<RecommendedDeal>> SociStore::recommend_deals(
    const std::vector<DealProposal>& proposals, const Actor& actor, Instant now) {
  return write([&](soci::session& sql) -> Result<std::vector<RecommendedDeal>> {
    std::vector<RecommendedDeal> out;
    for (const DealProposal& p : proposals) {
      auto earlier = select_deals(sql, "listed_entry_id = :e AND partner_id = :p",
                                  {p.deal.listed_entry_id, p.deal.partner_id});
      if (!earlier.empty()) {
        out.push_back({earlier.front(), false});
        continue;
      }
      Deal stored = p.deal;
      stored.state = DealState::recommended;
      stored.recommended_at = now;
      std::string state(deal_state_name(stored.state));
      long long at = to_micros(now);
      sql << "INSERT INTO deals (listed_entry_id, partner_id, note, state, reason, "
             "recommended_at, recommended_by) VALUES (:e, :p, :n, :s, '', :t, :b) RETURNING id",
          soci::use(stored.listed_entry_id), soci::use(stored.partner_id), soci::use(stored.note),
          soci::use(state), soci::use(at), soci::use(actor.name), soci::into(stored.id);
      audit(sql, actor, "deal.recommend", "deal:" + std::to_string(stored.id), "{}",
            deal_json(stored), now);
      for (const OutboxMail& mail : p.notify) queue_mail(sql, mail, now);
      out.push_back({stored, true});
    }
    return out;
  });
}

Result<std::vector<Deal>> SociStore::deals(long long partner_id, long long listed_entry_id) {
  return read([&](soci::session& sql) -> Result<std::vector<Deal>> {
    return select_deals(sql, "(:p = 0 OR partner_id = :p2) AND (:e = 0 OR listed_entry_id = :e2)",
                        {partner_id, partner_id, listed_entry_id, listed_entry_id});
  });
}

Result<Deal> SociStore::deal(long long id) {
  return read([&](soci::session& sql) -> Result<Deal> {
    auto found = select_deals(sql, "id = :id", {id});
    if (found.empty()) return fail(deal_missing(id));
    return found.front();
  });
}

Result<Deal> SociStore::change_deal(long long id, std::string_view action, const DealChange& change,
                                    const Actor& actor, Instant now) {
  return write([&](soci::session& sql) -> Result<Deal> {
    auto found = select_deals(sql, "id = :id", {id});
    if (found.empty()) return fail(deal_missing(id));
    const Deal& before = found.front();
    auto after = change(before);
    if (!after) return fail(after.error());
    std::string state(deal_state_name(after->state));
    OptionalNumber amount(after->amount);
    OptionalMicros answered(after->answered_at), updated(after->updated_at);
    sql << "UPDATE deals SET state = :s, reason = :r, amount = :a, answered_at = :an, "
           "updated_at = :u WHERE id = :id",
        soci::use(state), soci::use(after->reason), soci::use(amount.value, amount.ind),
        soci::use(answered.value, answered.ind), soci::use(updated.value, updated.ind),
        soci::use(id);
    audit(sql, actor, action, "deal:" + std::to_string(id), deal_json(before), deal_json(*after),
          now);
    Deal out = *after;
    out.id = before.id;
    return out;
  });
}

}  // namespace kczg::store
