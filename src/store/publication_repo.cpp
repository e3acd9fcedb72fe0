// Publication (发布): the lists of a campaign made final, once. What was listed joins the
// earlier years' lists that the next campaign's formal check compares with.
#include "domain/phase_clock.hpp"
#include "store/json_codec.hpp"
#include "store/soci_store.hpp"

namespace kczg::store {

Result<int> SociStore::publish_lists(long long campaign_id, const std::vector<ListedEntry>& entries,
                                     const Actor& actor, Instant now) {
  return write([&](soci::session& sql) -> Result<int> {
    if (actor.role != Role::secretariat) {
      return fail(make_error(ErrorCode::transition_role, "action", "publish", "role", "secretariat",
                             "actor_role", std::string(role_name(actor.role))));
    }
    auto phase = workflow_phase(load_phases(sql, statements(sql), campaign_id), now);
    if (phase != PhaseKind::publication) {
      return fail(make_error(ErrorCode::transition_phase, "action", "publish", "phases",
                             "publication", "phase",
                             phase ? std::string(phase_name(*phase)) : std::string("none")));
    }
    int year = 0, published = 0, unresolved = 0;
    sql << "SELECT year FROM campaigns WHERE id = :c", soci::use(campaign_id), soci::into(year);
    sql << "SELECT COUNT(*) FROM publications WHERE campaign_id = :c", soci::use(campaign_id),
        soci::into(published);
    if (published > 0) {
      return fail(make_error(ErrorCode::campaign_published, "year", std::to_string(year)));
    }
    sql << "SELECT COUNT(*) FROM objections WHERE campaign_id = :c AND state = 'filed'",
        soci::use(campaign_id), soci::into(unresolved);
    if (unresolved > 0) {
      return fail(
          make_error(ErrorCode::objections_unresolved, "count", std::to_string(unresolved)));
    }
    insert_listed_entries(sql, entries, now);
    long long at = to_micros(now);
    int count = int(entries.size());
    sql << "INSERT INTO publications (campaign_id, published_at, published_by, entries) "
           "VALUES (:c, :t, :b, :n)",
        soci::use(campaign_id), soci::use(at), soci::use(actor.name), soci::use(count);
    audit(sql, actor, "campaign.publish", "campaign:" + std::to_string(campaign_id), "{}",
          object_to_json({{"year", std::to_string(year)}, {"entries", std::to_string(count)}}),
          now);
    return count;
  });
}

Result<std::vector<Publication>> SociStore::publications() {
  return read([&](soci::session& sql) -> Result<std::vector<Publication>> {
    std::vector<Publication> out;
    Publication p;
    long long at = 0;
    soci::statement st =
        (sql.prepare << "SELECT p.campaign_id, c.year, p.published_at, p.published_by, p.entries "
                        "FROM publications p JOIN campaigns c ON c.id = p.campaign_id "
                        "ORDER BY c.year DESC",
         soci::into(p.campaign_id), soci::into(p.year), soci::into(at), soci::into(p.published_by),
         soci::into(p.entries));
    st.execute();
    while (st.fetch()) {
      p.published_at = from_micros(at);
      out.push_back(p);
    }
    return out;
  });
}

}  // namespace kczg::store
