// What experts do with their assignment: score sheets (drafts until submitted) and
// declines, and the lookups that lead a body admin's or an expert's account to its body.
#include "store/json_codec.hpp"
#include "store/prepared.hpp"
#include "store/soci_store.hpp"

namespace kczg::store {
namespace {

Error missing(long long expert, long long application) {
  return make_error(ErrorCode::assignment_missing, "expert", std::to_string(expert), "application",
                    std::to_string(application));
}

// The pair's assignment row, when it is assigned (not declined); 0 otherwise.
long long assigned_row(soci::session& sql, long long expert, long long application) {
  long long id = 0;
  sql << "SELECT id FROM assignments WHERE expert_id = :e AND application_id = :a "
         "AND state = 'assigned'",
      soci::use(expert), soci::use(application), soci::into(id);
  return sql.got_data() ? id : 0;
}

// The sheet's state for an assignment row, or "" without a sheet.
std::string sheet_state(soci::session& sql, long long assignment) {
  std::string state;
  sql << "SELECT state FROM score_sheets WHERE assignment_id = :a", soci::use(assignment),
      soci::into(state);
  return sql.got_data() ? state : "";
}

}  // namespace

Result<ReviewBodyRef> SociStore::review_body_by_id(long long body_id) {
  return read([&](soci::session& sql) -> Result<ReviewBodyRef> {
    ReviewBodyRef ref;
    sql << "SELECT id, campaign_id, name FROM review_bodies WHERE id = :b", soci::use(body_id),
        soci::into(ref.id), soci::into(ref.campaign_id), soci::into(ref.name);
    if (!sql.got_data()) {
      return fail(make_error(ErrorCode::review_body_unknown, "body", std::to_string(body_id)));
    }
    return ref;
  });
}

Result<ExpertRef> SociStore::expert_by_id(long long expert_id) {
  return read([&](soci::session& sql) -> Result<ExpertRef> {
    ExpertRef ref;
    Expert& e = ref.expert;
    std::string sector, keywords;
    sql << "SELECT x.id, x.name, x.organisation, x.organisation_uscc, x.region, x.sector, "
           "x.title, x.keywords, x.profile, x.email, b.id, b.campaign_id, b.name "
           "FROM experts x JOIN review_bodies b ON b.id = x.body_id WHERE x.id = :e",
        soci::use(expert_id), soci::into(e.id), soci::into(e.name), soci::into(e.organisation),
        soci::into(e.organisation_uscc), soci::into(e.region), soci::into(sector),
        soci::into(e.title), soci::into(keywords), soci::into(e.profile), soci::into(e.email),
        soci::into(ref.body.id), soci::into(ref.body.campaign_id), soci::into(ref.body.name);
    if (!sql.got_data()) {
      return fail(make_error(ErrorCode::expert_not_found, "expert", std::to_string(expert_id)));
    }
    e.sector = sector_from_name(sector).value_or(Sector::academia);
    e.keywords = strings_from_json(keywords);
    return ref;
  });
}

Result<std::vector<ReviewAssignment>> SociStore::expert_assignments(long long expert_id) {
  return read([&](soci::session& sql) -> Result<std::vector<ReviewAssignment>> {
    std::vector<ReviewAssignment> out;
    ReviewAssignment a;
    std::string state;
    long long updated = 0;
    soci::statement st =
        (sql.prepare << "SELECT id, application_id, expert_id, affinity, state, reason, "
                        "updated_at FROM assignments WHERE expert_id = :e ORDER BY application_id",
         soci::use(expert_id), soci::into(a.id), soci::into(a.application_id),
         soci::into(a.expert_id), soci::into(a.affinity), soci::into(state), soci::into(a.reason),
         soci::into(updated));
    st.execute();
    while (st.fetch()) {
      a.state = assignment_state_from_name(state).value_or(AssignmentState::assigned);
      a.updated_at = from_micros(updated);
      out.push_back(a);
    }
    return out;
  });
}

namespace {

// What saving a sheet reads and writes, prepared once per connection: an expert saves a
// sheet many times (drafts, then the submission), and a body's experts save thousands.
struct SheetSaveQueries : PreparedQuery {
  // In: the pair. Out: its assignment row (when assigned), its sheet's state (null without
  // a sheet) and its body's deadline (null when open-ended): the end of preliminary review,
  // or of the final review for the final panel.
  long long expert = 0, application = 0, assignment = 0, ends = 0;
  std::string before;
  soci::indicator before_ind = soci::i_null, ends_ind = soci::i_null;
  soci::statement lookup;
  // In: the sheet as stored.
  std::string scores, comment, state;
  long long updated = 0, submitted = 0;
  soci::indicator submitted_ind = soci::i_null;
  soci::statement insert, update;

  explicit SheetSaveQueries(soci::session& sql)
      : lookup((sql.prepare << "SELECT a.id, s.state, p.ends_at FROM assignments a "
                               "JOIN experts x ON x.id = a.expert_id "
                               "JOIN review_bodies b ON b.id = x.body_id "
                               "LEFT JOIN phases p ON p.campaign_id = b.campaign_id "
                               "AND p.kind = CASE WHEN b.final_panel = 1 "
                               "THEN 'final_review' ELSE 'preliminary_review' END "
                               "LEFT JOIN score_sheets s ON s.assignment_id = a.id "
                               "WHERE a.expert_id = :e AND a.application_id = :a "
                               "AND a.state = 'assigned'",
                soci::use(expert), soci::use(application), soci::into(assignment),
                soci::into(before, before_ind), soci::into(ends, ends_ind))),
        insert((sql.prepare << "INSERT INTO score_sheets (assignment_id, scores, comment, state, "
                               "updated_at, submitted_at) VALUES (:a, :s, :c, :st, :t, :sub)",
                soci::use(assignment), soci::use(scores), soci::use(comment), soci::use(state),
                soci::use(updated), soci::use(submitted, submitted_ind))),
        update((sql.prepare << "UPDATE score_sheets SET scores = :s, comment = :c, state = :st, "
                               "updated_at = :t, submitted_at = :sub WHERE assignment_id = :a",
                soci::use(scores), soci::use(comment), soci::use(state), soci::use(updated),
                soci::use(submitted, submitted_ind), soci::use(assignment))) {}
};

}  // namespace

Result<ExpertSheet> SociStore::save_sheet(const ExpertSheet& sheet, const Actor& actor,
                                          Instant now) {
  return write([&](soci::session& sql) -> Result<ExpertSheet> {
    SheetSaveQueries& q = statements(sql).get<SheetSaveQueries>(sql);
    q.expert = sheet.expert_id;
    q.application = sheet.application_id;
    q.before_ind = q.ends_ind = soci::i_null;
    bool assigned = q.lookup.execute(true);
    if (!assigned) return fail(missing(sheet.expert_id, sheet.application_id));
    // Read in the transaction that writes, so a save racing the deadline cannot slip by.
    if (q.ends_ind == soci::i_ok && to_micros(now) >= q.ends) {
      return fail(
          make_error(ErrorCode::review_closed, "deadline", format_shanghai(from_micros(q.ends))));
    }
    std::string before = q.before_ind == soci::i_ok ? q.before : "";
    if (before == sheet_state_name(SheetState::submitted)) {
      return fail(make_error(ErrorCode::sheet_submitted, "expert", std::to_string(sheet.expert_id),
                             "application", std::to_string(sheet.application_id)));
    }
    ExpertSheet saved = sheet;
    saved.updated_at = now;
    saved.submitted_at.reset();
    if (saved.state == SheetState::submitted) saved.submitted_at = now;
    q.scores = scores_to_json(saved.scores);
    q.comment = saved.comment;
    q.state = sheet_state_name(saved.state);
    q.updated = q.submitted = to_micros(now);
    q.submitted_ind = saved.submitted_at ? soci::i_ok : soci::i_null;
    (before.empty() ? q.insert : q.update).execute(true);
    audit(sql, actor, saved.state == SheetState::submitted ? "sheet.submit" : "sheet.save",
          "assignment:" + std::to_string(q.assignment),
          object_to_json({{"state", before.empty() ? "none" : before}}),
          object_to_json({{"state", q.state}, {"scores", q.scores}}), now);
    return saved;
  });
}

Result<std::vector<ExpertSheet>> SociStore::sheets(long long campaign_id, std::string_view body) {
  return read([&](soci::session& sql) -> Result<std::vector<ExpertSheet>> {
    auto body_id = load_body_id(sql, campaign_id, body);
    if (!body_id) return fail(body_id.error());
    std::vector<ExpertSheet> out;
    ExpertSheet s;
    std::string scores, state;
    long long updated = 0, submitted = 0;
    soci::indicator submitted_ind = soci::i_ok;
    soci::statement st =
        (sql.prepare << "SELECT a.application_id, a.expert_id, s.scores, s.comment, s.state, "
                        "s.updated_at, s.submitted_at FROM score_sheets s "
                        "JOIN assignments a ON a.id = s.assignment_id "
                        "JOIN experts x ON x.id = a.expert_id WHERE x.body_id = :b "
                        "ORDER BY a.application_id, a.expert_id",
         soci::use(*body_id), soci::into(s.application_id), soci::into(s.expert_id),
         soci::into(scores), soci::into(s.comment), soci::into(state), soci::into(updated),
         soci::into(submitted, submitted_ind));
    st.execute();
    while (st.fetch()) {
      s.scores = scores_from_json(scores);
      s.state = sheet_state_from_name(state).value_or(SheetState::draft);
      s.updated_at = from_micros(updated);
      s.submitted_at.reset();
      if (submitted_ind == soci::i_ok) s.submitted_at = from_micros(submitted);
      out.push_back(s);
    }
    return out;
  });
}

Result<void> SociStore::decline_assignment(const Decline& decline, const Actor& actor,
                                           Instant now) {
  return write([&](soci::session& sql) -> Result<void> {
    long long assignment = assigned_row(sql, decline.expert_id, decline.application_id);
    if (!assignment) return fail(missing(decline.expert_id, decline.application_id));
    if (sheet_state(sql, assignment) == sheet_state_name(SheetState::submitted)) {
      return fail(make_error(ErrorCode::sheet_submitted, "expert",
                             std::to_string(decline.expert_id), "application",
                             std::to_string(decline.application_id)));
    }
    // A draft goes with the pair: the body's next run finds another reader.
    sql << "DELETE FROM score_sheets WHERE assignment_id = :a", soci::use(assignment);
    std::string reason = std::string(decline_reason_name(decline.reason)) +
                         (decline.note.empty() ? "" : ": " + decline.note);
    long long updated = to_micros(now);
    sql << "UPDATE assignments SET state = 'declined', reason = :r, updated_at = :t "
           "WHERE id = :a",
        soci::use(reason), soci::use(updated), soci::use(assignment);
    audit(sql, actor, "assignment.decline", "assignment:" + std::to_string(assignment),
          object_to_json({{"state", "assigned"}}),
          object_to_json({{"state", "declined"}, {"reason", reason}}), now);
    return {};
  });
}

}  // namespace kczg::store
