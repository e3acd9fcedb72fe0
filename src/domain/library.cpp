#include "domain/library.hpp"

#include <algorithm>

#include "domain/names.hpp"
#include "domain/text_measure.hpp"

namespace kczg {
namespace {

constexpr Names<Maturity, 5> k_maturity_names{{
    {Maturity::research, "research"},
    {Maturity::prototype, "prototype"},
    {Maturity::pilot, "pilot"},
    {Maturity::production, "production"},
    {Maturity::market, "market"},
}};

constexpr Names<Cooperation, 4> k_cooperation_names{{
    {Cooperation::licence, "licence"},
    {Cooperation::transfer, "transfer"},
    {Cooperation::joint_development, "joint_development"},
    {Cooperation::investment, "investment"},
}};

}  // namespace

std::string_view maturity_name(Maturity maturity) { return name_of(k_maturity_names, maturity); }
std::optional<Maturity> maturity_from_name(std::string_view name) {
  return value_of(k_maturity_names, name);
}
std::string_view cooperation_name(Cooperation cooperation) {
  return name_of(k_cooperation_names, cooperation);
}
std::optional<Cooperation> cooperation_from_name(std::string_view name) {
  return value_of(k_cooperation_names, name);
}

Result<void> check_holder_parts(const HolderParts& parts) {
  if (std::size_t length = characters(parts.note); length > k_holder_note_max) {
    return fail(make_error(ErrorCode::holder_note_too_long, "length", std::to_string(length), "max",
                           std::to_string(k_holder_note_max), "field", "note"));
  }
  return {};
}

std::string region_of_uscc(std::string_view uscc) {
  if (uscc.size() != 18) return "";
  std::string_view region = uscc.substr(2, 6);
  bool digits = std::ranges::all_of(region, [](char c) { return c >= '0' && c <= '9'; });
  return digits ? std::string(region) : "";
}

std::string cooperation_codes(const std::vector<Cooperation>& cooperation) {
  std::string text;
  for (Cooperation c : cooperation) {
    text += (text.empty() ? "" : ",") + std::string(cooperation_name(c));
  }
  return text;
}

std::vector<Cooperation> cooperation_from_codes(std::string_view codes) {
  std::vector<Cooperation> out;
  for (std::size_t from = 0; from < codes.size();) {
    std::size_t comma = std::min(codes.find(',', from), codes.size());
    if (auto c = cooperation_from_name(codes.substr(from, comma - from))) out.push_back(*c);
    from = comma + 1;
  }
  return out;
}

}  // namespace kczg
