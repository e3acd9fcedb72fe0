// Eligibility in the JSON API: findings with their explanation in the caller's language,
// and recorded checks. Only API sources include it (it brings nlohmann in).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "domain/eligibility.hpp"
#include "i18n/catalog.hpp"

namespace kczg::web {

// [{rule, verdict, condition, verdict_label, explanation, params}]
nlohmann::ordered_json findings_json(const std::vector<EligibilityFinding>& findings, Lang lang);
// {stage, verdict, findings, checked_at, eligible, overridden, reason}; a formal
// check's eligible/overridden/reason only for that stage.
nlohmann::ordered_json check_json(const EligibilityCheck& check, Lang lang);

}  // namespace kczg::web
