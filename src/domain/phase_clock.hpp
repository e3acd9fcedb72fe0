// Which phase of a campaign is open at an instant.
#pragma once

#include <optional>
#include <vector>

#include "domain/campaign.hpp"

namespace kczg {

// All phases whose [starts_at, ends_at) holds `at`, in campaign order; promotion runs
// alongside the others, so several may be open. Phases without dates are never open.
std::vector<PhaseKind> open_phases(const Campaign& campaign, Instant at);

// The open phase of the sequential workflow (collection … publication), if any; this is
// the phase state transitions are checked against. Promotion is not a workflow phase.
std::optional<PhaseKind> workflow_phase(const Campaign& campaign, Instant at);

}  // namespace kczg
