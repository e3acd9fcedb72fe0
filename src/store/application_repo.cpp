// Applications, their transitions and recommendations against quota.
#include "blobs/blob_store.hpp"
#include "domain/phase_clock.hpp"
#include "domain/quota.hpp"
#include "store/json_codec.hpp"
#include "store/soci_store.hpp"

namespace kczg::store {
namespace {

constexpr const char* k_application_columns =
    "a.id, a.campaign_id, a.applicant_id, a.list_code, a.field_code, a.unit_id, a.state, a.title, "
    "a.reason, a.created_at, a.updated_at, a.submitted_at, a.content_sha256";

// Binds the columns above into an Application through plain locals.
struct ApplicationRow {
  Application a;
  long long unit_id = 0, created = 0, updated = 0, submitted = 0;
  soci::indicator unit_ind = soci::i_ok, submitted_ind = soci::i_ok;
  std::string state;

  void bind(soci::statement& st) {
    st.exchange(soci::into(a.id));
    st.exchange(soci::into(a.campaign_id));
    st.exchange(soci::into(a.applicant_id));
    st.exchange(soci::into(a.list));
    st.exchange(soci::into(a.field));
    st.exchange(soci::into(unit_id, unit_ind));
    st.exchange(soci::into(state));
    st.exchange(soci::into(a.title));
    st.exchange(soci::into(a.reason));
    st.exchange(soci::into(created));
    st.exchange(soci::into(updated));
    st.exchange(soci::into(submitted, submitted_ind));
    st.exchange(soci::into(a.content_sha256));
  }

  Application value() const {
    Application out = a;
    out.unit_id = unit_ind == soci::i_ok ? unit_id : 0;
    out.state = *state_from_name(state);
    out.created_at = from_micros(created);
    out.updated_at = from_micros(updated);
    if (submitted_ind == soci::i_ok) out.submitted_at = from_micros(submitted);
    return out;
  }
};

// The phases of a campaign, enough for the phase clock; transitions need no more.
struct PhasesQuery : PreparedQuery {
  long long campaign_id = 0, starts = 0, ends = 0;
  std::string kind;
  soci::indicator starts_ind = soci::i_ok, ends_ind = soci::i_ok;
  soci::statement st;

  explicit PhasesQuery(soci::session& sql)
      : st((sql.prepare << "SELECT kind, starts_at, ends_at FROM phases WHERE campaign_id = :c "
                           "ORDER BY position",
            soci::use(campaign_id), soci::into(kind), soci::into(starts, starts_ind),
            soci::into(ends, ends_ind))) {}
};

// A submission's state and digest, in one statement: deadline night's other hot path.
struct SubmitUpdate : PreparedQuery {
  std::string to, from, digest;
  long long at = 0, id = 0;
  soci::statement st;

  explicit SubmitUpdate(soci::session& sql)
      : st((sql.prepare
                << "UPDATE applications SET state = :to, reason = '', updated_at = :t, "
                   "submitted_at = :t2, content_sha256 = :d WHERE id = :id AND state = :from",
            soci::use(to), soci::use(at), soci::use(at), soci::use(digest), soci::use(id),
            soci::use(from))) {}
};

}  // namespace

// The campaign's phases alone, by a statement prepared once per connection.
Campaign load_phases(soci::session& sql, StatementCache& statements, long long campaign_id) {
  PhasesQuery& q = statements.get<PhasesQuery>(sql);
  q.campaign_id = campaign_id;
  q.st.execute();
  Campaign c;
  while (q.st.fetch()) {
    Phase p{*phase_from_name(q.kind), std::nullopt, std::nullopt, ""};
    if (q.starts_ind == soci::i_ok) p.starts_at = from_micros(q.starts);
    if (q.ends_ind == soci::i_ok) p.ends_at = from_micros(q.ends);
    c.phases.push_back(p);
  }
  return c;
}

// Moves the row from `from` to `to` unless someone else moved it first. Submissions go
// through submit(), which also stamps submitted_at and the digest.
bool move_state(soci::session& sql, long long id, ApplicationState from, ApplicationState to,
                std::string_view reason, Instant now) {
  std::string from_name(state_name(from)), to_name(state_name(to)), reason_text(reason);
  long long updated = to_micros(now);
  soci::statement st =
      (sql.prepare << "UPDATE applications SET state = :to, reason = :r, updated_at = :t "
                      "WHERE id = :id AND state = :from",
       soci::use(to_name), soci::use(reason_text), soci::use(updated), soci::use(id),
       soci::use(from_name));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::string state_json(ApplicationState state, std::string_view reason) {
  std::vector<std::pair<std::string, std::string>> fields{
      {"state", std::string(state_name(state))}};
  if (!reason.empty()) fields.emplace_back("reason", std::string(reason));
  return object_to_json(fields);
}

namespace {

// One application by id: every change to an application starts by reading it.
struct ApplicationQuery : PreparedQuery {
  ApplicationRow row;
  long long id = 0;
  soci::statement st;

  explicit ApplicationQuery(soci::session& sql) : st(sql) {
    row.bind(st);
    st.exchange(soci::use(id));
    prepare_exchanged(st, std::string("SELECT ") + k_application_columns +
                              " FROM applications a WHERE a.id = :id");
  }
};

}  // namespace

Result<Application> SociStore::load_application(soci::session& sql, long long id) {
  ApplicationQuery& q = statements(sql).get<ApplicationQuery>(sql);
  q.id = id;
  q.st.execute();
  bool found = q.st.fetch();
  finish(q.st);
  if (!found) {
    return fail(make_error(ErrorCode::application_not_found, "application", std::to_string(id)));
  }
  return q.row.value();
}

Result<long long> SociStore::create_application(const Application& a, const Actor& actor,
                                                Instant now) {
  return write([&](soci::session& sql) -> Result<long long> {
    auto campaign = load_campaign(sql, a.campaign_id);
    if (!campaign) return fail(campaign.error());
    if (auto list = check_list_field(*campaign, a.list, a.field); !list) return fail(list.error());
    long long unit_id = a.unit_id;
    soci::indicator unit_ind = a.unit_id ? soci::i_ok : soci::i_null;
    if (a.unit_id) {
      int exists = 0;
      sql << "SELECT COUNT(*) FROM units WHERE id = :u", soci::use(unit_id), soci::into(exists);
      if (!exists)
        return fail(make_error(ErrorCode::unit_not_found, "unit", std::to_string(a.unit_id)));
    }
    long long existing = 0;
    sql << "SELECT id FROM applications WHERE campaign_id = :c AND applicant_id = :a AND "
           "list_code = :l AND field_code = :f AND state <> 'withdrawn' ORDER BY id LIMIT 1",
        soci::use(a.campaign_id), soci::use(a.applicant_id), soci::use(a.list), soci::use(a.field),
        soci::into(existing);
    if (sql.got_data()) {
      return fail(
          make_error(ErrorCode::application_exists, "application", std::to_string(existing)));
    }
    long long id = 0, created = to_micros(now);
    std::string state(state_name(ApplicationState::draft));
    sql << "INSERT INTO applications (campaign_id, applicant_id, list_code, field_code, unit_id, "
           "state, title, reason, created_at, updated_at) "
           "VALUES (:c, :ap, :l, :f, :u, :s, :t, '', :cr, :up) RETURNING id",
        soci::use(a.campaign_id), soci::use(a.applicant_id), soci::use(a.list), soci::use(a.field),
        soci::use(unit_id, unit_ind), soci::use(state), soci::use(a.title), soci::use(created),
        soci::use(created), soci::into(id);
    audit(sql, actor, "application.create", "application:" + std::to_string(id), "{}",
          object_to_json(
              {{"state", state}, {"list", a.list}, {"field", a.field}, {"title", a.title}}),
          now);
    return id;
  });
}

Result<Application> SociStore::application(long long id) {
  return read([&](soci::session& sql) { return load_application(sql, id); });
}

namespace {

// The dashboards' lists: a campaign's applications, optionally of one applicant or unit.
struct SummariesQuery : PreparedQuery {
  ApplicationRow row;
  std::string applicant_name, applicant_uscc, unit_name;
  soci::indicator unit_name_ind = soci::i_ok;
  long long campaign_id = 0, applicant_id = 0, unit_id = 0;
  soci::statement st;

  explicit SummariesQuery(soci::session& sql) : st(sql) {
    row.bind(st);
    st.exchange(soci::into(applicant_name));
    st.exchange(soci::into(applicant_uscc));
    st.exchange(soci::into(unit_name, unit_name_ind));
    st.exchange(soci::use(campaign_id));
    st.exchange(soci::use(applicant_id));
    st.exchange(soci::use(applicant_id));
    st.exchange(soci::use(unit_id));
    st.exchange(soci::use(unit_id));
    prepare_exchanged(st, std::string("SELECT ") + k_application_columns +
                              ", p.name, p.uscc, u.name FROM applications a "
                              "JOIN applicants p ON p.id = a.applicant_id "
                              "LEFT JOIN units u ON u.id = a.unit_id "
                              "WHERE a.campaign_id = :c AND (:a = 0 OR a.applicant_id = :a2) "
                              "AND (:u = 0 OR a.unit_id = :u2) ORDER BY a.id");
  }
};

}  // namespace

Result<std::vector<ApplicationSummary>> SociStore::application_summaries(
    long long campaign_id, const ApplicationFilter& filter) {
  return read([&](soci::session& sql) -> Result<std::vector<ApplicationSummary>> {
    SummariesQuery& q = statements(sql).get<SummariesQuery>(sql);
    q.campaign_id = campaign_id;
    q.applicant_id = filter.applicant_id;
    q.unit_id = filter.unit_id;
    q.st.execute();
    std::vector<ApplicationSummary> out;
    while (q.st.fetch()) {
      out.push_back({q.row.value(), q.applicant_name, q.applicant_uscc,
                     q.unit_name_ind == soci::i_ok ? q.unit_name : std::string()});
    }
    return out;
  });
}

Result<std::map<std::string, int>> SociStore::count_by_state(long long campaign_id) {
  return read([&](soci::session& sql) -> Result<std::map<std::string, int>> {
    std::map<std::string, int> counts;
    std::string state;
    int count = 0;
    soci::statement st = (sql.prepare << "SELECT state, COUNT(*) FROM applications "
                                         "WHERE campaign_id = :c GROUP BY state",
                          soci::use(campaign_id), soci::into(state), soci::into(count));
    st.execute();
    while (st.fetch()) counts[state] = count;
    return counts;
  });
}

Result<Application> SociStore::submit(long long application_id, const Actor& actor, Instant now) {
  return write([&](soci::session& sql) -> Result<Application> {
    auto app = load_application(sql, application_id);
    if (!app) return fail(app.error());
    Action action = app->state == ApplicationState::returned ? Action::resubmit : Action::submit;
    auto phase = workflow_phase(load_phases(sql, statements(sql), app->campaign_id), now);
    auto to = apply_action(action, app->state, actor.role, phase, "");
    if (!to) return fail(to.error());
    std::string content = load_content(sql, application_id);
    std::vector<Attachment> attachments = load_attachments(sql, application_id);
    std::string digest = blobs::sha256_hex(submission_text(*app, content, attachments));
    std::string to_name(state_name(*to));
    SubmitUpdate& update = statements(sql).get<SubmitUpdate>(sql);
    update.to = to_name;
    update.from = state_name(app->state);
    update.digest = digest;
    update.at = to_micros(now);
    update.id = application_id;
    update.st.execute(true);
    if (update.st.get_affected_rows() != 1) {
      return fail(make_error(ErrorCode::transition_from_state, "action",
                             std::string(action_name(action)), "state", "changed"));
    }
    EligibilityCheck check = check_submission(sql, *app, content, attachments);
    check.checked_at = now;
    check.actor = actor.name;
    insert_eligibility_check(sql, check);
    audit(sql, actor, "application." + std::string(action_name(action)),
          "application:" + std::to_string(application_id), state_json(app->state),
          object_to_json({{"state", to_name},
                          {"content_sha256", digest},
                          {"eligibility", std::string(verdict_name(check.verdict))}}),
          now);
    Application submitted = std::move(*app);
    submitted.state = *to;
    submitted.reason.clear();
    submitted.updated_at = now;
    submitted.submitted_at = now;
    submitted.content_sha256 = digest;
    return submitted;
  });
}

Result<ApplicationState> SociStore::transition(long long application_id, Action action,
                                               const Actor& actor, std::string_view reason,
                                               Instant now) {
  if (action == Action::recommend || action == Action::submit || action == Action::resubmit) {
    // Only recommend() counts the quota and only submit() records the digest; refuse
    // the shortcut.
    return fail(
        make_error(ErrorCode::transition_unknown, "action", std::string(action_name(action))));
  }
  return write([&](soci::session& sql) {
    return move_application(sql, application_id, action, actor, reason, now);
  });
}

Result<ApplicationState> SociStore::move_application(soci::session& sql, long long application_id,
                                                     Action action, const Actor& actor,
                                                     std::string_view reason, Instant now) {
  auto app = load_application(sql, application_id);
  if (!app) return fail(app.error());
  auto phase = workflow_phase(load_phases(sql, statements(sql), app->campaign_id), now);
  auto to = apply_action(action, app->state, actor.role, phase, reason);
  if (!to) return fail(to.error());
  if (!move_state(sql, application_id, app->state, *to, reason, now)) {
    return fail(make_error(ErrorCode::transition_from_state, "action",
                           std::string(action_name(action)), "state", "changed"));
  }
  audit(sql, actor, "application." + std::string(action_name(action)),
        "application:" + std::to_string(application_id), state_json(app->state),
        state_json(*to, reason), now);
  return *to;
}

Result<void> SociStore::transition_all(std::span<const ApplicationMove> moves, const Actor& actor,
                                       Instant now) {
  for (const ApplicationMove& m : moves) {
    for (Action a : m.actions) {
      if (a == Action::recommend || a == Action::submit || a == Action::resubmit) {
        return fail(
            make_error(ErrorCode::transition_unknown, "action", std::string(action_name(a))));
      }
    }
  }
  return write([&](soci::session& sql) -> Result<void> {
    for (const ApplicationMove& m : moves) {
      for (Action a : m.actions) {
        auto moved = move_application(sql, m.application_id, a, actor, m.reason, now);
        if (!moved) {
          Error e = moved.error();
          if (e.param("application").empty()) {
            e.params.emplace_back("application", std::to_string(m.application_id));
          }
          return fail(std::move(e));
        }
      }
    }
    return {};
  });
}

int SociStore::count_recommendations(soci::session& sql, long long campaign_id, long long unit_id,
                                     const std::string& list, const std::string& field) {
  int used = 0;
  sql << "SELECT COUNT(*) FROM recommendations r JOIN applications a ON a.id = r.application_id "
         "WHERE r.campaign_id = :c AND r.unit_id = :u AND r.list_code = :l AND r.field_code = :f "
         "AND a.state <> 'withdrawn'",
      soci::use(campaign_id), soci::use(unit_id), soci::use(list), soci::use(field),
      soci::into(used);
  return used;
}

Result<void> SociStore::recommend(long long application_id, long long unit_id, const Actor& actor,
                                  Instant now) {
  return write([&](soci::session& sql) -> Result<void> {
    if (!m_dialect.lock_unit.empty()) {
      sql << m_dialect.lock_unit, soci::use(unit_id);
      if (!sql.got_data()) {
        return fail(make_error(ErrorCode::unit_not_found, "unit", std::to_string(unit_id)));
      }
    }
    auto app = load_application(sql, application_id);
    if (!app) return fail(app.error());
    if (app->unit_id != unit_id) {
      return fail(make_error(ErrorCode::application_wrong_unit, "application",
                             std::to_string(application_id)));
    }
    auto campaign = load_campaign(sql, app->campaign_id);
    if (!campaign) return fail(campaign.error());
    auto to =
        apply_action(Action::recommend, app->state, actor.role, workflow_phase(*campaign, now), "");
    if (!to) return fail(to.error());
    Unit unit;
    sql << "SELECT name FROM units WHERE id = :u", soci::use(unit_id), soci::into(unit.name);
    auto channels = load_unit_channels(sql, unit_id);
    if (!channels) return fail(channels.error());
    auto quota = unit_quota(*campaign, app->list, *channels);
    if (!quota) return fail(quota.error());
    int used = count_recommendations(sql, app->campaign_id, unit_id, app->list, app->field);
    if (auto room = check_quota_room(*campaign, unit.name, app->list, app->field, used, *quota);
        !room) {
      return fail(room.error());
    }
    long long created = to_micros(now);
    sql << "INSERT INTO recommendations (application_id, unit_id, campaign_id, list_code, "
           "field_code, created_at) VALUES (:a, :u, :c, :l, :f, :t)",
        soci::use(application_id), soci::use(unit_id), soci::use(app->campaign_id),
        soci::use(app->list), soci::use(app->field), soci::use(created);
    if (!move_state(sql, application_id, app->state, *to, "", now)) {
      return fail(
          make_error(ErrorCode::transition_from_state, "action", "recommend", "state", "changed"));
    }
    audit(sql, actor, "application.recommend", "application:" + std::to_string(application_id),
          state_json(app->state),
          object_to_json({{"state", std::string(state_name(*to))},
                          {"unit", std::to_string(unit_id)},
                          {"quota_used", std::to_string(used + 1) + "/" + std::to_string(*quota)}}),
          now);
    return {};
  });
}

Result<int> SociStore::quota_used(long long campaign_id, long long unit_id, std::string_view list,
                                  std::string_view field) {
  return read([&](soci::session& sql) -> Result<int> {
    return count_recommendations(sql, campaign_id, unit_id, std::string(list), std::string(field));
  });
}

}  // namespace kczg::store
