#include "domain/expert.hpp"

#include <algorithm>
#include <map>

#include "domain/uscc.hpp"

namespace kczg {
namespace {

struct SectorNames {
  Sector sector;
  std::string_view code;
  std::string_view zh;
  std::string_view en;
};

constexpr std::array<SectorNames, 3> k_sector_names{{
    {Sector::academia, "academia", "学术界", "Academia"},
    {Sector::industry, "industry", "产业界", "Industry"},
    {Sector::investment, "investment", "投资界", "Investment"},
}};

constexpr std::array<ExpertColumn, 9> k_columns{{
    {"name", "姓名", "Name", true},
    {"organisation", "工作单位", "Organisation", true},
    {"organisation_uscc", "单位统一社会信用代码", "Organisation USCC", false},
    {"region", "所在地区", "Region", true},
    {"sector", "界别", "Sector", true},
    {"title", "职称", "Title", false},
    {"keywords", "专业关键词", "Expertise keywords", false},
    {"profile", "个人简介", "Profile", false},
    {"email", "电子邮箱", "Email", true},
}};

constexpr std::array<std::pair<DeclineReason, std::string_view>, 4> k_decline_names{{
    {DeclineReason::conflict_of_interest, "conflict_of_interest"},
    {DeclineReason::outside_expertise, "outside_expertise"},
    {DeclineReason::unavailable, "unavailable"},
    {DeclineReason::other, "other"},
}};

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

std::string lower(std::string_view s) {
  std::string out(s);
  std::ranges::transform(out, out.begin(), ascii_lower);
  return out;
}

bool same_ignoring_case(std::string_view a, std::string_view b) { return lower(a) == lower(b); }

// Trims ASCII white space and the full-width space U+3000 typed with Chinese input.
std::string trim(std::string_view s) {
  constexpr std::string_view k_ideographic_space = "\u3000";
  bool changed = true;
  while (changed) {
    changed = false;
    for (std::string_view space :
         {std::string_view(" "), std::string_view("\t"), std::string_view("\r"),
          std::string_view("\n"), k_ideographic_space}) {
      if (s.starts_with(space)) {
        s.remove_prefix(space.size());
        changed = true;
      }
      if (s.ends_with(space)) {
        s.remove_suffix(space.size());
        changed = true;
      }
    }
  }
  return std::string(s);
}

bool blank(std::string_view s) { return trim(s).empty(); }

std::vector<std::string> split_keywords(std::string_view text) {
  static const std::vector<std::string_view> separators{";",  ",",  "|",  "\n",
                                                        "；", "，", "｜", "、"};
  std::vector<std::string> keywords;
  auto keep = [&](std::string_view part) {
    std::string word = trim(part);
    if (!word.empty() && std::ranges::find(keywords, word) == keywords.end())
      keywords.push_back(std::move(word));
  };
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size();) {
    auto sep = std::ranges::find_if(
        separators, [&](std::string_view s) { return text.substr(i).starts_with(s); });
    if (sep == separators.end()) {
      ++i;
      continue;
    }
    keep(text.substr(start, i - start));
    i += sep->size();
    start = i;
  }
  keep(text.substr(start));
  return keywords;
}

Error at_cell(Error error, int row, std::string_view column) {
  error.params.insert(error.params.begin(), {"column", std::string(column)});
  error.params.insert(error.params.begin(), {"row", std::to_string(row)});
  return error;
}

}  // namespace

std::string_view sector_name(Sector sector) { return k_sector_names[std::size_t(sector)].code; }
std::string_view sector_name_zh(Sector sector) { return k_sector_names[std::size_t(sector)].zh; }
std::string_view sector_name_en(Sector sector) { return k_sector_names[std::size_t(sector)].en; }

std::optional<Sector> sector_from_name(std::string_view name) {
  std::string given = trim(name);
  for (const SectorNames& s : k_sector_names) {
    if (given == s.zh || same_ignoring_case(given, s.code) || same_ignoring_case(given, s.en))
      return s.sector;
  }
  return std::nullopt;
}

std::span<const ExpertColumn> expert_columns() { return k_columns; }

const ExpertColumn* expert_column_for_header(std::string_view header) {
  std::string given = trim(header);
  for (const ExpertColumn& c : k_columns) {
    if (given == c.label_zh || same_ignoring_case(given, c.name) ||
        same_ignoring_case(given, c.label_en))
      return &c;
  }
  return nullptr;
}

std::string email_key(std::string_view email) { return lower(email); }

bool is_plausible_email(std::string_view email) {
  if (std::ranges::any_of(email, [](char c) { return c == ' ' || (c >= 0 && c < 0x20); }))
    return false;
  std::size_t at = email.find('@');
  if (at == 0 || at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos)
    return false;
  std::string_view domain = email.substr(at + 1);
  std::size_t dot = domain.find('.');
  return dot != std::string_view::npos && dot > 0 && !domain.ends_with('.') &&
         domain.find("..") == std::string_view::npos;
}

std::expected<Expert, std::vector<Error>> parse_expert(const ExpertRow& row,
                                                       const DivisionTable& divisions) {
  auto cell = [&](std::string_view column) {
    auto it = row.cells.find(std::string(column));
    return it == row.cells.end() ? std::string() : trim(it->second);
  };
  std::vector<Error> errors;
  auto refuse = [&](Error error, std::string_view column) {
    errors.push_back(at_cell(std::move(error), row.row, column));
  };
  for (const ExpertColumn& c : k_columns) {
    if (c.required && cell(c.name).empty())
      refuse(make_error(ErrorCode::import_cell_empty), c.name);
  }

  Expert expert;
  expert.name = cell("name");
  expert.organisation = cell("organisation");
  expert.title = cell("title");
  expert.profile = cell("profile");
  expert.keywords = split_keywords(cell("keywords"));
  if (std::string uscc = cell("organisation_uscc"); !uscc.empty()) {
    expert.organisation_uscc = normalize_uscc(uscc);
    if (auto info = check_uscc(expert.organisation_uscc, divisions); !info)
      refuse(info.error(), "organisation_uscc");
  }
  if (std::string region = cell("region"); !region.empty()) {
    const Division* d = divisions.find(region);
    if (!d) d = divisions.find_by_name(region);
    if (d) {
      expert.region = DivisionTable::code6(*d);
    } else {
      refuse(make_error(ErrorCode::region_unknown, "value", region), "region");
    }
  }
  if (std::string sector = cell("sector"); !sector.empty()) {
    if (auto s = sector_from_name(sector)) {
      expert.sector = *s;
    } else {
      refuse(make_error(ErrorCode::sector_unknown, "value", sector), "sector");
    }
  }
  if (std::string email = cell("email"); !email.empty()) {
    expert.email = email;
    if (!is_plausible_email(email))
      refuse(make_error(ErrorCode::email_invalid, "value", email), "email");
  }
  if (!errors.empty()) return std::unexpected(std::move(errors));
  return expert;
}

std::expected<std::vector<Expert>, std::vector<Error>> check_expert_rows(
    const std::vector<ExpertRow>& rows, const DivisionTable& divisions,
    const std::set<std::string>& stored_emails) {
  std::vector<Expert> experts;
  std::vector<Error> errors;
  std::map<std::string, int> first_row_of_email;
  for (const ExpertRow& row : rows) {
    auto expert = parse_expert(row, divisions);
    if (!expert) {
      errors.insert(errors.end(), expert.error().begin(), expert.error().end());
      continue;
    }
    std::string email = email_key(expert->email);
    if (stored_emails.contains(email)) {
      errors.push_back(make_error(ErrorCode::import_exists, "row", std::to_string(row.row),
                                  "column", "email", "value", expert->email));
    } else if (auto [it, fresh] = first_row_of_email.emplace(email, row.row); !fresh) {
      errors.push_back(make_error(ErrorCode::import_duplicate, "row", std::to_string(row.row),
                                  "column", "email", "other", std::to_string(it->second)));
    } else {
      experts.push_back(std::move(*expert));
    }
  }
  if (!errors.empty()) return std::unexpected(std::move(errors));
  return experts;
}

std::vector<Error> check_declared_conflict(const DeclaredConflict& conflict,
                                           const DivisionTable& divisions) {
  std::vector<Error> errors;
  bool names_organisation = !blank(conflict.organisation) || !blank(conflict.organisation_uscc);
  if (conflict.application_id == 0 && !names_organisation) {
    errors.push_back(make_error(ErrorCode::conflict_target_missing, "expert",
                                std::to_string(conflict.expert_id)));
  }
  if (!blank(conflict.organisation_uscc)) {
    if (auto info = check_uscc(normalize_uscc(conflict.organisation_uscc), divisions); !info) {
      Error error = info.error();
      error.params.emplace_back("field", "organisation_uscc");
      errors.push_back(std::move(error));
    }
  }
  if (blank(conflict.reason)) {
    errors.push_back(make_error(ErrorCode::conflict_reason_missing, "expert",
                                std::to_string(conflict.expert_id)));
  }
  return errors;
}

std::vector<Error> check_alias(const OrganisationAlias& alias, const DivisionTable& divisions) {
  std::vector<Error> errors;
  std::set<std::string> names;
  for (const std::string& name : alias.names) {
    if (!blank(name)) names.insert(name);
  }
  if (names.size() + (blank(alias.uscc) ? 0 : 1) < 2) {
    errors.push_back(make_error(ErrorCode::alias_too_few_names, "field", "names"));
  }
  if (!blank(alias.uscc)) {
    if (auto info = check_uscc(normalize_uscc(alias.uscc), divisions); !info) {
      Error error = info.error();
      error.params.emplace_back("field", "uscc");
      errors.push_back(std::move(error));
    }
  }
  return errors;
}

std::string_view decline_reason_name(DeclineReason reason) {
  for (const auto& [r, name] : k_decline_names) {
    if (r == reason) return name;
  }
  return "unknown";
}

std::optional<DeclineReason> decline_reason_from_name(std::string_view name) {
  for (const auto& [r, n] : k_decline_names) {
    if (n == name) return r;
  }
  return std::nullopt;
}

Result<void> check_decline(const Decline& decline) {
  if (decline.reason == DeclineReason::other && blank(decline.note)) {
    return fail(make_error(ErrorCode::decline_note_missing, "expert",
                           std::to_string(decline.expert_id), "application",
                           std::to_string(decline.application_id)));
  }
  return {};
}

}  // namespace kczg
