// Drafts and their attachments: what an applicant changes before submitting.
#include "blobs/blob_store.hpp"
#include "store/json_codec.hpp"
#include "store/soci_store.hpp"

namespace kczg::store {

namespace {

bool editable(ApplicationState state) {
  return state == ApplicationState::draft || state == ApplicationState::returned;
}

Error locked(const Application& app) {
  return make_error(ErrorCode::application_locked, "application", std::to_string(app.id), "state",
                    std::string(state_name(app.state)));
}

// The autosave's own statements, kept prepared: a deadline night is mostly autosaves, each
// one a write transaction behind SQLite's single writer, so what runs inside it is kept to
// one read of the row, one of its values, one update and one audit row.
struct ContentQuery : PreparedQuery {
  long long id = 0;
  std::string content;
  soci::statement st;

  explicit ContentQuery(soci::session& sql)
      : st((sql.prepare << "SELECT content FROM applications WHERE id = :id", soci::use(id),
            soci::into(content))) {}
};

struct DraftUpdate : PreparedQuery {
  std::string title, field, content;
  long long unit_id = 0, updated = 0, id = 0;
  soci::indicator unit_ind = soci::i_ok;
  soci::statement st;

  explicit DraftUpdate(soci::session& sql)
      : st((sql.prepare << "UPDATE applications SET title = :t, field_code = :f, unit_id = :u, "
                           "content = :c, updated_at = :up WHERE id = :id",
            soci::use(title), soci::use(field), soci::use(unit_id, unit_ind), soci::use(content),
            soci::use(updated), soci::use(id))) {}
};

}  // namespace

Result<Application> SociStore::save_draft(long long application_id, const Draft& draft,
                                          const Actor& actor, Instant now) {
  return write([&](soci::session& sql) -> Result<Application> {
    auto app = load_application(sql, application_id);
    if (!app) return fail(app.error());
    if (!editable(app->state)) return fail(locked(*app));
    std::string content = load_content(sql, application_id);
    if (draft.title == app->title && draft.field == app->field && draft.unit_id == app->unit_id &&
        draft.content == content) {
      return *app;
    }
    if (draft.field != app->field) {
      auto campaign = load_campaign(sql, app->campaign_id);
      if (!campaign) return fail(campaign.error());
      if (auto list = check_list_field(*campaign, app->list, draft.field); !list) {
        return fail(list.error());
      }
    }
    if (draft.unit_id && draft.unit_id != app->unit_id) {
      int exists = 0;
      long long unit_id = draft.unit_id;
      sql << "SELECT COUNT(*) FROM units WHERE id = :u", soci::use(unit_id), soci::into(exists);
      if (!exists) {
        return fail(make_error(ErrorCode::unit_not_found, "unit", std::to_string(draft.unit_id)));
      }
    }
    DraftUpdate& update = statements(sql).get<DraftUpdate>(sql);
    update.title = draft.title;
    update.field = draft.field;
    update.unit_id = draft.unit_id;
    update.unit_ind = draft.unit_id ? soci::i_ok : soci::i_null;
    update.content = draft.content;
    update.updated = to_micros(now);
    update.id = application_id;
    update.st.execute(true);
    // The audit row names what changed and a digest of the values, not the values: a
    // draft is saved every few seconds and may hold business secrets.
    audit(sql, actor, "application.save", "application:" + std::to_string(application_id),
          object_to_json({{"title", app->title},
                          {"field", app->field},
                          {"unit", std::to_string(app->unit_id)},
                          {"content_sha256", blobs::sha256_hex(content)}}),
          object_to_json({{"title", draft.title},
                          {"field", draft.field},
                          {"unit", std::to_string(draft.unit_id)},
                          {"content_sha256", blobs::sha256_hex(draft.content)}}),
          now);
    Application saved = std::move(*app);
    saved.title = draft.title;
    saved.field = draft.field;
    saved.unit_id = draft.unit_id;
    saved.updated_at = now;
    return saved;
  });
}

Result<std::string> SociStore::application_content(long long application_id) {
  return read([&](soci::session& sql) -> Result<std::string> {
    std::string content;
    sql << "SELECT content FROM applications WHERE id = :id", soci::use(application_id),
        soci::into(content);
    if (!sql.got_data()) {
      return fail(make_error(ErrorCode::application_not_found, "application",
                             std::to_string(application_id)));
    }
    return content;
  });
}

namespace {

struct AttachmentsQuery : PreparedQuery {
  long long application_id = 0, uploaded = 0;
  Attachment a;
  soci::statement st;

  explicit AttachmentsQuery(soci::session& sql)
      : st((sql.prepare << "SELECT kind, name, sha256, size, created_at FROM attachments "
                           "WHERE application_id = :a ORDER BY kind",
            soci::use(application_id), soci::into(a.kind), soci::into(a.name), soci::into(a.sha256),
            soci::into(a.size), soci::into(uploaded))) {}
};

}  // namespace

std::vector<Attachment> SociStore::load_attachments(soci::session& sql, long long application_id) {
  AttachmentsQuery& q = statements(sql).get<AttachmentsQuery>(sql);
  q.application_id = application_id;
  q.st.execute();
  std::vector<Attachment> out;
  while (q.st.fetch()) {
    q.a.uploaded_at = from_micros(q.uploaded);
    out.push_back(q.a);
  }
  return out;
}

std::string SociStore::load_content(soci::session& sql, long long application_id) {
  ContentQuery& q = statements(sql).get<ContentQuery>(sql);
  q.id = application_id;
  q.content = "{}";
  q.st.execute(true);
  finish(q.st);
  return std::move(q.content);
}

Result<std::vector<Attachment>> SociStore::attachments(long long application_id) {
  return read([&](soci::session& sql) -> Result<std::vector<Attachment>> {
    return load_attachments(sql, application_id);
  });
}

Result<void> SociStore::put_attachment(long long application_id, const Attachment& attachment,
                                       const Actor& actor, Instant now) {
  return write([&](soci::session& sql) -> Result<void> {
    auto app = load_application(sql, application_id);
    if (!app) return fail(app.error());
    if (!editable(app->state)) return fail(locked(*app));
    std::string before = "{}";
    for (const Attachment& old : load_attachments(sql, application_id)) {
      if (old.kind == attachment.kind) {
        before = object_to_json({{"kind", old.kind}, {"name", old.name}, {"sha256", old.sha256}});
      }
    }
    sql << "DELETE FROM attachments WHERE application_id = :a AND kind = :k",
        soci::use(application_id), soci::use(attachment.kind);
    long long created = to_micros(now);
    sql << "INSERT INTO attachments (application_id, kind, name, sha256, size, created_at) "
           "VALUES (:a, :k, :n, :s, :z, :t)",
        soci::use(application_id), soci::use(attachment.kind), soci::use(attachment.name),
        soci::use(attachment.sha256), soci::use(attachment.size), soci::use(created);
    sql << "UPDATE applications SET updated_at = :t WHERE id = :id", soci::use(created),
        soci::use(application_id);
    audit(sql, actor, "application.attach", "application:" + std::to_string(application_id), before,
          object_to_json({{"kind", attachment.kind},
                          {"name", attachment.name},
                          {"sha256", attachment.sha256},
                          {"size", std::to_string(attachment.size)}}),
          now);
    return {};
  });
}

}  // namespace kczg::store
