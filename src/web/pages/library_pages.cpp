// The achievements library (成果库) for everyone: search every published entry by keyword,
// list, field, year, province and maturity; each entry's profile — the record as published
// and what its holder keeps up to date — and, for the holder signed in, the form to keep it.
#include <algorithm>
#include <set>

#include "domain/division.hpp"
#include "i18n/labels.hpp"
#include "web/library/library_service.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/matching_view.hpp"
#include "web/render.hpp"
#include "web/responses.hpp"

namespace kczg::web {
namespace {

using http::Method;
constexpr std::size_t k_per_page = 20;
constexpr std::size_t k_demands_shown = 10;

View record_view(const Campaign* campaign, const LibraryRecord& r, Lang lang) {
  View v{View::type::object};
  v.set("id", std::to_string(r.id));
  v.set("year", std::to_string(r.year));
  v.set("name", r.name);
  v.set("holder", r.holder);
  v.set("where", campaign ? where_label(*campaign, r.list, r.field, lang) : r.list);
  std::string region = region_of_uscc(r.holder_uscc);
  v.set("region", region.empty() ? "" : region_label(region, lang));
  v.set("summary", r.summary);
  v.set("excerpt", excerpt(r.summary, 80));
  v.set("maturity", maturity_label(r.parts.maturity, lang));
  v.set("cooperation", cooperation_label(r.parts.cooperation, lang));
  if (!r.parts.note.empty()) v.set("note", r.parts.note);
  if (r.parts_updated_at) v.set("updated_at", format_shanghai(*r.parts_updated_at));
  return v;
}

http::Response search_page(App& app, const Caller& caller, http::Request& request) {
  auto snapshot = app.library().current(app.store());
  if (!snapshot) return error_response(false, caller.lang, 503, snapshot.error());
  auto latest = app.store().latest_campaign();
  const Campaign* campaign = latest ? &latest->campaign : nullptr;
  LibraryParams params = library_params(request);
  View view = page_view(caller, request, "library_title");
  view.set("q", std::string(params.q));
  int status = 200;
  auto query = library_query(params, k_per_page);
  if (!query) {
    view.set("error", message(query.error(), caller.lang));
    status = 400;
    query = library_query({params.q, {}, {}, {}, {}, {}, {}}, k_per_page);
  }
  // The choices: lists and fields of the latest campaign, the years the library holds.
  Choices lists, fields = field_choices(campaign, caller.lang), years, provinces;
  if (campaign) {
    for (const List& l : campaign->lists) {
      lists.emplace_back(l.code, in_lang(caller.lang, l.name_zh, l.name_en));
    }
  }
  std::set<int, std::greater<>> held;
  for (const LibraryRecord& r : (*snapshot)->records) held.insert(r.year);
  for (int y : held) years.emplace_back(std::to_string(y), std::to_string(y));
  for (const Division& d : gb2260().provinces()) {
    provinces.emplace_back(std::string(d.code),
                           region_label(std::string(d.code) + "0000", caller.lang));
  }
  view.set("lists", options(lists, query->list));
  view.set("fields", options(fields, query->field));
  view.set("years", options(years, params.year));
  view.set("provinces", options(provinces, query->region));
  view.set("maturities", options(maturity_choices(caller.lang), params.maturity));

  match::LibraryResults results = (*snapshot)->index.search(*query);
  View rows{View::type::list};
  for (const match::LibraryHit& hit : results.hits) {
    rows.push_back(record_view(campaign, (*snapshot)->records[hit.profile], caller.lang));
  }
  view.set("results", rows);
  view.set("has_results", !results.hits.empty());
  view.set("total", std::to_string(results.total));
  view.set("summary", translate("page.library_results", {{"total", std::to_string(results.total)}},
                                caller.lang));
  // Paging links keep every other parameter.
  std::size_t page = query->offset / k_per_page + 1;
  auto link = [&](std::size_t to) {
    std::string href = "/library?page=" + std::to_string(to);
    for (const auto& [key, value] : {std::pair{"q", params.q},
                                     {"list", params.list},
                                     {"field", params.field},
                                     {"year", params.year},
                                     {"region", params.region},
                                     {"maturity", params.maturity}}) {
      if (!value.empty()) href += std::string("&") + key + "=" + http::url_encode(value);
    }
    return href;
  };
  if (page > 1) view.set("prev", link(page - 1));
  if (query->offset + k_per_page < results.total) view.set("next", link(page + 1));
  http::Response response = render_page("library", std::move(view), status);
  if (!caller.account) response.set_header("Cache-Control", "public, max-age=60");
  return response;
}

http::Response entry_page(App& app, const Caller& caller, const http::Request& request,
                          const std::string& error, const std::string& notice, int status) {
  long long id = request.path_number("id");
  auto record = app.store().library_record(id);
  if (!record) {
    return error_response(false, caller.lang, status_of(record.error().code), record.error());
  }
  auto latest = app.store().latest_campaign();
  View view = page_view(caller, request, "library_entry_title");
  if (!error.empty()) view.set("error", error);
  if (!notice.empty()) view.set("notice", notice);
  view.set("entry", record_view(latest ? &latest->campaign : nullptr, *record, caller.lang));
  bool holder = caller.account && holds_entry(app.store(), *caller.account, *record);
  // The open demands this entry could meet, best first; its holder may offer to talk.
  if (auto open = app.open_demands().current(app.store())) {
    Choices fields = field_choices(latest ? &latest->campaign : nullptr, caller.lang);
    View rows{View::type::list};
    for (const match::Match& m : ranked_demands(**open, *record, k_demands_shown)) {
      View row = demand_view((*open)->open[m.supply], fields, false, caller.lang);
      row.set("why", match_reasons(m, caller.lang));
      row.set("entry_id", std::to_string(record->id));
      row.set("holder", holder);
      rows.push_back(row);
    }
    view.set("has_demands", !rows.is_empty_list());
    view.set("demands", rows);
  }
  if (caller.role == Role::secretariat) {
    view.set("recommend_href", "/library/" + std::to_string(record->id) + "/recommend");
  }
  if (holder) {
    view.set("holder_form", true);
    std::string_view chosen = record->parts.maturity ? maturity_name(*record->parts.maturity) : "";
    view.set("maturity_options", options(maturity_choices(caller.lang), chosen));
    View cooperation{View::type::list};
    for (Cooperation c : k_cooperations) {
      View o{View::type::object};
      o.set("code", std::string(cooperation_name(c)));
      o.set("name", cooperation_label({c}, caller.lang));
      o.set("checked",
            std::ranges::find(record->parts.cooperation, c) != record->parts.cooperation.end());
      cooperation.push_back(o);
    }
    view.set("cooperation_options", cooperation);
    view.set("note_value", record->parts.note);
  }
  http::Response response = render_page("library_entry", std::move(view), status);
  response.set_header("Cache-Control", caller.account ? "private, no-store" : "public, max-age=60");
  return response;
}

http::Response save(App& app, const Caller& caller, http::Request& request) {
  auto form = form_fields(request);
  long long id = request.path_number("id");
  HolderParts parts;
  auto refuse = [&](const Error& e) {
    return entry_page(app, caller, request, message(e, caller.lang), "", status_of(e.code));
  };
  if (!form["maturity"].empty()) {
    parts.maturity = maturity_from_name(form["maturity"]);
    if (!parts.maturity) {
      return refuse(
          make_error(ErrorCode::field_invalid, "field", "maturity", "detail", form["maturity"]));
    }
  }
  for (Cooperation c : k_cooperations) {
    if (form["cooperation_" + std::string(cooperation_name(c))] == "on") {
      parts.cooperation.push_back(c);
    }
  }
  parts.note = form["note"];
  auto saved =
      save_holder_parts_as(app.store(), *caller.account, id, parts, actor_of(caller), app.now());
  if (!saved) return refuse(saved.error());
  return entry_page(app, caller, request, "", translate("page.library_saved", {}, caller.lang),
                    200);
}

}  // namespace

std::vector<RouteSpec> library_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/library", k_everyone, false, 0, search_page});
  routes.push_back({Method::get, "/library/{id}", k_everyone, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      return entry_page(app, caller, request, "", "", 200);
                    }});
  routes.push_back({Method::post, "/library/{id}", {Role::applicant}, false, 0, save});
  return routes;
}

}  // namespace kczg::web
