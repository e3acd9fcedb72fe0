// The formal check (形式审查) over eligibility: each application the units recommended,
// the eligibility rules re-run on what was submitted, and what src/match found against
// earlier lists (a repeat fails when the campaign bars relisting) and within the campaign
// (a person decides). The secretariat decides each application; pass and fail verdicts
// can be applied in one go, needs_evidence ones only one by one.
#pragma once

#include <optional>
#include <vector>

#include "domain/eligibility.hpp"
#include "web/formal/duplicate_check.hpp"

namespace kczg::web {

// The rules on an application's values and attachments as they are now.
std::vector<EligibilityFinding> rule_findings(const Campaign& campaign,
                                              const Application& application,
                                              const FormValues& values,
                                              const std::vector<Attachment>& attachments);

// Findings from duplicate detection for `application_id`: not_listed_before for an
// earlier listed entry, same_item_twice for another application of the campaign.
std::vector<EligibilityFinding> repeat_findings(const Campaign& campaign,
                                                const std::vector<DuplicateFinding>& duplicates,
                                                long long application_id);

struct FormalCheckRow {
  ApplicationSummary application;
  std::vector<EligibilityFinding> findings;  // rules, then repeats
  Verdict verdict = Verdict::pass;
  std::optional<EligibilityCheck> decided;  // the formal check's record, once decided
};

// Recommended applications (to decide) and those decided eligible or ineligible, by id.
Result<std::vector<FormalCheckRow>> formal_check_rows(Store& store, const StoredCampaign& stored);

// Decides one application on its findings as computed now (errors of
// Store::decide_formal_check; application_not_found when it is not the campaign's).
Result<ApplicationState> decide_formal_check(Store& store, const StoredCampaign& stored,
                                             long long application_id, bool eligible,
                                             const std::string& reason, const Actor& actor,
                                             Instant now);

struct AutomaticOutcome {
  int eligible = 0;
  int ineligible = 0;
  int left = 0;  // needs_evidence: a person decides
};
// Every recommended application whose verdict is pass or fail gets that decision; a fail's
// reason is its failing findings explained (in Chinese, the call's language).
Result<AutomaticOutcome> apply_automatic_verdicts(Store& store, const StoredCampaign& stored,
                                                  const Actor& actor, Instant now);

}  // namespace kczg::web
