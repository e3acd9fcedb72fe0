#include "match/partner_fit.hpp"

#include <algorithm>

namespace kczg::match {
namespace {

template <typename T, typename V>
Fit fit(const std::vector<T>& wanted, const std::optional<V>& value) {
  if (wanted.empty()) return Fit::open;
  return value && std::ranges::find(wanted, *value) != wanted.end() ? Fit::meets : Fit::misses;
}

double points(Fit f) { return f == Fit::meets ? 1.0 : f == Fit::open ? 0.5 : 0.0; }

}  // namespace

std::vector<PartnerFit> partner_fits(const std::vector<PartnerProfile>& partners,
                                     std::string_view field, std::optional<Maturity> maturity,
                                     std::string_view region) {
  std::optional<std::string> entry_field, province;
  if (!field.empty()) entry_field = std::string(field);
  if (region.size() >= 2) province = std::string(region.substr(0, 2));
  std::vector<PartnerFit> out;
  for (std::uint32_t i = 0; i < partners.size(); ++i) {
    const PartnerProfile& p = partners[i];
    PartnerFit f{i, 0, fit(p.fields, entry_field), fit(p.stages, maturity),
                 fit(p.regions, province)};
    f.score = (points(f.field) + points(f.stage) + points(f.region)) / 3;
    out.push_back(f);
  }
  std::ranges::stable_sort(
      out, [](const PartnerFit& a, const PartnerFit& b) { return a.score > b.score; });
  return out;
}

}  // namespace kczg::match
