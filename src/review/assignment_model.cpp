#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "review/assignment_model.hpp"

namespace kczg::review::detail {
namespace {

// Scaled affinities stay far below int64 so that sums over every arc cannot overflow.
constexpr double k_max_scaled = 1e12;

Error out_of_range(std::string name, int64_t value, int64_t min, int64_t max) {
  return make_error(ErrorCode::value_out_of_range, "name", std::move(name), "value",
                    std::to_string(value), "min", std::to_string(min), "max", std::to_string(max));
}

Error invalid(std::string field, std::string detail) {
  return make_error(ErrorCode::field_invalid, "field", std::move(field), "detail",
                    std::move(detail));
}

Result<void> check_pairs(const std::vector<ExpertPair>& pairs, const char* what, int applications,
                         int experts) {
  for (const ExpertPair& p : pairs) {
    if (p.application < 0 || p.application >= applications)
      return fail(
          out_of_range(std::string(what) + ".application", p.application, 0, applications - 1));
    if (p.expert < 0 || p.expert >= experts)
      return fail(out_of_range(std::string(what) + ".expert", p.expert, 0, experts - 1));
  }
  return {};
}

// Per application, the ascending distinct experts of `pairs`.
std::vector<std::vector<int>> group(const std::vector<ExpertPair>& pairs, int applications) {
  std::vector<std::vector<int>> out(applications);
  for (const ExpertPair& p : pairs) out[p.application].push_back(p.expert);
  for (auto& v : out) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  }
  return out;
}

bool contains(const std::vector<int>& sorted, int x) {
  return std::binary_search(sorted.begin(), sorted.end(), x);
}

Result<void> check_shape(const AssignmentProblem& p) {
  if (p.experts_per_application < 0)
    return fail(out_of_range("experts_per_application", p.experts_per_application, 0,
                             std::numeric_limits<int>::max()));
  if (!std::isfinite(p.affinity_scale) || p.affinity_scale <= 0)
    return fail(invalid("affinity_scale", "must be a positive number"));
  if (!std::isfinite(p.load_weight) || p.load_weight < 0 ||
      p.load_weight * p.affinity_scale > k_max_scaled)
    return fail(invalid("load_weight", "must be a number from 0 to 1e12 / affinity_scale"));
  if (p.free_load < 0)
    return fail(out_of_range("free_load", p.free_load, 0, std::numeric_limits<int>::max()));
  const int experts = static_cast<int>(p.experts.size());
  for (const AssignmentExpert& e : p.experts) {
    if (e.sector < 0 || e.sector > 1'000)
      return fail(out_of_range("expert.sector", e.sector, 0, 1'000));
    if (e.max_load < 0)
      return fail(out_of_range("expert.max_load", e.max_load, 0, std::numeric_limits<int>::max()));
  }
  for (const SectorRule& r : p.sectors) {
    if (r.min < 0 || (r.max != -1 && r.max < r.min))
      return fail(invalid("sectors", "each rule needs 0 <= min <= max (or max -1)"));
  }
  const int applications = static_cast<int>(p.affinity.size());
  for (const auto& list : p.affinity) {
    for (const Candidate& c : list) {
      if (c.expert < 0 || c.expert >= experts)
        return fail(out_of_range("affinity.expert", c.expert, 0, experts - 1));
      if (!std::isfinite(c.affinity) || std::abs(c.affinity * p.affinity_scale) > k_max_scaled)
        return fail(invalid("affinity", "must be finite and below 1e12 / affinity_scale"));
    }
  }
  if (auto r = check_pairs(p.conflicts, "conflicts", applications, experts); !r) return r;
  if (auto r = check_pairs(p.forbidden, "forbidden", applications, experts); !r) return r;
  return check_pairs(p.forced, "forced", applications, experts);
}

// Sector bounds per sector index, maxima clamped to k; fails when no k experts fit them.
Result<void> fill_sectors(const AssignmentProblem& p, AssignmentModel& m) {
  int sectors = std::max<int>(1, static_cast<int>(p.sectors.size()));
  for (const AssignmentExpert& e : p.experts) sectors = std::max(sectors, e.sector + 1);
  m.sectors = sectors;
  m.sector_min.assign(sectors, 0);
  m.sector_max.assign(sectors, m.k);
  int64_t min_sum = 0, max_sum = 0;
  for (int s = 0; s < sectors; ++s) {
    if (s < static_cast<int>(p.sectors.size())) {
      m.sector_min[s] = p.sectors[s].min;
      if (p.sectors[s].max != -1) m.sector_max[s] = std::min(m.k, p.sectors[s].max);
    }
    min_sum += m.sector_min[s];
    max_sum += m.sector_max[s];
  }
  if (min_sum > m.k) return fail(invalid("sectors", "the sector minimums add up to more than k"));
  if (max_sum < m.k)
    return fail(invalid("sectors", "the sector maximums leave fewer than k places"));
  return {};
}

// Takes forced pairs in input order; each must leave the problem feasible with those
// accepted before it, so that the flow network with lower bounds always has a solution.
// Returns the accepted forced experts per application; rejections go to m.rejected_forced.
std::vector<std::vector<int>> accept_forced(const AssignmentProblem& p,
                                            const std::vector<std::vector<int>>& conflicts,
                                            const std::vector<std::vector<int>>& forbidden,
                                            AssignmentModel& m) {
  std::vector<std::vector<int>> accepted(m.applications);
  std::vector<int> expert_forced(m.experts, 0);
  std::vector<int> sector_forced(static_cast<size_t>(m.applications) * m.sectors, 0);
  std::vector<int> app_forced(m.applications, 0);
  for (const ExpertPair& pair : p.forced) {
    const int a = pair.application, e = pair.expert, s = m.expert_sector[e];
    if (std::find(accepted[a].begin(), accepted[a].end(), e) != accepted[a].end()) continue;
    auto reject = [&](ForcedRejection why) { m.rejected_forced.push_back({pair, why}); };
    if (contains(conflicts[a], e)) {
      reject(ForcedRejection::conflict);
      continue;
    }
    if (contains(forbidden[a], e)) {
      reject(ForcedRejection::forbidden);
      continue;
    }
    if (expert_forced[e] >= m.expert_capacity[e]) {
      reject(ForcedRejection::expert_full);
      continue;
    }
    if (app_forced[a] >= m.k) {
      reject(ForcedRejection::application_full);
      continue;
    }
    int* counts = &sector_forced[static_cast<size_t>(a) * m.sectors];
    int places = 0;  // places the sector mix takes with this pair added
    for (int t = 0; t < m.sectors; ++t) places += std::max(m.sector_min[t], counts[t] + (t == s));
    if (counts[s] + 1 > m.sector_max[s] || places > m.k) {
      reject(ForcedRejection::sector_full);
      continue;
    }
    ++expert_forced[e];
    ++app_forced[a];
    ++counts[s];
    accepted[a].push_back(e);
  }
  return accepted;
}

// Experts by sector and route: the sectors without a rule share route 0.
void fill_routes(AssignmentModel& m) {
  m.sector_experts.assign(m.sectors, {});
  for (int e = 0; e < m.experts; ++e)
    if (m.expert_capacity[e] > 0 && sector_open(m, m.expert_sector[e]))
      m.sector_experts[m.expert_sector[e]].push_back(e);
  m.route_sector = {-1};
  for (int s = 0; s < m.sectors; ++s) {
    if (!sector_open(m, s)) {
      m.sector_route.push_back(-1);
    } else if (m.sector_min[s] == 0 && m.sector_max[s] == m.k) {
      m.sector_route.push_back(0);
    } else {
      m.sector_route.push_back(static_cast<int>(m.route_sector.size()));
      m.route_sector.push_back(s);
    }
  }
  m.route_experts.assign(m.route_sector.size(), {});
  for (int s = 0; s < m.sectors; ++s)
    if (sector_open(m, s))
      for (int e : m.sector_experts[s]) m.route_experts[m.sector_route[s]].push_back(e);
}

// Application a's excluded experts and always-present arcs.
Result<void> fill_pairs(const AssignmentProblem& p, int a, const std::vector<int>& conflicts,
                        const std::vector<int>& forbidden, const std::vector<int>& forced,
                        AssignmentModel& m) {
  auto& excluded = m.excluded[a];
  std::set_union(conflicts.begin(), conflicts.end(), forbidden.begin(), forbidden.end(),
                 std::back_inserter(excluded));
  std::vector<int> named;
  for (const Candidate& c : p.affinity[a]) named.push_back(c.expert);
  std::sort(named.begin(), named.end());
  if (std::adjacent_find(named.begin(), named.end()) != named.end())
    return fail(invalid("affinity", "an application names an expert twice"));
  auto& fixed = m.fixed[a];
  for (const Candidate& c : p.affinity[a]) {
    if (m.expert_capacity[c.expert] == 0 || !sector_open(m, m.expert_sector[c.expert]) ||
        contains(excluded, c.expert))
      continue;
    fixed.push_back({c.expert, std::llround(c.affinity * p.affinity_scale), false});
  }
  for (int e : forced) fixed.push_back({e, 0, true});
  std::sort(fixed.begin(), fixed.end(), [](const FixedArc& x, const FixedArc& y) {
    return x.expert != y.expert ? x.expert < y.expert : x.forced < y.forced;
  });
  // A forced pair sorts after its own candidate: it takes over that candidate's gain.
  for (size_t i = 0; i + 1 < fixed.size(); ++i) {
    if (fixed[i].expert != fixed[i + 1].expert) continue;
    fixed[i + 1].gain = fixed[i].gain;
    fixed.erase(fixed.begin() + static_cast<std::ptrdiff_t>(i));
  }
  int64_t open = 0;
  for (const auto& list : m.sector_experts) open += static_cast<int64_t>(list.size());
  for (int e : excluded)
    if (m.expert_capacity[e] > 0 && sector_open(m, m.expert_sector[e])) --open;
  m.eligible_pairs += open;
  return {};
}

// A missing expert must cost more than any change of affinity and load that could staff
// it. Compare a min-shortfall assignment with an optimal one: their difference splits
// into residual cycles, and a cycle that removes a shortfall unit runs through the sink
// once, so besides that penalty arc it holds at most one load arc and two pair arcs per
// expert (hub arcs cost 0). A penalty above 2 (E + 1) (max gain + max load step)
// therefore makes every optimum staff as many places as possible before it looks at
// affinity. Fails when costs that large could overflow.
Result<int64_t> shortfall_penalty(const AssignmentModel& m) {
  int64_t max_gain = 0;
  for (const auto& fixed : m.fixed)
    for (const FixedArc& f : fixed) max_gain = std::max(max_gain, std::abs(f.gain));
  int max_capacity = 0;
  for (int c : m.expert_capacity) max_capacity = std::max(max_capacity, c);
  const __int128 per_arc =
      static_cast<__int128>(max_gain) +
      static_cast<__int128>(m.load_step) * std::max(0, max_capacity - 1 - m.free_load);
  const __int128 penalty = 2 * static_cast<__int128>(m.experts + 1) * per_arc + 1;
  // Total cost and the simplex potentials (LEMON adds them to max/2) must fit in int64.
  const int64_t nodes =
      static_cast<int64_t>(m.applications) * static_cast<int64_t>(m.route_sector.size()) +
      m.experts + 1;
  const __int128 worst =
      penalty * std::max<int64_t>(nodes, static_cast<int64_t>(m.applications) * m.k);
  if (worst > std::numeric_limits<int64_t>::max() / 8)
    return fail(invalid("affinity_scale", "costs would overflow: lower affinity_scale"));
  return static_cast<int64_t>(penalty);
}

}  // namespace

Result<AssignmentModel> build_model(const AssignmentProblem& p) {
  if (auto r = check_shape(p); !r) return fail(r.error());
  AssignmentModel m;
  m.applications = static_cast<int>(p.affinity.size());
  m.experts = static_cast<int>(p.experts.size());
  m.k = p.experts_per_application;
  m.affinity_scale = p.affinity_scale;
  m.load_step = std::llround(p.load_weight * p.affinity_scale);
  m.free_load = p.free_load;
  for (const AssignmentExpert& e : p.experts) {
    m.expert_sector.push_back(e.sector);
    m.expert_capacity.push_back(e.max_load);
  }
  if (auto r = fill_sectors(p, m); !r) return fail(r.error());
  fill_routes(m);

  const auto conflicts = group(p.conflicts, m.applications);
  const auto forbidden = group(p.forbidden, m.applications);
  const auto forced = accept_forced(p, conflicts, forbidden, m);
  m.excluded.resize(m.applications);
  m.fixed.resize(m.applications);
  for (int a = 0; a < m.applications; ++a)
    if (auto r = fill_pairs(p, a, conflicts[a], forbidden[a], forced[a], m); !r)
      return fail(r.error());

  auto penalty = shortfall_penalty(m);
  if (!penalty) return fail(penalty.error());
  m.shortfall_penalty = *penalty;
  return m;
}

}  // namespace kczg::review::detail
