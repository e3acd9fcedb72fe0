#include "domain/phase_clock.hpp"

namespace kczg {
namespace {

bool holds(const Phase& phase, Instant at) {
  return phase.starts_at && phase.ends_at && *phase.starts_at <= at && at < *phase.ends_at;
}

}  // namespace

std::vector<PhaseKind> open_phases(const Campaign& campaign, Instant at) {
  std::vector<PhaseKind> open;
  for (const Phase& phase : campaign.phases) {
    if (holds(phase, at)) open.push_back(phase.kind);
  }
  return open;
}

std::optional<PhaseKind> workflow_phase(const Campaign& campaign, Instant at) {
  for (const Phase& phase : campaign.phases) {
    if (phase.kind != PhaseKind::promotion && holds(phase, at)) return phase.kind;
  }
  return std::nullopt;
}

}  // namespace kczg
