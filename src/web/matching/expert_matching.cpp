#include "web/matching/expert_matching.hpp"

#include <algorithm>
#include <set>

namespace kczg::web {

Result<std::shared_ptr<const ExpertSnapshot>> ExpertCache::current(Store& store) {
  auto latest = store.latest_campaign();
  std::vector<Expert> rows;
  long long campaign = 0;
  if (latest) {
    campaign = latest->id;
    for (const ReviewBody& body : latest->campaign.review_bodies) {
      auto pool = store.experts(latest->id, body.name);
      if (!pool) return fail(pool.error());
      rows.insert(rows.end(), pool->begin(), pool->end());
    }
  }
  long long last = 0;
  for (const Expert& e : rows) last = std::max(last, e.id);
  std::lock_guard lock(m_mutex);
  if (m_snapshot && m_snapshot->campaign_id == campaign && m_snapshot->last_expert == last &&
      m_snapshot->pool_rows == rows.size()) {
    return m_snapshot;
  }
  // An expert in several pools is one person to a demand.
  std::vector<Expert> experts;
  std::set<std::string> seen;
  for (Expert& e : rows) {
    if (!e.email.empty() && !seen.insert(e.email).second) continue;
    experts.push_back(std::move(e));
  }
  std::vector<match::Supply> supplies;
  supplies.reserve(experts.size());
  for (const Expert& e : experts) {
    supplies.push_back({e.id, match::SupplyKind::expert, e.name,
                        e.title + "。" + e.organisation + "。" + e.profile, e.keywords, "",
                        e.region, std::nullopt});
  }
  m_snapshot = std::make_shared<const ExpertSnapshot>(ExpertSnapshot{
      campaign, last, rows.size(), std::move(experts), match::Matcher(std::move(supplies))});
  return m_snapshot;
}

std::vector<match::Match> ranked_experts(const ExpertSnapshot& experts, const Demand& demand,
                                         std::size_t k) {
  return experts.matcher.top(
      {demand.title, demand.description, demand.field, demand.region, demand.wanted_maturity}, k);
}

}  // namespace kczg::web
