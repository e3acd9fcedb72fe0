// Campaign presets transcribed from the calls in shared/seeds: the 2022 call
// (中国科协办公厅, 2022-09-05) and the 2023 call (2023-10-13).
#pragma once

#include <string_view>

#include "domain/campaign.hpp"

namespace kczg {

Campaign preset_2022();

// The 2023 call states no list sizes and no quotas; the preset takes the published 2023
// sizes and the 2022 quotas and records that in Campaign::notes.
Campaign preset_2023();

// "2022" or "2023". Error preset_unknown {preset}.
Result<Campaign> campaign_preset(std::string_view name);

}  // namespace kczg
