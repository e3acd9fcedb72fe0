#include "domain/demand_import.hpp"

#include <algorithm>
#include <array>

namespace kczg {
namespace {

constexpr std::array<DemandColumn, 10> k_columns{{
    {"title", "标题", true},
    {"description", "需求描述", true},
    {"field", "领域", false},
    {"region", "所在地区", true},
    {"budget_min", "预算下限", false},
    {"budget_max", "预算上限", false},
    {"wanted_by", "期望完成日期", false},
    {"cooperation", "合作方式", false},
    {"wanted_maturity", "期望成熟度", false},
    {"contact", "联系方式", true},
}};

constexpr std::pair<std::string_view, std::string_view> k_chinese[] = {
    {"许可", "licence"},    {"转让", "transfer"},   {"联合开发", "joint_development"},
    {"投资", "investment"}, {"研发", "research"},   {"样机", "prototype"},
    {"中试", "pilot"},      {"量产", "production"}, {"上市", "market"},
};

std::string without_spaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != ' ') out += c;
  }
  return out;
}

std::string code_of(std::string word) {
  for (const auto& [zh, code] : k_chinese) {
    if (word == zh) return std::string(code);
  }
  return word;
}

// "许可、联合开发" → "licence,joint_development".
std::string cooperation_codes_of(std::string text) {
  for (std::string_view separator : {"、", "；", ";", "，"}) {
    for (auto at = text.find(separator); at != std::string::npos; at = text.find(separator)) {
      text.replace(at, separator.size(), ",");
    }
  }
  std::string out;
  for (std::size_t from = 0; from <= text.size();) {
    std::size_t comma = std::min(text.find(',', from), text.size());
    std::string word = without_spaces(text.substr(from, comma - from));
    if (!word.empty()) out += (out.empty() ? "" : ",") + code_of(word);
    from = comma + 1;
  }
  return out;
}

Error at_row(Error e, int row) {
  std::string column(e.param("field"));
  e.params.emplace_back("row", std::to_string(row));
  e.params.emplace_back("column", column);
  return e;
}

}  // namespace

std::span<const DemandColumn> demand_columns() { return k_columns; }

const DemandColumn* demand_column_for_header(std::string_view header) {
  std::string h = without_spaces(header);
  for (const DemandColumn& c : k_columns) {
    if (h == c.name || h == c.label_zh) return &c;
  }
  return nullptr;
}

std::expected<std::vector<Demand>, std::vector<Error>> check_demand_rows(
    const std::vector<DemandRow>& rows, long long poster, std::chrono::year_month_day today) {
  std::vector<Demand> demands;
  std::vector<Error> errors;
  for (const DemandRow& r : rows) {
    std::map<std::string, std::string> fields = r.cells;
    fields["cooperation"] = cooperation_codes_of(fields["cooperation"]);
    fields["wanted_maturity"] = code_of(without_spaces(fields["wanted_maturity"]));
    auto demand = demand_from_fields(fields);
    if (!demand) {
      errors.push_back(at_row(demand.error(), r.row));
      continue;
    }
    demand->poster_id = poster;
    for (const Error& e : validate_demand(*demand, today)) errors.push_back(at_row(e, r.row));
    demands.push_back(std::move(*demand));
  }
  if (!errors.empty()) return std::unexpected(std::move(errors));
  return demands;
}

}  // namespace kczg
