// Preliminary review's records: plans, expert pools, declared conflicts, pair rules and
// the assignment. The logic (conflicts, affinity, assignment, scores) is in src/review;
// this file only keeps its inputs and results.
#include <map>
#include <set>

#include "store/json_codec.hpp"
#include "store/soci_store.hpp"

namespace kczg::store {

namespace {

Error body_unknown(std::string_view body) {
  return make_error(ErrorCode::review_body_unknown, "body", std::string(body));
}

// Experts of one body, for the joins below.
constexpr const char* k_body_experts = "SELECT id FROM experts WHERE body_id = :b";

}  // namespace

Result<long long> SociStore::appoint_review_body(long long campaign_id, const ReviewBody& body,
                                                 const Actor& actor, Instant now) {
  return write([&](soci::session& sql) -> Result<long long> {
    auto campaign = load_campaign(sql, campaign_id);
    if (!campaign) return fail(campaign.error());
    if (find_review_body(*campaign, body.name)) {
      return fail(make_error(ErrorCode::review_body_exists, "body", body.name));
    }
    for (const Coverage& c : body.covers) {
      // A body covers a whole list (field "") or one field of it.
      if (!c.field.empty()) {
        if (auto list = check_list_field(*campaign, c.list, c.field); !list) {
          return fail(list.error());
        }
      } else if (!find_list(*campaign, c.list)) {
        return fail(make_error(ErrorCode::list_unknown, "list", c.list));
      }
    }
    if (auto alone = check_final_panel(*campaign, body); !alone) return fail(alone.error());
    long long id = insert_review_body(sql, campaign_id, int(campaign->review_bodies.size()), body);
    std::string covers;
    for (const Coverage& c : body.covers) {
      covers += (covers.empty() ? "" : ";") + c.list + (c.field.empty() ? "" : "/" + c.field);
    }
    audit(sql, actor, "review_body.appoint", "campaign:" + std::to_string(campaign_id), "{}",
          object_to_json({{"body", body.name},
                          {"covers", covers},
                          {"final_panel", body.final_panel ? "yes" : "no"}}),
          now);
    return id;
  });
}

Result<long long> SociStore::load_body_id(soci::session& sql, long long campaign_id,
                                          std::string_view body) {
  long long id = 0;
  std::string name(body);
  sql << "SELECT id FROM review_bodies WHERE campaign_id = :c AND name = :n",
      soci::use(campaign_id), soci::use(name), soci::into(id);
  if (!sql.got_data()) return fail(body_unknown(body));
  return id;
}

Result<std::optional<ReviewPlan>> SociStore::load_plan(soci::session& sql, long long body_id,
                                                       std::string_view body) {
  ReviewPlan plan;
  std::string state, content;
  sql << "SELECT id, state, content, return_reason FROM review_plans WHERE body_id = :b",
      soci::use(body_id), soci::into(plan.id), soci::into(state), soci::into(content),
      soci::into(plan.return_reason);
  if (!sql.got_data()) return std::optional<ReviewPlan>{};
  plan.body = body;
  plan.state = plan_state_from_name(state).value_or(PlanState::draft);
  plan_content_from_json(content, plan);
  return std::optional<ReviewPlan>{std::move(plan)};
}

Result<std::optional<ReviewPlan>> SociStore::review_plan(long long campaign_id,
                                                         std::string_view body) {
  return read([&](soci::session& sql) -> Result<std::optional<ReviewPlan>> {
    auto body_id = load_body_id(sql, campaign_id, body);
    if (!body_id) return fail(body_id.error());
    return load_plan(sql, *body_id, body);
  });
}

Result<ReviewPlan> SociStore::save_review_plan(long long campaign_id, const ReviewPlan& plan,
                                               const Actor& actor, Instant now) {
  return write([&](soci::session& sql) -> Result<ReviewPlan> {
    auto body_id = load_body_id(sql, campaign_id, plan.body);
    if (!body_id) return fail(body_id.error());
    auto stored = load_plan(sql, *body_id, plan.body);
    if (!stored) return fail(stored.error());
    ReviewPlan saved = plan;
    std::string content = plan_content_to_json(plan), before = "{}";
    long long updated = to_micros(now);
    if (*stored) {
      if (auto editable = check_plan_editable(**stored); !editable) return fail(editable.error());
      saved.id = (*stored)->id;
      saved.state = (*stored)->state;
      saved.return_reason = (*stored)->return_reason;
      before = plan_content_to_json(**stored);
      sql << "UPDATE review_plans SET content = :c, updated_at = :t WHERE id = :id",
          soci::use(content), soci::use(updated), soci::use(saved.id);
    } else {
      saved.state = PlanState::draft;
      saved.return_reason.clear();
      std::string state(plan_state_name(PlanState::draft));
      sql << "INSERT INTO review_plans (body_id, state, content, updated_at) "
             "VALUES (:b, :s, :c, :t) RETURNING id",
          soci::use(*body_id), soci::use(state), soci::use(content), soci::use(updated),
          soci::into(saved.id);
    }
    audit(sql, actor, "review_plan.save", "review_plan:" + std::to_string(saved.id), before,
          content, now);
    return saved;
  });
}

Result<ReviewPlan> SociStore::act_on_review_plan(long long campaign_id, std::string_view body,
                                                 PlanAction action, std::string_view reason,
                                                 const Actor& actor, Instant now) {
  return write([&](soci::session& sql) -> Result<ReviewPlan> {
    auto body_id = load_body_id(sql, campaign_id, body);
    if (!body_id) return fail(body_id.error());
    auto stored = load_plan(sql, *body_id, body);
    if (!stored) return fail(stored.error());
    if (!*stored) {
      return fail(make_error(ErrorCode::transition_from_state, "action",
                             std::string(plan_action_name(action)), "state", "none"));
    }
    auto next = apply_plan_action(**stored, action, actor.role, reason);
    if (!next) return fail(next.error().front());
    std::string state(plan_state_name(next->state));
    long long updated = to_micros(now);
    sql << "UPDATE review_plans SET state = :s, return_reason = :r, updated_at = :t WHERE id = :id",
        soci::use(state), soci::use(next->return_reason), soci::use(updated), soci::use(next->id);
    audit(sql, actor, "review_plan." + std::string(plan_action_name(action)),
          "review_plan:" + std::to_string(next->id),
          object_to_json({{"state", std::string(plan_state_name((*stored)->state))}}),
          object_to_json({{"state", state}, {"reason", std::string(reason)}}), now);
    return *next;
  });
}

Result<std::vector<long long>> SociStore::add_experts(long long campaign_id, std::string_view body,
                                                      const std::vector<Expert>& experts,
                                                      const Actor& actor, Instant now) {
  return write([&](soci::session& sql) -> Result<std::vector<long long>> {
    auto body_id = load_body_id(sql, campaign_id, body);
    if (!body_id) return fail(body_id.error());
    std::vector<long long> ids;
    long long created = to_micros(now);
    for (std::size_t i = 0; i < experts.size(); ++i) {
      const Expert& e = experts[i];
      int exists = 0;
      sql << "SELECT COUNT(*) FROM experts WHERE body_id = :b AND LOWER(email) = LOWER(:e)",
          soci::use(*body_id), soci::use(e.email), soci::into(exists);
      if (exists) {
        return fail(make_error(ErrorCode::import_exists, "row", std::to_string(i + 2), "column",
                               "email", "value", e.email));
      }
      std::string sector(sector_name(e.sector)), keywords = strings_to_json(e.keywords);
      long long id = 0;
      sql << "INSERT INTO experts (body_id, name, organisation, organisation_uscc, region, "
             "sector, title, keywords, profile, email, created_at) "
             "VALUES (:b, :n, :o, :u, :r, :s, :t, :k, :p, :e, :c) RETURNING id",
          soci::use(*body_id), soci::use(e.name), soci::use(e.organisation),
          soci::use(e.organisation_uscc), soci::use(e.region), soci::use(sector),
          soci::use(e.title), soci::use(keywords), soci::use(e.profile), soci::use(e.email),
          soci::use(created), soci::into(id);
      // The profile is the expert's own text and may be long: the audit names the expert.
      audit(sql, actor, "expert.add", "expert:" + std::to_string(id), "{}",
            object_to_json({{"body", std::string(body)},
                            {"name", e.name},
                            {"organisation", e.organisation},
                            {"sector", sector},
                            {"email", e.email}}),
            now);
      ids.push_back(id);
    }
    return ids;
  });
}

Result<std::vector<Expert>> SociStore::experts(long long campaign_id, std::string_view body) {
  return read([&](soci::session& sql) -> Result<std::vector<Expert>> {
    auto body_id = load_body_id(sql, campaign_id, body);
    if (!body_id) return fail(body_id.error());
    std::vector<Expert> out;
    Expert e;
    std::string sector, keywords;
    soci::statement st =
        (sql.prepare << "SELECT id, name, organisation, organisation_uscc, region, sector, title, "
                        "keywords, profile, email FROM experts WHERE body_id = :b ORDER BY id",
         soci::use(*body_id), soci::into(e.id), soci::into(e.name), soci::into(e.organisation),
         soci::into(e.organisation_uscc), soci::into(e.region), soci::into(sector),
         soci::into(e.title), soci::into(keywords), soci::into(e.profile), soci::into(e.email));
    st.execute();
    while (st.fetch()) {
      e.sector = sector_from_name(sector).value_or(Sector::academia);
      e.keywords = strings_from_json(keywords);
      out.push_back(e);
    }
    return out;
  });
}

Result<long long> SociStore::declare_conflict(const DeclaredConflict& conflict, const Actor& actor,
                                              Instant now) {
  return write([&](soci::session& sql) -> Result<long long> {
    int exists = 0;
    sql << "SELECT COUNT(*) FROM experts WHERE id = :e", soci::use(conflict.expert_id),
        soci::into(exists);
    if (!exists) {
      return fail(
          make_error(ErrorCode::expert_not_found, "expert", std::to_string(conflict.expert_id)));
    }
    long long application = conflict.application_id, created = to_micros(now), id = 0;
    soci::indicator application_ind = application ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO expert_conflicts (expert_id, application_id, organisation, "
           "organisation_uscc, reason, created_at) VALUES (:e, :a, :o, :u, :r, :t) RETURNING id",
        soci::use(conflict.expert_id), soci::use(application, application_ind),
        soci::use(conflict.organisation), soci::use(conflict.organisation_uscc),
        soci::use(conflict.reason), soci::use(created), soci::into(id);
    audit(sql, actor, "expert.declare_conflict", "expert:" + std::to_string(conflict.expert_id),
          "{}",
          object_to_json({{"application", std::to_string(conflict.application_id)},
                          {"organisation", conflict.organisation},
                          {"organisation_uscc", conflict.organisation_uscc},
                          {"reason", conflict.reason}}),
          now);
    return id;
  });
}

Result<std::vector<DeclaredConflict>> SociStore::declared_conflicts(long long campaign_id,
                                                                    std::string_view body) {
  return read([&](soci::session& sql) -> Result<std::vector<DeclaredConflict>> {
    auto body_id = load_body_id(sql, campaign_id, body);
    if (!body_id) return fail(body_id.error());
    std::vector<DeclaredConflict> out;
    DeclaredConflict c;
    long long application = 0;
    soci::indicator application_ind = soci::i_ok;
    soci::statement st =
        (sql.prepare << "SELECT expert_id, application_id, organisation, organisation_uscc, reason "
                        "FROM expert_conflicts WHERE expert_id IN (" +
                            std::string(k_body_experts) + ") ORDER BY id",
         soci::use(*body_id), soci::into(c.expert_id), soci::into(application, application_ind),
         soci::into(c.organisation), soci::into(c.organisation_uscc), soci::into(c.reason));
    st.execute();
    while (st.fetch()) {
      c.application_id = application_ind == soci::i_ok ? application : 0;
      out.push_back(c);
    }
    return out;
  });
}

Result<void> SociStore::set_pair_rule(const PairRuleEntry& rule, const Actor& actor, Instant now) {
  return write([&](soci::session& sql) -> Result<void> {
    int expert = 0;
    sql << "SELECT COUNT(*) FROM experts WHERE id = :e", soci::use(rule.expert_id),
        soci::into(expert);
    if (!expert) {
      return fail(
          make_error(ErrorCode::expert_not_found, "expert", std::to_string(rule.expert_id)));
    }
    if (auto a = load_application(sql, rule.application_id); !a) return fail(a.error());
    sql << "DELETE FROM pair_rules WHERE application_id = :a AND expert_id = :e",
        soci::use(rule.application_id), soci::use(rule.expert_id);
    std::string name(pair_rule_name(rule.rule));
    sql << "INSERT INTO pair_rules (application_id, expert_id, rule, reason) "
           "VALUES (:a, :e, :r, :why)",
        soci::use(rule.application_id), soci::use(rule.expert_id), soci::use(name),
        soci::use(rule.reason);
    audit(
        sql, actor, "review.pair_rule", "application:" + std::to_string(rule.application_id), "{}",
        object_to_json(
            {{"expert", std::to_string(rule.expert_id)}, {"rule", name}, {"reason", rule.reason}}),
        now);
    return {};
  });
}

Result<std::vector<PairRuleEntry>> SociStore::pair_rules(long long campaign_id,
                                                         std::string_view body) {
  return read([&](soci::session& sql) -> Result<std::vector<PairRuleEntry>> {
    auto body_id = load_body_id(sql, campaign_id, body);
    if (!body_id) return fail(body_id.error());
    std::vector<PairRuleEntry> out;
    PairRuleEntry r;
    std::string name;
    soci::statement st =
        (sql.prepare << "SELECT application_id, expert_id, rule, reason FROM pair_rules "
                        "WHERE expert_id IN (" +
                            std::string(k_body_experts) + ") ORDER BY application_id, expert_id",
         soci::use(*body_id), soci::into(r.application_id), soci::into(r.expert_id),
         soci::into(name), soci::into(r.reason));
    st.execute();
    while (st.fetch()) {
      r.rule = pair_rule_from_name(name).value_or(PairRule::forbid);
      out.push_back(r);
    }
    return out;
  });
}

Result<void> SociStore::replace_assignments(long long campaign_id, std::string_view body,
                                            const std::vector<ReviewAssignment>& assignments,
                                            const Actor& actor, Instant now) {
  return write([&](soci::session& sql) -> Result<void> {
    auto body_id = load_body_id(sql, campaign_id, body);
    if (!body_id) return fail(body_id.error());
    // The pairs now assigned, by (application, expert) → row id and whether scored.
    std::map<std::pair<long long, long long>, std::pair<long long, bool>> current;
    {
      long long id = 0, application = 0, expert = 0;
      int scored = 0;
      soci::statement st =
          (sql.prepare << "SELECT a.id, a.application_id, a.expert_id, "
                          "(SELECT COUNT(*) FROM score_sheets s WHERE s.assignment_id = a.id) "
                          "FROM assignments a WHERE a.state = 'assigned' AND a.expert_id IN (" +
                              std::string(k_body_experts) + ")",
           soci::use(*body_id), soci::into(id), soci::into(application), soci::into(expert),
           soci::into(scored));
      st.execute();
      while (st.fetch()) current[{application, expert}] = {id, scored > 0};
    }
    std::set<std::pair<long long, long long>> wanted;
    for (const ReviewAssignment& a : assignments) wanted.insert({a.application_id, a.expert_id});
    // Kept pairs keep their rows, so an expert's sheet survives a re-run or a swap.
    for (const auto& [pair, row] : current) {
      if (wanted.contains(pair)) continue;
      if (row.second) {
        return fail(make_error(ErrorCode::assignment_scored, "expert", std::to_string(pair.second),
                               "application", std::to_string(pair.first)));
      }
      sql << "DELETE FROM assignments WHERE id = :id", soci::use(row.first);
    }
    long long application = 0, expert = 0, updated = to_micros(now), row_id = 0;
    double affinity = 0;
    soci::statement insert =
        (sql.prepare << "INSERT INTO assignments (application_id, expert_id, affinity, state, "
                        "updated_at) VALUES (:a, :e, :f, 'assigned', :t)",
         soci::use(application), soci::use(expert), soci::use(affinity), soci::use(updated));
    soci::statement update = (sql.prepare << "UPDATE assignments SET affinity = :f WHERE id = :id",
                              soci::use(affinity), soci::use(row_id));
    for (const ReviewAssignment& a : assignments) {
      application = a.application_id;
      expert = a.expert_id;
      affinity = a.affinity;
      if (auto kept = current.find({application, expert}); kept != current.end()) {
        row_id = kept->second.first;
        update.execute(true);
      } else {
        insert.execute(true);
      }
    }
    int before = int(current.size());
    // One row for the run: the assignments table itself is the record of every pair.
    audit(sql, actor, "review.assign", "review_body:" + std::to_string(*body_id),
          object_to_json({{"assigned", std::to_string(before)}}),
          object_to_json({{"assigned", std::to_string(assignments.size())}}), now);
    return {};
  });
}

Result<std::vector<ReviewAssignment>> SociStore::assignments(long long campaign_id,
                                                             std::string_view body) {
  return read([&](soci::session& sql) -> Result<std::vector<ReviewAssignment>> {
    auto body_id = load_body_id(sql, campaign_id, body);
    if (!body_id) return fail(body_id.error());
    std::vector<ReviewAssignment> out;
    ReviewAssignment a;
    std::string state;
    long long updated = 0;
    soci::statement st =
        (sql.prepare << "SELECT id, application_id, expert_id, affinity, state, reason, "
                        "updated_at FROM assignments WHERE expert_id IN (" +
                            std::string(k_body_experts) + ") ORDER BY application_id, expert_id",
         soci::use(*body_id), soci::into(a.id), soci::into(a.application_id),
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

}  // namespace kczg::store
