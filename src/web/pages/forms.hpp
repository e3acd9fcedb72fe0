// Small helpers for reading forms and validating account fields, shared by the pages.
#pragma once

#include <map>
#include <string>

#include "domain/error.hpp"
#include "web/http/http.hpp"

namespace kczg::web {

inline constexpr std::size_t k_min_password = 10;

// The form's fields by name (the last value wins), trimmed of surrounding spaces.
std::map<std::string, std::string> form_fields(const http::Request& request);

// An e-mail address or a mainland mobile number. Error login_invalid {login, field}.
Result<void> check_login(const std::string& login);
// Error password_too_short {min, field} or password_mismatch {field}.
Result<void> check_new_password(const std::string& password, const std::string& again);

// A multipart/form-data body's parts by name (the last wins): plain fields and files.
struct UploadedPart {
  std::string filename;  // "" for a plain field
  std::string data;
};
// Error field_invalid {field: "body"} when the body is not well-formed multipart.
Result<std::map<std::string, UploadedPart>> multipart_fields(const http::Request& request);

// A local path to go back to after sign-in; "/dashboard" for anything else.
std::string safe_next(std::string_view next);

}  // namespace kczg::web
