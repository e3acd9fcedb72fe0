// Responses every handler needs: JSON, errors in the caller's language, the CSRF token
// a request carries.
#pragma once

#include "domain/error.hpp"
#include "i18n/catalog.hpp"
#include "web/http/http.hpp"

namespace kczg::web {

http::Response json_response(int status, std::string body);

// {"code": …, "message": …, "field": …} with the message in `lang`; field is the
// error's "field" (or "column") parameter, null when it has none.
http::Response error_json(Lang lang, int status, const Error& error);

// Refused with several field-level problems (422): the first is the answer's code, all
// are listed under "problems" so that a form can mark every one. REQUIRES: !problems.empty().
http::Response problems_json(Lang lang, const std::vector<Error>& problems);

// An error as JSON for API routes, as a page otherwise.
http::Response error_response(bool api, Lang lang, int status, const Error& error);

// The HTTP status an error code stands for (400 for bad input, 404, 409, 429 …).
int status_of(ErrorCode code);

// The CSRF token of a request: the _csrf form field, or the X-CSRF-Token header.
std::string csrf_of(const http::Request& request);

}  // namespace kczg::web
