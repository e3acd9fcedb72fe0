// A string → 32-bit value multimap in two flat arrays, for indexes built once and then only
// read (conflict detection's organisation, person and id indexes).
//
// Hundreds of thousands of short keys (every name prefix) as std::unordered_map<std::string,
// std::vector> nodes cost an allocation each to build and to free, which was most of the
// time conflict detection took; here they are one arena and one sorted vector.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kczg::review {

// Not thread-safe while adding; after freeze(), const methods may run on many threads.
class TokenIndex {
 public:
  void add(std::string_view key, std::uint32_t value) {
    m_entries.push_back(
        {hash(key), std::uint32_t(m_keys.size()), std::uint32_t(key.size()), value});
    m_keys.append(key);
  }

  // Sorts the entries and drops repeated (key, value) pairs.
  // REQUIRES: called once, after the last add() and before the first find().
  void freeze() {
    auto order = [&](const Entry& x, const Entry& y) {
      if (x.hash != y.hash) return x.hash < y.hash;
      if (int c = key(x).compare(key(y)); c != 0) return c < 0;
      return x.value < y.value;
    };
    std::sort(m_entries.begin(), m_entries.end(), order);
    auto same = [&](const Entry& x, const Entry& y) {
      return x.hash == y.hash && x.value == y.value && key(x) == key(y);
    };
    m_entries.erase(std::unique(m_entries.begin(), m_entries.end(), same), m_entries.end());
  }

  // Calls on_value(value) for every value added under key, ascending. The key itself is
  // compared, so a hash collision never matches.
  template <typename F>
  void find(std::string_view k, F&& on_value) const {
    std::uint64_t h = hash(k);
    auto at = std::lower_bound(m_entries.begin(), m_entries.end(), h,
                               [](const Entry& e, std::uint64_t v) { return e.hash < v; });
    for (; at != m_entries.end() && at->hash == h; ++at) {
      if (key(*at) == k) on_value(at->value);
    }
  }

 private:
  struct Entry {
    std::uint64_t hash;
    std::uint32_t key_offset;
    std::uint32_t key_size;
    std::uint32_t value;
  };

  static std::uint64_t hash(std::string_view key) { return std::hash<std::string_view>{}(key); }
  std::string_view key(const Entry& e) const {
    return std::string_view(m_keys).substr(e.key_offset, e.key_size);
  }

  std::vector<Entry> m_entries;
  std::string m_keys;  // all keys, back to back
};

}  // namespace kczg::review
