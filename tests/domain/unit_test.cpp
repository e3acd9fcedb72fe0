#include "domain/unit.hpp"

#include <gtest/gtest.h>

#include "domain/presets.hpp"
#include "domain/uscc.hpp"

namespace kczg {
namespace {

std::string uscc(const std::string& first17) { return first17 + uscc_check_digit(first17); }

TEST(UnitRows, GoodRowsBecomeUnits) {
  std::vector<UnitRow> rows{
      {2, "甲学会", uscc("51100000D00000001"), "national_society", "100000", "a"},
      {3, "乙市科协", " " + uscc("12330300D00000007") + " ",
       "试点城市、联合体成员单位；national_society", "温州市", "b"},
  };
  auto units = check_unit_rows(preset_2023(), rows, gb2260(), {});
  ASSERT_TRUE(units);
  ASSERT_EQ(units->size(), 2u);
  EXPECT_EQ((*units)[1].uscc, uscc("12330300D00000007"));
  EXPECT_EQ((*units)[1].region, "330300");
  EXPECT_EQ((*units)[1].channels,
            (std::vector<std::string>{"pilot_city", "consortium_member", "national_society"}));
  EXPECT_EQ((*units)[0].region, "100000");
}

TEST(UnitRows, EveryProblemNamesRowAndColumn) {
  std::string a = uscc("51100000D00000001");
  std::vector<UnitRow> rows{
      {2, "甲", a, "national_society", "110000", ""},
      {3, "", a, "", "", ""},
      {4, "丙", "91350100M000100Y44", "科协", "北京市", ""},  // "科协" is in two channel names
  };
  auto units = check_unit_rows(preset_2023(), rows, gb2260(), {uscc("12330300D00000007")});
  ASSERT_FALSE(units);
  std::vector<std::string> found;
  for (const Error& e : units.error()) {
    found.push_back(std::string(e.param("row")) + ":" + std::string(e.param("column")) + ":" +
                    std::string(code_name(e.code)));
  }
  EXPECT_EQ(found,
            (std::vector<std::string>{"3:name:import_cell_empty", "3:uscc:import_duplicate",
                                      "3:channels:import_cell_empty", "3:region:import_cell_empty",
                                      "4:uscc:uscc_check_digit", "4:channels:channel_unknown"}));
}

TEST(UnitRows, StoredCodesAreRefused) {
  std::string a = uscc("51100000D00000001");
  auto units = check_unit_rows(preset_2023(), {{2, "甲", a, "other", "100000", ""}}, gb2260(), {a});
  ASSERT_FALSE(units);
  EXPECT_EQ(units.error()[0].code, ErrorCode::import_exists);
  EXPECT_EQ(units.error()[0].param("value"), a);
}

}  // namespace
}  // namespace kczg
