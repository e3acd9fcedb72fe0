// JSON text for the few columns that hold structured values (eligibility parameters,
// provenance notes, audit before/after). The only store file that includes nlohmann.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "domain/campaign.hpp"

namespace kczg::store {

std::string eligibility_to_json(const EligibilityParams& params);
EligibilityParams eligibility_from_json(const std::string& text);

std::string strings_to_json(const std::vector<std::string>& strings);
std::vector<std::string> strings_from_json(const std::string& text);

// {"key": "value", …} for an audit row's before or after; keys in the given order.
std::string object_to_json(const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace kczg::store
