// The achievements library (成果库) as pages, API and command line read it: the search
// index each server keeps, renewed when the store's library moves on — a new entry (a
// publication, an import) rebuilds it, a holder's change (made on this server or another)
// refreshes only the holders' parts — and the holder's right to change their entry.
#pragma once

#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "match/demand_match.hpp"
#include "match/library_index.hpp"
#include "store/store.hpp"
#include "web/http/http.hpp"

namespace kczg::web {

struct LibrarySnapshot {
  LibraryRevision revision;
  std::vector<LibraryRecord> records;  // in the index's order, by id
  match::LibraryIndex index;
  match::Matcher matcher;  // the records as supplies for demands, in the same order

  // The record of listed entry `id`, or nullptr.
  const LibraryRecord* find(long long id) const;
};

// Thread-safe: searches share a snapshot; renewing one holds the others back.
class LibraryCache {
 public:
  // The snapshot, renewed first when the store's revision differs from its own.
  Result<std::shared_ptr<const LibrarySnapshot>> current(Store& store);

 private:
  std::mutex m_mutex;
  std::shared_ptr<const LibrarySnapshot> m_snapshot;  // guarded by m_mutex
};

// What a search form or the API sends, as text.
struct LibraryParams {
  std::string_view q, list, field, year, region, maturity, page;
};

// The parameters of a /library or /api/v1/library request (views into it).
LibraryParams library_params(const http::Request& request);

// The query for `params`, `per_page` results to a page (page counts from 1). Errors
// field_invalid {field, detail} for a year, region (2, 4 or 6 digits), maturity or page
// that is none.
Result<match::LibraryQuery> library_query(const LibraryParams& params, std::size_t per_page);

// Whether `account` holds the entry: the applicant whose application was published as it
// (an entry imported from a file has no holder account).
bool holds_entry(Store& store, const Account& account, const LibraryRecord& record);

// Entry `id`'s holder's parts replaced by its holder: the applicant account whose
// application was published as the entry. Errors library_entry_not_found, forbidden {role}
// for anyone else (an entry imported from a file has no holder account), and those of
// Store::save_holder_parts.
Result<LibraryRecord> save_holder_parts_as(Store& store, const Account& account, long long id,
                                           const HolderParts& parts, const Actor& actor,
                                           Instant now);

}  // namespace kczg::web
