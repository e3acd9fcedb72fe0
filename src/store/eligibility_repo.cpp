// Eligibility as checked at submission and decided at the formal check.
#include "domain/phase_clock.hpp"
#include "store/json_codec.hpp"
#include "store/soci_store.hpp"

namespace kczg::store {

EligibilityCheck SociStore::check_submission(soci::session& sql, const Application& application,
                                             const std::string& content,
                                             const std::vector<Attachment>& attachments) {
  // The rules read the campaign's year and eligibility parameters only.
  Campaign campaign;
  std::string params;
  sql << "SELECT year, eligibility FROM campaigns WHERE id = :id",
      soci::use(application.campaign_id), soci::into(campaign.year), soci::into(params);
  campaign.eligibility = eligibility_from_json(params);
  std::vector<std::string> attached;
  for (const Attachment& a : attachments) attached.push_back(a.kind);
  EligibilityCheck check;
  check.application_id = application.id;
  check.stage = "submission";
  check.findings = check_eligibility(campaign, application.list, application.field,
                                     values_from_json(content), attached);
  check.verdict = overall_verdict(check.findings);
  return check;
}

void SociStore::insert_eligibility_check(soci::session& sql, const EligibilityCheck& check) {
  std::string verdict(verdict_name(check.verdict)), findings = findings_to_json(check.findings);
  int eligible = check.eligible ? 1 : 0, overridden = check.overridden ? 1 : 0;
  long long at = to_micros(check.checked_at);
  sql << "INSERT INTO eligibility_checks (application_id, stage, verdict, findings, eligible, "
         "overridden, reason, actor, checked_at) VALUES (:a, :s, :v, :f, :e, :o, :r, :u, :t)",
      soci::use(check.application_id), soci::use(check.stage), soci::use(verdict),
      soci::use(findings), soci::use(eligible), soci::use(overridden), soci::use(check.reason),
      soci::use(check.actor), soci::use(at);
}

Result<std::vector<EligibilityCheck>> SociStore::eligibility_checks(long long application_id) {
  return read([&](soci::session& sql) -> Result<std::vector<EligibilityCheck>> {
    std::vector<EligibilityCheck> out;
    EligibilityCheck c;
    std::string verdict, findings;
    int eligible = 0, overridden = 0;
    long long at = 0;
    soci::statement st =
        (sql.prepare << "SELECT stage, verdict, findings, eligible, overridden, reason, actor, "
                        "checked_at FROM eligibility_checks WHERE application_id = :a ORDER BY id",
         soci::use(application_id), soci::into(c.stage), soci::into(verdict), soci::into(findings),
         soci::into(eligible), soci::into(overridden), soci::into(c.reason), soci::into(c.actor),
         soci::into(at));
    st.execute();
    while (st.fetch()) {
      c.application_id = application_id;
      c.verdict = verdict_from_name(verdict).value_or(Verdict::needs_evidence);
      c.findings = findings_from_json(findings);
      c.eligible = eligible != 0;
      c.overridden = overridden != 0;
      c.checked_at = from_micros(at);
      out.push_back(c);
    }
    return out;
  });
}

Result<ApplicationState> SociStore::decide_formal_check(const FormalCheckDecision& decision,
                                                        const Actor& actor, Instant now) {
  Verdict verdict = overall_verdict(decision.findings);
  // needs_evidence is for a person to decide either way; only contradicting a verdict the
  // data gave is an override.
  bool overridden = (decision.eligible && verdict == Verdict::fail) ||
                    (!decision.eligible && verdict == Verdict::pass);
  if (overridden && decision.reason.empty()) {
    return fail(make_error(ErrorCode::formal_check_override_reason, "application",
                           std::to_string(decision.application_id), "verdict",
                           std::string(verdict_name(verdict))));
  }
  Action action = decision.eligible ? Action::pass_formal_check : Action::fail_formal_check;
  return write([&](soci::session& sql) -> Result<ApplicationState> {
    auto app = load_application(sql, decision.application_id);
    if (!app) return fail(app.error());
    auto phase = workflow_phase(load_phases(sql, statements(sql), app->campaign_id), now);
    auto to = apply_action(action, app->state, actor.role, phase, decision.reason);
    if (!to) return fail(to.error());
    if (!move_state(sql, app->id, app->state, *to, decision.reason, now)) {
      return fail(make_error(ErrorCode::transition_from_state, "action",
                             std::string(action_name(action)), "state", "changed"));
    }
    EligibilityCheck check{app->id,    "formal_check",    verdict,    decision.findings, now,
                           actor.name, decision.eligible, overridden, decision.reason};
    insert_eligibility_check(sql, check);
    audit(sql, actor, "application." + std::string(action_name(action)),
          "application:" + std::to_string(app->id), state_json(app->state),
          object_to_json({{"state", std::string(state_name(*to))},
                          {"verdict", std::string(verdict_name(verdict))},
                          {"override", std::string(overridden ? "true" : "false")},
                          {"reason", decision.reason}}),
          now);
    return *to;
  });
}

}  // namespace kczg::store
