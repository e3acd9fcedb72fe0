// A review body's alias table: the other names of organisations (简称, English names),
// kept for conflict detection.
#include "store/json_codec.hpp"
#include "store/soci_store.hpp"

namespace kczg::store {

Result<long long> SociStore::add_alias(long long campaign_id, std::string_view body,
                                       const OrganisationAlias& alias, const Actor& actor,
                                       Instant now) {
  return write([&](soci::session& sql) -> Result<long long> {
    auto body_id = load_body_id(sql, campaign_id, body);
    if (!body_id) return fail(body_id.error());
    std::string names = strings_to_json(alias.names);
    long long id = 0, created = to_micros(now);
    sql << "INSERT INTO organisation_aliases (body_id, names, uscc, created_at) "
           "VALUES (:b, :n, :u, :t) RETURNING id",
        soci::use(*body_id), soci::use(names), soci::use(alias.uscc), soci::use(created),
        soci::into(id);
    audit(sql, actor, "alias.add", "review_body:" + std::to_string(*body_id), "{}",
          object_to_json({{"names", names}, {"uscc", alias.uscc}}), now);
    return id;
  });
}

Result<std::vector<OrganisationAlias>> SociStore::aliases(long long campaign_id,
                                                          std::string_view body) {
  return read([&](soci::session& sql) -> Result<std::vector<OrganisationAlias>> {
    auto body_id = load_body_id(sql, campaign_id, body);
    if (!body_id) return fail(body_id.error());
    std::vector<OrganisationAlias> out;
    OrganisationAlias a;
    std::string names;
    soci::statement st =
        (sql.prepare << "SELECT id, names, uscc FROM organisation_aliases "
                        "WHERE body_id = :b ORDER BY id",
         soci::use(*body_id), soci::into(a.id), soci::into(names), soci::into(a.uscc));
    st.execute();
    while (st.fetch()) {
      a.names = strings_from_json(names);
      out.push_back(a);
    }
    return out;
  });
}

}  // namespace kczg::store
