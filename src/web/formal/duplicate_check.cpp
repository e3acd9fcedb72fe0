#include "web/formal/duplicate_check.hpp"

#include "domain/application_form.hpp"
#include "store/json_codec.hpp"

namespace kczg::web {
namespace {

bool checked(ApplicationState state) {
  return state != ApplicationState::draft && state != ApplicationState::withdrawn;
}

}  // namespace

match::ListedItem item_of(const ApplicationSummary& s,
                          const std::map<std::string, std::string>& values) {
  match::ListedItem item;
  item.id = s.application.id;
  item.list = s.application.list;
  item.name = s.application.title;
  item.holder = s.applicant_name;
  item.holder_uscc = s.applicant_uscc;
  // The paragraphs of the form, in its order: what the item is and does.
  if (const ApplicationForm* form = form_for(s.application.list)) {
    for (const FormSection& section : form->sections) {
      for (const FormField& f : section.fields) {
        if (f.type != FormFieldType::textarea) continue;
        if (auto v = values.find(f.name); v != values.end()) item.summary += v->second;
      }
    }
  }
  item.holder_is_item =
      s.application.list == "emerging_enterprise" || s.application.list == "integration_org";
  return item;
}

Result<std::vector<DuplicateFinding>> campaign_duplicates(Store& store,
                                                          const StoredCampaign& stored) {
  auto listed = store.listed_entries();
  if (!listed) return fail(listed.error());
  std::vector<match::ListedItem> prior;
  prior.reserve(listed->size());
  for (const ListedEntry& e : *listed) {
    prior.push_back({e.id, e.year, e.list, e.name, e.holder, e.holder_uscc, e.summary,
                     e.list == "emerging_enterprise" || e.list == "integration_org"});
  }
  auto summaries = store.application_summaries(stored.id, {});
  if (!summaries) return fail(summaries.error());
  std::vector<ApplicationSummary> apps;
  std::vector<match::ListedItem> items;
  for (const ApplicationSummary& s : *summaries) {
    if (!checked(s.application.state)) continue;
    auto content = store.application_content(s.application.id);
    if (!content) return fail(content.error());
    items.push_back(item_of(s, store::values_from_json(*content)));
    apps.push_back(s);
  }
  match::DuplicateIndex earlier(prior), campaign(items);
  std::vector<DuplicateFinding> findings;
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (match::DuplicateHit& hit : earlier.find(items[i])) {
      findings.push_back({apps[i], items[i], prior[hit.entry], false, 0, std::move(hit)});
    }
    for (match::DuplicateHit& hit : campaign.find(items[i], i)) {
      if (hit.entry < i) continue;  // reported at the other application
      findings.push_back({apps[i], items[i], items[hit.entry], true, apps[hit.entry].application.id,
                          std::move(hit)});
    }
  }
  return findings;
}

}  // namespace kczg::web
