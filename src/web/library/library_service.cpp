#include "web/library/library_service.hpp"

#include <algorithm>
#include <charconv>

namespace kczg::web {
namespace {

match::LibraryProfile profile_of(const LibraryRecord& r) {
  return {r.id,
          r.year,
          r.list,
          r.field,
          r.name,
          r.holder,
          region_of_uscc(r.holder_uscc),
          r.summary,
          r.parts.maturity,
          r.parts.cooperation};
}

match::Supply supply_of(const LibraryRecord& r) {
  return {r.id,
          r.list == "emerging_enterprise" ? match::SupplyKind::enterprise
                                          : match::SupplyKind::listed_item,
          r.name,
          r.summary,
          {},
          r.field,
          region_of_uscc(r.holder_uscc),
          r.parts.maturity};
}

Result<std::shared_ptr<const LibrarySnapshot>> build(std::vector<LibraryRecord> records,
                                                     LibraryRevision revision) {
  std::vector<match::LibraryProfile> profiles;
  std::vector<match::Supply> supplies;
  profiles.reserve(records.size());
  supplies.reserve(records.size());
  for (const LibraryRecord& r : records) {
    profiles.push_back(profile_of(r));
    supplies.push_back(supply_of(r));
  }
  return std::make_shared<const LibrarySnapshot>(
      LibrarySnapshot{revision, std::move(records), match::LibraryIndex(std::move(profiles)),
                      match::Matcher(std::move(supplies))});
}

Error invalid(std::string_view field, std::string_view value) {
  return make_error(ErrorCode::field_invalid, "field", std::string(field), "detail",
                    std::string(value));
}

bool digits_only(std::string_view s) {
  return std::ranges::all_of(s, [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

const LibraryRecord* LibrarySnapshot::find(long long id) const {
  auto it = std::ranges::lower_bound(records, id, {}, &LibraryRecord::id);
  return it != records.end() && it->id == id ? &*it : nullptr;
}

Result<std::shared_ptr<const LibrarySnapshot>> LibraryCache::current(Store& store) {
  std::lock_guard lock(m_mutex);
  auto revision = store.library_revision();
  if (!revision) return fail(revision.error());
  if (m_snapshot && m_snapshot->revision == *revision) return m_snapshot;
  auto records = store.library_records();
  if (!records) return fail(records.error());
  bool same_entries = m_snapshot && m_snapshot->revision.entries == revision->entries &&
                      m_snapshot->revision.last_entry == revision->last_entry &&
                      m_snapshot->records.size() == records->size();
  if (!same_entries) {
    auto built = build(std::move(*records), *revision);
    if (!built) return fail(built.error());
    m_snapshot = *built;
    return m_snapshot;
  }
  // Only holders' parts changed: the texts' postings are copied, not rebuilt.
  match::LibraryIndex index = m_snapshot->index;
  match::Matcher matcher = m_snapshot->matcher;
  for (std::uint32_t i = 0; i < records->size(); ++i) {
    const HolderParts& parts = (*records)[i].parts;
    if (parts != m_snapshot->records[i].parts) {
      index.set_holder_parts(i, parts.maturity, parts.cooperation);
      matcher.set_maturity(i, parts.maturity);
    }
  }
  m_snapshot = std::make_shared<const LibrarySnapshot>(
      LibrarySnapshot{*revision, std::move(*records), std::move(index), std::move(matcher)});
  return m_snapshot;
}

Result<match::LibraryQuery> library_query(const LibraryParams& p, std::size_t per_page) {
  match::LibraryQuery q;
  q.text = std::string(p.q);
  q.list = std::string(p.list);
  q.field = std::string(p.field);
  if (!p.year.empty()) {
    auto [end, ec] = std::from_chars(p.year.data(), p.year.data() + p.year.size(), q.year);
    if (ec != std::errc{} || end != p.year.data() + p.year.size() || q.year < 1900 ||
        q.year > 2999) {
      return fail(invalid("year", p.year));
    }
  }
  if (!p.region.empty()) {
    if (!digits_only(p.region) ||
        (p.region.size() != 2 && p.region.size() != 4 && p.region.size() != 6)) {
      return fail(invalid("region", p.region));
    }
    q.region = std::string(p.region);
  }
  if (!p.maturity.empty()) {
    q.maturity = maturity_from_name(p.maturity);
    if (!q.maturity) return fail(invalid("maturity", p.maturity));
  }
  std::size_t page = 1;
  if (!p.page.empty()) {
    auto [end, ec] = std::from_chars(p.page.data(), p.page.data() + p.page.size(), page);
    if (ec != std::errc{} || end != p.page.data() + p.page.size() || page < 1 || page > 100000) {
      return fail(invalid("page", p.page));
    }
  }
  q.limit = per_page;
  q.offset = (page - 1) * per_page;
  return q;
}

LibraryParams library_params(const http::Request& request) {
  return {request.query_param("q"),      request.query_param("list"),
          request.query_param("field"),  request.query_param("year"),
          request.query_param("region"), request.query_param("maturity"),
          request.query_param("page")};
}

bool holds_entry(Store& store, const Account& account, const LibraryRecord& record) {
  if (record.application_id == 0 || account.role != Role::applicant || !account.applicant_id) {
    return false;
  }
  auto application = store.application(record.application_id);
  return application && application->applicant_id == account.applicant_id;
}

Result<LibraryRecord> save_holder_parts_as(Store& store, const Account& account, long long id,
                                           const HolderParts& parts, const Actor& actor,
                                           Instant now) {
  auto record = store.library_record(id);
  if (!record) return fail(record.error());
  if (!holds_entry(store, account, *record)) {
    return fail(forbidden_role(account.role));
  }
  return store.save_holder_parts(id, parts, actor, now);
}

}  // namespace kczg::web
