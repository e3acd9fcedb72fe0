// Spelling variants of organisation and person names for the planted conflict test: the
// ways applications and experts write the same organisation (company-form suffixes,
// brackets, full width, spaces, short names, aliases, the city left out).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kczg::review::planted {

// Deterministic on every standard library (std::uniform_int_distribution is not).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next() {  // splitmix64
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return std::size_t(next() % n); }
  bool percent(int p) { return int(below(100)) < p; }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }

 private:
  std::uint64_t m_state;
};

// The UTF-8 characters of s, each as a string.
std::vector<std::string> characters(std::string_view s);

// ASCII → full-width forms (U+FF01…), space → ideographic space.
std::string full_width(std::string_view s);

std::string upper(std::string s);

enum class Style { plain, region_prefix, region_bracket, latin, society, institute };

struct Org {
  Style style = Style::plain;
  std::string trade;     // unique: two Han characters, or a Latin word
  std::string industry;  // two Han characters, a Latin word, or 学会/大学…
  std::string extra;     // "" or a longer tail
  std::string region;    // short name, for the region styles
  std::string uscc;
  std::vector<std::string> aliases;  // short names given in the alias table
};

struct Person {
  std::string name;
  bool minority = false;  // written with a middle dot
};

// Variants of an organisation's name. 0–5 are full names (any side may write them);
// 6–8 are what experts write: a short name the prefix rule finds, an alias-table name, the
// name without its city.
constexpr int k_full_variants = 6;
constexpr int k_expert_variants = 9;

// A full name of o in variant v (0–5): suffix changes, brackets, full width, spaces, the
// city in brackets or in front.
std::string full_name(const Org& o, int v);

// An expert's way of writing o (variant 0–8); falls back to a full name where the variant
// does not apply.
std::string expert_name(const Org& o, int v, std::size_t alias);

// A USCC as people type it: spaces, lower case or full width now and then.
std::string written_uscc(const std::string& code, int v);

// A person's name as written (v 0–2): as is, with a space or an ideographic space after the
// surname; for names with a middle dot, the dot as ·, a space or •.
std::string written_person(const Person& p, int v);

// How a reference to an organisation is written: name and USCC, or only one of them.
enum class Mode { both, name_only, uscc_only };

}  // namespace kczg::review::planted
