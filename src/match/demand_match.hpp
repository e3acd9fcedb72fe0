// Supply ↔ demand matching (供需对接): for an enterprise's or a pilot city's technical
// demand (技术需求), the listed items, experts and enterprises that could meet it, best
// first, each with why.
//
// The text decides first: BM25 of the demand's title and description against each
// supply's name, summary and keywords (review/affinity, the index preliminary review uses
// for experts), scaled so that the demand's best candidate has 1. The best k_text_candidates
// by text are then re-ranked with what people check next:
//   + k_field_bonus      the same field
//   + k_city_bonus       the same city (4-digit division), or k_province_bonus the province
//   + k_maturity_bonus   mature enough for what the demand wants, − as much when not
// and every match says which of these it had and the phrases the two texts share.
//
// Built once over all supplies, then only read: top() is const and thread-safe. A copy
// shares the text index, so a copy with a supply's maturity changed is cheap.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/library.hpp"

namespace kczg::review {
class AffinityIndex;
}

namespace kczg::match {

inline constexpr std::size_t k_text_candidates = 200;
inline constexpr double k_field_bonus = 0.15;
inline constexpr double k_city_bonus = 0.10;
inline constexpr double k_province_bonus = 0.05;
inline constexpr double k_maturity_bonus = 0.10;

enum class SupplyKind { listed_item, expert, enterprise };

// What can meet a demand.
struct Supply {
  long long id = 0;
  SupplyKind kind = SupplyKind::listed_item;
  std::string name;
  std::string text;  // summary, profile
  std::vector<std::string> keywords;
  std::string field;   // "" when unknown
  std::string region;  // 6-digit GB/T 2260 code, "" when unknown
  std::optional<Maturity> maturity;
};

struct Demand {
  std::string title;
  std::string description;
  std::string field;               // "" for any
  std::string region;              // the demand's, 6 digits, "" when unknown
  std::optional<Maturity> wanted;  // at least this far along, when the demand says
};

struct Match {
  std::uint32_t supply = 0;  // index into the supplies the matcher was built over
  double score = 0;          // text (0..1] plus the bonuses
  double text = 0;           // the BM25 part, scaled to the demand's best
  bool same_field = false;
  enum class Nearby { no, province, city } nearby = Nearby::no;
  int maturity_fit = 0;             // +1 mature enough, −1 not, 0 unknown or not asked
  std::vector<std::string> shared;  // phrases both texts use, most telling first, ≤ 5
};

class Matcher {
 public:
  // `small`: the supplies are few (open demands for one listed item), and terms most of
  // them share still count (AffinityOptions::smooth_idf).
  explicit Matcher(std::vector<Supply> supplies, bool small = false);

  // The best `k` supplies for `demand` (only `kind` when given), best first; ties to the
  // lower index. Empty when no supply shares a telling term with the demand.
  std::vector<Match> top(const Demand& demand, std::size_t k,
                         std::optional<SupplyKind> kind = std::nullopt) const;

  const std::vector<Supply>& supplies() const { return m_supplies; }

  // What a holder says of supply `supply` now: the text index is unchanged.
  void set_maturity(std::uint32_t supply, std::optional<Maturity> maturity);

 private:
  std::vector<Supply> m_supplies;
  std::shared_ptr<const review::AffinityIndex> m_index;
};

}  // namespace kczg::match
