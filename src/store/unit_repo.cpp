// Recommending units and applicants.
#include "store/json_codec.hpp"
#include "store/soci_store.hpp"

namespace kczg::store {
namespace {

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ";") + p;
  return out;
}

}  // namespace

Result<std::vector<long long>> SociStore::add_units(const std::vector<Unit>& units,
                                                    const Actor& actor, Instant now) {
  return write([&](soci::session& sql) -> Result<std::vector<long long>> {
    std::vector<long long> ids;
    long long created = to_micros(now);
    for (const Unit& u : units) {
      long long id = 0;
      sql << "INSERT INTO units (name, uscc, region, contact, created_at) "
             "VALUES (:n, :u, :r, :c, :t) RETURNING id",
          soci::use(u.name), soci::use(u.uscc), soci::use(u.region), soci::use(u.contact),
          soci::use(created), soci::into(id);
      for (const std::string& channel : u.channels) {
        sql << "INSERT INTO unit_channels (unit_id, channel_code) VALUES (:u, :c)", soci::use(id),
            soci::use(channel);
      }
      audit(sql, actor, "unit.add", "unit:" + std::to_string(id), "{}",
            object_to_json({{"name", u.name},
                            {"uscc", u.uscc},
                            {"channels", join(u.channels)},
                            {"region", u.region}}),
            now);
      ids.push_back(id);
    }
    return ids;
  });
}

Result<std::vector<std::string>> SociStore::load_unit_channels(soci::session& sql,
                                                               long long unit_id) {
  std::vector<std::string> channels;
  std::string channel;
  soci::statement st = (sql.prepare << "SELECT channel_code FROM unit_channels WHERE unit_id = :u "
                                       "ORDER BY channel_code",
                        soci::use(unit_id), soci::into(channel));
  st.execute();
  while (st.fetch()) channels.push_back(channel);
  return channels;
}

Result<std::vector<Unit>> SociStore::units() {
  return read([&](soci::session& sql) -> Result<std::vector<Unit>> {
    std::vector<Unit> units;
    Unit u;
    soci::statement st = (sql.prepare << "SELECT id, name, uscc, region, contact FROM units "
                                         "ORDER BY id",
                          soci::into(u.id), soci::into(u.name), soci::into(u.uscc),
                          soci::into(u.region), soci::into(u.contact));
    st.execute();
    while (st.fetch()) units.push_back(u);
    long long unit_id = 0;
    std::string channel;
    soci::statement channels = (sql.prepare << "SELECT unit_id, channel_code FROM unit_channels "
                                               "ORDER BY unit_id, channel_code",
                                soci::into(unit_id), soci::into(channel));
    channels.execute();
    std::size_t at = 0;
    while (channels.fetch()) {
      while (at < units.size() && units[at].id < unit_id) ++at;
      if (at < units.size() && units[at].id == unit_id) units[at].channels.push_back(channel);
    }
    return units;
  });
}

Result<std::set<std::string>> SociStore::unit_usccs() {
  return read([&](soci::session& sql) -> Result<std::set<std::string>> {
    std::set<std::string> usccs;
    std::string uscc;
    soci::statement st = (sql.prepare << "SELECT uscc FROM units", soci::into(uscc));
    st.execute();
    while (st.fetch()) usccs.insert(uscc);
    return usccs;
  });
}

Result<Unit> SociStore::unit(long long id) {
  return read([&](soci::session& sql) -> Result<Unit> {
    Unit u;
    sql << "SELECT id, name, uscc, region, contact FROM units WHERE id = :id", soci::use(id),
        soci::into(u.id), soci::into(u.name), soci::into(u.uscc), soci::into(u.region),
        soci::into(u.contact);
    if (!sql.got_data())
      return fail(make_error(ErrorCode::unit_not_found, "unit", std::to_string(id)));
    auto channels = load_unit_channels(sql, id);
    if (!channels) return fail(channels.error());
    u.channels = std::move(*channels);
    return u;
  });
}

Result<long long> SociStore::add_applicant(const Applicant& a, const Actor& actor, Instant now) {
  return write([&](soci::session& sql) -> Result<long long> {
    long long id = 0, created = to_micros(now);
    std::string kind(applicant_kind_name(a.kind));
    sql << "INSERT INTO applicants (kind, name, uscc, contact, created_at) "
           "VALUES (:k, :n, :u, :c, :t) RETURNING id",
        soci::use(kind), soci::use(a.name), soci::use(a.uscc), soci::use(a.contact),
        soci::use(created), soci::into(id);
    audit(sql, actor, "applicant.add", "applicant:" + std::to_string(id), "{}",
          object_to_json({{"kind", kind}, {"name", a.name}, {"uscc", a.uscc}}), now);
    return id;
  });
}

}  // namespace kczg::store
