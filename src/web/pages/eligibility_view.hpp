// Eligibility findings as the pages show them: each condition with its verdict and why.
#pragma once

#include <vector>

#include "domain/eligibility.hpp"
#include "i18n/catalog.hpp"
#include "web/render.hpp"

namespace kczg::web {

// A list of {rule, verdict_code, condition, verdict, explanation}.
View eligibility_view(const std::vector<EligibilityFinding>& findings, Lang lang);

// The overall verdict's code and label, set as "eligibility_verdict_code"/"…_verdict".
void set_overall_verdict(View& view, const std::vector<EligibilityFinding>& findings, Lang lang);

}  // namespace kczg::web
