// Expert ↔ application affinity for preliminary review: BM25 over the experts' profiles,
// queried by each application's text (tokens from review/text.hpp).
//
// An expert's profile is one document: the free-text profile plus the expertise keywords,
// whose term frequencies count keyword_weight times. An application's parts (name,
// summary, key indicators …) together are the query; each distinct term counts once,
// weighted by how often the application uses it, saturating like BM25's k3 term:
//
//   affinity(e, a) = Σ_t  qw(t) · idf(t) · tf(t,e)·(k1+1) / (tf(t,e) + k1·(1 − b + b·|e|/avg|e|))
//   qw(t) = (k3+1)·qtf(t,a) / (k3 + qtf(t,a))
//   idf(t) = max(0, ln((N − df(t) + 0.5) / (df(t) + 0.5)))     (Robertson–Spärck Jones)
//
// The IDF is clamped at zero: a term in half or more of the experts' profiles does not tell
// experts apart and contributes nothing. That keeps the per-application lists sparse and
// means a pool where everyone shares a term ranks on the rarer terms.
// Scores are raw BM25 sums (≥ 0, unbounded); they compare experts for one application.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kczg::review {

struct ExpertProfile {
  std::string profile;                // free text: field, positions, achievements
  std::vector<std::string> keywords;  // expertise keywords (研究方向/专业领域)
};

struct ApplicationText {
  // Name, summary, key indicators …; tokenised separately, so no bigram spans two parts.
  std::vector<std::string> parts;
};

struct AffinityOptions {
  double k1 = 1.2;              // saturation of an expert's term frequency
  double b = 0.75;              // profile length normalisation
  double k3 = 1.2;              // saturation of an application's term frequency
  double keyword_weight = 3.0;  // a keyword occurrence counts as this many profile occurrences
  std::size_t top_n = 0;        // affinities() keeps the best top_n experts; 0 keeps all nonzero
  // TokenizerOptions::han_words for profiles and applications. Off: ICU's dictionary
  // makes a campaign's affinity (bench/affinity_bench: 10,000 applications of ~1,100
  // characters, 2,000 experts, 2 threads) take 2.2–3.4 s instead of 1.3, more with every
  // free-text answer, while the bigrams already hold every such word (top-10 experts agree
  // 97% between the two on the bench's texts).
  bool han_words = false;
  // IDF log(1 + (N − n + 0.5)/(n + 0.5)), which stays positive, instead of BM25's own,
  // which is 0 (clamped) for a term in half the profiles or more. On for small
  // collections, a few open demands, where a shared name is in most of them and still
  // tells; off for expert pools, where such terms (研究, 技术) should count for nothing and
  // skipping their postings keeps queries fast.
  bool smooth_idf = false;
};

struct ExpertAffinity {
  std::uint32_t expert;  // index into the profiles the index was built from
  double affinity;       // > 0
};

struct TermContribution {
  std::string term;  // folded text: a term, or a phrase of the application's text
  double contribution;
};

struct AffinityExplanation {
  double affinity = 0;  // equals AffinityIndex::affinity() for the pair
  // Shared terms, largest contribution first (ties by term); all of them sum to affinity.
  std::vector<TermContribution> terms;
  // The same contributions grouped for people: overlapping shared tokens of the
  // application's text merge into one phrase (人工 工智 智能 → 人工智能), each term credited
  // to the first phrase it occurs in; largest first; they also sum to affinity.
  std::vector<TermContribution> phrases;
};

// Highest affinity first, ties to the lower expert index.
std::vector<ExpertAffinity> best_first(std::vector<ExpertAffinity> affinities);

// An inverted index over the experts' profiles. Immutable after construction; all const
// methods may be called from several threads at once.
class AffinityIndex {
 public:
  // REQUIRES: experts.size() < 2^32.
  explicit AffinityIndex(std::span<const ExpertProfile> experts, AffinityOptions options = {});

  std::size_t expert_count() const { return m_expert_count; }
  std::size_t term_count() const { return m_term_offsets.size() - 1; }

  // Experts with a nonzero affinity for the application, by ascending expert index; only the
  // best options.top_n of them (ties to the lower index) when that is set. Sort with
  // best_first() to show them.
  std::vector<ExpertAffinity> affinities(const ApplicationText& application) const;

  // affinities() for each application, in order, on `threads` threads (≥ 1).
  std::vector<std::vector<ExpertAffinity>> affinities_all(
      std::span<const ApplicationText> applications, unsigned threads = 1) const;

  // One pair's affinity; the same value affinities() gives for it.
  // REQUIRES: expert < expert_count().
  double affinity(std::uint32_t expert, const ApplicationText& application) const;

  // Why a pair scores what it does: at most max_terms terms and phrases (0: all).
  // REQUIRES: expert < expert_count().
  AffinityExplanation explain(std::uint32_t expert, const ApplicationText& application,
                              std::size_t max_terms = 8) const;

 private:
  struct Posting {
    std::uint32_t expert;
    float weight;  // idf · saturated tf; > 0
  };
  struct QueryTerm {
    std::uint32_t term;
    double weight;  // qw(t)
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  // The application's distinct indexed terms, by ascending term id: every scoring path sums
  // in this order, so affinities(), affinity() and explain() agree to the last bit.
  std::vector<QueryTerm> query_terms(const ApplicationText& application) const;
  std::span<const Posting> postings(std::uint32_t term) const;
  std::vector<TermContribution> phrases(const ApplicationText& application,
                                        const std::map<std::uint32_t, double>& shared) const;
  // The term's weight for the expert, 0 when the profile lacks it.
  double weight(std::uint32_t term, std::uint32_t expert) const;
  std::uint32_t find_term(std::string_view text) const;  // k_no_term when absent

  static constexpr std::uint32_t k_no_term = UINT32_MAX;

  AffinityOptions m_options;
  std::size_t m_expert_count = 0;
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> m_term_ids;
  std::vector<const std::string*> m_term_texts;  // by id; keys of m_term_ids (stable)
  // Postings of term t: m_postings[m_term_offsets[t] .. m_term_offsets[t + 1]), by expert.
  std::vector<std::uint32_t> m_term_offsets;
  std::vector<Posting> m_postings;
};

}  // namespace kczg::review
