// Publication (发布) as pages and API drive it: the secretariat makes a campaign's lists
// final, and the public reads them year by year — list by list and field by field,
// ordered by recommending unit as the calls publish them, each entry with its public
// record — as pages, an Atom feed, JSON and XLSX/CSV.
#pragma once

#include <optional>
#include <vector>

#include "web/app.hpp"
#include "web/notice/notice_service.hpp"

namespace kczg::web {

// Publishes the latest campaign's lists (Store::publish_lists), the listed applications
// becoming earlier-list entries with the texts the formal check compares.
Result<int> publish_latest(Store& store, const Actor& actor, Instant now);

struct PublishedLists {
  StoredCampaign stored;
  Publication publication;
  std::vector<NoticeEntry> entries;  // only the public fields
};

// The published lists of `year`: lists_not_published {year} when that campaign has none
// (or does not exist).
Result<PublishedLists> published_lists(Store& store, int year);

}  // namespace kczg::web
