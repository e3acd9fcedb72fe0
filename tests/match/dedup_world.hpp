// A generated world for duplicate detection, from a fixed seed: earlier years' listed
// entries, and this year's applications among which some repeat an entry in one of the
// ways people do — reworded, in traditional characters, with the holder's company form
// changed, filed under a renamed list, or by a re-registered holder with a new USCC — and
// some are near misses: the same kind of technology, by the same holder, not the same
// item. Synthetic throughout; nothing is copied from real lists.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "match/duplicates.hpp"

namespace kczg::match::testing {

enum class Planted { none, reworded, traditional, suffix, renamed_list, new_uscc, near_miss };
std::string_view planted_name(Planted kind);

struct DedupWorld {
  std::vector<ListedItem> prior;
  std::vector<ListedItem> applications;
  std::vector<Planted> planted;      // per application
  std::vector<std::size_t> repeats;  // per application: the prior entry it repeats, or SIZE_MAX
};

// `prior` entries and `applications` applications; about `duplicate_share` of the
// applications repeat an entry (the five kinds in turn) and as many are near misses.
DedupWorld make_world(std::size_t prior, std::size_t applications, uint64_t seed,
                      double duplicate_share = 0.3);

// Traditional characters for a simplified text (OpenCC s2t), for planting 繁体 variants.
std::string traditional(const std::string& text);

}  // namespace kczg::match::testing
