#include "domain/expert.hpp"

#include <gtest/gtest.h>

#include "domain/listed_entry.hpp"
#include "domain/uscc.hpp"
#include "i18n/catalog.hpp"

namespace kczg {
namespace {

std::string uscc(const std::string& first17) { return first17 + uscc_check_digit(first17); }

ExpertRow good_row(int row = 2) {
  return {row,
          {{"name", "王晓明"},
           {"organisation", "浙江大学"},
           {"organisation_uscc", uscc("12330000470003270")},
           {"region", "杭州市"},
           {"sector", "学术界"},
           {"title", "教授"},
           {"keywords", "人工智能、机器学习；芯片设计, 人工智能"},
           {"profile", "长期从事智能计算研究。"},
           {"email", "wang@zju.edu.cn"}}};
}

std::vector<std::string> columns_and_codes(const std::vector<Error>& errors) {
  std::vector<std::string> found;
  for (const Error& e : errors) {
    found.push_back(std::string(e.param("row")) + ":" + std::string(e.param("column")) + ":" +
                    std::string(code_name(e.code)));
  }
  return found;
}

TEST(Expert, GoodRowBecomesAnExpert) {
  auto expert = parse_expert(good_row(), gb2260());
  ASSERT_TRUE(expert) << columns_and_codes(expert.error()).front();
  EXPECT_EQ(expert->name, "王晓明");
  EXPECT_EQ(expert->organisation_uscc, uscc("12330000470003270"));
  EXPECT_EQ(expert->region, "330100");
  EXPECT_EQ(expert->sector, Sector::academia);
  EXPECT_EQ(expert->keywords, (std::vector<std::string>{"人工智能", "机器学习", "芯片设计"}));
  EXPECT_EQ(expert->email, "wang@zju.edu.cn");
}

TEST(Expert, OptionalCellsMayBeEmpty) {
  ExpertRow row = good_row();
  row.cells.erase("organisation_uscc");
  row.cells["title"] = "";
  row.cells["keywords"] = "";
  auto expert = parse_expert(row, gb2260());
  ASSERT_TRUE(expert);
  EXPECT_EQ(expert->organisation_uscc, "");
  EXPECT_TRUE(expert->keywords.empty());
}

TEST(Expert, SectorAcceptsCodeChineseAndEnglishNames) {
  EXPECT_EQ(sector_from_name("industry"), Sector::industry);
  EXPECT_EQ(sector_from_name("产业界"), Sector::industry);
  EXPECT_EQ(sector_from_name("Investment"), Sector::investment);
  EXPECT_EQ(sector_from_name(" 投资界 "), Sector::investment);
  EXPECT_EQ(sector_from_name("ACADEMIA"), Sector::academia);
  EXPECT_EQ(sector_from_name("政府"), std::nullopt);
  EXPECT_EQ(sector_name_zh(Sector::academia), "学术界");
}

TEST(Expert, BadUsccCheckDigitIsRefusedNamingTheColumn) {
  ExpertRow row = good_row(7);
  row.cells["organisation_uscc"] = "91350100M000100Y44";  // GB 32100 gives 3 as check digit
  auto expert = parse_expert(row, gb2260());
  ASSERT_FALSE(expert);
  ASSERT_EQ(expert.error().size(), 1u);
  const Error& e = expert.error()[0];
  EXPECT_EQ(e.code, ErrorCode::uscc_check_digit);
  EXPECT_EQ(e.param("row"), "7");
  EXPECT_EQ(e.param("column"), "organisation_uscc");
  EXPECT_EQ(e.param("expected"), "3");
  EXPECT_EQ(e.param("actual"), "4");
}

TEST(Expert, UnknownSectorIsRefusedNamingTheColumn) {
  ExpertRow row = good_row(3);
  row.cells["sector"] = "政府";
  auto expert = parse_expert(row, gb2260());
  ASSERT_FALSE(expert);
  ASSERT_EQ(expert.error().size(), 1u);
  const Error& e = expert.error()[0];
  EXPECT_EQ(e.code, ErrorCode::sector_unknown);
  EXPECT_EQ(e.param("column"), "sector");
  EXPECT_EQ(e.param("value"), "政府");
  EXPECT_EQ(message(e, Lang::zh),
            "界别“政府”不存在，应为学术界、产业界或投资界（academia、industry、investment）");
  EXPECT_EQ(message(e, Lang::en),
            "Sector \"政府\" does not exist; use academia, industry or investment (学术界, 产业界, "
            "投资界)");
}

TEST(Expert, EveryProblemOfARowIsListed) {
  ExpertRow row{4,
                {{"name", " "},
                 {"region", "火星"},
                 {"sector", "学术界"},
                 {"email", "wang at zju.edu.cn"},
                 {"organisation_uscc", "12345"}}};
  auto expert = parse_expert(row, gb2260());
  ASSERT_FALSE(expert);
  EXPECT_EQ(
      columns_and_codes(expert.error()),
      (std::vector<std::string>{"4:name:import_cell_empty", "4:organisation:import_cell_empty",
                                "4:organisation_uscc:uscc_length", "4:region:region_unknown",
                                "4:email:email_invalid"}));
}

TEST(Expert, EmailsAreCheckedSimply) {
  EXPECT_TRUE(is_plausible_email("a@b.cn"));
  EXPECT_TRUE(is_plausible_email("li.na+review@mail.cast.org.cn"));
  EXPECT_FALSE(is_plausible_email("a@b"));
  EXPECT_FALSE(is_plausible_email("@b.cn"));
  EXPECT_FALSE(is_plausible_email("a@@b.cn"));
  EXPECT_FALSE(is_plausible_email("a@b.cn@c.cn"));
  EXPECT_FALSE(is_plausible_email("a b@c.cn"));
  EXPECT_FALSE(is_plausible_email("a@.cn"));
  EXPECT_FALSE(is_plausible_email("a@b..cn"));
  EXPECT_FALSE(is_plausible_email("a@b.cn."));
}

TEST(Expert, HeadersInAnySpellingFindTheirColumn) {
  EXPECT_EQ(expert_column_for_header("电子邮箱")->name, "email");
  EXPECT_EQ(expert_column_for_header("Organisation USCC")->name, "organisation_uscc");
  EXPECT_EQ(expert_column_for_header("SECTOR")->name, "sector");
  EXPECT_EQ(expert_column_for_header(" 界别 ")->name, "sector");
  EXPECT_EQ(expert_column_for_header("备注"), nullptr);
  EXPECT_EQ(expert_columns().size(), 9u);
}

TEST(Expert, BatchRefusesRepeatedAndStoredEmails) {
  ExpertRow second = good_row(3);
  second.cells["email"] = "WANG@zju.edu.cn";
  ExpertRow third = good_row(4);
  third.cells["email"] = "li@cast.org.cn";
  auto experts = check_expert_rows({good_row(2), second, third}, gb2260(), {"li@cast.org.cn"});
  ASSERT_FALSE(experts);
  EXPECT_EQ(columns_and_codes(experts.error()),
            (std::vector<std::string>{"3:email:import_duplicate", "4:email:import_exists"}));
  EXPECT_EQ(experts.error()[0].param("other"), "2");
  auto fine = check_expert_rows({good_row(2), third}, gb2260(), {});
  ASSERT_TRUE(fine);
  EXPECT_EQ(fine->size(), 2u);
}

TEST(Expert, DeclaredConflictNamesWhatAndWhy) {
  DeclaredConflict application{1, 42, "", "", "曾指导该项目"};
  EXPECT_TRUE(check_declared_conflict(application, gb2260()).empty());
  DeclaredConflict organisation{1, 0, "浙江大学", "", "本单位"};
  EXPECT_TRUE(check_declared_conflict(organisation, gb2260()).empty());

  DeclaredConflict empty{1, 0, "", "91350100M000100Y44", ""};
  std::vector<Error> errors = check_declared_conflict(empty, gb2260());
  ASSERT_EQ(errors.size(), 2u);  // a code alone names the organisation
  EXPECT_EQ(errors[0].code, ErrorCode::uscc_check_digit);
  EXPECT_EQ(errors[0].param("field"), "organisation_uscc");
  EXPECT_EQ(errors[1].code, ErrorCode::conflict_reason_missing);
  DeclaredConflict nothing{1, 0, " ", "", "亲属"};
  EXPECT_EQ(check_declared_conflict(nothing, gb2260())[0].code, ErrorCode::conflict_target_missing);
}

TEST(Expert, AliasGroupNeedsTwoNamesOrANameAndAValidCode) {
  EXPECT_TRUE(check_alias({0, {"中芯国际", "SMIC"}, ""}, gb2260()).empty());
  std::string code = "91310000710932515";
  code += uscc_check_digit(code);
  EXPECT_TRUE(check_alias({0, {"中芯国际"}, code}, gb2260()).empty());
  // One name twice, or a blank, is still one name.
  auto one = check_alias({0, {"中芯国际", "中芯国际", " "}, ""}, gb2260());
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].code, ErrorCode::alias_too_few_names);
  code.back() = code.back() == '0' ? '1' : '0';
  auto bad = check_alias({0, {"中芯国际"}, code}, gb2260());
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0].param("field"), "uscc");
}

TEST(ListedEntry, RowsAreCheckedWholeWithEveryProblemNamed) {
  EXPECT_EQ(listed_column_for_header("入选年份")->name, "year");
  EXPECT_EQ(listed_column_for_header(" holder_uscc ")->name, "holder_uscc");
  EXPECT_EQ(listed_column_for_header("备注"), nullptr);
  ListedRow good{2, {{"year", "2022"}, {"list", "pioneer_tech"}, {"name", "存算一体芯片"}}};
  auto fine = check_listed_rows({good}, 2022);
  ASSERT_TRUE(fine);
  EXPECT_EQ((*fine)[0].year, 2022);
  ListedRow future{3, {{"year", "2023"}, {"list", "pioneer_tech"}, {"name", "某技术"}}};
  ListedRow empty{4, {{"year", "二〇二一"}, {"list", ""}, {"name", "某技术"}}};
  auto refused = check_listed_rows({good, future, empty}, 2022);
  ASSERT_FALSE(refused);
  ASSERT_EQ(refused.error().size(), 3u);
  EXPECT_EQ(refused.error()[0].param("row"), "3");  // 2023 is not an earlier year
  EXPECT_EQ(refused.error()[1].code, ErrorCode::import_cell_empty);
  EXPECT_EQ(refused.error()[2].param("detail"), "二〇二一");
}

TEST(Expert, DeclineForOtherReasonsSaysWhy) {
  EXPECT_TRUE(check_decline({1, 42, DeclineReason::unavailable, ""}));
  EXPECT_TRUE(check_decline({1, 42, DeclineReason::other, "出国访问"}));
  auto unsaid = check_decline({1, 42, DeclineReason::other, " "});
  ASSERT_FALSE(unsaid);
  EXPECT_EQ(unsaid.error().code, ErrorCode::decline_note_missing);
  EXPECT_EQ(decline_reason_from_name("outside_expertise"), DeclineReason::outside_expertise);
  EXPECT_EQ(decline_reason_name(DeclineReason::conflict_of_interest), "conflict_of_interest");
}

}  // namespace
}  // namespace kczg
