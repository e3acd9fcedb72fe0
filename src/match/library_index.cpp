#include "match/library_index.hpp"

#include <algorithm>
#include <utility>

#include "match/normalise.hpp"

namespace kczg::match {
namespace {

// A character alone keys as (c, 0); no comparable character is 0.
std::uint64_t key_of(char32_t a, char32_t b = 0) { return (std::uint64_t(a) << 32) | b; }

void add_keys(const std::u32string& text, std::vector<std::uint64_t>& keys) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    keys.push_back(key_of(text[i]));
    if (i + 1 < text.size()) keys.push_back(key_of(text[i], text[i + 1]));
  }
}

// Keywords as written, split at spaces (ASCII and ideographic), in comparable form.
std::vector<std::u32string> terms_of(std::string_view text) {
  std::vector<std::u32string> terms;
  std::string word;
  auto flush = [&] {
    if (std::u32string c = comparable(word); !c.empty()) terms.push_back(std::move(c));
    word.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ' ' || text[i] == '\t') {
      flush();
    } else if (text.substr(i, 3) == "\u3000") {
      flush();
      i += 2;
    } else {
      word += text[i];
    }
  }
  flush();
  return terms;
}

int score_in(const std::u32string& text, const std::u32string& term, int weight) {
  return text.find(term) == std::u32string::npos ? 0 : weight;
}

}  // namespace

LibraryIndex::LibraryIndex(std::vector<LibraryProfile> profiles) : m_profiles(std::move(profiles)) {
  m_texts.reserve(m_profiles.size());
  std::vector<std::pair<std::uint64_t, std::uint32_t>> pairs;
  std::vector<std::uint64_t> keys;
  for (std::uint32_t i = 0; i < m_profiles.size(); ++i) {
    const LibraryProfile& p = m_profiles[i];
    Texts t{comparable(p.name), comparable(p.holder), comparable(p.summary)};
    keys.clear();
    add_keys(t.name, keys);
    add_keys(t.holder, keys);
    add_keys(t.summary, keys);
    std::ranges::sort(keys);
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (std::uint64_t k : keys) pairs.emplace_back(k, i);
    m_texts.push_back(std::move(t));
  }
  std::ranges::sort(pairs);  // by key, then profile: each posting list ascending
  m_docs.reserve(pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (i == 0 || pairs[i].first != pairs[i - 1].first) {
      m_keys.push_back(pairs[i].first);
      m_offsets.push_back(std::uint32_t(m_docs.size()));
    }
    m_docs.push_back(pairs[i].second);
  }
  m_offsets.push_back(std::uint32_t(m_docs.size()));
}

void LibraryIndex::set_holder_parts(std::uint32_t i, std::optional<Maturity> maturity,
                                    std::vector<Cooperation> cooperation) {
  m_profiles.at(i).maturity = maturity;
  m_profiles.at(i).cooperation = std::move(cooperation);
}

std::span<const std::uint32_t> LibraryIndex::postings(std::uint64_t key) const {
  auto at = std::ranges::lower_bound(m_keys, key);
  if (at == m_keys.end() || *at != key) return {};
  std::size_t k = std::size_t(at - m_keys.begin());
  return std::span<const std::uint32_t>(m_docs).subspan(m_offsets[k],
                                                        m_offsets[k + 1] - m_offsets[k]);
}

std::vector<std::uint32_t> LibraryIndex::candidates(const std::u32string& term) const {
  std::vector<std::span<const std::uint32_t>> lists;
  if (term.size() == 1) lists.push_back(postings(key_of(term[0])));
  for (std::size_t i = 0; i + 1 < term.size(); ++i) {
    lists.push_back(postings(key_of(term[i], term[i + 1])));
  }
  // The rarest first: the intersection never grows past it.
  std::ranges::sort(lists, {}, &std::span<const std::uint32_t>::size);
  std::vector<std::uint32_t> out(lists.front().begin(), lists.front().end());
  std::vector<std::uint32_t> kept;
  for (std::size_t l = 1; l < lists.size() && !out.empty(); ++l) {
    kept.clear();
    std::ranges::set_intersection(out, lists[l], std::back_inserter(kept));
    out.swap(kept);
  }
  return out;
}

bool LibraryIndex::passes_filters(const LibraryProfile& p, const LibraryQuery& q) const {
  return (q.list.empty() || p.list == q.list) && (q.field.empty() || p.field == q.field) &&
         (q.year == 0 || p.year == q.year) &&
         (q.region.empty() || p.region.starts_with(q.region)) &&
         (!q.maturity || p.maturity == q.maturity);
}

LibraryResults LibraryIndex::search(const LibraryQuery& query) const {
  std::vector<std::u32string> terms = terms_of(query.text);
  std::vector<LibraryHit> hits;
  if (terms.empty()) {
    for (std::uint32_t i = 0; i < m_profiles.size(); ++i) {
      if (passes_filters(m_profiles[i], query)) hits.push_back({i, 0});
    }
  } else {
    // The rarest keyword's candidates, each confirmed against every keyword.
    std::vector<std::uint32_t> pool;
    for (const std::u32string& term : terms) {
      std::vector<std::uint32_t> found = candidates(term);
      if (pool.empty() || found.size() < pool.size()) pool = std::move(found);
      if (pool.empty()) break;
    }
    for (std::uint32_t i : pool) {
      if (!passes_filters(m_profiles[i], query)) continue;
      const Texts& t = m_texts[i];
      int score = 0;
      bool all = true;
      for (const std::u32string& term : terms) {
        int s =
            score_in(t.name, term, 4) + score_in(t.holder, term, 2) + score_in(t.summary, term, 1);
        if (s == 0) {
          all = false;
          break;
        }
        score += s;
      }
      if (all) hits.push_back({i, score});
    }
  }
  LibraryResults results;
  results.total = hits.size();
  auto better = [&](const LibraryHit& a, const LibraryHit& b) {
    if (a.score != b.score) return a.score > b.score;
    const LibraryProfile &x = m_profiles[a.profile], &y = m_profiles[b.profile];
    if (x.year != y.year) return x.year > y.year;
    return x.id < y.id;
  };
  std::size_t end = std::min(hits.size(), query.offset + query.limit);
  if (query.offset >= end) return results;
  std::partial_sort(hits.begin(), hits.begin() + std::ptrdiff_t(end), hits.end(), better);
  results.hits.assign(hits.begin() + std::ptrdiff_t(query.offset),
                      hits.begin() + std::ptrdiff_t(end));
  return results;
}

}  // namespace kczg::match
