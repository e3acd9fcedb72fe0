#include "web/pages/forms.hpp"

#include <algorithm>
#include <cctype>

#include "web/http/multipart.hpp"

namespace kczg::web {

std::map<std::string, std::string> form_fields(const http::Request& request) {
  std::map<std::string, std::string> fields;
  for (auto& [name, value] : request.form()) {
    auto first = value.find_first_not_of(" \t\r\n");
    auto last = value.find_last_not_of(" \t\r\n");
    fields[name] = first == std::string::npos ? "" : value.substr(first, last - first + 1);
  }
  return fields;
}

Result<std::map<std::string, UploadedPart>> multipart_fields(const http::Request& request) {
  std::map<std::string, UploadedPart> parts;
  std::string current;
  http::MultipartReader reader(
      http::boundary_of(request.header("content-type")),
      {[&](const http::PartHeaders& h) {
         current = h.name;
         parts[current] = {h.filename, ""};
       },
       [&](std::string_view data) { parts[current].data += data; }, [] {}});
  if (!reader.feed(request.body) || !reader.done()) {
    return fail(make_error(ErrorCode::field_invalid, "field", "body", "detail", reader.error()));
  }
  return parts;
}

Result<void> check_login(const std::string& login) {
  bool phone = login.size() == 11 && login[0] == '1' &&
               std::ranges::all_of(login, [](unsigned char c) { return std::isdigit(c); });
  auto at = login.find('@');
  bool email = at != std::string::npos && at > 0 && login.find('.', at) != std::string::npos &&
               login.find_first_of(" \t<>\"'") == std::string::npos && login.size() <= 120;
  if (phone || email) return {};
  return fail(make_error(ErrorCode::login_invalid, "login", login, "field", "login"));
}

Result<void> check_new_password(const std::string& password, const std::string& again) {
  // Characters, not bytes: a Chinese pass phrase counts as what it looks like.
  std::size_t characters = 0;
  for (unsigned char c : password) characters += (c & 0xC0) != 0x80;
  if (characters < k_min_password) {
    return fail(make_error(ErrorCode::password_too_short, "min", std::to_string(k_min_password),
                           "field", "password"));
  }
  if (password != again)
    return fail(make_error(ErrorCode::password_mismatch, "field", "password2"));
  return {};
}

std::string safe_next(std::string_view next) {
  if (next.size() > 1 && next[0] == '/' && next[1] != '/' && next[1] != '\\')
    return std::string(next);
  return "/dashboard";
}

}  // namespace kczg::web
