// Message catalogs: an Error (or any catalog key) in the user's language.
//
// The catalogs are templates/messages/{zh,en}.txt, compiled in by CMake so the binary
// needs no data files. Thread-safe: the parsed catalogs are immutable after first use.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/account.hpp"
#include "domain/error.hpp"

namespace kczg {

enum class Lang { zh, en };

// "zh", "zh_CN.UTF-8", "en", "en_US.UTF-8" … → the language; nullopt for others.
std::optional<Lang> lang_from_name(std::string_view name);

// The catalog text for `key` with {param} placeholders filled in from `params`.
// A missing key falls back to the key itself followed by the parameters, so a gap in a
// catalog shows up rather than hiding the error.
std::string translate(std::string_view key,
                      const std::vector<std::pair<std::string, std::string>>& params, Lang lang);

// The error's catalog text. Parameters that carry a domain code (action, phase, phases,
// state, verdict, role, actor_role) are shown by their catalog names ("fail_formal_check"
// → 形式审查不合格, "preliminary_review,final_review" → 初评评审、终评评审); a code the
// catalog does not name is shown as it is.
std::string message(const Error& error, Lang lang);

// A mail to `to` in both languages, as the outbox sends them: `key`_subject (Chinese / English)
// and `key`_body (Chinese, a blank line, English), e.g. key "page.match_proposed".
OutboxMail mail_in_both(std::string to, const std::string& key,
                        const std::vector<std::pair<std::string, std::string>>& params);

// Every entry whose key starts with `prefix`, the prefix cut off ("page.title" → "title");
// pages hand these to their templates.
std::vector<std::pair<std::string, std::string>> catalog_entries(std::string_view prefix,
                                                                 Lang lang);

// Whether the catalog has `key`; the catalog tests use it.
bool has_message(std::string_view key, Lang lang);

}  // namespace kczg
