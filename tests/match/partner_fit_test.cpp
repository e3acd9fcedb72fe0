#include <gtest/gtest.h>

#include "match/partner_fit.hpp"

namespace kczg::match {
namespace {

TEST(PartnerFit, NamedAndMetBeatsOpenWhichBeatsMissed) {
  std::vector<PartnerProfile> partners{
      {1, "银行", PartnerKind::bank, {}, {}, {}, std::nullopt, std::nullopt},  // anything
      {2,
       "生物医药基金",
       PartnerKind::venture_fund,
       {"biomedicine"},
       {Maturity::pilot},
       {"33"},
       std::nullopt,
       std::nullopt},
      {3,
       "材料基金",
       PartnerKind::venture_fund,
       {"advanced_materials"},
       {},
       {"44"},
       std::nullopt,
       std::nullopt}};
  auto fits = partner_fits(partners, "biomedicine", Maturity::pilot, "330302");
  ASSERT_EQ(fits.size(), 3u);
  EXPECT_EQ(fits[0].partner, 1u);
  EXPECT_DOUBLE_EQ(fits[0].score, 1.0);
  EXPECT_EQ(fits[0].field, Fit::meets);
  EXPECT_EQ(fits[1].partner, 0u);
  EXPECT_DOUBLE_EQ(fits[1].score, 0.5);
  EXPECT_EQ(fits[2].partner, 2u);
  EXPECT_EQ(fits[2].field, Fit::misses);
  EXPECT_EQ(fits[2].stage, Fit::open);
  // An entry of unknown maturity misses a partner that names its stages.
  auto unknown = partner_fits(partners, "biomedicine", std::nullopt, "330302");
  EXPECT_EQ(unknown[0].partner, 1u);
  EXPECT_EQ(unknown[0].stage, Fit::misses);
  EXPECT_NEAR(unknown[0].score, 2.0 / 3, 1e-12);
}

}  // namespace
}  // namespace kczg::match
