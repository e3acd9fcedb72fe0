// Every table a report on the campaign needs, beyond applications and recommendations
// (exports.hpp): the overview's statistics, the formal check's results, the review
// bodies' assignments and scores, the final review's ranking and decisions, and the
// objections — each an ExportTable the secretariat downloads as XLSX or CSV.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "web/applications/exports.hpp"

namespace kczg::web {

// The campaign's counts as the overview shows them: submissions by list, field, state,
// channel and province, what was listed by list and province, submissions per day and
// by hour over the 48 hours before the deadline (or now), and recommendations by unit.
struct CampaignCounts {
  std::map<std::string, int> by_list, by_field, by_state, by_channel, by_province;
  std::map<std::string, int> listed_by_list, listed_by_province;
  std::map<std::string, int> per_day, last_hours;
  std::map<long long, int> recommended_by_unit;  // by unit id: every recommendation it made
};
CampaignCounts campaign_counts(const Campaign& campaign,
                               const std::vector<ApplicationSummary>& summaries,
                               const std::map<long long, Unit>& units, Instant now, Lang lang);

// Year over year: for each campaign in the database up to `year`, its submissions (every
// application past draft) and its listed entries.
struct YearCounts {
  int year = 0;
  int submitted = 0, listed = 0;
};
Result<std::vector<YearCounts>> year_counts(Store& store, int year);

// Each review body's progress: its assigned pairs (declined ones left out) and the
// sheets submitted for them, in the campaign's order of bodies.
struct ReviewProgress {
  std::string body;
  int assigned = 0, submitted = 0;
};
Result<std::vector<ReviewProgress>> review_progress(Store& store, const StoredCampaign& stored);

// The tables /secretariat/exports/{name}.{csv,xlsx} offers, in the order the overview
// links them.
const std::vector<std::string>& report_table_names();

// The table `name` of the campaign (a name of report_table_names()); not_found otherwise.
Result<ExportTable> report_table(Store& store, const StoredCampaign& stored, std::string_view name,
                                 Instant now, Lang lang);

}  // namespace kczg::web
