#include "i18n/labels.hpp"

#include "domain/division.hpp"

namespace kczg {

const std::string& in_lang(Lang lang, const std::string& zh, const std::string& en) {
  return lang == Lang::en ? en : zh;
}

std::string phase_label(PhaseKind kind, Lang lang) {
  return translate("phase." + std::string(phase_name(kind)), {}, lang);
}

std::string state_label(std::string_view state, Lang lang) {
  return translate("state." + std::string(state), {}, lang);
}

std::string role_label(Role role, Lang lang) {
  return translate("page.role_" + std::string(role_name(role)), {}, lang);
}

std::string field_names(const List& list, Lang lang) {
  std::string names;
  for (const Field& f : list.fields) {
    names += (names.empty() ? "" : "、") + in_lang(lang, f.name_zh, f.name_en);
  }
  return names;
}

std::string where_label(const Campaign& c, std::string_view list, std::string_view field,
                        Lang lang) {
  const List* l = find_list(c, list);
  if (!l) return std::string(list);
  std::string name = in_lang(lang, l->name_zh, l->name_en);
  if (const Field* f = find_field(*l, field)) name += " · " + in_lang(lang, f->name_zh, f->name_en);
  return name;
}

std::string region_label(std::string_view code, Lang lang) {
  if (code.size() != 6) return std::string(code);
  if (code.starts_with("10")) return translate("page.national", {}, lang);
  if (const Division* outside = outside_mainland_division(code)) return std::string(outside->name);
  const DivisionTable& divisions = gb2260();
  std::string label;
  for (std::string level : {std::string(code.substr(0, 2)) + "0000",
                            std::string(code.substr(0, 4)) + "00", std::string(code)}) {
    const Division* d = divisions.find(level);
    if (d && !label.ends_with(d->name)) label += d->name;
  }
  return label.empty() ? std::string(code) : label;
}

EligibilityText eligibility_text(const EligibilityFinding& finding, Lang lang) {
  std::vector<std::pair<std::string, std::string>> params(finding.params.begin(),
                                                          finding.params.end());
  std::string key = "eligibility." + finding.rule;
  std::string verdict(verdict_name(finding.verdict));
  return {translate(key, params, lang), translate("eligibility.verdict." + verdict, {}, lang),
          finding.verdict == Verdict::incomplete ? translate("eligibility.incomplete", {}, lang)
                                                 : translate(key + "." + verdict, params, lang)};
}

}  // namespace kczg
