#include "web/pages/eligibility_view.hpp"

#include "i18n/labels.hpp"

namespace kczg::web {

View eligibility_view(const std::vector<EligibilityFinding>& findings, Lang lang) {
  View list{View::type::list};
  for (const EligibilityFinding& f : findings) {
    EligibilityText text = eligibility_text(f, lang);
    View row{View::type::object};
    row.set("rule", f.rule);
    row.set("verdict_code", std::string(verdict_name(f.verdict)));
    row.set("condition", text.condition);
    row.set("verdict", text.verdict);
    row.set("explanation", text.explanation);
    list.push_back(row);
  }
  return list;
}

void set_overall_verdict(View& view, const std::vector<EligibilityFinding>& findings, Lang lang) {
  std::string code(verdict_name(overall_verdict(findings)));
  view.set("eligibility_verdict_code", code);
  view.set("eligibility_verdict", translate("eligibility.verdict." + code, {}, lang));
}

}  // namespace kczg::web
