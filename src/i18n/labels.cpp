#include "i18n/labels.hpp"

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

}  // namespace kczg
