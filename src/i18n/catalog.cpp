#include "i18n/catalog.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "i18n/catalog_text.hpp"

namespace kczg {
namespace {

using Catalog = std::map<std::string, std::string, std::less<>>;

std::string_view trim(std::string_view s) {
  auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

Catalog parse(std::string_view text) {
  Catalog catalog;
  while (!text.empty()) {
    auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (line.empty() || line.front() == '#') continue;
    auto eq = line.find(" = ");
    if (eq == std::string_view::npos) continue;
    catalog.emplace(std::string(trim(line.substr(0, eq))), std::string(trim(line.substr(eq + 3))));
  }
  return catalog;
}

const Catalog& catalog(Lang lang) {
  static const Catalog zh = parse(k_catalog_zh);
  static const Catalog en = parse(k_catalog_en);
  return lang == Lang::en ? en : zh;
}

// Error parameters whose values are codes, and the catalog prefix that names each code.
constexpr std::array<std::pair<std::string_view, std::string_view>, 7> k_coded_params{{
    {"action", "action."},
    {"phase", "phase."},
    {"phases", "phase."},
    {"state", "state."},
    {"verdict", "eligibility.verdict."},
    {"role", "page.role_"},
    {"actor_role", "page.role_"},
}};

// "a,b" → the names of a and b, listed as the language lists them.
std::string named_codes(std::string_view codes, std::string_view prefix, Lang lang) {
  std::string out;
  while (true) {
    auto comma = codes.find(',');
    std::string_view code = codes.substr(0, comma);
    std::string key = std::string(prefix) + std::string(code);
    if (!out.empty()) out += lang == Lang::en ? " or " : "、";
    out += catalog(lang).contains(key) ? translate(key, {}, lang) : std::string(code);
    if (comma == std::string_view::npos) return out;
    codes.remove_prefix(comma + 1);
  }
}

}  // namespace

std::string message(const Error& error, Lang lang) {
  std::vector<std::pair<std::string, std::string>> params = error.params;
  for (auto& [name, value] : params) {
    auto coded = std::ranges::find(k_coded_params, name,
                                   &std::pair<std::string_view, std::string_view>::first);
    if (coded != k_coded_params.end()) value = named_codes(value, coded->second, lang);
  }
  return translate(code_name(error.code), params, lang);
}

std::optional<Lang> lang_from_name(std::string_view name) {
  if (name.starts_with("zh")) return Lang::zh;
  if (name.starts_with("en")) return Lang::en;
  return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> catalog_entries(std::string_view prefix,
                                                                 Lang lang) {
  std::vector<std::pair<std::string, std::string>> out;
  const Catalog& c = catalog(lang);
  for (auto it = c.lower_bound(prefix); it != c.end() && it->first.starts_with(prefix); ++it) {
    out.emplace_back(it->first.substr(prefix.size()), it->second);
  }
  return out;
}

bool has_message(std::string_view key, Lang lang) { return catalog(lang).contains(key); }

std::string translate(std::string_view key,
                      const std::vector<std::pair<std::string, std::string>>& params, Lang lang) {
  const Catalog& c = catalog(lang);
  auto it = c.find(key);
  if (it == c.end()) {
    std::string fallback(key);
    for (const auto& [k, v] : params) fallback += " " + k + "=" + v;
    return fallback;
  }
  std::string out;
  std::string_view text = it->second;
  for (std::size_t i = 0; i < text.size();) {
    auto close = text[i] == '{' ? text.find('}', i) : std::string_view::npos;
    if (close == std::string_view::npos) {
      out += text[i++];
      continue;
    }
    std::string_view name = text.substr(i + 1, close - i - 1);
    auto param = std::ranges::find(params, name, &std::pair<std::string, std::string>::first);
    if (param != params.end()) out += param->second;
    i = close + 1;
  }
  return out;
}

OutboxMail mail_in_both(std::string to, const std::string& key,
                        const std::vector<std::pair<std::string, std::string>>& params) {
  return {0,
          std::move(to),
          translate(key + "_subject", params, Lang::zh) + " / " +
              translate(key + "_subject", params, Lang::en),
          translate(key + "_body", params, Lang::zh) + "\n\n" +
              translate(key + "_body", params, Lang::en),
          {}};
}

}  // namespace kczg
