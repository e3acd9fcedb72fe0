// kczg demo load, as an operator runs it: the demo campaign in its collection phase and
// its exports, and the demo played to the final review.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_fixture.hpp"
#include "domain/instant.hpp"
#include "tabular/table.hpp"

namespace kczg {
namespace {

namespace fs = std::filesystem;

class DemoTest : public CliFixture {};

TEST_F(DemoTest, DemoLoadsAndExportsApplicationsAndAudit) {
  fs::copy_file(fs::path(KCZG_SOURCE_DIR) / "demo" / "units.csv", m_dir / "units.csv");
  Outcome demo = run("demo load --units units.csv");
  ASSERT_EQ(demo.status, 0) << demo.err;
  auto j = nlohmann::json::parse(run("campaign show --format json").out);
  EXPECT_EQ(j["units"], 12);
  EXPECT_GT(j["applications_by_state"]["recommended"].get<int>(), 0);
  EXPECT_GT(j["applications_by_state"]["returned"].get<int>(), 0);
  EXPECT_GT(j["applications_by_state"]["draft"].get<int>(), 0);
  // Loading again changes nothing.
  ASSERT_EQ(run("demo load --units units.csv").status, 0);
  EXPECT_EQ(nlohmann::json::parse(run("campaign show --format json").out)["units"], 12);

  ASSERT_EQ(run("export applications --format csv --out apps.csv").status, 0);
  auto table = tabular::read_table(m_dir / "apps.csv");
  ASSERT_TRUE(table);
  EXPECT_EQ(table->header.front(), "申报编号");
  EXPECT_TRUE(table->rows.front().cells.front().starts_with("KC2023-"));
  int total = 0;
  for (const auto& [state, n] : j["applications_by_state"].items()) total += n.get<int>();
  EXPECT_EQ(int(table->rows.size()), total);
  ASSERT_EQ(run("--lang en export applications --format xlsx --out apps.xlsx").status, 0);
  auto xlsx = tabular::read_table(m_dir / "apps.xlsx");
  ASSERT_TRUE(xlsx);
  EXPECT_EQ(xlsx->header[6], "Recommending unit");
  EXPECT_EQ(int(xlsx->rows.size()), total);

  ASSERT_EQ(run("audit export --out audit.csv").status, 0);
  auto audit = tabular::read_table(m_dir / "audit.csv");
  ASSERT_TRUE(audit);
  EXPECT_EQ(audit->rows.front().cells[4], "campaign.create");
  EXPECT_GT(audit->rows.size(), std::size_t(total));
}

// --stage final_review: the preliminary review is played, the final review open today.
TEST_F(DemoTest, DemoAtTheFinalReviewHasItsShortlistReportedAndTheFinalReviewOpen) {
  fs::copy_file(fs::path(KCZG_SOURCE_DIR) / "demo" / "units.csv", m_dir / "units.csv");
  Outcome demo = run("demo load --live --stage final_review --units units.csv");
  ASSERT_EQ(demo.status, 0) << demo.err;
  auto j = nlohmann::json::parse(run("campaign show --format json").out);
  // Five of the Pioneer list's candidates for a target of 3; the two planted repeats of
  // earlier lists are refused at the formal check.
  EXPECT_EQ(j["applications_by_state"]["shortlisted"], 5) << j["applications_by_state"].dump();
  EXPECT_GE(j["applications_by_state"]["ineligible"].get<int>(), 2);
  EXPECT_FALSE(j["applications_by_state"].contains("recommended"));
  EXPECT_EQ(j["lists"][0]["target"], 3);
  std::string starts, ends;
  for (const auto& p : j["phases"]) {
    if (p["kind"] != "final_review") continue;
    starts = p["starts_at"];
    ends = p["ends_at"];
  }
  std::string beijing = format_shanghai(
      std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()));
  EXPECT_LE(starts.substr(0, 19), beijing.substr(0, 19));
  EXPECT_GT(ends.substr(0, 19), beijing.substr(0, 19));
  // Loading again plays nothing twice.
  ASSERT_EQ(run("demo load --live --stage final_review --units units.csv").status, 0);
  EXPECT_EQ(nlohmann::json::parse(run("campaign show --format json").out)["applications_by_state"],
            j["applications_by_state"]);
  EXPECT_EQ(run("demo load --live --stage notice --units units.csv").status, 2);  // no such stage

  // The final review's ranking as the overview downloads it: the five candidates.
  ASSERT_EQ(run("export report --table rankings --format xlsx --out rankings.xlsx").status, 0);
  auto rankings = tabular::read_table(m_dir / "rankings.xlsx");
  ASSERT_TRUE(rankings);
  EXPECT_EQ(rankings->header[1], "名次");
  EXPECT_EQ(rankings->rows.size(), 5u);
  EXPECT_EQ(run("export report --table passwords --out x.csv").status, 2);
  EXPECT_EQ(run("export report --table rankings --year 2019 --out x.csv").status, 1);
}

// The demo's earlier lists are in the achievements library from the start.
TEST_F(DemoTest, LibrarySearchFindsTheDemosEarlierEntries) {
  fs::copy_file(fs::path(KCZG_SOURCE_DIR) / "demo" / "units.csv", m_dir / "units.csv");
  ASSERT_EQ(run("demo load --units units.csv").status, 0);
  Outcome found = run("library search 存算一体 --year 2022");  // 简体 finds the 繁体 entry
  ASSERT_EQ(found.status, 0) << found.err;
  EXPECT_NE(found.out.find("高精度存算一體晶片"), std::string::npos) << found.out;
  EXPECT_NE(found.out.find("共找到 1 项"), std::string::npos) << found.out;
  Outcome json = run("library search 芯 --json --limit 3");
  ASSERT_EQ(json.status, 0);
  int lines = 0;
  for (std::size_t at = 0; (at = json.out.find('\n', at)) != std::string::npos; ++at) ++lines;
  EXPECT_GE(lines, 1);
  EXPECT_LE(lines, 3);
  EXPECT_TRUE(nlohmann::json::parse(json.out.substr(0, json.out.find('\n'))).contains("score"));
  Outcome bad = run("library search --region 3");
  EXPECT_EQ(bad.status, 1);
  EXPECT_NE(bad.err.find("region"), std::string::npos) << bad.err;
}

// The demo after publication: demands imported from a pilot city's sheet whole or not at
// all, and the nightly re-match proposing only what is new.
TEST_F(DemoTest, PublishedDemoImportsDemandsAndRematches) {
  fs::copy_file(fs::path(KCZG_SOURCE_DIR) / "demo" / "units.csv", m_dir / "units.csv");
  Outcome demo = run("demo load --units units.csv --live --stage published");
  ASSERT_EQ(demo.status, 0) << demo.err;
  EXPECT_NE(demo.out.find("holder@demo.kczg.cn"), std::string::npos) << demo.out;
  EXPECT_NE(demo.out.find("pilot@demo.kczg.cn"), std::string::npos) << demo.out;

  std::string header = "标题,需求描述,所在地区,预算下限,预算上限,合作方式,期望成熟度,联系方式\n";
  std::string good_row =
      "印染废水深度处理,园区印染企业需要低成本的印染废水深度处理与回用技术，出水达到回用标准。,"
      "330304,500000,2000000,许可、联合开发,中试,王工 0577-88886666\n";
  std::ofstream(m_dir / "bad.csv") << header << good_row << "短,太短,339999,9,1,租赁,,\n";
  Outcome refused = run("import demands bad.csv --poster pilot@demo.kczg.cn");
  EXPECT_EQ(refused.status, 1);
  EXPECT_NE(refused.err.find("第 3 行"), std::string::npos) << refused.err;
  EXPECT_EQ(refused.err.find("第 2 行"), std::string::npos) << "the good row has no problem";
  std::ofstream(m_dir / "bad2.csv") << header << "短,太短,339999,9,1,,,\n";
  Outcome every = run("--lang en import demands bad2.csv --poster pilot@demo.kczg.cn");
  EXPECT_EQ(every.status, 1);
  for (const char* column : {"title", "description", "region", "budget", "contact"}) {
    EXPECT_NE(every.err.find(column), std::string::npos) << column << " in " << every.err;
  }
  std::ofstream(m_dir / "good.csv")
      << header << good_row
      << "数控机床远程运维,汽摩配企业需要数控机床的远程运维与故障预测方案，覆盖两百台设备。,"
         "330381,,,投资,,李工 13900001111\n";
  EXPECT_EQ(run("import demands good.csv --poster nobody@demo.kczg.cn").status, 1);
  EXPECT_EQ(run("import demands good.csv --poster unit@demo.kczg.cn").status, 1);
  Outcome imported = run("import demands good.csv --poster pilot@demo.kczg.cn");
  ASSERT_EQ(imported.status, 0) << imported.err;
  EXPECT_NE(imported.out.find("已导入 2 条技术需求"), std::string::npos) << imported.out;

  // The demo's two open demands were matched when approved: nothing new the first night.
  Outcome night = run("--lang en match run");
  ASSERT_EQ(night.status, 0) << night.err;
  EXPECT_NE(night.out.find("Matched 2 open demands; 0 new matches"), std::string::npos)
      << night.out;
}

}  // namespace
}  // namespace kczg
