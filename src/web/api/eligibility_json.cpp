#include "web/api/eligibility_json.hpp"

#include "i18n/labels.hpp"

namespace kczg::web {

using nlohmann::ordered_json;

ordered_json findings_json(const std::vector<EligibilityFinding>& findings, Lang lang) {
  ordered_json out = ordered_json::array();
  for (const EligibilityFinding& f : findings) {
    EligibilityText text = eligibility_text(f, lang);
    ordered_json params = ordered_json::object();
    for (const auto& [k, v] : f.params) params[k] = v;
    out.push_back({{"rule", f.rule},
                   {"verdict", verdict_name(f.verdict)},
                   {"condition", text.condition},
                   {"verdict_label", text.verdict},
                   {"explanation", text.explanation},
                   {"params", params}});
  }
  return out;
}

ordered_json check_json(const EligibilityCheck& check, Lang lang) {
  ordered_json j = {{"stage", check.stage},
                    {"verdict", verdict_name(check.verdict)},
                    {"findings", findings_json(check.findings, lang)},
                    {"checked_at", format_shanghai(check.checked_at)}};
  if (check.stage == "formal_check") {
    j["eligible"] = check.eligible;
    j["overridden"] = check.overridden;
    j["reason"] = check.reason;
  }
  return j;
}

}  // namespace kczg::web
