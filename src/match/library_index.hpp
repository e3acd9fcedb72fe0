// The achievements library's search (成果库检索): published entries found by keywords —
// Chinese terms of one or two characters too, 繁 or 简, full- or half-width — and filtered
// by list, field, year, region and maturity.
//
// Every profile's name, holder and summary are kept in comparable form (match/normalise:
// simplified, folded, letters, digits and Han only), and every character and every pair
// of adjacent characters points to the profiles containing it. A keyword is looked up by
// its rarest pairs (its character, when it has one), and each candidate is confirmed by
// finding the keyword in its text, so a hit always contains the keyword as written and
// nothing that contains it is missed. Where it is found ranks the hit: in the name before
// the holder before the summary; then newer years first.
//
// Built once over all profiles and then only read; search is const and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/library.hpp"

namespace kczg::match {

// A published entry as the library shows it: the published record (list, field, year,
// name, holder, region, summary) and the parts the holder keeps up to date.
struct LibraryProfile {
  long long id = 0;  // the listed entry's
  int year = 0;
  std::string list;
  std::string field;   // "" for a list without fields, or an entry imported without one
  std::string name;    // the technology, enterprise or organisation
  std::string holder;  // "" when the item is the holder
  std::string region;  // 6-digit GB/T 2260 code, "" when unknown
  std::string summary;
  std::optional<Maturity> maturity;      // the holder's; nullopt until stated
  std::vector<Cooperation> cooperation;  // sought, the holder's
};

struct LibraryQuery {
  std::string text;    // keywords separated by spaces, all required; "" for every profile
  std::string list;    // "" for any
  std::string field;   // "" for any
  std::string region;  // a code prefix: "33" a province, "3303" a city, "330302" a county
  int year = 0;        // 0 for any
  std::optional<Maturity> maturity;
  std::size_t offset = 0;
  std::size_t limit = 20;
};

struct LibraryHit {
  std::uint32_t profile = 0;  // index into the profiles the index was built over
  int score = 0;              // where the keywords occur: name 4, holder 2, summary 1 each
};

struct LibraryResults {
  std::size_t total = 0;  // every match, of which `hits` are offset .. offset + limit
  std::vector<LibraryHit> hits;
};

class LibraryIndex {
 public:
  explicit LibraryIndex(std::vector<LibraryProfile> profiles);

  LibraryResults search(const LibraryQuery& query) const;

  const std::vector<LibraryProfile>& profiles() const { return m_profiles; }

  // The holder's parts of profile `i` changed (they are filters, never searched text):
  // for a copy of the index about to replace the one readers use.
  void set_holder_parts(std::uint32_t i, std::optional<Maturity> maturity,
                        std::vector<Cooperation> cooperation);

 private:
  struct Texts {
    std::u32string name, holder, summary;
  };
  // The profiles whose texts contain every character pair (or the character) of `term`,
  // ascending, before confirming.
  std::vector<std::uint32_t> candidates(const std::u32string& term) const;
  std::span<const std::uint32_t> postings(std::uint64_t key) const;
  bool passes_filters(const LibraryProfile& p, const LibraryQuery& q) const;

  std::vector<LibraryProfile> m_profiles;
  std::vector<Texts> m_texts;
  // Sorted keys (a character or a pair of them) and, for each, its profiles ascending.
  std::vector<std::uint64_t> m_keys;
  std::vector<std::uint32_t> m_offsets;  // m_keys.size() + 1
  std::vector<std::uint32_t> m_docs;
};

}  // namespace kczg::match
