#include "review/affinity.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <thread>

#include "review/text.hpp"

namespace kczg::review {
namespace {

struct TermCount {
  std::uint32_t term;
  double count;
};

// The counts by term, equal terms summed.
std::vector<TermCount> merged(std::vector<TermCount> counts) {
  std::sort(counts.begin(), counts.end(),
            [](const TermCount& x, const TermCount& y) { return x.term < y.term; });
  std::size_t out = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (out > 0 && counts[out - 1].term == counts[i].term) {
      counts[out - 1].count += counts[i].count;
    } else {
      counts[out++] = counts[i];
    }
  }
  counts.resize(out);
  return counts;
}

// Lambdas rather than functions, so that std::sort and std::nth_element inline them.
constexpr auto better = [](const ExpertAffinity& x, const ExpertAffinity& y) {
  return x.affinity != y.affinity ? x.affinity > y.affinity : x.expert < y.expert;
};

constexpr auto larger = [](const TermContribution& x, const TermContribution& y) {
  return x.contribution != y.contribution ? x.contribution > y.contribution : x.term < y.term;
};

}  // namespace

AffinityIndex::AffinityIndex(std::span<const ExpertProfile> experts, AffinityOptions options)
    : m_options(options), m_expert_count(experts.size()) {
  // Profiles as term counts: terms numbered on first sight.
  Tokenizer tokenizer;
  std::vector<std::vector<TermCount>> profiles(experts.size());
  std::vector<double> lengths(experts.size(), 0.0);
  auto count_tokens = [&](std::string_view text, double weight, std::vector<TermCount>& counts) {
    for (const Token& token : tokenizer.tokenize(text, {.han_words = options.han_words})) {
      auto found = m_term_ids.find(token.text);
      if (found == m_term_ids.end()) {
        found =
            m_term_ids.emplace(std::string(token.text), std::uint32_t(m_term_texts.size())).first;
        m_term_texts.push_back(&found->first);
      }
      counts.push_back({found->second, weight});
    }
  };
  for (std::size_t e = 0; e < experts.size(); ++e) {
    count_tokens(experts[e].profile, 1.0, profiles[e]);
    for (const std::string& keyword : experts[e].keywords) {
      count_tokens(keyword, options.keyword_weight, profiles[e]);
    }
    profiles[e] = merged(std::move(profiles[e]));
    for (const TermCount& c : profiles[e]) lengths[e] += c.count;
  }

  const std::size_t terms = m_term_texts.size();
  std::vector<std::uint32_t> df(terms, 0);
  double total_length = 0;
  for (std::size_t e = 0; e < experts.size(); ++e) {
    for (const TermCount& c : profiles[e]) ++df[c.term];
    total_length += lengths[e];
  }
  const double n = double(experts.size());
  const double average_length = total_length > 0 ? total_length / n : 1.0;
  std::vector<double> idf(terms);
  for (std::size_t t = 0; t < terms; ++t) {
    double odds = (n - df[t] + 0.5) / (df[t] + 0.5);
    idf[t] = options.smooth_idf ? std::log1p(odds) : std::max(0.0, std::log(odds));
  }

  // Postings by term (counting sort), each term's list in expert order; zero-IDF terms keep
  // an empty list so that queries still recognise them and skip them.
  m_term_offsets.assign(terms + 1, 0);
  for (std::size_t t = 0; t < terms; ++t) m_term_offsets[t + 1] = idf[t] > 0 ? df[t] : 0;
  for (std::size_t t = 0; t < terms; ++t) m_term_offsets[t + 1] += m_term_offsets[t];
  m_postings.resize(m_term_offsets[terms]);
  std::vector<std::uint32_t> fill(m_term_offsets.begin(), m_term_offsets.end() - 1);
  const double k1 = options.k1;
  for (std::size_t e = 0; e < experts.size(); ++e) {
    const double norm = k1 * (1 - options.b + options.b * lengths[e] / average_length);
    for (const TermCount& c : profiles[e]) {
      if (idf[c.term] <= 0) continue;
      double w = idf[c.term] * c.count * (k1 + 1) / (c.count + norm);
      m_postings[fill[c.term]++] = {std::uint32_t(e), float(w)};
    }
  }
}

std::uint32_t AffinityIndex::find_term(std::string_view text) const {
  auto found = m_term_ids.find(text);
  return found == m_term_ids.end() ? k_no_term : found->second;
}

std::span<const AffinityIndex::Posting> AffinityIndex::postings(std::uint32_t term) const {
  return {m_postings.data() + m_term_offsets[term], m_postings.data() + m_term_offsets[term + 1]};
}

double AffinityIndex::weight(std::uint32_t term, std::uint32_t expert) const {
  auto list = postings(term);
  auto at = std::lower_bound(list.begin(), list.end(), expert,
                             [](const Posting& p, std::uint32_t e) { return p.expert < e; });
  return at != list.end() && at->expert == expert ? double(at->weight) : 0.0;
}

std::vector<AffinityIndex::QueryTerm> AffinityIndex::query_terms(
    const ApplicationText& application) const {
  thread_local Tokenizer tokenizer;
  std::vector<TermCount> counts;
  for (const std::string& part : application.parts) {
    for (const Token& token : tokenizer.tokenize(part, {.han_words = m_options.han_words})) {
      std::uint32_t term = find_term(token.text);
      if (term != k_no_term && !postings(term).empty()) counts.push_back({term, 1.0});
    }
  }
  counts = merged(std::move(counts));
  std::vector<QueryTerm> terms;
  terms.reserve(counts.size());
  const double k3 = m_options.k3;
  for (const TermCount& c : counts) terms.push_back({c.term, (k3 + 1) * c.count / (k3 + c.count)});
  return terms;
}

std::vector<ExpertAffinity> best_first(std::vector<ExpertAffinity> affinities) {
  std::sort(affinities.begin(), affinities.end(), better);
  return affinities;
}

std::vector<ExpertAffinity> AffinityIndex::affinities(const ApplicationText& application) const {
  // A dense score per expert, scanned once at the end: cheaper than tracking which experts
  // a query touched while the panel has thousands of experts, not millions.
  thread_local std::vector<double> scores;
  scores.assign(m_expert_count, 0.0);
  for (const QueryTerm& q : query_terms(application)) {
    for (const Posting& p : postings(q.term)) scores[p.expert] += q.weight * double(p.weight);
  }
  std::vector<ExpertAffinity> found;
  for (std::uint32_t e = 0; e < m_expert_count; ++e) {
    if (scores[e] > 0) found.push_back({e, scores[e]});
  }
  const std::size_t keep = m_options.top_n;
  if (keep > 0 && keep < found.size()) {
    std::nth_element(found.begin(), found.begin() + std::ptrdiff_t(keep - 1), found.end(), better);
    found.resize(keep);
    std::sort(found.begin(), found.end(),
              [](const ExpertAffinity& x, const ExpertAffinity& y) { return x.expert < y.expert; });
  }
  return found;
}

std::vector<std::vector<ExpertAffinity>> AffinityIndex::affinities_all(
    std::span<const ApplicationText> applications, unsigned threads) const {
  std::vector<std::vector<ExpertAffinity>> found(applications.size());
  // Small chunks from a shared counter: applications differ in length, so fixed halves
  // would leave one thread idle.
  constexpr std::size_t k_chunk = 32;
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t begin; (begin = next.fetch_add(k_chunk)) < applications.size();) {
      std::size_t end = std::min(begin + k_chunk, applications.size());
      for (std::size_t a = begin; a < end; ++a) found[a] = affinities(applications[a]);
    }
  };
  std::vector<std::jthread> helpers;
  for (unsigned t = 1; t < std::max(threads, 1u); ++t) helpers.emplace_back(work);
  work();
  return found;
}

double AffinityIndex::affinity(std::uint32_t expert, const ApplicationText& application) const {
  double sum = 0;
  for (const QueryTerm& q : query_terms(application)) sum += q.weight * weight(q.term, expert);
  return sum;
}

// Spans of shared tokens in the application's folded text, merged where they overlap
// (bigrams of one Han run overlap by a character; a Han word covers its bigrams).
std::vector<TermContribution> AffinityIndex::phrases(
    const ApplicationText& application, const std::map<std::uint32_t, double>& shared) const {
  struct Span {
    std::size_t begin, end;
    std::uint32_t term;
  };
  Tokenizer tokenizer;
  std::map<std::string, double> credits;
  std::map<std::uint32_t, double> uncredited = shared;
  for (const std::string& part : application.parts) {
    auto tokens = tokenizer.tokenize(part, {.han_words = m_options.han_words});
    const std::string_view folded = tokenizer.folded();
    std::vector<Span> spans;
    for (const Token& token : tokens) {
      std::uint32_t term = find_term(token.text);
      if (term == k_no_term || !shared.contains(term)) continue;
      auto begin = std::size_t(token.text.data() - folded.data());
      spans.push_back({begin, begin + token.text.size(), term});
    }
    std::sort(spans.begin(), spans.end(),
              [](const Span& x, const Span& y) { return x.begin < y.begin; });
    for (std::size_t i = 0, j = 0; i < spans.size(); i = j) {
      std::size_t end = spans[i].end;
      double credit = 0;
      for (j = i; j < spans.size() && spans[j].begin < end; ++j) {
        end = std::max(end, spans[j].end);
        if (auto found = uncredited.find(spans[j].term); found != uncredited.end()) {
          credit += found->second;
          uncredited.erase(found);
        }
      }
      if (credit > 0)
        credits[std::string(folded.substr(spans[i].begin, end - spans[i].begin))] += credit;
    }
  }
  std::vector<TermContribution> out;
  for (const auto& [text, contribution] : credits) out.push_back({text, contribution});
  return out;
}

AffinityExplanation AffinityIndex::explain(std::uint32_t expert, const ApplicationText& application,
                                           std::size_t max_terms) const {
  AffinityExplanation explanation;
  std::map<std::uint32_t, double> shared;  // term → contribution
  for (const QueryTerm& q : query_terms(application)) {
    double w = weight(q.term, expert);
    if (w <= 0) continue;
    explanation.affinity += q.weight * w;
    shared.emplace(q.term, q.weight * w);
  }
  for (const auto& [term, contribution] : shared) {
    explanation.terms.push_back({*m_term_texts[term], contribution});
  }

  explanation.phrases = phrases(application, shared);
  for (auto* list : {&explanation.terms, &explanation.phrases}) {
    std::sort(list->begin(), list->end(), larger);
    if (max_terms > 0 && list->size() > max_terms) list->resize(max_terms);
  }
  return explanation;
}

}  // namespace kczg::review
