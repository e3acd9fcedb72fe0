#include "web/notice/notice_service.hpp"

#include <algorithm>
#include <chrono>

#include "web/applications/operations.hpp"

namespace kczg::web {

Result<std::vector<NoticeEntry>> notice_entries(Store& store, const StoredCampaign& stored) {
  ApplicationFilter all;
  auto summaries = store.application_summaries(stored.id, all);
  if (!summaries) return fail(summaries.error());
  const Campaign& c = stored.campaign;
  // Position of a list, and of a field within its list, in the campaign's order.
  auto place = [&](const Application& a) {
    std::size_t list = c.lists.size(), field = 0;
    for (std::size_t i = 0; i < c.lists.size(); ++i) {
      if (c.lists[i].code != a.list) continue;
      list = i;
      for (std::size_t j = 0; j < c.lists[i].fields.size(); ++j) {
        if (c.lists[i].fields[j].code == a.field) field = j;
      }
    }
    return std::pair{list, field};
  };
  std::vector<std::pair<std::pair<std::size_t, std::size_t>, NoticeEntry>> rows;
  for (const ApplicationSummary& s : *summaries) {
    const Application& a = s.application;
    if (a.state != ApplicationState::listed) continue;
    rows.push_back({place(a),
                    {a.id, application_number(c.year, a), a.title, s.applicant_name, s.unit_name,
                     a.list, a.field}});
  }
  std::ranges::sort(rows, [](const auto& x, const auto& y) {
    return std::tie(x.first, x.second.unit, x.second.name, x.second.application_id) <
           std::tie(y.first, y.second.unit, y.second.name, y.second.application_id);
  });
  std::vector<NoticeEntry> out;
  for (auto& [at, entry] : rows) out.push_back(std::move(entry));
  return out;
}

Result<long long> file_public_objection(App& app, long long application, const ObjectionForm& form,
                                        const std::vector<EvidenceFile>& evidence,
                                        std::string_view address, std::vector<Error>* problems) {
  std::vector<Error> found = check_objection(form);
  if (evidence.size() > k_objection_max_attachments) {
    found.push_back(make_error(ErrorCode::field_invalid, "field", "evidence", "detail",
                               "≤ " + std::to_string(k_objection_max_attachments) + " PDF"));
  }
  if (!found.empty()) {
    Error first = found.front();
    if (problems) *problems = std::move(found);
    return fail(std::move(first));
  }
  constexpr std::chrono::seconds k_hour{3600};
  auto hits =
      app.store().throttle_hit("objection:address:" + std::string(address), app.now(), k_hour);
  if (!hits) return fail(hits.error());
  if (*hits > k_objections_per_address_hour) {
    return fail(
        make_error(ErrorCode::objection_throttled, "seconds", std::to_string(k_hour.count())));
  }
  std::vector<ObjectionAttachment> attachments;
  for (const EvidenceFile& f : evidence) {
    auto put = app.blobs().put_pdf(f.name, f.bytes, k_objection_attachment_max_bytes);
    if (!put) {
      if (problems) *problems = {put.error()};
      return fail(put.error());
    }
    attachments.push_back({f.name, put->sha256, static_cast<long long>(put->size)});
  }
  ObjectionForm clean = form;
  auto trim = [](std::string& s) {
    s.erase(0, s.find_first_not_of(" \t\r\n"));
    s.erase(s.find_last_not_of(" \t\r\n") + 1);
  };
  for (std::string* s : {&clean.name, &clean.contact, &clean.organisation, &clean.grounds})
    trim(*s);
  return app.store().file_objection(application, clean, attachments, app.now());
}

Result<Objection> resolve_public_objection(App& app, long long objection, bool upheld,
                                           std::string_view resolution, const Actor& actor) {
  auto stored = app.store().latest_campaign();
  if (!stored) return fail(stored.error());
  auto all = app.store().objections(stored->id);
  if (!all) return fail(all.error());
  auto it = std::ranges::find_if(*all, [&](const Objection& o) { return o.id == objection; });
  std::optional<OutboxMail> mail;
  if (it != all->end() && contact_is_email(it->form.contact)) {
    std::string outcome = upheld ? "upheld" : "dismissed";
    std::vector<std::pair<std::string, std::string>> p{
        {"id", std::to_string(objection)},
        {"application", std::to_string(it->application_id)},
        {"resolution", std::string(resolution)}};
    mail = mail_in_both(it->form.contact, "page.objection_" + outcome, p);
  }
  return app.store().resolve_objection(objection, upheld, resolution, actor, mail, app.now());
}

}  // namespace kczg::web
