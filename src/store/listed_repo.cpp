// Earlier years' published lists, kept for the formal check's duplicate detection.
#include "store/json_codec.hpp"
#include "store/soci_store.hpp"

namespace kczg::store {

void insert_listed_entries(soci::session& sql, const std::vector<ListedEntry>& entries,
                           Instant now) {
  ListedEntry e;
  soci::indicator application_ind = soci::i_null;
  long long created = to_micros(now);
  soci::statement insert =
      (sql.prepare << "INSERT INTO listed_entries (year, list_code, name, holder, holder_uscc, "
                      "summary, field_code, application_id, created_at) "
                      "VALUES (:y, :l, :n, :h, :u, :s, :f, :a, :t)",
       soci::use(e.year), soci::use(e.list), soci::use(e.name), soci::use(e.holder),
       soci::use(e.holder_uscc), soci::use(e.summary), soci::use(e.field),
       soci::use(e.application_id, application_ind), soci::use(created));
  for (const ListedEntry& entry : entries) {
    e = entry;
    application_ind = e.application_id ? soci::i_ok : soci::i_null;
    insert.execute(true);
  }
}

Result<int> SociStore::add_listed_entries(const std::vector<ListedEntry>& entries,
                                          const Actor& actor, Instant now) {
  return write([&](soci::session& sql) -> Result<int> {
    insert_listed_entries(sql, entries, now);
    // One row for the batch: the table itself is the record of every entry.
    audit(sql, actor, "listed.import", "listed_entries", "{}",
          object_to_json({{"added", std::to_string(entries.size())}}), now);
    return int(entries.size());
  });
}

Result<std::vector<ListedEntry>> SociStore::listed_entries() {
  return read([&](soci::session& sql) -> Result<std::vector<ListedEntry>> {
    std::vector<ListedEntry> out;
    ListedEntry e;
    soci::indicator application_ind = soci::i_null;
    soci::statement st =
        (sql.prepare << "SELECT id, year, list_code, name, holder, holder_uscc, summary, "
                        "field_code, application_id FROM listed_entries ORDER BY id",
         soci::into(e.id), soci::into(e.year), soci::into(e.list), soci::into(e.name),
         soci::into(e.holder), soci::into(e.holder_uscc), soci::into(e.summary),
         soci::into(e.field), soci::into(e.application_id, application_ind));
    st.execute();
    while (st.fetch()) {
      if (application_ind != soci::i_ok) e.application_id = 0;
      out.push_back(e);
    }
    return out;
  });
}

}  // namespace kczg::store
