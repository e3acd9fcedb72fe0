// Filling a list's form as applicants do: walked from the form's definition, so a field the
// form gains is filled by its type; the eligibility rules are read as data to keep the
// values eligible, or to plant one that is not.
#include <algorithm>
#include <cstdio>

#include "cli/simulate_parts.hpp"
#include "domain/eligibility.hpp"

namespace kczg::cli::sim {
namespace {

using std::chrono::year_month_day;

std::string ymd(int year, int month, int day) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
  return text;
}

std::string some_day(Random& random, int from_year, int to_year) {
  return ymd(random.between(from_year, to_year), random.between(1, 12), random.between(1, 28));
}

std::string ymd_of(year_month_day day) {
  return ymd(int(day.year()), int(unsigned(day.month())), int(unsigned(day.day())));
}

// The paragraph kind a textarea is written as, by its name.
Paragraph paragraph_of(const std::string& list, const std::string& name) {
  if (name == "innovation" || name == "import_dependence") return Paragraph::innovation;
  if (name == "key_indicators") return Paragraph::indicators;
  if (name == "validation") return Paragraph::validation;
  if (name == "scenarios" || name == "industrialisation" || name == "carbon_benefit") {
    return Paragraph::market;
  }
  if (name == "products" || name == "core_competence") return Paragraph::company;
  if (name == "services" || (name == "achievements" && list == "integration_org")) {
    return Paragraph::service;
  }
  if (name == "venture_story" || name == "employment_impact") return Paragraph::venture;
  if (name == "achievements" || name == "capabilities" || name == "qualification_details") {
    return Paragraph::record;
  }
  return Paragraph::summary;
}

std::string text_value(Random& random, const FormField& f, const SimApplication& a,
                       const FormSubject& s) {
  const std::string& n = f.name;
  if (n == "holder_name" || n == "operator_name") return s.applicant->name;
  if (n == "organisation") return s.organisation;
  if (n == "position") {
    return a.list == "entrepreneur" ? (random.chance(0.6) ? "创始人、董事长" : "总经理")
                                    : (random.chance(0.5) ? "技术转移中心主任" : "高级技术经理人");
  }
  if (n == "served_city") {
    return std::string(pilot_cities()[random.below(pilot_cities().size())].name);
  }
  if (n == "lead_unit") return "";
  std::string text(s.theme->keywords[random.below(s.theme->keywords.size())]);
  return f.max && (long long)characters(text) > *f.max ? "" : text;
}

std::string value_for(Random& random, const FormField& f, const SimApplication& a,
                      const FormSubject& s, bool lead) {
  switch (f.type) {
    case FormFieldType::text:
      return text_value(random, f, a, s);
    case FormFieldType::textarea: {
      if (!lead && !f.required && random.chance(0.4)) return "";
      std::string details;
      if (lead && !s.details.empty()) {
        for (const std::string& d : s.details) details += (details.empty() ? "" : "，") + d;
        details = "关键参数：" + details + "。";
      }
      long long used = (long long)characters(details);
      return details + paragraph(random, *s.theme, s.subject, paragraph_of(a.list, f.name),
                                 std::max(0LL, f.min.value_or(0) - used),
                                 f.max.value_or(500) - used);
    }
    case FormFieldType::integer: {
      long long low = f.min.value_or(0), high = std::min(f.max.value_or(1000), low + 900);
      if (f.name == "trl") low = std::max(low, 5LL);
      return std::to_string(random.between(int(low), int(high)));
    }
    case FormFieldType::decimal: {
      int whole = random.between(int(f.min.value_or(0)), 60000);
      return std::to_string(whole) + "." + std::to_string(random.between(10, 99));
    }
    case FormFieldType::date:
      return some_day(random, 2005, 2020);
    case FormFieldType::choice:
      return f.options.empty() ? "" : f.options[random.below(f.options.size())].code;
    case FormFieldType::uscc:
      if (f.name == "org_uscc") return s.organisation_uscc;
      return s.applicant->uscc;
    case FormFieldType::region:
      return s.region;
    case FormFieldType::attestation:
      return "1";
  }
  return "";
}

bool rule_applies(const EligibilityRule& rule, const std::string& list, const std::string& field) {
  return (rule.list.empty() || rule.list == list) && (rule.field.empty() || rule.field == field);
}

bool contains(const std::vector<std::string>& codes, const std::string& code) {
  return std::ranges::find(codes, code) != codes.end();
}

// Sets the rule's field so that it passes (mostly on the applicant's word; now and then a
// choice that needs a document), or fails when `fail`.
void steer(Random& random, const Campaign& c, const EligibilityRule& rule, bool fail,
           FormValues& values) {
  std::string& v = values[rule.value];
  const EligibilityParams& e = c.eligibility;
  switch (rule.kind) {
    case RuleKind::choice:
      if (fail) {
        v = rule.fail[random.below(rule.fail.size())];
      } else if (!rule.needs_evidence.empty() && random.chance(0.06)) {
        v = rule.needs_evidence[random.below(rule.needs_evidence.size())];
      } else if (!rule.pass.empty() && !contains(rule.pass, v)) {
        v = rule.pass[random.below(rule.pass.size())];
      }
      return;
    case RuleKind::founded_within:
      if (!e.enterprise_max_age_years) return;
      v = fail ? some_day(random, c.year - *e.enterprise_max_age_years - 5,
                          c.year - *e.enterprise_max_age_years - 1)
               : some_day(random, c.year - *e.enterprise_max_age_years + 1, c.year - 2);
      return;
    case RuleKind::founded_before: {
      bool consortium = values["org_kind"] == "innovation_consortium";
      auto limit = consortium && e.consortium_founded_before ? e.consortium_founded_before
                                                             : e.integration_org_founded_before;
      if (!limit) return;
      int year = int(limit->year());
      v = fail ? ymd_of(year_month_day{limit->year(), limit->month(), std::chrono::day{28}} +
                        std::chrono::months{random.between(1, 8)})
               : some_day(random, year - 15, year - 1);
      return;
    }
    case RuleKind::mainland:
      if (fail) v = "810000";
      return;
    case RuleKind::attestation:
    case RuleKind::stated:
    case RuleKind::uscc_as_printed:
      return;
  }
}

}  // namespace

FormValues form_values(Random& random, const Campaign& campaign, const SimApplication& a,
                       const FormSubject& s, const std::string& fail_rule) {
  FormValues values;
  const ApplicationForm* form = form_for(a.list);
  if (!form) return values;
  bool lead = true;  // the form's first paragraph states the item's details
  for (const FormSection& section : form->sections) {
    for (const FormField& f : section.fields) {
      bool first = lead && f.type == FormFieldType::textarea;
      if (first) lead = false;
      auto given = s.given.find(f.name);
      std::string v = f.name == form->title_field ? a.title
                      : given != s.given.end()    ? given->second
                      : f.name == "industry"      ? std::string(s.theme->industry)
                      : f.name == "key_industry"  ? std::string(s.theme->key_industry)
                                                  : value_for(random, f, a, s, first);
      if (!v.empty()) values[f.name] = std::move(v);
    }
  }
  if (a.list == "pioneer_tech" && a.field == "industrial_foundation") {
    const FormField* kind = find_form_field(*form, "foundation_kind");
    if (kind && !kind->options.empty()) {
      values["foundation_kind"] = kind->options[random.below(kind->options.size())].code;
    }
  }
  for (const EligibilityRule& rule : eligibility_rules()) {
    if (rule.value.empty() || !rule_applies(rule, a.list, a.field)) continue;
    steer(random, campaign, rule, rule.code == fail_rule, values);
  }
  std::erase_if(values, [](const auto& kv) { return kv.second.empty(); });
  return values;
}

std::vector<std::string> plantable_rules(const Campaign& c, const std::string& list,
                                         const std::string& field) {
  std::vector<std::string> codes;
  for (const EligibilityRule& rule : eligibility_rules()) {
    if (rule.value.empty() || !rule_applies(rule, list, field)) continue;
    bool can =
        (rule.kind == RuleKind::choice && !rule.fail.empty()) || rule.kind == RuleKind::mainland ||
        (rule.kind == RuleKind::founded_within && c.eligibility.enterprise_max_age_years) ||
        (rule.kind == RuleKind::founded_before && c.eligibility.integration_org_founded_before);
    if (can) codes.push_back(rule.code);
  }
  return codes;
}

}  // namespace kczg::cli::sim
