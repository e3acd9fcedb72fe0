// The words `kczg simulate` writes with: six technical themes (one per pioneer-technology
// field, which the other lists borrow by industry), provinces and cities with their
// division codes, and the builders of names, codes and paragraphs. Pure; every name is
// generated, none is copied from a real list.
#pragma once

#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cli/simulate_world.hpp"

namespace kczg::cli::sim {

struct Theme {
  std::string_view field;                  // pioneer_tech field code
  std::string_view industry;               // emerging_enterprise's strategic industry option
  std::string_view key_industry;           // integration_org's key industry option
  std::vector<std::string_view> subjects;  // technologies, none ending in a form word
  std::vector<std::string_view> methods;   // key techniques
  std::vector<std::string_view> scenes;    // where they are used
  std::vector<std::string_view> keywords;  // experts' expertise
  std::vector<std::string_view> trades;    // company-name trade words ("微电子")
};

// The six themes, in the order of the pioneer-technology fields.
std::span<const Theme> themes();
// The theme of a pioneer field code; the first theme for any other code.
const Theme& theme_of(std::string_view field);

struct Place {
  std::string_view county;  // 6-digit GB/T 2260 code of a district or county
  std::string_view city;    // short city name, for company names ("深圳")
};

struct Province {
  std::string_view code;  // 6-digit province code ("440000")
  std::string_view name;  // "广东省"
  double weight;          // share of applicants
  std::vector<Place> places;
};

std::span<const Province> provinces();

struct City {
  std::string_view code;  // 6-digit city (or municipality) code
  std::string_view name;  // "苏州市"
};

// Cities that pilot-city units come from.
std::span<const City> pilot_cities();

// A USCC with a correct check digit: registration authority and category (`kind`, e.g.
// "91" for an enterprise, "51" a social organisation, "12" a public institution), the
// region, nine random characters.
std::string make_uscc(Random& random, std::string_view kind, std::string_view region);

// Names, each new within `taken` (which records it).
std::string company_name(Random& random, std::string_view city, const Theme& theme,
                         std::set<std::string>& taken);
// A venture-capital firm, for the investment sector's experts.
std::string fund_name(Random& random, std::string_view city, std::set<std::string>& taken);
std::string person_name(Random& random, std::set<std::string>& taken);
std::string technology_name(Random& random, const Theme& theme, std::set<std::string>& taken);
// A university or research institute of the shared pool that applicants and experts
// both come from (so that conflicts of interest arise as they do in life).
std::string_view institution(std::size_t index);
std::size_t institution_count();

// A paragraph about `subject` in `theme` of at least `min` and at most `max` characters
// (Unicode), assembled from sentences of the given kind.
enum class Paragraph {
  summary,
  innovation,
  indicators,
  validation,
  market,
  company,
  service,
  venture,
  record
};
std::string paragraph(Random& random, const Theme& theme, std::string_view subject, Paragraph kind,
                      long long min, long long max);

// A detail only this item has (a model number, a measured figure), as real summaries
// carry: what tells two items of one subject apart.
std::string detail(Random& random);

// The same text reworded as applicants reword: its sentences in another order, some
// connectives changed. Rare technical terms stay, as they do in life.
std::string reword(Random& random, std::string_view text);
// The text in traditional characters (for the characters this vocabulary uses), as an
// entry from Taiwan or Hong Kong would spell it.
std::string to_traditional(std::string_view text);

// Unicode characters in `text`.
std::size_t characters(std::string_view text);

}  // namespace kczg::cli::sim
