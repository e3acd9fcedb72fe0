#include "store/json_codec.hpp"

#include <nlohmann/json.hpp>

namespace kczg::store {
namespace {

using nlohmann::ordered_json;

std::string date_text(const std::chrono::year_month_day& day) { return format_date(day); }

std::optional<std::chrono::year_month_day> date_from(const ordered_json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_string()) return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::sscanf(j[key].get<std::string>().c_str(), "%d-%u-%u", &y, &m, &d) != 3)
    return std::nullopt;
  return std::chrono::year{y} / m / d;
}

}  // namespace

std::string eligibility_to_json(const EligibilityParams& p) {
  ordered_json j = ordered_json::object();
  if (p.enterprise_max_age_years) j["enterprise_max_age_years"] = *p.enterprise_max_age_years;
  if (p.integration_org_founded_before) {
    j["integration_org_founded_before"] = date_text(*p.integration_org_founded_before);
  }
  if (p.consortium_founded_before)
    j["consortium_founded_before"] = date_text(*p.consortium_founded_before);
  j["industrial_foundation_kinds"] = p.industrial_foundation_kinds;
  j["relisting_barred"] = p.relisting_barred;
  return j.dump();
}

EligibilityParams eligibility_from_json(const std::string& text) {
  ordered_json j = ordered_json::parse(text);
  EligibilityParams p;
  if (j.contains("enterprise_max_age_years"))
    p.enterprise_max_age_years = j["enterprise_max_age_years"].get<int>();
  p.integration_org_founded_before = date_from(j, "integration_org_founded_before");
  p.consortium_founded_before = date_from(j, "consortium_founded_before");
  p.industrial_foundation_kinds =
      j.value("industrial_foundation_kinds", std::vector<std::string>{});
  p.relisting_barred = j.value("relisting_barred", false);
  return p;
}

std::string strings_to_json(const std::vector<std::string>& strings) {
  return ordered_json(strings).dump();
}

std::vector<std::string> strings_from_json(const std::string& text) {
  return ordered_json::parse(text).get<std::vector<std::string>>();
}

std::string plan_content_to_json(const ReviewPlan& plan) {
  ordered_json covers = ordered_json::array();
  for (const Coverage& c : plan.covers) covers.push_back({{"list", c.list}, {"field", c.field}});
  ordered_json criteria = ordered_json::array();
  for (const Criterion& c : plan.criteria) {
    criteria.push_back({{"code", c.code},
                        {"name_zh", c.name_zh},
                        {"name_en", c.name_en},
                        {"weight", c.weight},
                        {"scale_min", c.scale_min},
                        {"scale_max", c.scale_max}});
  }
  ordered_json mix = ordered_json::object();
  for (const auto& [sector, minimum] : plan.sector_minimums) {
    mix[std::string(sector_name(sector))] = minimum;
  }
  ordered_json j = {{"covers", covers},
                    {"criteria", criteria},
                    {"experts_per_application", plan.experts_per_application},
                    {"max_load", plan.max_load},
                    {"sector_minimums", mix},
                    {"aggregation", aggregation_name(plan.aggregation)}};
  return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

void plan_content_from_json(const std::string& text, ReviewPlan& plan) {
  ordered_json j = ordered_json::parse(text, nullptr, false);
  if (!j.is_object()) return;
  static const ordered_json none = ordered_json::array();
  auto member = [&](const char* key) -> const ordered_json& {
    auto it = j.find(key);
    return it == j.end() ? none : *it;
  };
  plan.covers.clear();
  for (const ordered_json& c : member("covers")) {
    plan.covers.push_back({c.value("list", ""), c.value("field", "")});
  }
  plan.criteria.clear();
  for (const ordered_json& c : member("criteria")) {
    plan.criteria.push_back({c.value("code", ""), c.value("name_zh", ""), c.value("name_en", ""),
                             c.value("weight", 0), c.value("scale_min", 0.0),
                             c.value("scale_max", 10.0)});
  }
  plan.experts_per_application = j.value("experts_per_application", 0);
  plan.max_load = j.value("max_load", 0);
  plan.sector_minimums.clear();
  if (const ordered_json& mix = member("sector_minimums"); mix.is_object()) {
    for (const auto& [name, minimum] : mix.items()) {
      if (auto sector = sector_from_name(name); sector && minimum.is_number_integer()) {
        plan.sector_minimums[*sector] = minimum.get<int>();
      }
    }
  }
  plan.aggregation =
      aggregation_from_name(j.value("aggregation", "")).value_or(Aggregation::trimmed_mean);
}

std::string values_to_json(const std::map<std::string, std::string>& values) {
  nlohmann::json j = nlohmann::json::object();  // std::map order: sorted keys
  for (const auto& [k, v] : values) j[k] = v;
  // Form text comes from browsers: invalid UTF-8 becomes U+FFFD rather than an exception.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::map<std::string, std::string> values_from_json(const std::string& text) {
  std::map<std::string, std::string> values;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return values;
  for (const auto& [k, v] : j.items()) {
    if (v.is_string()) values[k] = v.get<std::string>();
  }
  return values;
}

std::string scores_to_json(const std::map<std::string, double>& scores) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : scores) j[k] = v;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::map<std::string, double> scores_from_json(const std::string& text) {
  std::map<std::string, double> scores;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return scores;
  for (const auto& [k, v] : j.items()) {
    if (v.is_number()) scores[k] = v.get<double>();
  }
  return scores;
}

std::string object_to_json(const std::vector<std::pair<std::string, std::string>>& fields) {
  ordered_json j = ordered_json::object();
  for (const auto& [k, v] : fields) j[k] = v;
  return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

std::string findings_to_json(const std::vector<EligibilityFinding>& findings) {
  ordered_json j = ordered_json::array();
  for (const EligibilityFinding& f : findings) {
    ordered_json params = ordered_json::object();
    for (const auto& [k, v] : f.params) params[k] = v;
    j.push_back({{"rule", f.rule}, {"verdict", verdict_name(f.verdict)}, {"params", params}});
  }
  return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

std::vector<EligibilityFinding> findings_from_json(const std::string& text) {
  std::vector<EligibilityFinding> findings;
  ordered_json j = ordered_json::parse(text, nullptr, false);
  if (!j.is_array()) return findings;
  for (const ordered_json& f : j) {
    if (!f.is_object()) continue;
    auto verdict = verdict_from_name(f.value("verdict", ""));
    if (!verdict) continue;
    EligibilityFinding finding{f.value("rule", ""), *verdict, {}};
    if (auto params = f.find("params"); params != f.end() && params->is_object()) {
      for (const auto& [k, v] : params->items()) {
        if (v.is_string()) finding.params[k] = v.get<std::string>();
      }
    }
    findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace kczg::store
