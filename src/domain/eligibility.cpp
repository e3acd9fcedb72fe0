#include "domain/eligibility.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "domain/uscc.hpp"

namespace kczg {
namespace {

using std::chrono::year_month_day;

// The 2023 call's 申报条件, list by list (DESIGN §3). "Not listed in an earlier year" is
// the formal check's (src/match finds the repeats), not a form rule.
const std::vector<EligibilityRule> k_rules{
    {"not_classified", "pioneer_tech", "", RuleKind::attestation, "not_classified", {}, {}, {}, ""},
    {"transferable",
     "pioneer_tech",
     "",
     RuleKind::choice,
     "transferability",
     {"transferable"},
     {"restricted"},
     {"not_transferable"},
     "ip_proof"},
    {"holder_willing",
     "pioneer_tech",
     "",
     RuleKind::choice,
     "transfer_willingness",
     {"strong", "willing"},
     {"undecided"},
     {"unwilling"},
     ""},
    // The options are the five foundations; which ones count is the campaign's
    // industrial_foundation_kinds (by Chinese name), so an empty choice fails.
    {"five_foundations",
     "pioneer_tech",
     "industrial_foundation",
     RuleKind::choice,
     "foundation_kind",
     {},
     {},
     {""},
     ""},
    {"mainland", "emerging_enterprise", "", RuleKind::mainland, "region", {}, {}, {}, ""},
    {"enterprise_age",
     "emerging_enterprise",
     "",
     RuleKind::founded_within,
     "founded_on",
     {},
     {},
     {},
     ""},
    {"small_or_medium",
     "emerging_enterprise",
     "",
     RuleKind::choice,
     "size_class",
     {"micro", "small", "medium"},
     {},
     {"large"},
     ""},
    {"not_barred_industry",
     "emerging_enterprise",
     "",
     RuleKind::attestation,
     "not_barred_industry",
     {},
     {},
     {},
     ""},
    // Only a credit report (信用中国) shows these; the statement alone needs it.
    {"no_major_incident",
     "emerging_enterprise",
     "",
     RuleKind::attestation,
     "no_major_incident",
     {},
     {},
     {},
     "credit_report"},
    {"not_blacklisted",
     "emerging_enterprise",
     "",
     RuleKind::attestation,
     "not_blacklisted",
     {},
     {},
     {},
     "credit_report"},
    {"org_kind",
     "integration_org",
     "",
     RuleKind::choice,
     "org_kind",
     {"new_rd_institution", "tech_transfer_institution", "incubation_carrier",
      "innovation_consortium"},
     {},
     {},
     ""},
    {"org_founded", "integration_org", "", RuleKind::founded_before, "founded_on", {}, {}, {}, ""},
    {"key_industry",
     "integration_org",
     "",
     RuleKind::choice,
     "key_industry",
     {"next_gen_it", "biomedicine", "equipment", "new_materials", "new_energy", "energy_saving"},
     {"other"},
     {},
     ""},
    // The call names demonstration and pilot cities kczg holds no list of.
    {"pilot_city", "integration_org", "", RuleKind::stated, "served_city", {}, {}, {}, ""},
    {"employer_kind",
     "tech_manager",
     "",
     RuleKind::choice,
     "employer_kind",
     {"government", "public_institution", "enterprise", "university", "research_institute",
      "new_rd_institution", "park_or_cluster", "transfer_agency", "intl_cooperation_org"},
     {"other"},
     {},
     ""},
    {"manager_qualified",
     "tech_manager",
     "",
     RuleKind::choice,
     "qualification",
     {"trained_examined", "certified", "trainer"},
     {},
     {"none"},
     "qualification_proof"},
    {"uscc_as_printed", "", "", RuleKind::uscc_as_printed, "", {}, {}, {}, ""},
};

bool contains(const std::vector<std::string>& codes, std::string_view code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

std::string value_of(const FormValues& values, const std::string& name) {
  auto it = values.find(name);
  return it == values.end() ? std::string() : it->second;
}

std::string ymd_text(year_month_day day) { return format_date(day); }

struct Subject {
  const Campaign& campaign;
  const ApplicationForm& form;
  std::string_view list;
  const FormValues& values;
  const std::vector<std::string>& attached;
};

EligibilityFinding finding(const EligibilityRule& rule, Verdict verdict,
                           std::map<std::string, std::string> params = {}) {
  return {rule.code, verdict, std::move(params)};
}

// The option's label, for explanations that name the value as the applicant chose it.
void add_choice_labels(const ApplicationForm& form, const EligibilityRule& rule,
                       const std::string& code, std::map<std::string, std::string>& params) {
  const FormField* field = find_form_field(form, rule.value);
  if (!field) return;
  for (const FormOption& option : field->options) {
    if (option.code != code) continue;
    params["value_zh"] = option.label_zh;
    params["value_en"] = option.label_en;
  }
}

bool has_evidence(const Subject& s, const EligibilityRule& rule) {
  return !rule.evidence.empty() && contains(s.attached, rule.evidence);
}

std::optional<EligibilityFinding> choice(const Subject& s, const EligibilityRule& rule) {
  std::string code = value_of(s.values, rule.value);
  std::map<std::string, std::string> params{{"value", code}};
  add_choice_labels(s.form, rule, code, params);
  if (contains(rule.fail, code)) return finding(rule, Verdict::fail, params);
  if (code.empty()) return finding(rule, Verdict::incomplete);
  bool passes = contains(rule.pass, code);
  if (rule.code == "five_foundations") {
    const auto& kinds = s.campaign.eligibility.industrial_foundation_kinds;
    passes = kinds.empty() || contains(kinds, params["value_zh"]);
  }
  if (contains(rule.needs_evidence, code) || (passes && !rule.evidence.empty())) {
    // A choice that passes on the applicant's word but needs its document shows it.
    if (has_evidence(s, rule)) return finding(rule, Verdict::pass, params);
    return finding(rule, Verdict::needs_evidence, params);
  }
  return finding(rule, passes ? Verdict::pass : Verdict::fail, params);
}

std::optional<EligibilityFinding> attestation(const Subject& s, const EligibilityRule& rule) {
  std::string value = value_of(s.values, rule.value);
  if (value.empty()) return finding(rule, Verdict::incomplete);
  if (value != "1") return finding(rule, Verdict::fail);
  if (rule.evidence.empty() || has_evidence(s, rule)) return finding(rule, Verdict::pass);
  return finding(rule, Verdict::needs_evidence);
}

// "工商注册成立时间以2023年反推": counted back by calendar year, so with 10 years in 2023
// an enterprise founded on 2013-01-01 is in and one founded on 2012-12-31 is out.
std::optional<EligibilityFinding> founded_within(const Subject& s, const EligibilityRule& rule) {
  const auto& max_age = s.campaign.eligibility.enterprise_max_age_years;
  if (!max_age) return std::nullopt;
  std::string value = value_of(s.values, rule.value);
  auto founded = parse_form_date(value);
  if (!founded) return finding(rule, Verdict::incomplete);
  year_month_day limit{std::chrono::year{s.campaign.year - *max_age}, std::chrono::January,
                       std::chrono::day{1}};
  std::map<std::string, std::string> params{{"value", value},
                                            {"limit", ymd_text(limit)},
                                            {"years", std::to_string(*max_age)},
                                            {"year", std::to_string(s.campaign.year)}};
  return finding(rule, *founded < limit ? Verdict::fail : Verdict::pass, params);
}

std::optional<EligibilityFinding> founded_before(const Subject& s, const EligibilityRule& rule) {
  const EligibilityParams& e = s.campaign.eligibility;
  bool consortium = value_of(s.values, "org_kind") == "innovation_consortium";
  auto limit = consortium && e.consortium_founded_before ? e.consortium_founded_before
                                                         : e.integration_org_founded_before;
  if (!limit) return std::nullopt;
  std::string value = value_of(s.values, rule.value);
  auto founded = parse_form_date(value);
  if (!founded) return finding(rule, Verdict::incomplete);
  std::map<std::string, std::string> params{{"value", value}, {"limit", ymd_text(*limit)}};
  return finding(rule, *founded < *limit ? Verdict::pass : Verdict::fail, params);
}

// Hong Kong, Macao and Taiwan have GB/T 2260 codes (81, 82, 71) but no mainland
// registration; people also type their names where a code belongs.
struct OutsideRegion {
  std::string_view code2;
  std::string_view name_zh;
  std::string_view name_en;
  std::array<std::string_view, 4> spellings;
};
constexpr std::array<OutsideRegion, 3> k_outside{{
    {"81", "香港特别行政区", "Hong Kong SAR", {"香港", "Hong Kong", "HONG KONG", "HK"}},
    {"82", "澳门特别行政区", "Macao SAR", {"澳门", "澳門", "Macao", "Macau"}},
    {"71", "台湾地区", "Taiwan region", {"台湾", "台灣", "臺灣", "Taiwan"}},
}};

const OutsideRegion* outside_mainland(std::string_view region_value, std::string_view uscc) {
  for (const OutsideRegion& r : k_outside) {
    if (region_value.starts_with(r.code2) && region_value.size() == 6) return &r;
    if (uscc.size() == 18 && uscc.substr(2, 2) == r.code2) return &r;
    for (std::string_view spelling : r.spellings) {
      if (region_value.find(spelling) != std::string_view::npos) return &r;
    }
  }
  return nullptr;
}

std::optional<EligibilityFinding> mainland(const Subject& s, const EligibilityRule& rule) {
  std::string region = value_of(s.values, rule.value);
  std::string uscc = value_of(s.values, "uscc");
  if (const OutsideRegion* r = outside_mainland(region, uscc)) {
    return finding(rule, Verdict::fail,
                   {{"value", region.empty() ? uscc : region},
                    {"place_zh", std::string(r->name_zh)},
                    {"place_en", std::string(r->name_en)}});
  }
  if (region.empty()) return finding(rule, Verdict::incomplete);
  return finding(rule, Verdict::pass, {{"value", region}});
}

std::optional<EligibilityFinding> stated(const Subject& s, const EligibilityRule& rule) {
  std::string value = value_of(s.values, rule.value);
  if (value.empty()) return finding(rule, Verdict::incomplete);
  return finding(rule, Verdict::needs_evidence, {{"value", value}});
}

// Early codes printed on real licences sometimes fail the check digit; the applicant may
// confirm such a code, and the formal check compares it with the licence.
void uscc_as_printed(const Subject& s, const EligibilityRule& rule,
                     std::vector<EligibilityFinding>& out) {
  for (const FormSection& section : s.form.sections) {
    for (const FormField& field : section.fields) {
      if (field.type != FormFieldType::uscc) continue;
      std::string code = value_of(s.values, field.name);
      if (code.size() != 18 || value_of(s.values, as_printed_key(field.name)) != "1") continue;
      auto checked = check_uscc(code, gb2260());
      if (checked || checked.error().code != ErrorCode::uscc_check_digit) continue;
      std::map<std::string, std::string> params{
          {"value", code}, {"label_zh", field.label_zh}, {"label_en", field.label_en}};
      params["expected"] = std::string(checked.error().param("expected"));
      out.push_back(
          finding(rule, has_evidence(s, rule) ? Verdict::pass : Verdict::needs_evidence, params));
    }
  }
}

}  // namespace

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::pass:
      return "pass";
    case Verdict::fail:
      return "fail";
    case Verdict::needs_evidence:
      return "needs_evidence";
    case Verdict::incomplete:
      return "incomplete";
  }
  return "";
}

std::optional<Verdict> verdict_from_name(std::string_view name) {
  for (Verdict v : {Verdict::pass, Verdict::fail, Verdict::needs_evidence, Verdict::incomplete}) {
    if (verdict_name(v) == name) return v;
  }
  return std::nullopt;
}

std::span<const EligibilityRule> eligibility_rules() { return k_rules; }

std::vector<EligibilityFinding> check_eligibility(const Campaign& campaign, std::string_view list,
                                                  std::string_view field, const FormValues& values,
                                                  const std::vector<std::string>& attached) {
  std::vector<EligibilityFinding> out;
  const ApplicationForm* form = form_for(list);
  if (!form) return out;
  Subject s{campaign, *form, list, values, attached};
  for (const EligibilityRule& rule : k_rules) {
    if (!rule.list.empty() && rule.list != list) continue;
    if (!rule.field.empty() && rule.field != field) continue;
    std::optional<EligibilityFinding> found;
    switch (rule.kind) {
      case RuleKind::attestation:
        found = attestation(s, rule);
        break;
      case RuleKind::choice:
        found = choice(s, rule);
        break;
      case RuleKind::founded_within:
        found = founded_within(s, rule);
        break;
      case RuleKind::founded_before:
        found = founded_before(s, rule);
        break;
      case RuleKind::mainland:
        found = mainland(s, rule);
        break;
      case RuleKind::stated:
        found = stated(s, rule);
        break;
      case RuleKind::uscc_as_printed:
        uscc_as_printed(s, rule, out);
        break;
    }
    if (found) out.push_back(std::move(*found));
  }
  return out;
}

Verdict overall_verdict(std::span<const EligibilityFinding> findings) {
  Verdict result = Verdict::pass;
  for (const EligibilityFinding& f : findings) {
    if (f.verdict == Verdict::fail) return Verdict::fail;
    if (f.verdict != Verdict::pass) result = Verdict::needs_evidence;
  }
  return result;
}

}  // namespace kczg
