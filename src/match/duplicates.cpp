#include "match/duplicates.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

#include "match/normalise.hpp"

namespace kczg::match {
namespace {

constexpr unsigned k_bucket_bits = 22;
constexpr uint32_t k_bucket_mask = (1u << k_bucket_bits) - 1;
constexpr std::size_t k_indexed_per_entry = 8;  // an entry's rarest trigrams it is found by
constexpr std::size_t k_looked_up = 12;         // a probe's rarest trigrams it looks up
constexpr uint32_t k_common = 2000;       // trigrams in more entries than this are never looked up
constexpr std::size_t k_candidates = 16;  // compared exactly, most shared trigrams first

uint64_t mix(uint64_t x) {  // splitmix64's finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// The text's distinct trigram hashes, sorted.
std::vector<uint64_t> trigrams(std::u32string_view text) {
  std::vector<uint64_t> out;
  if (text.size() < 3) return out;
  out.reserve(text.size() - 2);
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    out.push_back(mix((uint64_t(text[i]) << 42) ^ (uint64_t(text[i + 1]) << 21) ^ text[i + 2]));
  }
  std::ranges::sort(out);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.empty() || b.empty()) return 0;
  std::size_t shared = 0;
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (*i < *j) {
      ++i;
    } else if (*j < *i) {
      ++j;
    } else {
      ++shared, ++i, ++j;
    }
  }
  return double(shared) / double(a.size() + b.size() - shared);
}

// How much of the entry the probe repeats: the share of the entry's trigrams, weighted by
// rarity (log N/df), that the probe has too. Weighting makes the boilerplate every summary
// shares ("本项目", "国际先进水平") say little and a technical term or model name much;
// measuring the entry's side makes what the probe adds (new wording, new sentences)
// irrelevant, as it is to whether the entry is repeated.
double weighted_containment(const std::vector<uint64_t>& probe, const std::vector<uint64_t>& entry,
                            const std::vector<uint32_t>& frequency, double documents) {
  double shared = 0, all = 0;
  auto i = probe.begin();
  for (uint64_t g : entry) {
    double w =
        std::log((documents + 1) / (double(frequency[uint32_t(g) & k_bucket_mask]) + 1)) + 0.1;
    all += w;
    while (i != probe.end() && *i < g) ++i;
    if (i != probe.end() && *i == g) shared += w;
  }
  return all > 0 ? shared / all : 0;
}

std::u32string item_text(const ListedItem& item) { return comparable(item.name + item.summary); }

uint64_t text_hash(std::u32string_view text) { return std::hash<std::u32string_view>{}(text); }

// A USCC as compared: ASCII letters upper case, spaces dropped; "" stays "".
std::string uscc_key(std::string_view uscc) {
  std::string out;
  for (char c : uscc) {
    if (c == ' ') continue;
    out += (c >= 'a' && c <= 'z') ? char(c - 'a' + 'A') : c;
  }
  return out;
}

// The item's distinct trigram buckets, rarest first by `frequency`, at most `count`;
// with `seen_only`, only buckets some entry has (a probe's new words find nothing).
std::vector<uint32_t> rarest(const std::vector<uint64_t>& grams,
                             const std::vector<uint32_t>& frequency, std::size_t count,
                             bool seen_only = false) {
  std::vector<uint32_t> buckets;
  buckets.reserve(grams.size());
  for (uint64_t g : grams) {
    uint32_t b = uint32_t(g) & k_bucket_mask;
    if (!seen_only || frequency[b] > 0) buckets.push_back(b);
  }
  std::ranges::sort(buckets);
  buckets.erase(std::unique(buckets.begin(), buckets.end()), buckets.end());
  std::size_t n = std::min(count, buckets.size());
  std::partial_sort(buckets.begin(), buckets.begin() + std::ptrdiff_t(n), buckets.end(),
                    [&](uint32_t a, uint32_t b) {
                      return std::tie(frequency[a], a) < std::tie(frequency[b], b);
                    });
  buckets.resize(n);
  return buckets;
}

// What applicants add to or drop from a name between years without changing the item.
constexpr std::u32string_view k_form_words[] = {U"关键技术", U"技术",         U"制备工艺", U"工艺",
                                                U"系统",     U"平台",         U"方法",     U"装备",
                                                U"及其应用", U"研发及产业化", U"及产业化", U"项目"};

}  // namespace

bool same_name(std::u32string_view a, std::u32string_view b) {
  if (a.empty() || b.empty()) return false;
  if (a == b) return true;
  if (a.size() < b.size()) std::swap(a, b);
  if (b.size() < 4 || !a.starts_with(b)) return false;
  std::u32string_view rest = a.substr(b.size());
  for (std::u32string_view form : k_form_words) {
    if (rest == form) return true;
  }
  return false;
}

std::string_view duplicate_kind_name(DuplicateKind kind) {
  switch (kind) {
    case DuplicateKind::uscc:
      return "uscc";
    case DuplicateKind::name:
      return "name";
    case DuplicateKind::text:
      return "text";
  }
  return "text";
}

double trigram_similarity(std::u32string_view a, std::u32string_view b) {
  if (a.size() < 3 || b.size() < 3) return !a.empty() && a == b ? 1 : 0;
  return jaccard(trigrams(a), trigrams(b));
}

std::vector<std::string> shared_passages(std::u32string_view a, std::u32string_view b,
                                         std::size_t min_length, std::size_t limit) {
  std::vector<uint64_t> in_b = trigrams(b);
  std::vector<std::pair<std::size_t, std::size_t>> runs;  // (length, start) in a
  std::size_t start = 0, covered_to = 0;                  // the current run [start, covered_to)
  for (std::size_t i = 0; i + 2 < a.size(); ++i) {
    uint64_t g = mix((uint64_t(a[i]) << 42) ^ (uint64_t(a[i + 1]) << 21) ^ a[i + 2]);
    if (!std::ranges::binary_search(in_b, g)) continue;
    if (i > covered_to || covered_to == 0) {
      if (covered_to > start) runs.emplace_back(covered_to - start, start);
      start = i;
    }
    covered_to = i + 3;
  }
  if (covered_to > start) runs.emplace_back(covered_to - start, start);
  std::ranges::sort(runs, std::greater<>());
  std::vector<std::string> out;
  for (const auto& [length, at] : runs) {
    if (length < min_length || out.size() == limit) break;
    out.push_back(to_utf8(a.substr(at, length)));
  }
  return out;
}

DuplicateIndex::DuplicateIndex(std::span<const ListedItem> entries)
    : m_entries(entries), m_frequency(std::size_t(1) << k_bucket_bits, 0) {
  // Pass 1: document frequency per bucket, names and USCCs.
  for (std::size_t i = 0; i < entries.size(); ++i) {
    std::vector<uint64_t> grams = trigrams(item_text(entries[i]));
    uint32_t previous = UINT32_MAX;
    std::vector<uint32_t> buckets;
    for (uint64_t g : grams) buckets.push_back(uint32_t(g) & k_bucket_mask);
    std::ranges::sort(buckets);
    for (uint32_t b : buckets) {
      if (b != previous) ++m_frequency[b];
      previous = b;
    }
    if (std::u32string name = comparable(entries[i].name); !name.empty()) {
      m_by_name[text_hash(name)].push_back(uint32_t(i));
    }
    if (std::string uscc = uscc_key(entries[i].holder_uscc); !uscc.empty()) {
      m_by_uscc[std::hash<std::string>{}(uscc)].push_back(uint32_t(i));
    }
  }
  // Pass 2: each entry under its rarest buckets, as compressed rows.
  std::vector<std::vector<uint32_t>> chosen(entries.size());
  m_offsets.assign(m_frequency.size() + 1, 0);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    chosen[i] = rarest(trigrams(item_text(entries[i])), m_frequency, k_indexed_per_entry);
    for (uint32_t b : chosen[i]) ++m_offsets[b + 1];
  }
  for (std::size_t b = 0; b + 1 < m_offsets.size(); ++b) m_offsets[b + 1] += m_offsets[b];
  m_postings.resize(m_offsets.back());
  std::vector<uint32_t> fill(m_offsets.begin(), m_offsets.end() - 1);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    for (uint32_t b : chosen[i]) m_postings[fill[b]++] = uint32_t(i);
  }
}

std::vector<DuplicateHit> DuplicateIndex::find(const ListedItem& probe, std::size_t skip) const {
  const std::u32string name = comparable(probe.name);
  const std::u32string text = comparable(probe.name + probe.summary);
  const std::vector<uint64_t> grams = trigrams(text);
  const std::string uscc = uscc_key(probe.holder_uscc);

  // Candidates: same USCC, same name, and entries sharing the probe's rarest trigrams.
  std::unordered_map<uint32_t, int> shared;
  for (uint32_t b : rarest(grams, m_frequency, k_looked_up, true)) {
    if (m_frequency[b] > k_common) continue;
    for (uint32_t p = m_offsets[b]; p < m_offsets[b + 1]; ++p) ++shared[m_postings[p]];
  }
  std::vector<std::pair<int, uint32_t>> ranked;
  ranked.reserve(shared.size());
  for (const auto& [entry, count] : shared) ranked.emplace_back(count, entry);
  std::size_t keep = std::min(k_candidates, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + std::ptrdiff_t(keep), ranked.end(),
                    std::greater<>());
  std::vector<uint32_t> candidates;
  for (std::size_t k = 0; k < keep; ++k) candidates.push_back(ranked[k].second);
  if (!name.empty()) {
    if (auto it = m_by_name.find(text_hash(name)); it != m_by_name.end()) {
      candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    }
  }
  if (!uscc.empty()) {
    if (auto it = m_by_uscc.find(std::hash<std::string>{}(uscc)); it != m_by_uscc.end()) {
      candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    }
  }
  std::ranges::sort(candidates);
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

  std::vector<DuplicateHit> hits;
  for (uint32_t i : candidates) {
    if (i == skip) continue;
    const ListedItem& entry = m_entries[i];
    std::u32string entry_text = item_text(entry);
    std::u32string entry_name = comparable(entry.name);
    DuplicateHit hit;
    hit.entry = i;
    hit.text_similarity =
        weighted_containment(grams, trigrams(entry_text), m_frequency, double(m_entries.size()));
    bool same_holder = !uscc.empty() && uscc == uscc_key(entry.holder_uscc);
    if (same_holder &&
        (probe.holder_is_item || entry.holder_is_item || hit.text_similarity >= k_uscc_text)) {
      hit.kind = DuplicateKind::uscc;
      hit.score = 1;
    } else if (same_name(name, entry_name)) {
      hit.kind = DuplicateKind::name;
      hit.score = name == entry_name ? 1 : 0.9;
    } else if (hit.text_similarity >= k_text_similar && text.size() >= k_min_text &&
               entry_text.size() >= k_min_text) {
      hit.kind = DuplicateKind::text;
      hit.score = hit.text_similarity;
    } else {
      continue;
    }
    hit.passages = shared_passages(text, entry_text);
    hits.push_back(std::move(hit));
  }
  std::ranges::sort(hits, [](const DuplicateHit& a, const DuplicateHit& b) {
    return std::tie(a.kind, b.score, a.entry) < std::tie(b.kind, a.score, b.entry);
  });
  return hits;
}

}  // namespace kczg::match
