#include "review/assignment_hub.hpp"

#include <algorithm>

namespace kczg::review::detail {
namespace {

// Experts bucketed by the hub units they have left, so an application can take those
// with the most left first.
class UnitBuckets {
 public:
  explicit UnitBuckets(int experts) : m_left(experts, 0), m_slot(experts, 0) {}

  void put(int expert, int units) {
    m_left[expert] = units;
    if (units == 0) return;
    if (units >= static_cast<int>(m_at.size())) m_at.resize(units + 1);
    m_slot[expert] = static_cast<int>(m_at[units].size());
    m_at[units].push_back(expert);
    m_top = std::max(m_top, units);
  }

  // Uses one unit of `expert`. REQUIRES: left(expert) > 0.
  void take(int expert) {
    const int units = m_left[expert];
    auto& bucket = m_at[units];
    const int last = bucket.back();
    bucket[m_slot[expert]] = last;
    m_slot[last] = m_slot[expert];
    bucket.pop_back();
    put(expert, units - 1);
    while (m_top > 0 && m_at[m_top].empty()) --m_top;
  }

  int left(int expert) const { return m_left[expert]; }

  // Calls f(expert) for experts with units left, most first, until f returns true.
  template <typename F>
  bool find(F&& f) const {
    for (int units = m_top; units > 0; --units)
      for (int e : m_at[units])
        if (f(e)) return true;
    return false;
  }

 private:
  std::vector<std::vector<int>> m_at;  // m_at[u]: experts with u units left
  std::vector<int> m_left;
  std::vector<int> m_slot;  // position in m_at[m_left[e]]
  int m_top = 0;
};

class Pairing {
 public:
  Pairing(const AssignmentModel& model, const Assignment& explicit_pairs)
      : m_model(model),
        m_explicit(explicit_pairs),
        m_buckets(model.experts),
        m_stamp(model.experts, -1) {
    m_out.experts.resize(model.applications);
  }

  void route(const AssignmentNetwork& network, int r) {
    const auto& experts = m_model.route_experts[r];
    m_buckets = UnitBuckets(m_model.experts);  // units a short application left behind
    m_holders.assign(m_model.experts, {});
    for (int e : experts) m_buckets.put(e, network.hub_units_of_expert(e));
    std::vector<std::pair<int, int>> units;  // (units, application), most units first
    for (int a = 0; a < m_model.applications; ++a)
      if (const int u = network.hub_units(a, r); u > 0) units.emplace_back(-u, a);
    std::sort(units.begin(), units.end());
    for (const auto& [minus_units, a] : units) {
      mark(a);
      int need = -minus_units;
      std::vector<int> chosen;
      m_buckets.find([&](int e) {
        if (m_stamp[e] == a) return false;
        chosen.push_back(e);
        return static_cast<int>(chosen.size()) == need;
      });
      for (int e : chosen) give(a, e);
      for (need -= static_cast<int>(chosen.size()); need > 0; --need) {
        if (!swap_into(a, experts)) {
          m_out.short_applications.push_back(a);
          break;
        }
      }
    }
  }

  HubPairing result() {
    std::sort(m_out.short_applications.begin(), m_out.short_applications.end());
    m_out.short_applications.erase(
        std::unique(m_out.short_applications.begin(), m_out.short_applications.end()),
        m_out.short_applications.end());
    return std::move(m_out);
  }

 private:
  // Stamps the experts application a may not get from a hub.
  void mark(int a) {
    for (int e : m_model.excluded[a]) m_stamp[e] = a;
    for (const FixedArc& f : m_model.fixed[a]) m_stamp[f.expert] = a;
    for (int e : m_explicit.experts[a]) m_stamp[e] = a;
    for (int e : m_out.experts[a]) m_stamp[e] = a;
  }

  // The same test for an application that is not the stamped one.
  bool blocked(int a, int e) const {
    const auto& fixed = m_model.fixed[a];
    auto by_expert = [](const FixedArc& f, int x) { return f.expert < x; };
    auto it = std::lower_bound(fixed.begin(), fixed.end(), e, by_expert);
    auto has = [e](const std::vector<int>& v) {
      return std::find(v.begin(), v.end(), e) != v.end();
    };
    return (it != fixed.end() && it->expert == e) ||
           std::binary_search(m_model.excluded[a].begin(), m_model.excluded[a].end(), e) ||
           has(m_explicit.experts[a]) || has(m_out.experts[a]);
  }

  void give(int a, int e) {
    m_buckets.take(e);
    m_holders[e].push_back(a);
    m_out.experts[a].push_back(e);
    m_stamp[e] = a;
  }

  // One more unit for stamped application a: some holder b of an expert e that a may
  // have takes another expert f with units left, and a takes e. Bounded effort: failing
  // only costs a's hub, not exactness.
  bool swap_into(int a, const std::vector<int>& experts) {
    long budget = 200'000;
    for (int e : experts) {
      if (m_stamp[e] == a) continue;
      for (int& b : m_holders[e]) {
        int f = -1;
        m_buckets.find([&](int candidate) {
          if (--budget < 0) return true;
          if (blocked(b, candidate)) return false;
          f = candidate;
          return true;
        });
        if (budget < 0) return false;
        if (f < 0) continue;
        std::replace(m_out.experts[b].begin(), m_out.experts[b].end(), e, f);
        m_buckets.take(f);
        m_holders[f].push_back(b);
        b = a;  // e passes from b to a; e's units left are unchanged
        m_out.experts[a].push_back(e);
        m_stamp[e] = a;
        return true;
      }
    }
    return false;
  }

  const AssignmentModel& m_model;
  const Assignment& m_explicit;
  UnitBuckets m_buckets;
  std::vector<int> m_stamp;                 // m_stamp[e] == a: a may not get e
  std::vector<std::vector<int>> m_holders;  // per expert, applications paired with it
  HubPairing m_out;
};

}  // namespace

HubPairing pair_hub_units(const AssignmentModel& model, const AssignmentNetwork& network,
                          const Assignment& explicit_pairs) {
  Pairing pairing(model, explicit_pairs);
  for (int r = 0; r < static_cast<int>(model.route_experts.size()); ++r) pairing.route(network, r);
  return pairing.result();
}

}  // namespace kczg::review::detail
