// Technical demands (技术需求): posted, reviewed, edited and closed, each change audited.
#include "domain/application_form.hpp"
#include "store/json_codec.hpp"
#include "store/soci_store.hpp"

namespace kczg::store {
namespace {

constexpr const char* k_columns =
    "id, poster_id, title, description, field_code, region, budget_min, budget_max, wanted_by, "
    "cooperation, wanted_maturity, contact, state, reason, posted_at";

// Binds a demands row through plain locals.
struct DemandRow {
  Demand d;
  long long budget_min = 0, budget_max = 0, posted = 0;
  soci::indicator min_ind = soci::i_null, max_ind = soci::i_null;
  std::string wanted_by, cooperation, maturity, state;

  void bind(soci::statement& st) {
    st.exchange(soci::into(d.id));
    st.exchange(soci::into(d.poster_id));
    st.exchange(soci::into(d.title));
    st.exchange(soci::into(d.description));
    st.exchange(soci::into(d.field));
    st.exchange(soci::into(d.region));
    st.exchange(soci::into(budget_min, min_ind));
    st.exchange(soci::into(budget_max, max_ind));
    st.exchange(soci::into(wanted_by));
    st.exchange(soci::into(cooperation));
    st.exchange(soci::into(maturity));
    st.exchange(soci::into(d.contact));
    st.exchange(soci::into(state));
    st.exchange(soci::into(d.reason));
    st.exchange(soci::into(posted));
  }
  Demand value() const {
    Demand out = d;
    out.budget_min = min_ind == soci::i_ok ? std::optional(budget_min) : std::nullopt;
    out.budget_max = max_ind == soci::i_ok ? std::optional(budget_max) : std::nullopt;
    out.wanted_by = parse_form_date(wanted_by);
    out.cooperation = cooperation_from_codes(cooperation);
    out.wanted_maturity = maturity_from_name(maturity);
    out.state = demand_state_from_name(state).value_or(DemandState::closed);
    out.posted_at = from_micros(posted);
    return out;
  }
};

// A demand's columns as bound values, for INSERT and UPDATE.
struct DemandValues {
  long long budget_min, budget_max;
  soci::indicator min_ind, max_ind;
  std::string wanted_by, cooperation, maturity, state;

  explicit DemandValues(const Demand& d)
      : budget_min(d.budget_min.value_or(0)),
        budget_max(d.budget_max.value_or(0)),
        min_ind(d.budget_min ? soci::i_ok : soci::i_null),
        max_ind(d.budget_max ? soci::i_ok : soci::i_null),
        wanted_by(d.wanted_by ? format_date(*d.wanted_by) : ""),
        cooperation(cooperation_codes(d.cooperation)),
        maturity(d.wanted_maturity ? std::string(maturity_name(*d.wanted_maturity)) : ""),
        state(demand_state_name(d.state)) {}
};

std::vector<Demand> select_demands(soci::session& sql, const std::string& where,
                                   const std::vector<std::string>& keys) {
  std::vector<Demand> out;
  DemandRow row;
  soci::statement st(sql);
  row.bind(st);
  for (const std::string& key : keys) st.exchange(soci::use(key));
  prepare_exchanged(st, std::string("SELECT ") + k_columns + " FROM demands WHERE " + where +
                            " ORDER BY id DESC");
  st.execute();
  while (st.fetch()) out.push_back(row.value());
  return out;
}

// The audit's view of a demand: what was posted and where it stands; the contact is
// private and stays out of the log.
std::string demand_json(const Demand& d) {
  DemandValues v(d);
  return object_to_json({{"title", d.title},
                         {"field", d.field},
                         {"region", d.region},
                         {"budget_min", d.budget_min ? std::to_string(*d.budget_min) : ""},
                         {"budget_max", d.budget_max ? std::to_string(*d.budget_max) : ""},
                         {"wanted_by", v.wanted_by},
                         {"cooperation", v.cooperation},
                         {"wanted_maturity", v.maturity},
                         {"state", v.state},
                         {"reason", d.reason}});
}

Error demand_missing(long long id) {
  return make_error(ErrorCode::demand_not_found, "demand", std::to_string(id));
}

}  // namespace

Result<std::vector<long long>> SociStore::post_demands(const std::vector<Demand>& demands,
                                                       const Actor& actor, Instant now) {
  return write([&](soci::session& sql) -> Result<std::vector<long long>> {
    std::vector<long long> ids;
    long long at = to_micros(now);
    for (Demand d : demands) {
      d.state = DemandState::pending;
      d.reason.clear();
      DemandValues v(d);
      long long id = 0;
      sql << "INSERT INTO demands (poster_id, title, description, field_code, region, "
             "budget_min, budget_max, wanted_by, cooperation, wanted_maturity, contact, state, "
             "reason, posted_at, updated_at, changes) VALUES (:p, :t, :d, :f, :r, :bmin, :bmax, "
             ":w, :c, :m, :contact, :s, '', :at, :at2, 0) RETURNING id",
          soci::use(d.poster_id), soci::use(d.title), soci::use(d.description), soci::use(d.field),
          soci::use(d.region), soci::use(v.budget_min, v.min_ind),
          soci::use(v.budget_max, v.max_ind), soci::use(v.wanted_by), soci::use(v.cooperation),
          soci::use(v.maturity), soci::use(d.contact), soci::use(v.state), soci::use(at),
          soci::use(at), soci::into(id);
      audit(sql, actor, "demand.post", "demand:" + std::to_string(id), "{}", demand_json(d), now);
      ids.push_back(id);
    }
    return ids;
  });
}

Result<Demand> SociStore::demand(long long id) {
  return read([&](soci::session& sql) -> Result<Demand> {
    auto found = select_demands(sql, "id = :id", {std::to_string(id)});
    if (found.empty()) return fail(demand_missing(id));
    return found.front();
  });
}

Result<std::vector<Demand>> SociStore::demands(const DemandFilter& filter) {
  return read([&](soci::session& sql) -> Result<std::vector<Demand>> {
    std::string where = "1 = 1";
    std::vector<std::string> keys;
    if (filter.state) {
      where += " AND state = :s";
      keys.emplace_back(demand_state_name(*filter.state));
    }
    if (filter.poster_id) {
      where += " AND poster_id = :p";
      keys.push_back(std::to_string(filter.poster_id));
    }
    if (!filter.region.empty()) {
      where += " AND SUBSTR(region, 1, " + std::to_string(filter.region.size()) + ") = :r";
      keys.push_back(filter.region);
    }
    return select_demands(sql, where, keys);
  });
}

Result<DemandRevision> SociStore::demand_revision() {
  return read([&](soci::session& sql) -> Result<DemandRevision> {
    DemandRevision r;
    sql << "SELECT COUNT(*), COALESCE(SUM(changes), 0) FROM demands", soci::into(r.demands),
        soci::into(r.changes);
    return r;
  });
}

Result<Demand> SociStore::change_demand(long long id, std::string_view action,
                                        const DemandChange& change, const Actor& actor,
                                        Instant now) {
  return write([&](soci::session& sql) -> Result<Demand> {
    auto found = select_demands(sql, "id = :id", {std::to_string(id)});
    if (found.empty()) return fail(demand_missing(id));
    const Demand& before = found.front();
    auto after = change(before);
    if (!after) return fail(after.error());
    DemandValues v(*after);
    long long at = to_micros(now);
    sql << "UPDATE demands SET title = :t, description = :d, field_code = :f, region = :r, "
           "budget_min = :bmin, budget_max = :bmax, wanted_by = :w, cooperation = :c, "
           "wanted_maturity = :m, contact = :contact, state = :s, reason = :reason, "
           "updated_at = :at, changes = changes + 1 WHERE id = :id",
        soci::use(after->title), soci::use(after->description), soci::use(after->field),
        soci::use(after->region), soci::use(v.budget_min, v.min_ind),
        soci::use(v.budget_max, v.max_ind), soci::use(v.wanted_by), soci::use(v.cooperation),
        soci::use(v.maturity), soci::use(after->contact), soci::use(v.state),
        soci::use(after->reason), soci::use(at), soci::use(id);
    audit(sql, actor, action, "demand:" + std::to_string(id), demand_json(before),
          demand_json(*after), now);
    Demand out = *after;
    out.id = before.id;
    out.poster_id = before.poster_id;
    out.posted_at = before.posted_at;
    return out;
  });
}

}  // namespace kczg::store
