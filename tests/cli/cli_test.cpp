// Runs the real kczg binary, as an operator would, against SQLite files in a temp dir.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_fixture.hpp"

#include "domain/uscc.hpp"
#include "tabular/table.hpp"

namespace kczg {
namespace {

namespace fs = std::filesystem;

class CliTest : public CliFixture {
 protected:
  void write(const std::string& name, const std::string& text) {
    std::ofstream(m_dir / name, std::ios::binary) << text;
  }

  int unit_count() {
    auto j = nlohmann::json::parse(run("campaign show --format json").out);
    return j["units"].get<int>();
  }
};

std::string uscc(const std::string& first17) { return first17 + uscc_check_digit(first17); }

TEST_F(CliTest, Preset2023ShowsFourListsAsJson) {
  ASSERT_EQ(run("campaign create --preset 2023").status, 0);
  Outcome show = run("campaign show --format json");
  ASSERT_EQ(show.status, 0) << show.err;
  auto j = nlohmann::json::parse(show.out);
  std::vector<std::pair<std::string, int>> lists;
  for (const auto& l : j["lists"]) lists.emplace_back(l["code"], l["target"]);
  EXPECT_EQ(lists, (std::vector<std::pair<std::string, int>>{{"pioneer_tech", 150},
                                                             {"emerging_enterprise", 50},
                                                             {"integration_org", 10},
                                                             {"tech_manager", 20}}));
  EXPECT_EQ(j["lists"][0]["fields"].size(), 6u);
  EXPECT_EQ(j["lists"][0]["quota_per_channel"]["pilot_city"], 3);
  EXPECT_EQ(j["lists"][0]["name"]["zh"], "先导技术榜");
  EXPECT_EQ(j["phases"][0]["kind"], "collection");
  EXPECT_EQ(j["phases"][0]["ends_at"], "2023-12-01T00:00:00+08:00");
  EXPECT_TRUE(j["phases"][3]["starts_at"].is_null());
  EXPECT_TRUE(fs::exists(m_dir / "var" / "kczg.db"));
}

TEST_F(CliTest, SecondCreateOfAYearFailsWithBadInput) {
  ASSERT_EQ(run("campaign create --preset 2022").status, 0);
  Outcome again = run("--lang en campaign create --preset 2022");
  EXPECT_EQ(again.status, 1);
  EXPECT_NE(again.err.find("A 2022 campaign already exists"), std::string::npos) << again.err;
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(run("campaign create").status, 2);
  EXPECT_EQ(run("no-such-command").status, 2);
  Outcome bad_format = run("campaign show --format yaml");
  EXPECT_EQ(bad_format.status, 2);
  EXPECT_NE(bad_format.err.find("命令用法错误"), std::string::npos);
}

TEST_F(CliTest, UnknownPresetIsBadInputInEitherLanguage) {
  Outcome zh = run("campaign create --preset 2021");
  EXPECT_EQ(zh.status, 1);
  EXPECT_NE(zh.err.find("没有“2021”年度预设"), std::string::npos) << zh.err;
  Outcome en = run("campaign create --preset 2021 --lang en");
  EXPECT_NE(en.err.find("No campaign preset \"2021\""), std::string::npos) << en.err;
}

TEST_F(CliTest, OneBadCheckDigitRefusesTheWholeFile) {
  ASSERT_EQ(run("campaign create --preset 2023").status, 0);
  std::string good1 = uscc("51100000D00000001"), good2 = uscc("12330000D00000004");
  std::string bad = uscc("12440000D00000005");
  bad.back() = bad.back() == '0' ? '1' : '0';
  write("units.csv",
        "name,uscc,channels,region,contact\n"
        "甲学会," +
            good1 +
            ",national_society,100000,a\n"
            "乙科协," +
            good2 +
            ",provincial_association;pilot_city,浙江省,b\n"
            "丙科协," +
            bad + ",provincial_association,440000,c\n");
  Outcome result = run("import units units.csv");
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.err.find("第 4 行，“uscc”列"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("校验码错误"), std::string::npos);
  EXPECT_NE(result.err.find("未导入任何数据"), std::string::npos);
  EXPECT_EQ(unit_count(), 0);
}

TEST_F(CliTest, EveryBadRowIsListed) {
  ASSERT_EQ(run("campaign create --preset 2023").status, 0);
  std::string a = uscc("51100000D00000001");
  write("units.csv",
        "单位名称,统一社会信用代码,推荐渠道,所在地区,联系人\n"
        "甲学会," +
            a +
            ",全国学会,100000,a\n"
            ",12330000D000000049,provincial_association,浙江省,b\n"
            "丙," +
            a + ",nowhere,火星,c\n");
  Outcome result = run("--lang en import units units.csv");
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.err.find("Row 3, column \"name\": must not be empty"), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("Row 4, column \"uscc\": same as row 2"), std::string::npos);
  EXPECT_NE(result.err.find("Row 4, column \"channels\": Unknown channel \"nowhere\""),
            std::string::npos);
  EXPECT_NE(result.err.find("Row 4, column \"region\""), std::string::npos);
  EXPECT_NE(result.err.find("4 problems found"), std::string::npos);
  EXPECT_EQ(unit_count(), 0);
}

TEST_F(CliTest, XlsxUnitsImportAndExistingCodesAreRefused) {
  ASSERT_EQ(run("campaign create --preset 2023").status, 0);
  std::vector<std::vector<std::string>> rows{
      {"甲学会", uscc("51100000D00000001"), "national_society", "100000", "a"},
      {"乙市科协", uscc("12330300D00000007"), "pilot_city、consortium_member", "温州市", "b"}};
  ASSERT_TRUE(tabular::write_xlsx(m_dir / "units.xlsx", "units",
                                  {"name", "uscc", "channels", "region", "contact"}, rows));
  Outcome result = run("import units units.xlsx");
  ASSERT_EQ(result.status, 0) << result.err;
  EXPECT_NE(result.out.find("已导入 2 个推荐单位"), std::string::npos);
  EXPECT_EQ(unit_count(), 2);
  Outcome again = run("import units units.xlsx");
  EXPECT_EQ(again.status, 1);
  EXPECT_NE(again.err.find("第 2 行，“uscc”列"), std::string::npos) << again.err;
  EXPECT_EQ(unit_count(), 2);
}

TEST_F(CliTest, MissingColumnIsNamed) {
  ASSERT_EQ(run("campaign create --preset 2023").status, 0);
  write("units.csv", "name,channels\nx,other\n");
  Outcome result = run("--lang en import units units.csv");
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.err.find("Column \"uscc\" is missing"), std::string::npos) << result.err;
}

TEST_F(CliTest, SecretariatEditsTheBorrowedValues) {
  ASSERT_EQ(run("campaign create --preset 2023").status, 0);
  ASSERT_EQ(run("campaign set-target --list emerging_enterprise --size 60").status, 0);
  ASSERT_EQ(run("campaign set-quota --list tech_manager --channel pilot_city --per-unit 1").status,
            0);
  auto j = nlohmann::json::parse(run("campaign show --format json").out);
  EXPECT_EQ(j["lists"][1]["target"], 60);
  EXPECT_EQ(j["lists"][3]["quota_per_channel"]["pilot_city"], 1);
  EXPECT_EQ(run("campaign set-target --list emerging_enterprise --size -5").status, 1);
  EXPECT_EQ(run("campaign set-quota --list pioneer_tech --channel mars --per-unit 1").status, 1);
}

TEST_F(CliTest, UnknownDatabaseAddressIsRefused) {
  Outcome result = run("--db mysql://x campaign show --lang en");
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.err.find("Database address \"mysql://x\" not understood"), std::string::npos)
      << result.err;
}

class CliReviewTest : public CliTest {
 protected:
  // The demo leaves its plan a draft, for its body admin to file and the secretariat to
  // approve.
  void approve_demo_plan() {
    ASSERT_EQ(run("review file --body 演示·评审机构").status, 0);
    ASSERT_EQ(run("review approve --body 演示·评审机构").status, 0);
  }
};

constexpr const char* k_body_2022 = "中国科协信息科技学会联合体";

TEST_F(CliReviewTest, EarlierListsAreImportedWholeOrNotAtAll) {
  ASSERT_EQ(run("campaign create --preset 2023").status, 0);
  std::string header = "入选年份,榜单,名称,完成单位,统一社会信用代码,简介\n";
  write("bad.csv", header + "2022,pioneer_tech,存算一体芯片,某某公司,,简介\n" +
                       "2023,pioneer_tech,某技术,某某公司,,\n");
  Outcome refused = run("import listed bad.csv");
  EXPECT_EQ(refused.status, 1);
  EXPECT_NE(refused.err.find("第 3 行"), std::string::npos) << refused.err;
  write("good.csv", header + "2022,pioneer_tech,存算一体芯片,某某公司,,简介\n");
  Outcome imported = run("import listed good.csv");
  EXPECT_EQ(imported.status, 0) << imported.err;
  EXPECT_NE(imported.out.find("已导入 1 条往年入选名单"), std::string::npos) << imported.out;
  write("headless.csv", "名称\n某技术\n");
  EXPECT_NE(run("--lang en import listed headless.csv").err.find("year"), std::string::npos);
}

TEST_F(CliReviewTest, ABadExpertsFileIsRefusedWholeAndAGoodOneOnce) {
  ASSERT_EQ(run("campaign create --preset 2022").status, 0);
  std::string bad_uscc = uscc("91110000D00000008");
  bad_uscc.back() = bad_uscc.back() == '0' ? '1' : '0';
  std::string header = "姓名,工作单位,单位统一社会信用代码,所在地区,界别,专业关键词,电子邮箱\n";
  write("bad.csv", header + "王五,某某大学,,110108,学术界,芯片;集成电路,wang@example.org\n" +
                       "赵六,某某公司," + bad_uscc + ",110108,产业界,,zhao@example.org\n" +
                       "钱七,某某基金,,110108,媒体界,,qian@example.org\n");
  Outcome refused = run("import experts bad.csv --body " + std::string(k_body_2022));
  EXPECT_EQ(refused.status, 1);
  EXPECT_NE(refused.err.find("第 3 行，“organisation_uscc”列"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("第 4 行，“sector”列"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("未导入任何数据"), std::string::npos);

  write("good.csv", header + "王五,某某大学,,110108,学术界,芯片;集成电路,wang@example.org\n" +
                        "赵六,某某公司,,110108,industry,,zhao@example.org\n");
  Outcome imported = run("import experts good.csv --body " + std::string(k_body_2022));
  EXPECT_EQ(imported.status, 0) << imported.err;  // the bad file left nothing behind
  Outcome twice = run("--lang en import experts good.csv --body " + std::string(k_body_2022));
  EXPECT_EQ(twice.status, 1);
  EXPECT_NE(twice.err.find("Row 2, column \"email\""), std::string::npos) << twice.err;

  Outcome nobody = run("--lang en import experts good.csv --body 无此机构");
  EXPECT_EQ(nobody.status, 1);
  EXPECT_NE(nobody.err.find("无此机构"), std::string::npos) << nobody.err;
  write("headless.csv", "姓名,工作单位\n王五,某某大学\n");
  Outcome missing = run("--lang en import experts headless.csv --body " + std::string(k_body_2022));
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("region"), std::string::npos) << missing.err;
}

TEST_F(CliReviewTest, TheDemoBodyAssignsOptimallyAroundItsPlantedConflict) {
  fs::copy_file(fs::path(KCZG_SOURCE_DIR) / "demo" / "units.csv", m_dir / "units.csv");
  ASSERT_EQ(run("demo load --units units.csv").status, 0);
  Outcome dry = run("assign --body 演示·评审机构 --dry-run");
  ASSERT_EQ(dry.status, 0) << dry.err;
  // The demo's plan is a draft: storing waits for the secretariat's approval.
  EXPECT_EQ(run("assign --body 演示·评审机构").status, 1);
  approve_demo_plan();
  // The planted expert works for the applicant "高精度存算一体芯片" (有限公司 added).
  EXPECT_NE(dry.out.find("已排除利益冲突 1 对"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("等于其上界"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("试运行：未保存"), std::string::npos);
  int pioneer_recommended = 0;
  auto summary = run("assign --body 演示·评审机构");
  ASSERT_EQ(summary.status, 0) << summary.err;
  std::size_t at = summary.out.find("申报 ");
  ASSERT_NE(at, std::string::npos);
  pioneer_recommended = std::stoi(summary.out.substr(at + std::string("申报 ").size()));
  EXPECT_GT(pioneer_recommended, 0);
  EXPECT_NE(summary.out.find("已保存 " + std::to_string(3 * pioneer_recommended) + " 条分配"),
            std::string::npos)
      << summary.out;
  // Each pair with why: the phrases its application and the expert's profile share.
  ASSERT_EQ(run("export assignments --body 演示·评审机构 --out pairs.csv").status, 0);
  auto pairs = tabular::read_table(m_dir / "pairs.csv");
  ASSERT_TRUE(pairs);
  EXPECT_EQ(int(pairs->rows.size()), 3 * pioneer_recommended);
  EXPECT_EQ(pairs->header[7], "共同关键词");
  int explained = 0;
  for (const tabular::Row& row : pairs->rows) {
    explained += row.cells[7].find("存算一体芯片") != std::string::npos ||
                 row.cells[7].find("碳化硅衬底") != std::string::npos;
    // The planted expert works for application 1's applicant: never its reader.
    if (row.cells[0] == "1") {
      EXPECT_NE(row.cells[3], "演示专家·回避");
    }
  }
  EXPECT_GT(explained, 0);
  Outcome unknown = run("--lang en assign --body 无此机构 --dry-run");
  EXPECT_EQ(unknown.status, 1);
  EXPECT_NE(unknown.err.find("is not one of this campaign's review bodies"), std::string::npos);
}

// The demo's pool (demo_review.cpp): experts 1–12 alternate academia (odd) and industry
// (even), 13–14 are investors, 15 works for the applicant of application 1.
int demo_sector(int expert) { return expert >= 13 ? 2 : expert % 2 == 1 ? 0 : 1; }

TEST_F(CliReviewTest, AManualReassignmentIsCheckedAgainstEveryRule) {
  fs::copy_file(fs::path(KCZG_SOURCE_DIR) / "demo" / "units.csv", m_dir / "units.csv");
  ASSERT_EQ(run("demo load --units units.csv").status, 0);
  approve_demo_plan();
  ASSERT_EQ(run("assign --body 演示·评审机构").status, 0);
  auto reassign = [&](int from, int to) {
    return run("reassign --body 演示·评审机构 --application 1 --from " + std::to_string(from) +
               " --to " + std::to_string(to));
  };
  std::vector<int> readers;
  for (int x = 1; x <= 14; ++x) {
    Outcome o = reassign(x, 15);
    EXPECT_EQ(o.status, 1);
    if (o.err.find("专家 15 与申报 1 存在利益冲突") != std::string::npos) {
      readers.push_back(x);
    } else {
      EXPECT_NE(o.err.find("未被分配评审申报 1"), std::string::npos) << o.err;
    }
  }
  ASSERT_EQ(readers.size(), 3u);  // k = 3, and the conflict refused every change to 15

  Outcome twice = run("--lang en reassign --body 演示·评审机构 --application 1 --from " +
                      std::to_string(readers[0]) + " --to " + std::to_string(readers[1]));
  EXPECT_EQ(twice.status, 1);
  EXPECT_NE(twice.err.find("would read application 1 twice"), std::string::npos) << twice.err;

  int from = readers[0], to = 0;
  for (int y = 1; y <= 14 && !to; ++y) {
    if (demo_sector(y) == demo_sector(from) && std::ranges::find(readers, y) == readers.end()) {
      to = y;
    }
  }
  ASSERT_NE(to, 0);
  Outcome swapped = reassign(from, to);
  EXPECT_EQ(swapped.status, 0) << swapped.err;
  EXPECT_NE(swapped.out.find("已换为专家 " + std::to_string(to)), std::string::npos);
  EXPECT_NE(reassign(from, to).err.find("未被分配评审申报 1"), std::string::npos);
}

TEST_F(CliReviewTest, ABodyIsAppointedAndItsPlanFiledReturnedAndApproved) {
  ASSERT_EQ(run("campaign create --preset 2023").status, 0);
  Outcome appointed =
      run("review appoint --body 测试机构 --cover pioneer_tech/electronic_information "
          "--cover tech_manager");
  ASSERT_EQ(appointed.status, 0) << appointed.err;
  EXPECT_EQ(run("review appoint --body 测试机构 --cover tech_manager").status, 1);
  EXPECT_NE(run("review appoint --body 另一机构 --cover pioneer_tech/nowhere").err.find("nowhere"),
            std::string::npos);
  // One final panel per list and field; a preliminary body may share them.
  ASSERT_EQ(run("review appoint --body 终评组 --cover pioneer_tech --final-panel").status, 0);
  Outcome second =
      run("review appoint --body 终评组二 --cover pioneer_tech/biomedicine --final-panel");
  EXPECT_EQ(second.status, 1);
  EXPECT_NE(second.err.find("终评专家组 终评组 已负责"), std::string::npos) << second.err;
  EXPECT_EQ(run("review appoint --body 初评组 --cover pioneer_tech/biomedicine").status, 0);

  std::string plan =
      R"({"criteria":[{"code":"innovation","name_zh":"创新性","name_en":"Innovation","weight":60,)"
      R"("scale_min":0,"scale_max":10},{"code":"team","name_zh":"团队","name_en":"Team",)"
      R"("weight":30,"scale_min":0,"scale_max":10}],"experts_per_application":3,"max_load":10,)"
      R"("sector_minimums":{"industry":1},"aggregation":"zscore"})";
  write("plan.json", plan);
  Outcome draft = run("review plan --body 测试机构 plan.json");
  EXPECT_EQ(draft.status, 0);  // a draft may be incomplete, and says what filing would refuse
  EXPECT_NE(draft.err.find("权重合计为 90，应为 100"), std::string::npos) << draft.err;
  EXPECT_EQ(run("review file --body 测试机构").status, 1);
  // Only an approved plan is assigned.
  EXPECT_EQ(run("assign --body 测试机构").status, 1);

  write("plan.json", std::string(plan).replace(plan.find("\"weight\":30"), 11, "\"weight\":40"));
  ASSERT_EQ(run("review plan --body 测试机构 plan.json").status, 0);
  EXPECT_NE(run("review file --body 测试机构").out.find("已报送备案"), std::string::npos);
  EXPECT_EQ(run("review plan --body 测试机构 plan.json").status, 1);  // locked while filed
  EXPECT_NE(run("review return --body 测试机构 --reason 需补充投资界专家").out.find("已退回"),
            std::string::npos);
  ASSERT_EQ(run("review plan --body 测试机构 plan.json").status, 0);
  ASSERT_EQ(run("review file --body 测试机构").status, 0);
  Outcome approved = run("--lang en review approve --body 测试机构");
  EXPECT_NE(approved.out.find("approved"), std::string::npos) << approved.err;
  Outcome shown = run("review show --body 测试机构");
  EXPECT_NE(shown.out.find("已批准"), std::string::npos);
  EXPECT_NE(shown.out.find("\"weight\":40"), std::string::npos) << shown.out;
  EXPECT_EQ(run("assign --body 测试机构").status, 0);
}

}  // namespace
}  // namespace kczg
