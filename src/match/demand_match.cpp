#include "match/demand_match.hpp"

#include <algorithm>

#include "review/affinity.hpp"

namespace kczg::match {
namespace {

std::vector<review::ExpertProfile> documents(const std::vector<Supply>& supplies) {
  std::vector<review::ExpertProfile> out;
  out.reserve(supplies.size());
  for (const Supply& s : supplies) out.push_back({s.name + "。" + s.text, s.keywords});
  return out;
}

int maturity_rank(Maturity m) { return int(m); }

}  // namespace

Matcher::Matcher(std::vector<Supply> supplies, bool small)
    : m_supplies(std::move(supplies)),
      m_index(std::make_shared<const review::AffinityIndex>(
          documents(m_supplies), review::AffinityOptions{.smooth_idf = small})) {}

void Matcher::set_maturity(std::uint32_t supply, std::optional<Maturity> maturity) {
  m_supplies.at(supply).maturity = maturity;
}

std::vector<Match> Matcher::top(const Demand& demand, std::size_t k,
                                std::optional<SupplyKind> kind) const {
  review::ApplicationText query{{demand.title, demand.description}};
  std::vector<review::ExpertAffinity> text = m_index->affinities(query);
  if (kind) {
    std::erase_if(
        text, [&](const review::ExpertAffinity& a) { return m_supplies[a.expert].kind != *kind; });
  }
  auto by_text = [](const review::ExpertAffinity& a, const review::ExpertAffinity& b) {
    return a.affinity != b.affinity ? a.affinity > b.affinity : a.expert < b.expert;
  };
  std::size_t keep = std::min(text.size(), k_text_candidates);
  std::partial_sort(text.begin(), text.begin() + std::ptrdiff_t(keep), text.end(), by_text);
  text.resize(keep);
  if (text.empty()) return {};
  double best = text.front().affinity;

  std::vector<Match> matches;
  matches.reserve(text.size());
  for (const review::ExpertAffinity& a : text) {
    const Supply& s = m_supplies[a.expert];
    Match m;
    m.supply = a.expert;
    m.text = a.affinity / best;
    m.score = m.text;
    m.same_field = !demand.field.empty() && s.field == demand.field;
    if (m.same_field) m.score += k_field_bonus;
    if (demand.region.size() == 6 && s.region.size() == 6) {
      if (demand.region.compare(0, 4, s.region, 0, 4) == 0) {
        m.nearby = Match::Nearby::city;
        m.score += k_city_bonus;
      } else if (demand.region.compare(0, 2, s.region, 0, 2) == 0) {
        m.nearby = Match::Nearby::province;
        m.score += k_province_bonus;
      }
    }
    if (demand.wanted && s.maturity) {
      m.maturity_fit = maturity_rank(*s.maturity) >= maturity_rank(*demand.wanted) ? 1 : -1;
      m.score += m.maturity_fit * k_maturity_bonus;
    }
    matches.push_back(std::move(m));
  }
  std::size_t shown = std::min(k, matches.size());
  std::partial_sort(matches.begin(), matches.begin() + std::ptrdiff_t(shown), matches.end(),
                    [](const Match& a, const Match& b) {
                      return a.score != b.score ? a.score > b.score : a.supply < b.supply;
                    });
  matches.resize(shown);
  for (Match& m : matches) {
    for (const review::TermContribution& phrase : m_index->explain(m.supply, query, 5).phrases) {
      m.shared.push_back(phrase.term);
    }
  }
  return matches;
}

}  // namespace kczg::match
