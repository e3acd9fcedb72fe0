// The achievements library's records: published entries joined with what their holders
// keep up to date. The search itself is src/match/library_index.
#include "store/json_codec.hpp"
#include "store/soci_store.hpp"

namespace kczg::store {
namespace {

std::string parts_json(const HolderParts& parts) {
  return object_to_json(
      {{"maturity", parts.maturity ? std::string(maturity_name(*parts.maturity)) : ""},
       {"cooperation", cooperation_codes(parts.cooperation)},
       {"note", parts.note}});
}

// Listed entries with their parts: entry `id`, or all for 0.
std::vector<LibraryRecord> select_records(soci::session& sql, long long id) {
  std::vector<LibraryRecord> out;
  LibraryRecord r;
  int all = id == 0;
  long long application = 0, updated = 0;
  std::string maturity, cooperation, note;
  soci::indicator application_ind = soci::i_null, parts_ind = soci::i_null,
                  cooperation_ind = soci::i_null, note_ind = soci::i_null,
                  updated_ind = soci::i_null;
  soci::statement st =
      (sql.prepare << "SELECT e.id, e.year, e.list_code, e.field_code, e.name, e.holder, "
                      "e.holder_uscc, e.summary, e.application_id, p.maturity, p.cooperation, "
                      "p.note, p.updated_at FROM listed_entries e "
                      "LEFT JOIN library_profiles p ON p.listed_entry_id = e.id "
                      "WHERE (:all = 1 OR e.id = :id) ORDER BY e.id",
       soci::use(all), soci::use(id), soci::into(r.id), soci::into(r.year), soci::into(r.list),
       soci::into(r.field), soci::into(r.name), soci::into(r.holder), soci::into(r.holder_uscc),
       soci::into(r.summary), soci::into(application, application_ind),
       soci::into(maturity, parts_ind), soci::into(cooperation, cooperation_ind),
       soci::into(note, note_ind), soci::into(updated, updated_ind));
  st.execute();
  while (st.fetch()) {
    r.application_id = application_ind == soci::i_ok ? application : 0;
    r.parts = {};
    r.parts_updated_at.reset();
    if (parts_ind == soci::i_ok) {
      r.parts.maturity = maturity_from_name(maturity);
      r.parts.cooperation = cooperation_from_codes(cooperation);
      r.parts.note = note;
      r.parts_updated_at = from_micros(updated);
    }
    out.push_back(r);
  }
  return out;
}

Error entry_missing(long long id) {
  return make_error(ErrorCode::library_entry_not_found, "entry", std::to_string(id));
}

}  // namespace

Result<std::vector<LibraryRecord>> SociStore::library_records() {
  return read([&](soci::session& sql) -> Result<std::vector<LibraryRecord>> {
    return select_records(sql, 0);
  });
}

Result<LibraryRecord> SociStore::library_record(long long id) {
  return read([&](soci::session& sql) -> Result<LibraryRecord> {
    if (id <= 0) return fail(entry_missing(id));
    auto found = select_records(sql, id);
    if (found.empty()) return fail(entry_missing(id));
    return found.front();
  });
}

Result<LibraryRevision> SociStore::library_revision() {
  return read([&](soci::session& sql) -> Result<LibraryRevision> {
    LibraryRevision r;
    sql << "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM listed_entries", soci::into(r.entries),
        soci::into(r.last_entry);
    sql << "SELECT COUNT(*), COALESCE(MAX(updated_at), 0) FROM library_profiles",
        soci::into(r.profiles), soci::into(r.last_update);
    return r;
  });
}

Result<LibraryRecord> SociStore::save_holder_parts(long long id, const HolderParts& parts,
                                                   const Actor& actor, Instant now) {
  if (auto ok = check_holder_parts(parts); !ok) return fail(ok.error());
  return write([&](soci::session& sql) -> Result<LibraryRecord> {
    auto found = id > 0 ? select_records(sql, id) : std::vector<LibraryRecord>{};
    if (found.empty()) return fail(entry_missing(id));
    LibraryRecord before = found.front();
    std::string maturity = parts.maturity ? std::string(maturity_name(*parts.maturity)) : "";
    std::string cooperation = cooperation_codes(parts.cooperation);
    long long at = to_micros(now);
    if (before.parts_updated_at) {
      sql << "UPDATE library_profiles SET maturity = :m, cooperation = :c, note = :n, "
             "updated_at = :t, updated_by = :b WHERE listed_entry_id = :id",
          soci::use(maturity), soci::use(cooperation), soci::use(parts.note), soci::use(at),
          soci::use(actor.name), soci::use(id);
    } else {
      sql << "INSERT INTO library_profiles (listed_entry_id, maturity, cooperation, note, "
             "updated_at, updated_by) VALUES (:id, :m, :c, :n, :t, :b)",
          soci::use(id), soci::use(maturity), soci::use(cooperation), soci::use(parts.note),
          soci::use(at), soci::use(actor.name);
    }
    audit(sql, actor, "library.holder_parts", "listed:" + std::to_string(id),
          parts_json(before.parts), parts_json(parts), now);
    LibraryRecord after = before;
    after.parts = parts;
    after.parts_updated_at = from_micros(at);
    return after;
  });
}

}  // namespace kczg::store
