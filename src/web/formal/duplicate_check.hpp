// The formal check's duplicate report (重复申报核查): every application of a campaign
// that has left the applicant's hands, against earlier years' lists and against the
// campaign's other applications, through src/match.
#pragma once

#include <string>
#include <vector>

#include "match/duplicates.hpp"
#include "store/store.hpp"

namespace kczg::web {

// What an application or a listed entry is compared as.
match::ListedItem item_of(const ApplicationSummary& summary,
                          const std::map<std::string, std::string>& values);

struct DuplicateFinding {
  ApplicationSummary application;
  match::ListedItem probe;  // the application as compared
  match::ListedItem match;  // the entry or application it repeats
  bool within_campaign = false;
  long long match_application_id = 0;  // when within the campaign
  match::DuplicateHit hit;
};

// Findings for applications submitted or later (drafts and withdrawn ones left out), by
// application then strength. A pair within the campaign is reported once, at the lower id.
Result<std::vector<DuplicateFinding>> campaign_duplicates(Store& store,
                                                          const StoredCampaign& stored);

}  // namespace kczg::web
