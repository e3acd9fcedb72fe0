#include "web/render.hpp"
#include "i18n/labels.hpp"

#include <map>
#include <memory>

#include "web/templates_text.hpp"

namespace kczg::web {
namespace {

// {"t": {key: text}} per language, built once and shared by every render as the
// outermost context: copying ~100 strings into each page's view cost a tenth of a page.
const View& translations(Lang lang) {
  static const auto build = [](Lang l) {
    View t{View::type::object};
    for (auto& [key, text] : catalog_entries("page.", l)) t.set(key, text);
    View root{View::type::object};
    root.set("t", t);
    return root;
  };
  static const View zh = build(Lang::zh), en = build(Lang::en);
  return lang == Lang::en ? en : zh;
}

// page_view records the language as lang_tag.
Lang view_lang(const View& view) {
  const View* tag = view.get("lang_tag");
  return tag && tag->is_string() && tag->string_value() == "en" ? Lang::en : Lang::zh;
}

std::string_view template_text(std::string_view name) {
  for (const auto& [n, text] : k_templates) {
    if (n == name) return text;
  }
  return {};
}

// Parsed once per worker thread: a kainjow template is not safe to render from two
// threads at once, and parsing on every request cost a tenth of a page.
std::string render_template(std::string_view name, const View& view) {
  thread_local std::map<std::string_view, std::unique_ptr<kainjow::mustache::mustache>> parsed;
  auto& tmpl = parsed[name];
  if (!tmpl) tmpl = std::make_unique<kainjow::mustache::mustache>(std::string(template_text(name)));
  kainjow::mustache::context<std::string> context(&translations(view_lang(view)));
  context.push(&view);
  return tmpl->render(context);
}

}  // namespace

View page_view(const Caller& caller, const http::Request& request, std::string_view title_key) {
  View view{View::type::object};
  bool en = caller.lang == Lang::en;
  view.set("lang_tag", en ? "en" : "zh-CN");
  view.set("other_lang", en ? "zh" : "en");
  view.set("other_lang_name", en ? "中文" : "English");
  view.set("path", request.path);
  view.set("title", translate("page." + std::string(title_key), {}, caller.lang));
  view.set("signed_in", caller.account.has_value());
  if (caller.account) {
    view.set("display_name", caller.account->display_name);
    view.set("role", role_label(caller.role, caller.lang));
    view.set("is_secretariat", caller.role == Role::secretariat);
  }
  view.set("csrf", caller.csrf_token);
  return view;
}

http::Response render_page(std::string_view name, View view, int status) {
  if (template_text(name).empty()) {
    return http::text_response(500, "missing template " + std::string(name));
  }
  view.set("content", render_template(name, view));
  return http::text_response(status, render_template("layout", view), "text/html; charset=utf-8");
}

http::Response error_page(Lang lang, int status, const Error& error) {
  Caller anonymous;
  anonymous.lang = lang;
  http::Request none;
  View view = page_view(anonymous, none, "error_title");
  view.set("message", message(error, lang));
  view.set("status", std::to_string(status));
  return render_page("error", std::move(view), status);
}

View string_list(const std::vector<std::string>& items) {
  View list{View::type::list};
  for (const std::string& item : items) list.push_back(View(item));
  return list;
}

}  // namespace kczg::web
