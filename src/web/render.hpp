// Pages from mustache templates (kainjow, escaping by default). Templates live in
// templates/pages and are compiled in; every visible string comes from the catalogs
// through "t.*", a per-language table every render shares.
#pragma once

#include <kainjow/mustache.hpp>

#include "web/app.hpp"

namespace kczg::web {

using View = kainjow::mustache::data;

// What every page shows: translations (t.*), language switch, the signed-in account,
// its CSRF token for forms, the page title.
View page_view(const Caller& caller, const http::Request& request, std::string_view title_key);

// Renders `name` into the layout. Unknown template names are a programming error and
// answer 500.
http::Response render_page(std::string_view name, View view, int status = 200);

// An error page without a caller (authorization failures, 404).
http::Response error_page(Lang lang, int status, const Error& error);

// A View list from strings, for {{#items}}{{.}}{{/items}}.
View string_list(const std::vector<std::string>& items);

}  // namespace kczg::web
