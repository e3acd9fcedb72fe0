// What the assignment tests share: small problems and a solve that fails the test on an
// error.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "review/assignment.hpp"

namespace kczg::review::fixture {

constexpr int k_academia = 0;
constexpr int k_industry = 1;

inline AssignmentExpert expert(int sector, int max_load) { return {sector, max_load}; }

// `applications` applications with no affinity, `experts` academics taking `load` each.
inline AssignmentProblem plain(int applications, int experts, int k, int load) {
  AssignmentProblem p;
  p.experts_per_application = k;
  p.experts.assign(experts, expert(k_academia, load));
  p.affinity.assign(applications, {});
  return p;
}

inline AssignmentResult solve(const AssignmentProblem& p, AssignmentOptions options = {}) {
  auto r = assign_experts(p, options);
  EXPECT_TRUE(r.has_value()) << (r ? "" : std::string(code_name(r.error().code)));
  return r ? *r : AssignmentResult{};
}

inline std::vector<int> loads(const AssignmentProblem& p, const Assignment& a) {
  std::vector<int> load(p.experts.size(), 0);
  for (const auto& experts : a.experts)
    for (int e : experts) ++load[e];
  return load;
}

inline bool assigned(const AssignmentResult& r, int application, int expert) {
  const auto& v = r.assignment.experts[application];
  return std::find(v.begin(), v.end(), expert) != v.end();
}

}  // namespace kczg::review::fixture
