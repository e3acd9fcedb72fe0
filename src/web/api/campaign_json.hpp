// The JSON shape of `kczg campaign show --format json` (and later of the API).
#pragma once

#include <map>
#include <string>

#include "domain/campaign.hpp"

namespace kczg::web {

// Instants as ISO-8601 with +08:00; undated phases as null.
std::string campaign_to_json(const Campaign& campaign, long long id, std::size_t unit_count,
                             const std::map<std::string, int>& applications_by_state);

}  // namespace kczg::web
