#include "web/publication/lists_service.hpp"

#include <algorithm>

#include "store/json_codec.hpp"
#include "web/formal/duplicate_check.hpp"

namespace kczg::web {

Result<int> publish_latest(Store& store, const Actor& actor, Instant now) {
  auto stored = store.latest_campaign();
  if (!stored) return fail(stored.error());
  auto summaries = store.application_summaries(stored->id, {});
  if (!summaries) return fail(summaries.error());
  std::vector<ListedEntry> entries;
  for (const ApplicationSummary& s : *summaries) {
    if (s.application.state != ApplicationState::listed) continue;
    auto content = store.application_content(s.application.id);
    if (!content) return fail(content.error());
    // The same texts the formal check reads from this year's applications, so that next
    // year's repeat of one is found as this year's would be.
    match::ListedItem item = item_of(s, store::values_from_json(*content));
    entries.push_back({0, stored->campaign.year, item.list, item.name,
                       item.holder_is_item ? "" : item.holder, item.holder_uscc, item.summary,
                       s.application.field, s.application.id});
  }
  return store.publish_lists(stored->id, entries, actor, now);
}

Result<PublishedLists> published_lists(Store& store, int year) {
  auto all = store.publications();
  if (!all) return fail(all.error());
  auto it = std::ranges::find_if(*all, [&](const Publication& p) { return p.year == year; });
  if (it == all->end()) {
    return fail(make_error(ErrorCode::lists_not_published, "year", std::to_string(year)));
  }
  auto stored = store.campaign_by_id(it->campaign_id);
  if (!stored) return fail(stored.error());
  auto entries = notice_entries(store, *stored);
  if (!entries) return fail(entries.error());
  return PublishedLists{std::move(*stored), *it, std::move(*entries)};
}

}  // namespace kczg::web
