// The simulated secretariat's formal check (形式审查): the rows the formal-check page shows
// (eligibility re-run on what was submitted, repeats found by src/match), decided as a
// careful secretariat would: a repeat of an earlier year's entry fails naming it, the later
// of two applications of one item fails naming the earlier, a failing rule fails with its
// explanation, and the rest pass (documents that a rule asks for are taken as checked).
#include <algorithm>

#include "cli/simulate_run.hpp"
#include "i18n/labels.hpp"
#include "store/json_codec.hpp"
#include "web/formal/eligibility_check.hpp"

namespace kczg::cli {
namespace {

struct Decision {
  bool eligible = true;
  std::string reason;
  int* tally = nullptr;
};

std::string param(const EligibilityFinding& f, const std::string& key) {
  auto it = f.params.find(key);
  return it == f.params.end() ? std::string() : it->second;
}

Decision decide(SimulationRun& run, long long id, const std::vector<EligibilityFinding>& findings) {
  SimulationTallies& t = run.tallies;
  std::string rules;
  for (const EligibilityFinding& f : findings) {
    if (f.rule == "not_listed_before" && f.verdict != Verdict::pass) {
      return {false,
              "与" + param(f, "year") + "年" + param(f, "list") + "入选项目“" + param(f, "name") +
                  "”重复，不再纳入候选",
              &t.formal_ineligible_prior};
    }
    // The later of the two (as the applicants filed them) is the repeat.
    if (f.rule == "same_item_twice" &&
        run.application_index.at(std::stoll(param(f, "id"))) < run.application_index.at(id)) {
      return {false, "与本年度申报（编号 " + param(f, "id") + "）为同一项目，重复申报",
              &t.formal_ineligible_repeat};
    }
    if (f.verdict == Verdict::fail) {
      rules += (rules.empty() ? "" : "；") + eligibility_text(f, Lang::zh).explanation;
    }
  }
  if (!rules.empty()) return {false, rules, &t.formal_ineligible_rules};
  if (overall_verdict(findings) == Verdict::pass) return {true, "", &t.formal_eligible};
  ++t.formal_accepted_with_evidence;
  return {true, "证明材料经秘书处核验，符合申报条件", &t.formal_eligible};
}

}  // namespace

Result<void> simulate_formal_check(SimulationRun& run) {
  auto duplicates = web::campaign_duplicates(run.store, run.stored);
  if (!duplicates) return fail(duplicates.error());
  for (const web::DuplicateFinding& d : *duplicates) {
    ++(d.within_campaign ? run.tallies.duplicates_within : run.tallies.duplicates_prior);
  }
  auto summaries = run.store.application_summaries(run.stored.id);
  if (!summaries) return fail(summaries.error());
  std::erase_if(*summaries, [](const ApplicationSummary& s) {
    return s.application.state != ApplicationState::recommended;
  });
  // The rows the formal-check page shows: the rules on what was submitted, then repeats.
  std::size_t n = summaries->size();
  std::vector<std::vector<EligibilityFinding>> findings(n);
  auto read = in_parallel(n, [&](std::size_t i) -> Result<void> {
    const Application& a = (*summaries)[i].application;
    auto content = run.store.application_content(a.id);
    if (!content) return fail(content.error());
    auto attachments = run.store.attachments(a.id);
    if (!attachments) return fail(attachments.error());
    findings[i] =
        web::rule_findings(run.stored.campaign, a, store::values_from_json(*content), *attachments);
    for (EligibilityFinding& f : web::repeat_findings(run.stored.campaign, *duplicates, a.id)) {
      findings[i].push_back(std::move(f));
    }
    return {};
  });
  if (!read) return read;
  std::vector<Decision> decisions;
  for (std::size_t i = 0; i < n; ++i) {
    decisions.push_back(decide(run, (*summaries)[i].application.id, findings[i]));
    ++*decisions.back().tally;
  }
  Actor secretariat{Role::secretariat, "simulate:secretariat"};
  return in_parallel(n, [&](std::size_t i) -> Result<void> {
    // Over the first three days of preliminary review.
    Instant at = run.into(PhaseKind::preliminary_review, 0.1 + 2.8 * double(i) / double(n));
    const Decision& d = decisions[i];
    auto decided = run.store.decide_formal_check(
        {(*summaries)[i].application.id, d.eligible, d.reason, findings[i]}, secretariat, at);
    if (!decided) return fail(decided.error());
    return {};
  });
}

}  // namespace kczg::cli
