// Campaigns with their lists, fields, channels, quotas, phases and review bodies.
#include <algorithm>

#include "store/json_codec.hpp"
#include "store/soci_store.hpp"

namespace kczg::store {
namespace {

void insert_lists(soci::session& sql, long long campaign_id, const Campaign& c) {
  for (std::size_t i = 0; i < c.lists.size(); ++i) {
    const List& l = c.lists[i];
    int position = int(i), separate = l.separately_organised;
    sql << "INSERT INTO campaign_lists (campaign_id, code, position, name_zh, name_en, "
           "target_size, separately_organised) VALUES (:c, :code, :p, :zh, :en, :t, :s)",
        soci::use(campaign_id), soci::use(l.code), soci::use(position), soci::use(l.name_zh),
        soci::use(l.name_en), soci::use(l.target_size), soci::use(separate);
    for (std::size_t f = 0; f < l.fields.size(); ++f) {
      int fp = int(f);
      sql << "INSERT INTO list_fields (campaign_id, list_code, code, position, name_zh, name_en) "
             "VALUES (:c, :l, :code, :p, :zh, :en)",
          soci::use(campaign_id), soci::use(l.code), soci::use(l.fields[f].code), soci::use(fp),
          soci::use(l.fields[f].name_zh), soci::use(l.fields[f].name_en);
    }
  }
}

void insert_quotas(soci::session& sql, long long campaign_id, const Campaign& c) {
  for (const List& l : c.lists) {
    for (const auto& [channel, per_unit] : l.quota_per_channel) {
      sql << "INSERT INTO list_quotas (campaign_id, list_code, channel_code, per_unit) "
             "VALUES (:c, :l, :ch, :n)",
          soci::use(campaign_id), soci::use(l.code), soci::use(channel), soci::use(per_unit);
    }
  }
}

void insert_phases_and_bodies(soci::session& sql, long long campaign_id, const Campaign& c) {
  for (std::size_t i = 0; i < c.phases.size(); ++i) {
    const Phase& p = c.phases[i];
    std::string kind(phase_name(p.kind));
    int position = int(i);
    long long starts = p.starts_at ? to_micros(*p.starts_at) : 0;
    long long ends = p.ends_at ? to_micros(*p.ends_at) : 0;
    soci::indicator starts_ind = p.starts_at ? soci::i_ok : soci::i_null;
    soci::indicator ends_ind = p.ends_at ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO phases (campaign_id, kind, position, starts_at, ends_at, stated_as) "
           "VALUES (:c, :k, :p, :s, :e, :st)",
        soci::use(campaign_id), soci::use(kind), soci::use(position), soci::use(starts, starts_ind),
        soci::use(ends, ends_ind), soci::use(p.stated_as);
  }
  for (std::size_t i = 0; i < c.review_bodies.size(); ++i) {
    insert_review_body(sql, campaign_id, int(i), c.review_bodies[i]);
  }
}

void load_lists(soci::session& sql, long long id, Campaign& c) {
  List l;
  int separate = 0;
  soci::statement lists =
      (sql.prepare << "SELECT code, name_zh, name_en, target_size, separately_organised "
                      "FROM campaign_lists WHERE campaign_id = :c ORDER BY position",
       soci::use(id), soci::into(l.code), soci::into(l.name_zh), soci::into(l.name_en),
       soci::into(l.target_size), soci::into(separate));
  lists.execute();
  while (lists.fetch()) {
    l.separately_organised = separate != 0;
    c.lists.push_back(l);
  }
  std::string list_code;
  Field f;
  soci::statement fields =
      (sql.prepare << "SELECT list_code, code, name_zh, name_en FROM list_fields "
                      "WHERE campaign_id = :c ORDER BY list_code, position",
       soci::use(id), soci::into(list_code), soci::into(f.code), soci::into(f.name_zh),
       soci::into(f.name_en));
  fields.execute();
  while (fields.fetch()) {
    std::ranges::find(c.lists, list_code, &List::code)->fields.push_back(f);
  }
  std::string channel;
  int per_unit = 0;
  soci::statement quotas =
      (sql.prepare << "SELECT list_code, channel_code, per_unit FROM list_quotas "
                      "WHERE campaign_id = :c",
       soci::use(id), soci::into(list_code), soci::into(channel), soci::into(per_unit));
  quotas.execute();
  while (quotas.fetch()) {
    std::ranges::find(c.lists, list_code, &List::code)->quota_per_channel[channel] = per_unit;
  }
}

void load_channels_and_phases(soci::session& sql, long long id, Campaign& c) {
  Channel ch;
  soci::statement channels =
      (sql.prepare << "SELECT code, name_zh, name_en FROM channels WHERE campaign_id = :c "
                      "ORDER BY position",
       soci::use(id), soci::into(ch.code), soci::into(ch.name_zh), soci::into(ch.name_en));
  channels.execute();
  while (channels.fetch()) c.channels.push_back(ch);

  std::string kind, stated_as;
  long long starts = 0, ends = 0;
  soci::indicator starts_ind, ends_ind;
  soci::statement phases = (sql.prepare << "SELECT kind, starts_at, ends_at, stated_as FROM phases "
                                           "WHERE campaign_id = :c ORDER BY position",
                            soci::use(id), soci::into(kind), soci::into(starts, starts_ind),
                            soci::into(ends, ends_ind), soci::into(stated_as));
  phases.execute();
  while (phases.fetch()) {
    Phase p{*phase_from_name(kind), std::nullopt, std::nullopt, stated_as};
    if (starts_ind == soci::i_ok) p.starts_at = from_micros(starts);
    if (ends_ind == soci::i_ok) p.ends_at = from_micros(ends);
    c.phases.push_back(p);
  }
}

void load_review_bodies(soci::session& sql, long long id, Campaign& c) {
  long long body_id = 0;
  ReviewBody b;
  int separate = 0, final_panel = 0;
  std::vector<long long> ids;
  soci::statement bodies =
      (sql.prepare << "SELECT id, name, contact, separately_organised, final_panel "
                      "FROM review_bodies WHERE campaign_id = :c ORDER BY position",
       soci::use(id), soci::into(body_id), soci::into(b.name), soci::into(b.contact),
       soci::into(separate), soci::into(final_panel));
  bodies.execute();
  while (bodies.fetch()) {
    b.separately_organised = separate != 0;
    b.final_panel = final_panel != 0;
    c.review_bodies.push_back(b);
    ids.push_back(body_id);
  }
  Coverage cov;
  soci::statement coverage =
      (sql.prepare << "SELECT body_id, list_code, field_code FROM review_body_coverage "
                      "WHERE body_id IN (SELECT id FROM review_bodies WHERE campaign_id = :c) "
                      "ORDER BY body_id, list_code, field_code",
       soci::use(id), soci::into(body_id), soci::into(cov.list), soci::into(cov.field));
  coverage.execute();
  while (coverage.fetch()) {
    auto index = std::ranges::find(ids, body_id) - ids.begin();
    c.review_bodies[std::size_t(index)].covers.push_back(cov);
  }
}

}  // namespace

long long insert_review_body(soci::session& sql, long long campaign_id, int position,
                             const ReviewBody& b) {
  int separate = b.separately_organised, final_panel = b.final_panel;
  long long body_id = 0;
  sql << "INSERT INTO review_bodies (campaign_id, position, name, contact, separately_organised, "
         "final_panel) VALUES (:c, :p, :n, :ct, :s, :f) RETURNING id",
      soci::use(campaign_id), soci::use(position), soci::use(b.name), soci::use(b.contact),
      soci::use(separate), soci::use(final_panel), soci::into(body_id);
  for (const Coverage& cov : b.covers) {
    sql << "INSERT INTO review_body_coverage (body_id, list_code, field_code) VALUES (:b, :l, :f)",
        soci::use(body_id), soci::use(cov.list), soci::use(cov.field);
  }
  return body_id;
}

Result<long long> SociStore::create_campaign(const Campaign& c, const Actor& actor, Instant now) {
  return write([&](soci::session& sql) -> Result<long long> {
    int exists = 0;
    sql << "SELECT COUNT(*) FROM campaigns WHERE year = :y", soci::use(c.year), soci::into(exists);
    if (exists) return fail(make_error(ErrorCode::campaign_exists, "year", std::to_string(c.year)));
    long long id = 0, created = to_micros(now);
    std::string eligibility = eligibility_to_json(c.eligibility), notes = strings_to_json(c.notes);
    sql << "INSERT INTO campaigns (year, preset, name_zh, name_en, eligibility, notes, created_at) "
           "VALUES (:y, :p, :zh, :en, :el, :n, :t) RETURNING id",
        soci::use(c.year), soci::use(c.preset), soci::use(c.name_zh), soci::use(c.name_en),
        soci::use(eligibility), soci::use(notes), soci::use(created), soci::into(id);
    for (std::size_t i = 0; i < c.channels.size(); ++i) {
      int position = int(i);
      sql << "INSERT INTO channels (campaign_id, code, position, name_zh, name_en) "
             "VALUES (:c, :code, :p, :zh, :en)",
          soci::use(id), soci::use(c.channels[i].code), soci::use(position),
          soci::use(c.channels[i].name_zh), soci::use(c.channels[i].name_en);
    }
    insert_lists(sql, id, c);
    insert_quotas(sql, id, c);
    insert_phases_and_bodies(sql, id, c);
    audit(sql, actor, "campaign.create", "campaign:" + std::to_string(id), "{}",
          object_to_json({{"year", std::to_string(c.year)}, {"preset", c.preset}}), now);
    return id;
  });
}

Result<Campaign> SociStore::load_campaign(soci::session& sql, long long id) {
  Campaign c;
  std::string eligibility, notes;
  sql << "SELECT year, preset, name_zh, name_en, eligibility, notes FROM campaigns WHERE id = :id",
      soci::use(id), soci::into(c.year), soci::into(c.preset), soci::into(c.name_zh),
      soci::into(c.name_en), soci::into(eligibility), soci::into(notes);
  if (!sql.got_data()) {
    return fail(make_error(ErrorCode::campaign_not_found, "campaign", std::to_string(id)));
  }
  c.eligibility = eligibility_from_json(eligibility);
  c.notes = strings_from_json(notes);
  load_channels_and_phases(sql, id, c);
  load_lists(sql, id, c);
  load_review_bodies(sql, id, c);
  return c;
}

Result<StoredCampaign> SociStore::campaign_by_id(long long id) {
  return read([&](soci::session& sql) -> Result<StoredCampaign> {
    auto c = load_campaign(sql, id);
    if (!c) return fail(c.error());
    return StoredCampaign{id, std::move(*c)};
  });
}

Result<StoredCampaign> SociStore::campaign_by_year(int year) {
  return read([&](soci::session& sql) -> Result<StoredCampaign> {
    long long id = 0;
    sql << "SELECT id FROM campaigns WHERE year = :y", soci::use(year), soci::into(id);
    if (!sql.got_data()) {
      return fail(make_error(ErrorCode::campaign_not_found, "campaign", std::to_string(year)));
    }
    auto c = load_campaign(sql, id);
    if (!c) return fail(c.error());
    return StoredCampaign{id, std::move(*c)};
  });
}

Result<StoredCampaign> SociStore::latest_campaign() {
  return read([&](soci::session& sql) -> Result<StoredCampaign> {
    long long id = 0;
    sql << "SELECT id FROM campaigns ORDER BY year DESC LIMIT 1", soci::into(id);
    if (!sql.got_data())
      return fail(make_error(ErrorCode::campaign_not_found, "campaign", "latest"));
    auto c = load_campaign(sql, id);
    if (!c) return fail(c.error());
    return StoredCampaign{id, std::move(*c)};
  });
}

namespace {

struct LatestCampaignQuery : PreparedQuery {
  long long id = 0;
  soci::statement st;
  explicit LatestCampaignQuery(soci::session& sql)
      : st((sql.prepare << "SELECT id FROM campaigns ORDER BY year DESC LIMIT 1", soci::into(id))) {
  }
};

}  // namespace

Result<long long> SociStore::latest_campaign_id() {
  return read([&](soci::session& sql) -> Result<long long> {
    LatestCampaignQuery& q = statements(sql).get<LatestCampaignQuery>(sql);
    q.st.execute();
    bool found = q.st.fetch();
    finish(q.st);
    if (!found) return fail(make_error(ErrorCode::campaign_not_found, "campaign", "latest"));
    return q.id;
  });
}

Result<void> SociStore::ping() {
  return read([&](soci::session& sql) -> Result<void> {
    int one = 0;
    sql << "SELECT 1", soci::into(one);
    return {};
  });
}

Result<void> SociStore::set_list_target(long long campaign_id, std::string_view list, int size,
                                        const Actor& actor, Instant now) {
  if (size < 0) {
    return fail(
        make_error(ErrorCode::value_out_of_range, "name", "target", "value", std::to_string(size)));
  }
  return write([&](soci::session& sql) -> Result<void> {
    std::string code(list);
    int before = 0;
    sql << "SELECT target_size FROM campaign_lists WHERE campaign_id = :c AND code = :l",
        soci::use(campaign_id), soci::use(code), soci::into(before);
    if (!sql.got_data()) return fail(make_error(ErrorCode::list_unknown, "list", code));
    sql << "UPDATE campaign_lists SET target_size = :t WHERE campaign_id = :c AND code = :l",
        soci::use(size), soci::use(campaign_id), soci::use(code);
    std::string object = "campaign:" + std::to_string(campaign_id) + "/list:" + code;
    audit(sql, actor, "campaign.set_target", object,
          object_to_json({{"target_size", std::to_string(before)}}),
          object_to_json({{"target_size", std::to_string(size)}}), now);
    return {};
  });
}

Result<void> SociStore::set_channel_quota(long long campaign_id, std::string_view list,
                                          std::string_view channel, int per_unit,
                                          const Actor& actor, Instant now) {
  if (per_unit < 0) {
    return fail(make_error(ErrorCode::value_out_of_range, "name", "quota", "value",
                           std::to_string(per_unit)));
  }
  return write([&](soci::session& sql) -> Result<void> {
    auto campaign = load_campaign(sql, campaign_id);
    if (!campaign) return fail(campaign.error());
    const List* l = find_list(*campaign, list);
    if (!l) return fail(make_error(ErrorCode::list_unknown, "list", std::string(list)));
    if (l->separately_organised) return fail(make_error(ErrorCode::quota_none, "list", l->code));
    if (!find_channel(*campaign, channel)) {
      return fail(make_error(ErrorCode::channel_unknown, "channel", std::string(channel)));
    }
    std::string channel_code(channel);
    auto old = l->quota_per_channel.find(channel_code);
    std::string before = old == l->quota_per_channel.end() ? "0" : std::to_string(old->second);
    sql << "DELETE FROM list_quotas WHERE campaign_id = :c AND list_code = :l AND channel_code = "
           ":ch",
        soci::use(campaign_id), soci::use(l->code), soci::use(channel_code);
    sql << "INSERT INTO list_quotas (campaign_id, list_code, channel_code, per_unit) "
           "VALUES (:c, :l, :ch, :n)",
        soci::use(campaign_id), soci::use(l->code), soci::use(channel_code), soci::use(per_unit);
    std::string object =
        "campaign:" + std::to_string(campaign_id) + "/list:" + l->code + "/channel:" + channel_code;
    audit(sql, actor, "campaign.set_quota", object, object_to_json({{"per_unit", before}}),
          object_to_json({{"per_unit", std::to_string(per_unit)}}), now);
    return {};
  });
}

}  // namespace kczg::store

namespace kczg::store {

Result<void> SociStore::set_phase_dates(long long campaign_id, PhaseKind kind,
                                        std::optional<Instant> starts_at,
                                        std::optional<Instant> ends_at, const Actor& actor,
                                        Instant now) {
  if (starts_at && ends_at && *starts_at >= *ends_at) {
    return fail(make_error(ErrorCode::value_out_of_range, "name", "ends_at", "value",
                           format_shanghai(*ends_at)));
  }
  return write([&](soci::session& sql) -> Result<void> {
    std::string name(phase_name(kind));
    long long old_starts = 0, old_ends = 0;
    soci::indicator old_starts_ind, old_ends_ind;
    sql << "SELECT starts_at, ends_at FROM phases WHERE campaign_id = :c AND kind = :k",
        soci::use(campaign_id), soci::use(name), soci::into(old_starts, old_starts_ind),
        soci::into(old_ends, old_ends_ind);
    if (!sql.got_data()) {
      return fail(
          make_error(ErrorCode::campaign_not_found, "campaign", std::to_string(campaign_id)));
    }
    long long starts = starts_at ? to_micros(*starts_at) : 0,
              ends = ends_at ? to_micros(*ends_at) : 0;
    soci::indicator starts_ind = starts_at ? soci::i_ok : soci::i_null;
    soci::indicator ends_ind = ends_at ? soci::i_ok : soci::i_null;
    sql << "UPDATE phases SET starts_at = :s, ends_at = :e WHERE campaign_id = :c AND kind = :k",
        soci::use(starts, starts_ind), soci::use(ends, ends_ind), soci::use(campaign_id),
        soci::use(name);
    auto text = [](soci::indicator ind, long long us) {
      return ind == soci::i_ok ? format_shanghai(from_micros(us)) : std::string();
    };
    audit(sql, actor, "campaign.set_phase",
          "campaign:" + std::to_string(campaign_id) + "/phase:" + name,
          object_to_json({{"starts_at", text(old_starts_ind, old_starts)},
                          {"ends_at", text(old_ends_ind, old_ends)}}),
          object_to_json(
              {{"starts_at", text(starts_ind, starts)}, {"ends_at", text(ends_ind, ends)}}),
          now);
    return {};
  });
}

}  // namespace kczg::store
