// The experts a demand could turn to: every expert in the latest campaign's review pools
// (one per e-mail address), ranked for a demand by the same matcher as the listed items.
// Pages show an expert's name, organisation, title and region with why — never the e-mail,
// which the pools hold for review only.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "match/demand_match.hpp"
#include "store/store.hpp"

namespace kczg::web {

struct ExpertSnapshot {
  long long campaign_id = 0;
  long long last_expert = 0;  // the highest id read: a new import changes it
  std::size_t pool_rows = 0;  // rows read before de-duplication
  std::vector<Expert> experts;
  match::Matcher matcher;  // the experts as supplies, in the same order
};

// Thread-safe. Reads the pools on each call (a few thousand rows) and rebuilds the matcher
// only when they changed.
class ExpertCache {
 public:
  Result<std::shared_ptr<const ExpertSnapshot>> current(Store& store);

 private:
  std::mutex m_mutex;
  std::shared_ptr<const ExpertSnapshot> m_snapshot;  // guarded by m_mutex
};

// The best `k` experts for `demand`, best first (indices into experts.experts).
std::vector<match::Match> ranked_experts(const ExpertSnapshot& experts, const Demand& demand,
                                         std::size_t k);

}  // namespace kczg::web
