#include "web/pages/matching_view.hpp"

#include <algorithm>

#include "i18n/labels.hpp"

namespace kczg::web {

std::string maturity_label(std::optional<Maturity> m, Lang lang) {
  if (!m) return translate("page.maturity_unstated", {}, lang);
  return translate("page.maturity_" + std::string(maturity_name(*m)), {}, lang);
}

std::string cooperation_label(const std::vector<Cooperation>& cooperation, Lang lang) {
  std::string text;
  for (Cooperation c : cooperation) {
    text += (text.empty()       ? ""
             : lang == Lang::zh ? "、"
                                : ", ") +
            translate("page.cooperation_" + std::string(cooperation_name(c)), {}, lang);
  }
  return text;
}

Choices maturity_choices(Lang lang) {
  Choices out;
  for (Maturity m : k_maturities)
    out.emplace_back(std::string(maturity_name(m)), maturity_label(m, lang));
  return out;
}

Choices field_choices(const Campaign* campaign, Lang lang) {
  Choices out;
  if (!campaign) return out;
  for (const List& l : campaign->lists) {
    for (const Field& f : l.fields) {
      if (std::ranges::none_of(out, [&](const auto& x) { return x.first == f.code; }))
        out.emplace_back(f.code, in_lang(lang, f.name_zh, f.name_en));
    }
  }
  return out;
}

std::string choice_name(const Choices& choices, std::string_view code) {
  auto it = std::ranges::find_if(choices, [&](const auto& c) { return c.first == code; });
  return it != choices.end() ? it->second : std::string(code);
}

View options(const Choices& choices, std::string_view chosen) {
  View list{View::type::list};
  for (const auto& [code, name] : choices) {
    View o{View::type::object};
    o.set("code", code);
    o.set("name", name);
    o.set("selected", code == chosen);
    list.push_back(o);
  }
  return list;
}

std::string excerpt(std::string_view text, std::size_t n) {
  std::size_t at = 0, chars = 0;
  while (at < text.size() && chars < n) {
    ++at;
    while (at < text.size() && (text[at] & 0xC0) == 0x80) ++at;
    ++chars;
  }
  return std::string(text.substr(0, at)) + (at < text.size() ? "…" : "");
}

View demand_view(const Demand& d, const Choices& fields, bool contact, Lang lang) {
  View v{View::type::object};
  v.set("id", std::to_string(d.id));
  v.set("title", d.title);
  v.set("description", d.description);
  v.set("excerpt", excerpt(d.description, 80));
  v.set("field", d.field.empty() ? translate("page.demand_any_field", {}, lang)
                                 : choice_name(fields, d.field));
  v.set("region", region_label(d.region, lang));
  std::string budget;
  if (d.budget_min || d.budget_max) {
    budget = (d.budget_min ? std::to_string(*d.budget_min) : "") + "–" +
             (d.budget_max ? std::to_string(*d.budget_max) : "");
  }
  v.set("budget", budget.empty() ? translate("page.demand_budget_open", {}, lang) : budget);
  if (d.wanted_by) v.set("wanted_by", format_date(*d.wanted_by));
  v.set("cooperation", cooperation_label(d.cooperation, lang));
  v.set("maturity", maturity_label(d.wanted_maturity, lang));
  v.set("state_code", std::string(demand_state_name(d.state)));
  v.set("state",
        translate("page.demand_state_" + std::string(demand_state_name(d.state)), {}, lang));
  if (!d.reason.empty()) v.set("reason", d.reason);
  v.set("posted_at", format_shanghai(d.posted_at));
  if (contact) v.set("contact", d.contact);
  return v;
}

View match_reasons(const match::Match& m, Lang lang) {
  View v{View::type::object};
  char score[16];
  std::snprintf(score, sizeof score, "%.2f", m.score);
  v.set("score", std::string(score));
  v.set("shared", string_list(m.shared));
  v.set("same_field", m.same_field);
  if (m.nearby != match::Match::Nearby::no) {
    v.set("nearby", translate(m.nearby == match::Match::Nearby::city ? "page.match_same_city"
                                                                     : "page.match_same_province",
                              {}, lang));
  }
  if (m.maturity_fit > 0) v.set("mature_enough", true);
  if (m.maturity_fit < 0) v.set("not_mature_enough", true);
  return v;
}

}  // namespace kczg::web
