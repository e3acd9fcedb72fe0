// Objections to the public notice: filed by the public against a listed entry while the
// notice is open, resolved by the secretariat — upheld takes the entry off the list in the
// same transaction, and the objector's notice of the outcome is queued with it.
#include <map>

#include "domain/phase_clock.hpp"
#include "store/json_codec.hpp"
#include "store/soci_store.hpp"

namespace kczg::store {
namespace {

const char* const k_columns =
    "id, application_id, name, contact, organisation, grounds, state, resolution, filed_at, "
    "resolved_at, resolved_by";

// One row of `k_columns`, bound once and read row by row.
struct ObjectionRow {
  Objection o;
  std::string state;
  long long filed = 0, resolved = 0;
  soci::indicator resolved_ind = soci::i_null;

  void bind(soci::statement& st) {
    st.exchange(soci::into(o.id));
    st.exchange(soci::into(o.application_id));
    st.exchange(soci::into(o.form.name));
    st.exchange(soci::into(o.form.contact));
    st.exchange(soci::into(o.form.organisation));
    st.exchange(soci::into(o.form.grounds));
    st.exchange(soci::into(state));
    st.exchange(soci::into(o.resolution));
    st.exchange(soci::into(filed));
    st.exchange(soci::into(resolved, resolved_ind));
    st.exchange(soci::into(o.resolved_by));
  }

  Objection value() const {
    Objection out = o;
    out.state = objection_state_from_name(state).value_or(ObjectionState::filed);
    out.filed_at = from_micros(filed);
    out.resolved_at.reset();
    if (resolved_ind == soci::i_ok) out.resolved_at = from_micros(resolved);
    return out;
  }
};

std::vector<Objection> load_objections(soci::session& sql, const std::string& where,
                                       long long key) {
  ObjectionRow row;
  soci::statement st(sql);
  row.bind(st);
  st.exchange(soci::use(key));
  prepare_exchanged(
      st, std::string("SELECT ") + k_columns + " FROM objections WHERE " + where + " ORDER BY id");
  st.execute();
  std::vector<Objection> out;
  while (st.fetch()) out.push_back(row.value());
  // Their evidence, in one query.
  std::map<long long, Objection*> by_id;
  for (Objection& o : out) by_id[o.id] = &o;
  long long objection = 0;
  ObjectionAttachment a;
  soci::statement files =
      (sql.prepare << "SELECT objection_id, name, sha256, size FROM objection_attachments "
                      "WHERE objection_id IN (SELECT id FROM objections WHERE " +
                          where + ") ORDER BY id",
       soci::use(key), soci::into(objection), soci::into(a.name), soci::into(a.sha256),
       soci::into(a.size));
  files.execute();
  while (files.fetch()) {
    if (auto it = by_id.find(objection); it != by_id.end()) it->second->attachments.push_back(a);
  }
  return out;
}

}  // namespace

Result<long long> SociStore::file_objection(long long application_id, const ObjectionForm& form,
                                            const std::vector<ObjectionAttachment>& attachments,
                                            Instant now) {
  return write([&](soci::session& sql) -> Result<long long> {
    auto app = load_application(sql, application_id);
    // Only a proposed entry can be objected to; anything else is not on the notice.
    if (!app || app->state != ApplicationState::listed) {
      return fail(make_error(ErrorCode::application_not_found, "application",
                             std::to_string(application_id)));
    }
    if (auto open = check_notice_open(load_phases(sql, statements(sql), app->campaign_id), now);
        !open) {
      return fail(open.error());
    }
    long long id = 0, filed = to_micros(now);
    std::string state(objection_state_name(ObjectionState::filed));
    sql << "INSERT INTO objections (campaign_id, application_id, name, contact, organisation, "
           "grounds, state, resolution, filed_at, resolved_by) "
           "VALUES (:c, :a, :n, :ct, :o, :g, :s, '', :f, '') RETURNING id",
        soci::use(app->campaign_id), soci::use(application_id), soci::use(form.name),
        soci::use(form.contact), soci::use(form.organisation), soci::use(form.grounds),
        soci::use(state), soci::use(filed), soci::into(id);
    for (const ObjectionAttachment& a : attachments) {
      sql << "INSERT INTO objection_attachments (objection_id, name, sha256, size) "
             "VALUES (:o, :n, :h, :s)",
          soci::use(id), soci::use(a.name), soci::use(a.sha256), soci::use(a.size);
    }
    // The audit row names the objection, not the objector: who objected stays with the
    // secretariat's objection record.
    audit(sql, Actor{Role::visitor, "public"}, "objection.file",
          "application:" + std::to_string(application_id), "{}",
          object_to_json({{"objection", std::to_string(id)}}), now);
    return id;
  });
}

Result<std::vector<Objection>> SociStore::objections(long long campaign_id) {
  return read([&](soci::session& sql) -> Result<std::vector<Objection>> {
    return load_objections(sql, "campaign_id = :c", campaign_id);
  });
}

Result<Objection> SociStore::resolve_objection(long long objection_id, bool upheld,
                                               std::string_view resolution, const Actor& actor,
                                               const std::optional<OutboxMail>& notify,
                                               Instant now) {
  return write([&](soci::session& sql) -> Result<Objection> {
    std::vector<Objection> found = load_objections(sql, "id = :i", objection_id);
    if (found.empty()) {
      return fail(
          make_error(ErrorCode::objection_not_found, "objection", std::to_string(objection_id)));
    }
    Objection o = found.front();
    if (actor.role != Role::secretariat) {
      return fail(make_error(ErrorCode::transition_role, "action", "resolve_objection", "role",
                             "secretariat", "actor_role", std::string(role_name(actor.role))));
    }
    if (o.state != ObjectionState::filed) {
      return fail(make_error(ErrorCode::objection_resolved, "objection",
                             std::to_string(objection_id), "state",
                             std::string(objection_state_name(o.state))));
    }
    if (resolution.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      return fail(make_error(ErrorCode::transition_reason_missing, "action", "resolve_objection"));
    }
    if (upheld) {
      // Taken off the list by the state machine, which checks role and phase; an entry
      // already taken off by an earlier objection stays off.
      auto app = load_application(sql, o.application_id);
      if (!app) return fail(app.error());
      if (app->state == ApplicationState::listed) {
        auto moved =
            move_application(sql, o.application_id, Action::remove_listed, actor, resolution, now);
        if (!moved) return fail(moved.error());
      }
    }
    o.state = upheld ? ObjectionState::upheld : ObjectionState::dismissed;
    o.resolution = std::string(resolution);
    o.resolved_at = now;
    o.resolved_by = actor.name;
    std::string state(objection_state_name(o.state));
    long long at = to_micros(now);
    sql << "UPDATE objections SET state = :s, resolution = :r, resolved_at = :t, "
           "resolved_by = :b WHERE id = :i",
        soci::use(state), soci::use(o.resolution), soci::use(at), soci::use(o.resolved_by),
        soci::use(objection_id);
    if (notify) queue_mail(sql, *notify, now);
    audit(sql, actor, "objection." + state, "objection:" + std::to_string(objection_id),
          object_to_json({{"state", "filed"}}),
          object_to_json({{"state", state}, {"resolution", o.resolution}}), now);
    return o;
  });
}

}  // namespace kczg::store
