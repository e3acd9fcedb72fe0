// Route matching. Routes are few (about a hundred) and matched by a linear scan over
// pre-split patterns; a trie would win nothing measurable next to a database query.
#include <optional>

#include "web/http/http.hpp"

namespace kczg::web::http {
namespace {

// "/a/{id}/b" -> {"a", "{id}", "b"}; "/" -> {}. A trailing slash yields an empty last
// segment, so "/a/" does not match "/a". Targets like "*" (OPTIONS) match nothing.
std::optional<std::vector<std::string_view>> split_path(std::string_view path) {
  if (path.empty() || path.front() != '/') return std::nullopt;
  std::vector<std::string_view> segments;
  path.remove_prefix(1);
  if (path.empty()) return segments;
  while (true) {
    std::size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

bool is_parameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool matches(const std::vector<std::string>& pattern, const std::vector<std::string_view>& path) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (is_parameter(pattern[i]) ? path[i].empty() : pattern[i] != path[i]) return false;
  }
  return true;
}

// True when `a` is more specific than `b`: at the first segment where one has a literal
// and the other a parameter, the literal wins ("/accounts/new" over "/accounts/{id}").
bool more_specific(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    bool a_param = is_parameter(a[i]);
    if (a_param != is_parameter(b[i])) return !a_param;
  }
  return false;
}

}  // namespace

void Router::add(Method method, std::string pattern, Handler handler, std::size_t body_limit,
                 FastHandler fast) {
  std::vector<std::string> segments;
  for (std::string_view segment : split_path(pattern).value_or(std::vector<std::string_view>{})) {
    segments.emplace_back(segment);
  }
  m_entries.push_back(Entry{method, std::move(pattern), std::move(segments), std::move(handler),
                            body_limit, std::move(fast)});
}

Router::Match Router::match(Method method, std::string_view path) const {
  std::optional<std::vector<std::string_view>> split = split_path(path);
  if (!split) return {};
  const std::vector<std::string_view>& segments = *split;
  const Entry* best = nullptr;
  const Entry* best_get = nullptr;  // HEAD falls back to GET when no HEAD route matches
  bool path_known = false;
  for (const Entry& entry : m_entries) {
    if (!matches(entry.segments, segments)) continue;
    path_known = true;
    const Entry** slot = entry.method == method                                  ? &best
                         : method == Method::head && entry.method == Method::get ? &best_get
                                                                                 : nullptr;
    // Registration order breaks ties, so the first of two equal patterns wins.
    if (slot && (!*slot || more_specific(entry.segments, (*slot)->segments))) *slot = &entry;
  }
  if (!best) best = best_get;
  Match result;
  if (!best) {
    result.method_not_allowed = path_known;
    return result;
  }
  result.handler = &best->handler;
  result.body_limit = best->body_limit;
  if (best->fast) result.fast = &best->fast;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string& segment = best->segments[i];
    if (is_parameter(segment)) {
      result.params.emplace(segment.substr(1, segment.size() - 2), std::string(segments[i]));
    }
  }
  return result;
}

std::vector<std::pair<Method, std::string>> Router::routes() const {
  std::vector<std::pair<Method, std::string>> routes;
  routes.reserve(m_entries.size());
  for (const Entry& entry : m_entries) routes.emplace_back(entry.method, entry.pattern);
  return routes;
}

}  // namespace kczg::web::http
