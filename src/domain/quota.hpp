// Per-unit recommendation quotas (推荐名额).
#pragma once

#include <string>
#include <vector>

#include "domain/campaign.hpp"

namespace kczg {

// A unit's quota for `list` (for each field, when the list has fields): the sum over the
// unit's channels of what each channel grants, since the call lets a unit in several
// channels stack them. Channels the campaign does not know add nothing.
// Errors: list_unknown; quota_none for a separately-organised list.
Result<int> unit_quota(const Campaign& campaign, std::string_view list,
                       const std::vector<std::string>& unit_channels);

// Whether one more recommendation fits. Error quota_exhausted {unit, list, field (codes),
// where_zh, where_en (the list and field as a person reads them), used, quota}.
Result<void> check_quota_room(const Campaign& campaign, std::string_view unit_name,
                              std::string_view list, std::string_view field, int used, int quota);

}  // namespace kczg
