// The eligibility rules at their boundaries, and their explanations in both catalogs.
#include "domain/eligibility.hpp"

#include <gtest/gtest.h>

#include "domain/presets.hpp"
#include "domain/uscc.hpp"
#include "i18n/labels.hpp"

namespace kczg {
namespace {

const EligibilityFinding* rule_of(const std::vector<EligibilityFinding>& findings,
                                  std::string_view rule) {
  for (const EligibilityFinding& f : findings) {
    if (f.rule == rule) return &f;
  }
  return nullptr;
}

Verdict verdict(const Campaign& c, std::string_view list, std::string_view field,
                const FormValues& values, std::string_view rule,
                const std::vector<std::string>& attached = {}) {
  auto findings = check_eligibility(c, list, field, values, attached);
  const EligibilityFinding* f = rule_of(findings, rule);
  EXPECT_NE(f, nullptr) << rule;
  return f ? f->verdict : Verdict::incomplete;
}

// "工商注册成立时间以2023年反推" with 10 years: counted back by calendar year, the first
// eligible day is 2013-01-01. (The other reading, "within 10 years of the call's date",
// would move the limit with the day of filing; the call counts from the year.)
TEST(EligibilityTest, EnterpriseAgeCountsBackFromTheCampaignYear) {
  Campaign c = preset_2023();
  auto age = [&](std::string founded) {
    return verdict(c, "emerging_enterprise", "", {{"founded_on", founded}}, "enterprise_age");
  };
  EXPECT_EQ(age("2013-01-01"), Verdict::pass);
  EXPECT_EQ(age("2012-12-31"), Verdict::fail);
  EXPECT_EQ(age("2023-11-30"), Verdict::pass);
  EXPECT_EQ(age(""), Verdict::incomplete);

  auto findings =
      check_eligibility(c, "emerging_enterprise", "", {{"founded_on", "2012-05-01"}}, {});
  const EligibilityFinding* f = rule_of(findings, "enterprise_age");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(eligibility_text(*f, Lang::zh).explanation,
            "成立于 2012-05-01，早于 2013-01-01，超过 10 年（以 2023 年反推）");
  EXPECT_EQ(eligibility_text(*f, Lang::zh).condition, "成立不超过 10 年");
  EXPECT_EQ(eligibility_text(*f, Lang::en).explanation,
            "Founded on 2012-05-01, before 2013-01-01: more than 10 years, counted back from 2023");
}

TEST(EligibilityTest, WithoutTheCallsParametersNoAgeRule) {
  Campaign c = preset_2022();  // its conditions were in an attachment kczg does not have
  auto findings =
      check_eligibility(c, "emerging_enterprise", "", {{"founded_on", "1990-01-01"}}, {});
  EXPECT_EQ(rule_of(findings, "enterprise_age"), nullptr);
}

TEST(EligibilityTest, IntegrationOrganisationsFoundedBeforeTheirDate) {
  Campaign c = preset_2023();
  auto founded = [&](std::string kind, std::string day) {
    return verdict(c, "integration_org", "", {{"org_kind", kind}, {"founded_on", day}},
                   "org_founded");
  };
  EXPECT_EQ(founded("new_rd_institution", "2021-08-31"), Verdict::pass);
  EXPECT_EQ(founded("new_rd_institution", "2021-09-01"), Verdict::fail);
  // Consortia have a year more: before 2022-09-01.
  EXPECT_EQ(founded("innovation_consortium", "2022-08-31"), Verdict::pass);
  EXPECT_EQ(founded("innovation_consortium", "2022-09-01"), Verdict::fail);
  EXPECT_EQ(verdict(c, "integration_org", "", {{"served_city", "温州市"}}, "pilot_city"),
            Verdict::needs_evidence);
  EXPECT_EQ(verdict(c, "integration_org", "", {{"key_industry", "other"}}, "key_industry"),
            Verdict::needs_evidence);
}

TEST(EligibilityTest, OutsideMainlandFailsWithThePlace) {
  Campaign c = preset_2023();
  for (std::string region : {"810000", "820000", "710000", "香港特别行政区", "澳門"}) {
    auto findings = check_eligibility(c, "emerging_enterprise", "", {{"region", region}}, {});
    const EligibilityFinding* f = rule_of(findings, "mainland");
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->verdict, Verdict::fail) << region;
    EXPECT_FALSE(f->params.at("place_zh").empty());
  }
  EXPECT_EQ(verdict(c, "emerging_enterprise", "", {{"region", "440305"}}, "mainland"),
            Verdict::pass);
  // The form takes the three codes as regions, so the rule, not a form error, says why.
  const ApplicationForm* form = form_for("emerging_enterprise");
  ASSERT_NE(form, nullptr);
  for (const Error& e : check_draft(*form, {{"region", "810000"}}))
    EXPECT_NE(code_name(e.code), "region_unknown");
}

TEST(EligibilityTest, ChoicesAndAttestations) {
  Campaign c = preset_2023();
  EXPECT_EQ(verdict(c, "emerging_enterprise", "", {{"size_class", "medium"}}, "small_or_medium"),
            Verdict::pass);
  EXPECT_EQ(verdict(c, "emerging_enterprise", "", {{"size_class", "large"}}, "small_or_medium"),
            Verdict::fail);
  // Only a credit report shows there was no major accident.
  FormValues attested{{"no_major_incident", "1"}};
  EXPECT_EQ(verdict(c, "emerging_enterprise", "", attested, "no_major_incident"),
            Verdict::needs_evidence);
  EXPECT_EQ(verdict(c, "emerging_enterprise", "", attested, "no_major_incident", {"credit_report"}),
            Verdict::pass);
  EXPECT_EQ(
      verdict(c, "emerging_enterprise", "", {{"no_major_incident", "0"}}, "no_major_incident"),
      Verdict::fail);
  EXPECT_EQ(
      verdict(c, "pioneer_tech", "", {{"transferability", "not_transferable"}}, "transferable"),
      Verdict::fail);
  EXPECT_EQ(verdict(c, "pioneer_tech", "", {{"transferability", "restricted"}}, "transferable"),
            Verdict::needs_evidence);
  EXPECT_EQ(verdict(c, "pioneer_tech", "", {{"transferability", "restricted"}}, "transferable",
                    {"ip_proof"}),
            Verdict::pass);
  EXPECT_EQ(
      verdict(c, "pioneer_tech", "", {{"transfer_willingness", "unwilling"}}, "holder_willing"),
      Verdict::fail);
  EXPECT_EQ(verdict(c, "tech_manager", "", {{"qualification", "none"}}, "manager_qualified"),
            Verdict::fail);
  EXPECT_EQ(verdict(c, "tech_manager", "", {{"qualification", "certified"}}, "manager_qualified",
                    {"qualification_proof"}),
            Verdict::pass);
}

TEST(EligibilityTest, IndustrialFoundationNeedsOneOfTheFive) {
  Campaign c = preset_2023();
  EXPECT_EQ(verdict(c, "pioneer_tech", "industrial_foundation", {}, "five_foundations"),
            Verdict::fail);
  EXPECT_EQ(verdict(c, "pioneer_tech", "industrial_foundation",
                    {{"foundation_kind", "basic_materials"}}, "five_foundations"),
            Verdict::pass);
  // The rule belongs to that field only.
  auto other = check_eligibility(c, "pioneer_tech", "biomedicine", {}, {});
  EXPECT_EQ(rule_of(other, "five_foundations"), nullptr);
  // Which of the five count is the campaign's data.
  c.eligibility.industrial_foundation_kinds = {"基础材料"};
  EXPECT_EQ(verdict(c, "pioneer_tech", "industrial_foundation",
                    {{"foundation_kind", "industrial_software"}}, "five_foundations"),
            Verdict::fail);
}

// An early code printed on a licence may fail the check digit: refused until confirmed,
// then accepted and flagged for the formal check.
TEST(EligibilityTest, UsccConfirmedAsPrintedIsAcceptedAndFlagged) {
  const ApplicationForm* form = form_for("emerging_enterprise");
  ASSERT_NE(form, nullptr);
  std::string good = "91350100M000100Y43";
  ASSERT_TRUE(check_uscc(good, gb2260()));
  std::string bad = good.substr(0, 17) + (good[17] == '3' ? "4" : "3");
  auto codes = [&](const FormValues& v) {
    std::vector<std::string> out;
    for (const Error& e : validate_form(*form, v)) {
      if (e.param("field") == "uscc") out.emplace_back(code_name(e.code));
    }
    return out;
  };
  EXPECT_EQ(codes({{"uscc", bad}}), std::vector<std::string>{"uscc_check_digit"});
  FormValues confirmed = clean_values(*form, {{"uscc", bad}, {"uscc_as_printed", "1"}});
  EXPECT_EQ(confirmed.at("uscc_as_printed"), "1");
  EXPECT_TRUE(codes(confirmed).empty());
  // Confirming never excuses any other fault of the code.
  EXPECT_EQ(codes({{"uscc", bad.substr(0, 17)}, {"uscc_as_printed", "1"}}),
            std::vector<std::string>{"uscc_length"});

  auto findings = check_eligibility(preset_2023(), "emerging_enterprise", "", confirmed, {});
  const EligibilityFinding* f = rule_of(findings, "uscc_as_printed");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->verdict, Verdict::needs_evidence);
  EXPECT_EQ(f->params.at("expected"), std::string(1, good[17]));
  // A valid code is not flagged, confirmed or not.
  auto clean = check_eligibility(preset_2023(), "emerging_enterprise", "",
                                 {{"uscc", good}, {"uscc_as_printed", "1"}}, {});
  EXPECT_EQ(rule_of(clean, "uscc_as_printed"), nullptr);
}

TEST(EligibilityTest, OverallVerdict) {
  std::vector<EligibilityFinding> findings{{"a", Verdict::pass, {}}};
  EXPECT_EQ(overall_verdict(findings), Verdict::pass);
  findings.push_back({"b", Verdict::needs_evidence, {}});
  EXPECT_EQ(overall_verdict(findings), Verdict::needs_evidence);
  findings.push_back({"c", Verdict::fail, {}});
  EXPECT_EQ(overall_verdict(findings), Verdict::fail);
}

// Every rule and verdict a finding can carry has its explanation in both languages.
TEST(EligibilityTest, EveryExplanationIsInBothCatalogs) {
  for (const EligibilityRule& rule : eligibility_rules()) {
    for (Lang lang : {Lang::zh, Lang::en}) {
      EXPECT_TRUE(has_message("eligibility." + rule.code, lang)) << rule.code;
      bool any = false;
      for (Verdict v : {Verdict::pass, Verdict::fail, Verdict::needs_evidence}) {
        std::string key = "eligibility." + rule.code + "." + std::string(verdict_name(v));
        any = any || has_message(key, lang);
      }
      EXPECT_TRUE(any) << rule.code;
    }
    for (const std::string& code : rule.fail) {
      if (code.empty()) continue;
      EXPECT_TRUE(has_message("eligibility." + rule.code + ".fail", Lang::zh)) << rule.code;
    }
    if (!rule.needs_evidence.empty() || !rule.evidence.empty() || rule.kind == RuleKind::stated ||
        rule.kind == RuleKind::uscc_as_printed) {
      EXPECT_TRUE(has_message("eligibility." + rule.code + ".needs_evidence", Lang::en))
          << rule.code;
    }
  }
}

}  // namespace
}  // namespace kczg
