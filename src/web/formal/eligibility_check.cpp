#include "web/formal/eligibility_check.hpp"

#include <cstdio>

#include "i18n/labels.hpp"
#include "store/json_codec.hpp"

namespace kczg::web {
namespace {

bool in_formal_check(ApplicationState s) {
  return s == ApplicationState::recommended || s == ApplicationState::eligible ||
         s == ApplicationState::ineligible;
}

std::string score_text(double score) {
  char text[16];
  std::snprintf(text, sizeof text, "%.2f", score);
  return text;
}

std::string list_name(const Campaign& campaign, const std::string& code) {
  const List* list = find_list(campaign, code);
  return list ? list->name_zh : code;
}

EligibilityFinding repeat_finding(const Campaign& campaign, const DuplicateFinding& d,
                                  const match::ListedItem& other, long long other_id) {
  std::string kind(match::duplicate_kind_name(d.hit.kind));
  std::map<std::string, std::string> params{
      {"name", other.name},
      {"score", score_text(d.hit.score)},
      {"kind_zh", translate("page.duplicate_" + kind, {}, Lang::zh)},
      {"kind_en", translate("page.duplicate_" + kind, {}, Lang::en)}};
  if (other_id != 0) {
    params["id"] = std::to_string(other_id);
    return {"same_item_twice", Verdict::needs_evidence, params};
  }
  params["year"] = std::to_string(other.year);
  params["list"] = list_name(campaign, other.list);
  // The 2023 call bars relisting; a campaign that does not leaves it to a person.
  Verdict verdict = campaign.eligibility.relisting_barred ? Verdict::fail : Verdict::needs_evidence;
  return {"not_listed_before", verdict, params};
}

// What the formal check decides on: the rules, then the repeats that name the application.
std::vector<EligibilityFinding> findings_of(const Campaign& campaign, const Application& a,
                                            const std::string& content,
                                            const std::vector<Attachment>& attachments,
                                            const std::vector<DuplicateFinding>& duplicates) {
  std::vector<EligibilityFinding> findings =
      rule_findings(campaign, a, store::values_from_json(content), attachments);
  for (EligibilityFinding& f : repeat_findings(campaign, duplicates, a.id)) {
    findings.push_back(std::move(f));
  }
  return findings;
}

Result<FormalCheckRow> row_of(Store& store, const Campaign& campaign, const ApplicationSummary& s,
                              const std::vector<DuplicateFinding>& duplicates) {
  auto content = store.application_content(s.application.id);
  if (!content) return fail(content.error());
  auto attachments = store.attachments(s.application.id);
  if (!attachments) return fail(attachments.error());
  FormalCheckRow row{s, {}, Verdict::pass, std::nullopt};
  row.findings = findings_of(campaign, s.application, *content, *attachments, duplicates);
  row.verdict = overall_verdict(row.findings);
  if (s.application.state != ApplicationState::recommended) {
    auto checks = store.eligibility_checks(s.application.id);
    if (!checks) return fail(checks.error());
    for (const EligibilityCheck& c : *checks) {
      if (c.stage == "formal_check") row.decided = c;
    }
  }
  return row;
}

// The failing findings explained, as the reason an applicant reads.
std::string failing_reason(const std::vector<EligibilityFinding>& findings) {
  std::string reason;
  for (const EligibilityFinding& f : findings) {
    if (f.verdict != Verdict::fail) continue;
    reason += (reason.empty() ? "" : "；") + eligibility_text(f, Lang::zh).explanation;
  }
  return reason;
}

}  // namespace

std::vector<EligibilityFinding> rule_findings(const Campaign& campaign,
                                              const Application& application,
                                              const FormValues& values,
                                              const std::vector<Attachment>& attachments) {
  std::vector<std::string> attached;
  for (const Attachment& a : attachments) attached.push_back(a.kind);
  return check_eligibility(campaign, application.list, application.field, values, attached);
}

std::vector<EligibilityFinding> repeat_findings(const Campaign& campaign,
                                                const std::vector<DuplicateFinding>& duplicates,
                                                long long application_id) {
  std::vector<EligibilityFinding> out;
  bool earlier = false;
  for (const DuplicateFinding& d : duplicates) {
    if (d.application.application.id == application_id) {
      if (!d.within_campaign) earlier = true;
      out.push_back(
          repeat_finding(campaign, d, d.match, d.within_campaign ? d.match_application_id : 0));
    } else if (d.within_campaign && d.match_application_id == application_id) {
      out.push_back(repeat_finding(campaign, d, d.probe, d.application.application.id));
    }
  }
  if (!earlier) out.push_back({"not_listed_before", Verdict::pass, {}});
  return out;
}

Result<std::vector<FormalCheckRow>> formal_check_rows(Store& store, const StoredCampaign& stored) {
  auto duplicates = campaign_duplicates(store, stored);
  if (!duplicates) return fail(duplicates.error());
  auto summaries = store.application_summaries(stored.id, {});
  if (!summaries) return fail(summaries.error());
  std::vector<FormalCheckRow> rows;
  for (const ApplicationSummary& s : *summaries) {
    if (!in_formal_check(s.application.state)) continue;
    auto row = row_of(store, stored.campaign, s, *duplicates);
    if (!row) return fail(row.error());
    rows.push_back(std::move(*row));
  }
  return rows;
}

Result<ApplicationState> decide_formal_check(Store& store, const StoredCampaign& stored,
                                             long long application_id, bool eligible,
                                             const std::string& reason, const Actor& actor,
                                             Instant now) {
  auto application = store.application(application_id);
  if (!application || application->campaign_id != stored.id) {
    return fail(make_error(ErrorCode::application_not_found, "application",
                           std::to_string(application_id)));
  }
  // Only this application's findings, though repeats need the whole campaign compared.
  auto duplicates = campaign_duplicates(store, stored);
  if (!duplicates) return fail(duplicates.error());
  auto content = store.application_content(application_id);
  if (!content) return fail(content.error());
  auto attachments = store.attachments(application_id);
  if (!attachments) return fail(attachments.error());
  return store.decide_formal_check(
      {application_id, eligible, reason,
       findings_of(stored.campaign, *application, *content, *attachments, *duplicates)},
      actor, now);
}

Result<AutomaticOutcome> apply_automatic_verdicts(Store& store, const StoredCampaign& stored,
                                                  const Actor& actor, Instant now) {
  auto rows = formal_check_rows(store, stored);
  if (!rows) return fail(rows.error());
  AutomaticOutcome outcome;
  for (const FormalCheckRow& row : *rows) {
    if (row.application.application.state != ApplicationState::recommended) continue;
    if (row.verdict == Verdict::needs_evidence) {
      ++outcome.left;
      continue;
    }
    bool eligible = row.verdict == Verdict::pass;
    auto decided =
        store.decide_formal_check({row.application.application.id, eligible,
                                   eligible ? "" : failing_reason(row.findings), row.findings},
                                  actor, now);
    if (!decided) return fail(decided.error());
    ++(eligible ? outcome.eligible : outcome.ineligible);
  }
  return outcome;
}

}  // namespace kczg::web
