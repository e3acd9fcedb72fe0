// kczg simulate, run as an operator runs it (the real binary, SQLite files in a temp dir),
// at a small scale: the same seed gives the same summary, the campaign it leaves is
// consistent (quotas held, every application counted, repeats found, a shortlist), it
// never mixes into a database that has the campaign, and the demo loads after it.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli_fixture.hpp"

#include "domain/quota.hpp"
#include "store/store.hpp"

namespace kczg {
namespace {

namespace fs = std::filesystem;

class SimulateTest : public CliFixture {
 protected:
  // The summary of a small simulation into `db`, without what varies from run to run.
  nlohmann::json simulate(const std::string& db, const std::string& preset, int seed) {
    Outcome o = run("--db sqlite:" + db + " simulate --preset " + preset +
                    " --scale 0.05 --json --seed " + std::to_string(seed));
    EXPECT_EQ(o.status, 0) << o.err;
    auto j = nlohmann::json::parse(o.out);
    EXPECT_TRUE(j.contains("timings_ms"));
    j.erase("timings_ms");
    return j;
  }

  std::unique_ptr<Store> open(const std::string& db) {
    auto store = open_store("sqlite:" + (m_dir / db).string());
    EXPECT_TRUE(store);
    return store ? std::move(*store) : nullptr;
  }
};

TEST_F(SimulateTest, SameSeedGivesTheSameSummaryAnotherSeedAnother) {
  nlohmann::json first = simulate("a.db", "2023", 7);
  EXPECT_EQ(simulate("b.db", "2023", 7), first);
  EXPECT_NE(simulate("c.db", "2023", 8), first);
  // Progress goes to stderr while it runs.
  Outcome again = run("--db sqlite:d.db simulate --preset 2023 --scale 0.05 --seed 7");
  EXPECT_NE(again.err.find("kczg simulate: collection"), std::string::npos) << again.err;
}

TEST_F(SimulateTest, LeavesAConsistentCampaign) {
  nlohmann::json j = simulate("a.db", "2022", 3);
  int total = 0;
  for (const auto& [state, n] : j["states"].items()) total += n.get<int>();
  EXPECT_EQ(total, j["applications"].get<int>());
  EXPECT_GT(j["applications"].get<int>(), 100);
  for (const auto& q : j["quotas"]) {
    EXPECT_EQ(q["over"], 0) << q;
    EXPECT_LE(q["recommended"].get<int>(), q["quota"].get<int>()) << q;
  }
  EXPECT_GE(j["duplicates"]["prior"].get<int>(), 1);
  EXPECT_GE(j["duplicates"]["within"].get<int>(), 1);
  EXPECT_GE(j["formal_check"]["ineligible_listed_before"].get<int>(), 1);
  EXPECT_EQ(j["review"]["optimal"], true);
  EXPECT_EQ(j["review"]["unstaffed"], 0);
  EXPECT_EQ(j["review"]["sheets"], j["review"]["pairs"]);
  EXPECT_GT(j["review"]["harsh"].get<int>(), 0);
  EXPECT_GT(j["review"]["lenient"].get<int>(), 0);
  ASSERT_FALSE(j["shortlists"].empty());
  int shortlisted = 0;
  for (const auto& s : j["shortlists"]) shortlisted += s["shortlisted"].get<int>();
  EXPECT_GT(shortlisted, 0);
  EXPECT_EQ(j["states"]["shortlisted"].get<int>(), shortlisted);

  // The store's own count of each unit's recommendations stays within its quota.
  auto store = open("a.db");
  ASSERT_TRUE(store);
  auto stored = store->campaign_by_year(2022);
  ASSERT_TRUE(stored);
  auto units = store->units();
  ASSERT_TRUE(units);
  int recommended = 0;
  for (const Unit& u : *units) {
    for (const List& list : stored->campaign.lists) {
      auto quota = unit_quota(stored->campaign, list.code, u.channels);
      if (!quota) continue;
      std::vector<std::string> fields{""};
      if (!list.fields.empty()) fields.clear();
      for (const Field& f : list.fields) fields.push_back(f.code);
      for (const std::string& field : fields) {
        auto used = store->quota_used(stored->id, u.id, list.code, field);
        ASSERT_TRUE(used);
        EXPECT_LE(*used, *quota) << u.name << " " << list.code << " " << field;
        recommended += *used;
      }
    }
  }
  int expected = 0;
  for (const auto& q : j["quotas"]) expected += q["recommended"].get<int>();
  EXPECT_EQ(recommended, expected);
}

TEST_F(SimulateTest, RefusesADatabaseThatHasTheCampaign) {
  ASSERT_EQ(run("campaign create --preset 2023").status, 0);
  Outcome o = run("--lang en simulate --preset 2023 --scale 0.05");
  EXPECT_EQ(o.status, 1);
  EXPECT_NE(o.err.find("A 2023 campaign already exists"), std::string::npos) << o.err;
  EXPECT_TRUE(o.out.empty());
  EXPECT_EQ(run("simulate --scale 0").status, 2);
}

TEST_F(SimulateTest, DemoLoadsAfterASimulationAsOnAFreshDatabase) {
  fs::copy_file(fs::path(KCZG_SOURCE_DIR) / "demo" / "units.csv", m_dir / "units.csv");
  simulate("a.db", "2022", 1);
  Outcome demo = run("--db sqlite:a.db demo load --preset 2023 --units units.csv --live");
  ASSERT_EQ(demo.status, 0) << demo.err;
  EXPECT_NE(demo.out.find("applicant@demo.kczg.cn"), std::string::npos);
  ASSERT_EQ(run("--db sqlite:b.db demo load --preset 2023 --units units.csv --live").status, 0);
  // The same demo either way: its applications name only the demo's own units, and its
  // earlier lists (with their planted repeats) are there beside the simulation's.
  auto demo_side = [&](const std::string& db) {
    auto store = open(db);
    auto stored = store->campaign_by_year(2023);
    EXPECT_TRUE(stored);
    std::vector<std::string> rows;
    auto summaries = store->application_summaries(stored->id);
    EXPECT_TRUE(summaries);
    for (const ApplicationSummary& s : *summaries) {
      rows.push_back(s.application.title + "|" + s.unit_name + "|" +
                     std::string(state_name(s.application.state)));
    }
    auto listed = store->listed_entries();
    EXPECT_TRUE(listed);
    int demo_listed = 0;
    for (const ListedEntry& e : *listed) demo_listed += e.holder.starts_with("演示往年");
    rows.push_back(std::to_string(demo_listed));
    return rows;
  };
  std::vector<std::string> after = demo_side("a.db");
  EXPECT_EQ(after, demo_side("b.db"));
  EXPECT_EQ(after.size(), 31u);
  for (std::size_t i = 0; i + 1 < after.size(); ++i) {
    EXPECT_NE(after[i].find("|演示·"), std::string::npos) << after[i];
  }
  // Loading again changes nothing.
  ASSERT_EQ(run("--db sqlite:a.db demo load --preset 2023 --units units.csv").status, 0);
  EXPECT_EQ(demo_side("a.db"), after);
}

}  // namespace
}  // namespace kczg
