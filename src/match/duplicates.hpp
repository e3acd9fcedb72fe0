// Duplicate and repeat detection (重复申报 / 往年已入选): an application against every
// entry of earlier years' lists and against the other applications of its campaign.
//
// Three kinds of evidence, each with a score in [0, 1]:
//   uscc  the same holder by USCC. For lists whose item is the holder itself (an
//         enterprise, an organisation) that alone is a repeat; for technologies a holder
//         has many, so it counts only with some text in common (k_uscc_text).
//   name  the item's name equal once compared (normalise.hpp: 繁/简, width, case,
//         punctuation), or equal but for a generic form word at its end (技术, 关键技术,
//         制备工艺, 平台 …: 可回收测序平台 ~ 可回收测序平台技术). Names that differ anywhere
//         else are different items however alike they look (候选1, 候选2).
//   text  name + summary with weighted similarity at least k_text_similar: rewording;
//         only for texts of k_min_text characters or more, since a few words alone do not
//         tell rewording from a sibling item.
// Names compare by the Jaccard index of character-trigram sets of the comparable text;
// name + summary by the same index weighted by rarity (log N/df over the entries), so
// that the boilerplate all summaries share weighs little and technical terms much.
//
// Candidates come from an inverted index on each entry's rarest trigrams (by document
// frequency among the entries): a reworded text keeps most of its rare technical terms,
// while the common trigrams that every summary shares ("本技术", "有限公") are never
// looked up. Only candidates are compared exactly, so a probe costs the same against a
// thousand entries or a million.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace kczg::match {

inline constexpr std::size_t k_min_text = 30;
inline constexpr double k_text_similar = 0.6;
inline constexpr double k_uscc_text = 0.45;

// A listed entry of an earlier year, or an application of this year, as compared.
struct ListedItem {
  long long id = 0;
  int year = 0;
  std::string list;
  std::string name;         // the technology, enterprise or organisation
  std::string holder;       // who owns it or applies; "" when it is the holder itself
  std::string holder_uscc;  // "" when unknown
  std::string summary;
  // The item is the holder (emerging_enterprise, integration_org): a USCC match alone
  // is a repeat.
  bool holder_is_item = false;
};

enum class DuplicateKind { uscc, name, text };
std::string_view duplicate_kind_name(DuplicateKind kind);

struct DuplicateHit {
  std::size_t entry = 0;  // index into the entries the index was built over
  DuplicateKind kind = DuplicateKind::text;
  double score = 0;                   // the evidence's similarity (1 for an equal name or USCC)
  double text_similarity = 0;         // name + summary (weighted), whatever the kind
  std::vector<std::string> passages;  // shared runs of 4+ characters, longest first, ≤ 5
};

// Whether two comparable names name the same item: equal, or equal but for a generic
// form word ending the longer one, with at least 4 characters left.
bool same_name(std::u32string_view a, std::u32string_view b);

// Similarity of two texts: Jaccard of their comparable trigram sets; 0 when either has
// fewer than 3 characters (and then 1 only if both are equal and non-empty).
double trigram_similarity(std::u32string_view a, std::u32string_view b);

// The runs of `a` (at least min_length characters) whose trigrams all occur in `b`,
// longest first, at most `limit`: what a person reads side by side.
std::vector<std::string> shared_passages(std::u32string_view a, std::u32string_view b,
                                         std::size_t min_length = 4, std::size_t limit = 5);

class DuplicateIndex {
 public:
  // Keeps a view of `entries`, which must outlive the index.
  explicit DuplicateIndex(std::span<const ListedItem> entries);

  // Every entry the probe repeats, best first, one hit per entry (its strongest kind:
  // uscc, then name, then text). `skip` is an entry index to leave out (the probe itself
  // when an index is built over a campaign's own applications), or SIZE_MAX.
  std::vector<DuplicateHit> find(const ListedItem& probe, std::size_t skip = SIZE_MAX) const;

  std::size_t size() const { return m_entries.size(); }

 private:
  std::span<const ListedItem> m_entries;
  std::vector<uint32_t> m_frequency;  // document frequency per trigram bucket
  std::vector<uint32_t> m_offsets;    // CSR: bucket → [offsets[b], offsets[b+1]) in m_postings
  std::vector<uint32_t> m_postings;   // entry indexes
  std::unordered_map<uint64_t, std::vector<uint32_t>> m_by_name;  // comparable name hash
  std::unordered_map<uint64_t, std::vector<uint32_t>> m_by_uscc;
};

}  // namespace kczg::match
