// JSON text for the few columns that hold structured values (eligibility parameters,
// provenance notes, audit before/after, application form values). The only store file
// that includes nlohmann; the web layer uses the form-value pair too.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "domain/campaign.hpp"
#include "domain/eligibility.hpp"
#include "domain/review_plan.hpp"

namespace kczg::store {

std::string eligibility_to_json(const EligibilityParams& params);
EligibilityParams eligibility_from_json(const std::string& text);

std::string strings_to_json(const std::vector<std::string>& strings);
std::vector<std::string> strings_from_json(const std::string& text);

// An application form's values as a JSON object of strings, keys sorted: the same values
// always give the same text (the receipt's digest covers it). Non-string members and
// malformed text read as no values.
std::string values_to_json(const std::map<std::string, std::string>& values);
std::map<std::string, std::string> values_from_json(const std::string& text);

// A review plan's content (coverage, criteria, k, load, sector mix, aggregation), without
// its id, body and state, which are columns. Malformed text reads as an empty plan.
std::string plan_content_to_json(const ReviewPlan& plan);
void plan_content_from_json(const std::string& text, ReviewPlan& plan);

// A score sheet's scores as a JSON object of numbers, keys sorted. Malformed text reads
// as no scores.
std::string scores_to_json(const std::map<std::string, double>& scores);
std::map<std::string, double> scores_from_json(const std::string& text);

// Eligibility findings as [{"rule", "verdict", "params": {…}}]. Malformed text or unknown
// verdicts read as no findings.
std::string findings_to_json(const std::vector<EligibilityFinding>& findings);
std::vector<EligibilityFinding> findings_from_json(const std::string& text);

// {"key": "value", …} for an audit row's before or after; keys in the given order.
std::string object_to_json(const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace kczg::store
