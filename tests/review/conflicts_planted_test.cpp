// The conflict detector against a generated world with known truth (planted_world.hpp):
// it must find exactly the conflicts the ids imply — zero missed, none invented, none among
// the near-miss decoys — and need every way of matching to do so.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "review/conflicts.hpp"
#include "review/planted_world.hpp"

namespace kczg::review {
namespace {

using planted::Triple;
using planted::World;

std::string show(const ExpertRecord& e) {
  std::string out = e.id + " " + e.name + " [";
  for (const auto& o : e.organisations) out += o.name + "/" + o.uscc + "; ";
  for (const auto& o : e.declared_organisations) out += "declared " + o.name + "; ";
  return out + "]";
}

std::string show(const ApplicationParties& a) {
  std::string out = a.id + " " + a.applicant.name + "/" + a.applicant.uscc + " holders:";
  for (const auto& h : a.holders) out += " " + h.name + "/" + h.uscc;
  return out + " unit: " + a.unit.name + "/" + a.unit.uscc;
}

class PlantedConflicts : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(PlantedConflicts, NoneMissedNoneInvented) {
  World world(GetParam());
  auto found = find_conflicts(world.experts, world.applications, world.rules);

  std::set<Triple> detected;
  std::map<std::pair<std::uint32_t, std::uint32_t>, const Conflict*> by_pair;
  for (const Conflict& c : found) {
    by_pair[{c.expert, c.application}] = &c;
    for (const ConflictReason& r : c.reasons) detected.insert({c.expert, c.application, r.kind});
  }
  std::set<Triple> expected = world.expected();
  for (const auto& [e, a, kind] : expected) {
    EXPECT_TRUE(detected.contains({e, a, kind}))
        << "missed " << kind_name(kind) << ": " << show(world.experts[e]) << " | "
        << show(world.applications[a]);
  }
  for (const auto& [e, a, kind] : detected) {
    if (expected.contains({e, a, kind})) continue;
    std::string why;
    for (const auto& r : by_pair[{e, a}]->reasons) why += describe(r) + "; ";
    ADD_FAILURE() << "invented " << kind_name(kind) << ": " << why;
  }
  for (const auto& [e, a, what] : world.decoys) {
    EXPECT_FALSE(by_pair.contains({e, a})) << "decoy conflicts: " << what;
  }
  // The plants took: every kind, in numbers.
  for (auto [kind, count] : world.planted) {
    auto n = std::count_if(expected.begin(), expected.end(),
                           [&](const Triple& t) { return std::get<2>(t) == kind; });
    EXPECT_GE(n, count) << kind_name(kind);
  }
  EXPECT_EQ(world.planted.size(), 5u);
  // … and every way of matching was needed.
  std::set<ConflictBasis> bases;
  for (const Conflict& c : found) {
    for (const ConflictReason& r : c.reasons) bases.insert(r.basis);
  }
  EXPECT_EQ(bases.size(), 8u);
  EXPECT_GE(world.decoys.size(), 30u);
}

INSTANTIATE_TEST_SUITE_P(Seeds, PlantedConflicts, ::testing::Values(1, 2, 3, 20240601));

}  // namespace
}  // namespace kczg::review
