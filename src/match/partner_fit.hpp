// Which financial partners a listed entry suits (定向推介的建议): each partner's stated
// fields, stages and regions against the entry's field, maturity and region. A dimension
// the partner names and the entry meets counts 1, one it leaves open (any) counts ½, one
// it names and the entry misses counts 0; the score is their mean. The secretariat chooses;
// this only orders the list and says why.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/partner.hpp"

namespace kczg::match {

enum class Fit { open, meets, misses };

struct PartnerFit {
  std::uint32_t partner = 0;  // index into the profiles
  double score = 0;           // 0..1
  Fit field = Fit::open, stage = Fit::open, region = Fit::open;
};

// Every partner, best first; ties to the lower index. `region` is the entry's 6-digit
// division ("" when unknown: a region a partner names then misses).
std::vector<PartnerFit> partner_fits(const std::vector<PartnerProfile>& partners,
                                     std::string_view field, std::optional<Maturity> maturity,
                                     std::string_view region);

}  // namespace kczg::match
