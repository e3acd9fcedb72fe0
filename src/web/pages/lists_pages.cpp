// The published lists (发布), for everyone: the archive of published years, each year's
// lists by list and field ordered by recommending unit, each entry's public record, an
// Atom feed of publications and XLSX/CSV downloads; and the secretariat's publication page,
// which makes the latest campaign's lists final.
#include <algorithm>

#include "i18n/labels.hpp"
#include "web/applications/exports.hpp"
#include "web/pages/forms.hpp"
#include "web/publication/lists_service.hpp"
#include "web/render.hpp"
#include "web/responses.hpp"

namespace kczg::web {
namespace {

using http::Method;
const std::vector<Role> k_secretariat{Role::secretariat};

std::string list_label(const Campaign& c, std::string_view list, Lang lang) {
  const List* l = find_list(c, list);
  return l ? in_lang(lang, l->name_zh, l->name_en) : std::string(list);
}

std::string field_label(const Campaign& c, std::string_view list, std::string_view field,
                        Lang lang) {
  const List* l = find_list(c, list);
  const Field* f = l ? find_field(*l, field) : nullptr;
  return f ? in_lang(lang, f->name_zh, f->name_en) : std::string(field);
}

int year_param(const http::Request& request) {
  return std::atoi(std::string(request.path_param("year")).c_str());
}

http::Response public_page(std::string name, View view, int status = 200) {
  http::Response response = render_page(name, std::move(view), status);
  response.set_header("Cache-Control", "public, max-age=60");
  return response;
}

http::Response archive(App& app, const Caller& caller, http::Request& request) {
  auto all = app.store().publications();
  if (!all) return error_response(false, caller.lang, 503, all.error());
  View view = page_view(caller, request, "lists_title");
  View years{View::type::list};
  for (const Publication& p : *all) {
    View y{View::type::object};
    y.set("year", std::to_string(p.year));
    y.set("entries", std::to_string(p.entries));
    y.set("published_at", format_shanghai(p.published_at));
    years.push_back(y);
  }
  view.set("years", years);
  view.set("has_years", !all->empty());
  return public_page("lists_archive", std::move(view));
}

http::Response year_page(App& app, const Caller& caller, http::Request& request) {
  auto lists = published_lists(app.store(), year_param(request));
  if (!lists)
    return error_response(false, caller.lang, status_of(lists.error().code), lists.error());
  const Campaign& c = lists->stored.campaign;
  View view = page_view(caller, request, "lists_title");
  view.set("year", std::to_string(c.year));
  view.set("campaign", in_lang(caller.lang, c.name_zh, c.name_en));
  view.set("published_at", format_shanghai(lists->publication.published_at));
  // One section per list and field, in the order the entries already come.
  View sections{View::type::list};
  View rows{View::type::list};
  std::string current;
  auto close = [&] {
    if (current.empty()) return;
    View section{View::type::object};
    auto slash = current.find('/');
    std::string list = current.substr(0, slash), field = current.substr(slash + 1);
    std::string title = list_label(c, list, caller.lang);
    if (!field.empty()) title += " · " + field_label(c, list, field, caller.lang);
    section.set("title", title);
    section.set("list", list);
    section.set("rows", rows);
    sections.push_back(section);
    rows = View{View::type::list};
  };
  for (const NoticeEntry& e : lists->entries) {
    std::string key = e.list + "/" + e.field;
    if (key != current) {
      close();
      current = key;
    }
    View row{View::type::object};
    row.set("id", std::to_string(e.application_id));
    row.set("name", e.name);
    row.set("holder", e.holder);
    row.set("unit", e.unit);
    rows.push_back(row);
  }
  close();
  view.set("sections", sections);
  view.set("count", std::to_string(lists->entries.size()));
  return public_page("lists_year", std::move(view));
}

http::Response entry_page(App& app, const Caller& caller, http::Request& request) {
  auto lists = published_lists(app.store(), year_param(request));
  if (!lists)
    return error_response(false, caller.lang, status_of(lists.error().code), lists.error());
  long long id = request.path_number("id");
  auto e = std::ranges::find_if(lists->entries,
                                [&](const NoticeEntry& x) { return x.application_id == id; });
  if (e == lists->entries.end()) {
    Error missing = make_error(ErrorCode::application_not_found, "application", std::to_string(id));
    return error_response(false, caller.lang, 404, missing);
  }
  const Campaign& c = lists->stored.campaign;
  View view = page_view(caller, request, "lists_entry_title");
  view.set("year", std::to_string(c.year));
  view.set("name", e->name);
  view.set("holder", e->holder);
  view.set("unit", e->unit);
  view.set("list", list_label(c, e->list, caller.lang));
  view.set("field", field_label(c, e->list, e->field, caller.lang));
  view.set("number", e->number);
  view.set("published_at", format_shanghai(lists->publication.published_at));
  return public_page("lists_entry", std::move(view));
}

ExportTable lists_table(const PublishedLists& lists, Lang lang) {
  const Campaign& c = lists.stored.campaign;
  ExportTable t{"lists", {}, {}};
  for (std::string_view key : {"year", "list", "field", "title", "applicant", "unit", "number"}) {
    t.header.push_back(translate("column." + std::string(key), {}, lang));
  }
  for (const NoticeEntry& e : lists.entries) {
    t.rows.push_back({std::to_string(c.year), list_label(c, e.list, lang),
                      field_label(c, e.list, e.field, lang), e.name, e.holder, e.unit, e.number});
  }
  return t;
}

http::Response download(App& app, const Caller& caller, http::Request& request) {
  std::string format(request.query_param("format"));
  if (format.empty()) format = "xlsx";
  if (format != "csv" && format != "xlsx") {
    return error_response(
        false, caller.lang, 400,
        make_error(ErrorCode::field_invalid, "field", "format", "detail", format));
  }
  auto lists = published_lists(app.store(), year_param(request));
  if (!lists)
    return error_response(false, caller.lang, status_of(lists.error().code), lists.error());
  auto response = table_download(lists_table(*lists, caller.lang), format,
                                 "kczg-lists-" + std::to_string(lists->stored.campaign.year));
  if (!response) return error_response(false, caller.lang, 500, response.error());
  return std::move(*response);
}

std::string xml_escaped(std::string_view text) {
  std::string out;
  for (char ch : text) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

// One Atom entry per published year, newest first, linking to its lists.
http::Response feed(App& app, const Caller& caller, http::Request&) {
  auto all = app.store().publications();
  if (!all) return error_response(false, caller.lang, 503, all.error());
  const std::string& base = app.options().base_url;
  std::string updated =
      all->empty() ? "1970-01-01T00:00:00+08:00" : format_shanghai(all->front().published_at);
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
      "  <title>" +
      xml_escaped(translate("page.lists_feed_title", {}, caller.lang)) + "</title>\n  <id>" +
      xml_escaped(base) + "/lists</id>\n  <link href=\"" + xml_escaped(base) +
      "/lists\"/>\n  <updated>" + updated + "</updated>\n";
  for (const Publication& p : *all) {
    std::string year = std::to_string(p.year);
    std::string title =
        translate("page.lists_feed_entry", {{"year", year}, {"entries", std::to_string(p.entries)}},
                  caller.lang);
    xml += "  <entry>\n    <title>" + xml_escaped(title) + "</title>\n    <id>" +
           xml_escaped(base) + "/lists/" + year + "</id>\n    <link href=\"" + xml_escaped(base) +
           "/lists/" + year + "\"/>\n    <updated>" + format_shanghai(p.published_at) +
           "</updated>\n    <author><name>" +
           xml_escaped(translate("page.lists_feed_author", {}, caller.lang)) +
           "</name></author>\n  </entry>\n";
  }
  xml += "</feed>\n";
  http::Response response =
      http::text_response(200, std::move(xml), "application/atom+xml; charset=utf-8");
  response.set_header("Cache-Control", "public, max-age=300");
  return response;
}

http::Response publication_page(App& app, const Caller& caller, const http::Request& request,
                                const std::string& error, const std::string& notice, int status) {
  auto stored = app.store().latest_campaign();
  if (!stored) return error_response(false, caller.lang, 404, stored.error());
  auto all = app.store().publications();
  if (!all) return error_response(false, caller.lang, 503, all.error());
  auto entries = notice_entries(app.store(), *stored);
  if (!entries) return error_response(false, caller.lang, 503, entries.error());
  auto objections = app.store().objections(stored->id);
  if (!objections) return error_response(false, caller.lang, 503, objections.error());
  View view = page_view(caller, request, "publication_title");
  if (!error.empty()) view.set("error", error);
  if (!notice.empty()) view.set("notice", notice);
  const Campaign& c = stored->campaign;
  view.set("year", std::to_string(c.year));
  View lists{View::type::list};
  for (const List& l : c.lists) {
    auto n =
        std::ranges::count_if(*entries, [&](const NoticeEntry& e) { return e.list == l.code; });
    View row{View::type::object};
    row.set("name", in_lang(caller.lang, l.name_zh, l.name_en));
    row.set("listed", std::to_string(n));
    row.set("target", std::to_string(l.target_size));
    lists.push_back(row);
  }
  view.set("lists", lists);
  auto unresolved = std::ranges::count_if(
      *objections, [](const Objection& o) { return o.state == ObjectionState::filed; });
  view.set("unresolved", std::to_string(unresolved));
  auto done =
      std::ranges::find_if(*all, [&](const Publication& p) { return p.campaign_id == stored->id; });
  if (done != all->end()) {
    view.set("published", translate("page.publication_done",
                                    {{"at", format_shanghai(done->published_at)},
                                     {"by", done->published_by},
                                     {"entries", std::to_string(done->entries)}},
                                    caller.lang));
  }
  view.set("can_publish", done == all->end());
  http::Response response = render_page("secretariat_publication", std::move(view), status);
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

http::Response publish(App& app, const Caller& caller, http::Request& request) {
  auto form = form_fields(request);
  if (form["confirm"] != "yes") {
    Error e = make_error(ErrorCode::field_invalid, "field", "confirm", "detail", "yes");
    return publication_page(app, caller, request, message(e, caller.lang), "", 400);
  }
  auto published = publish_latest(app.store(), actor_of(caller), app.now());
  if (!published) {
    return publication_page(app, caller, request, message(published.error(), caller.lang), "",
                            status_of(published.error().code));
  }
  std::string notice = translate("page.publication_published",
                                 {{"entries", std::to_string(*published)}}, caller.lang);
  return publication_page(app, caller, request, "", notice, 200);
}

}  // namespace

std::vector<RouteSpec> lists_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/lists", k_everyone, false, 0, archive});
  routes.push_back({Method::get, "/lists.atom", k_everyone, false, 0, feed});
  routes.push_back({Method::get, "/lists/{year}", k_everyone, false, 0, year_page});
  routes.push_back({Method::get, "/lists/{year}/download", k_everyone, false, 0, download});
  routes.push_back({Method::get, "/lists/{year}/{id}", k_everyone, false, 0, entry_page});
  routes.push_back({Method::get, "/secretariat/publication", k_secretariat, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      return publication_page(app, caller, request, "", "", 200);
                    }});
  routes.push_back({Method::post, "/secretariat/publication", k_secretariat, false, 0, publish});
  return routes;
}

}  // namespace kczg::web
