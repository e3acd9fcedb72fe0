#include "domain/application_form.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <limits>

#include "domain/division.hpp"
#include "domain/text_measure.hpp"
#include "domain/uscc.hpp"

namespace kczg {
namespace {

enum class Stage { draft, submission };

struct CodePoint {
  char32_t value;
  std::size_t size;  // bytes
};

// The UTF-8 sequence at the start of `s` (not empty); a malformed byte reads as U+FFFD
// of one byte, so nothing here can loop forever or read past the end.
CodePoint decode(std::string_view s) {
  auto lead = static_cast<unsigned char>(s[0]);
  if (lead < 0x80) return {lead, 1};
  std::size_t size = (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (size == 0 || size > s.size()) return {0xFFFD, 1};
  char32_t value = lead & (0x7F >> size);
  for (std::size_t i = 1; i < size; ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) return {0xFFFD, 1};
    value = (value << 6) | (c & 0x3F);
  }
  return {value, size};
}

// Unicode's White_Space property, plus the zero-width space and the byte-order mark:
// neither is white space to Unicode, but both arrive invisibly at the ends of text
// pasted from word processors and would make two equal-looking names differ.
bool is_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == 0xFEFF;
}

std::string_view trim(std::string_view s) {
  while (!s.empty()) {
    CodePoint c = decode(s);
    if (!is_space(c.value)) break;
    s.remove_prefix(c.size);
  }
  while (!s.empty()) {
    std::size_t start = s.size() - 1;
    while (start > 0 && s.size() - start < 4 &&
           (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80)
      --start;
    CodePoint c = decode(s.substr(start));
    if (c.size != s.size() - start || !is_space(c.value)) break;
    s.remove_suffix(c.size);
  }
  return s;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string clean_value(const FormField& field, std::string_view raw) {
  std::string lines;
  lines.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\r') {
      lines.push_back(raw[i]);
    } else {
      lines.push_back('\n');
      if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
    }
  }
  std::string value(trim(lines));
  if (field.type == FormFieldType::uscc) return normalize_uscc(value);
  return value;
}

template <typename... Pairs>
Error field_error(ErrorCode code, const FormField& field, Pairs&&... pairs) {
  return make_error(code, "field", field.name, "label_zh", field.label_zh, "label_en",
                    field.label_en, std::forward<Pairs>(pairs)...);
}

Error with_field(Error error, const FormField& field) {
  error.params.emplace_back("field", field.name);
  error.params.emplace_back("label_zh", field.label_zh);
  error.params.emplace_back("label_en", field.label_en);
  return error;
}

Error out_of_range(const FormField& field, const std::string& value) {
  auto bound = [](std::optional<long long> b, long long unbounded) {
    return std::to_string(b.value_or(unbounded));
  };
  return field_error(ErrorCode::form_out_of_range, field, "value", value, "min",
                     bound(field.min, std::numeric_limits<long long>::min()), "max",
                     bound(field.max, std::numeric_limits<long long>::max()));
}

std::optional<Error> check_length(const FormField& field, const std::string& value, Stage stage) {
  auto length = static_cast<long long>(characters(value));
  // A draft is typed in pieces: it may be short, never too long to store.
  if (stage == Stage::submission && field.min && length < *field.min) {
    return field_error(ErrorCode::form_too_short, field, "length", std::to_string(length), "min",
                       std::to_string(*field.min));
  }
  if (field.max && length > *field.max) {
    return field_error(ErrorCode::form_too_long, field, "length", std::to_string(length), "max",
                       std::to_string(*field.max));
  }
  return std::nullopt;
}

std::optional<Error> check_integer(const FormField& field, const std::string& value) {
  std::string_view number = value;
  bool has_sign = number.front() == '+' || number.front() == '-';
  if (!all_digits(number.substr(has_sign ? 1 : 0))) {
    return field_error(ErrorCode::form_not_number, field, "value", value);
  }
  if (number.front() == '+') number.remove_prefix(1);  // from_chars takes '-' only
  long long n = 0;
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), n);
  if (ec == std::errc::result_out_of_range || (field.min && n < *field.min) ||
      (field.max && n > *field.max)) {
    return out_of_range(field, value);
  }
  return std::nullopt;
}

// Amounts in 万元 to the yuan: whole digits, then optionally '.' and one or two decimals.
// Compared on the whole part and the presence of a fraction, so no floating point.
std::optional<Error> check_decimal(const FormField& field, const std::string& value) {
  std::size_t dot = value.find('.');
  std::string_view whole = std::string_view(value).substr(0, dot);
  std::string_view fraction =
      dot == std::string::npos ? std::string_view() : std::string_view(value).substr(dot + 1);
  bool well_formed = all_digits(whole) &&
                     (dot == std::string::npos || (fraction.size() <= 2 && all_digits(fraction)));
  if (!well_formed) return field_error(ErrorCode::form_not_number, field, "value", value);
  long long units = 0;
  auto [end, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), units);
  bool has_fraction = fraction.find_first_not_of('0') != std::string_view::npos;
  if (ec == std::errc::result_out_of_range || (field.min && units < *field.min) ||
      (field.max && (units > *field.max || (units == *field.max && has_fraction)))) {
    return out_of_range(field, value);
  }
  return std::nullopt;
}

std::optional<Error> check_date(const FormField& field, const std::string& value) {
  if (parse_form_date(value)) return std::nullopt;
  return field_error(ErrorCode::form_bad_date, field, "value", value);
}

std::optional<Error> check_choice(const FormField& field, const std::string& value) {
  for (const FormOption& option : field.options) {
    if (option.code == value) return std::nullopt;
  }
  return field_error(ErrorCode::form_bad_choice, field, "value", value);
}

// A draft's code may be half typed, and a complete one may be an early code that fails
// the check digit (DESIGN §5), so a draft refuses only what no typing can repair.
std::optional<Error> check_uscc_prefix(const FormField& field, const std::string& value) {
  std::size_t length = characters(value);
  if (length > 18) {
    return with_field(
        make_error(ErrorCode::uscc_length, "value", value, "length", std::to_string(length)),
        field);
  }
  std::string_view rest = value;
  for (std::size_t position = 1; !rest.empty(); ++position) {
    CodePoint c = decode(rest);
    std::string_view character = rest.substr(0, c.size);
    if (c.size != 1 || k_uscc_alphabet.find(character) == std::string_view::npos) {
      return with_field(make_error(ErrorCode::uscc_alphabet, "value", value, "char",
                                   std::string(character), "position", std::to_string(position)),
                        field);
    }
    rest.remove_prefix(c.size);
  }
  return std::nullopt;
}

std::optional<Error> check_region(const FormField& field, const std::string& value) {
  if (value.size() == 6 && all_digits(value) && gb2260().find(value)) return std::nullopt;
  // A valid code outside the mainland: the list's eligibility rules judge it, with why.
  if (outside_mainland_division(value)) return std::nullopt;
  return field_error(ErrorCode::region_unknown, field, "value", value);
}

// REQUIRES: `value` is cleaned (clean_value).
std::optional<Error> check_value(const FormField& field, const std::string& value, Stage stage) {
  if (value.empty()) {
    if (stage == Stage::draft || !field.required) return std::nullopt;
    return field_error(field.type == FormFieldType::attestation ? ErrorCode::form_not_attested
                                                                : ErrorCode::form_value_missing,
                       field);
  }
  switch (field.type) {
    case FormFieldType::text:
    case FormFieldType::textarea:
      return check_length(field, value, stage);
    case FormFieldType::integer:
      return check_integer(field, value);
    case FormFieldType::decimal:
      return check_decimal(field, value);
    case FormFieldType::date:
      return check_date(field, value);
    case FormFieldType::choice:
      return check_choice(field, value);
    case FormFieldType::uscc:
      if (stage == Stage::draft) return check_uscc_prefix(field, value);
      if (auto info = check_uscc(value, gb2260()); !info) return with_field(info.error(), field);
      return std::nullopt;
    case FormFieldType::region:
      return check_region(field, value);
    case FormFieldType::attestation:
      // A statement is confirmed only at submission; a draft may hold it either way.
      if (stage == Stage::draft || value == "1") return std::nullopt;
      if (field.required) return field_error(ErrorCode::form_not_attested, field);
      return field_error(ErrorCode::form_bad_choice, field, "value", value);
  }
  return std::nullopt;
}

bool confirmed_as_printed(const FormField& field, const FormValues& values) {
  auto it = values.find(as_printed_key(field.name));
  return it != values.end() && trim(it->second) == "1";
}

std::vector<Error> check_form(const ApplicationForm& form, const FormValues& values, Stage stage) {
  std::vector<Error> errors;
  for (const FormSection& section : form.sections) {
    for (const FormField& field : section.fields) {
      auto it = values.find(field.name);
      std::string value = it == values.end() ? std::string() : clean_value(field, it->second);
      auto error = check_value(field, value, stage);
      if (error && error->code == ErrorCode::uscc_check_digit &&
          confirmed_as_printed(field, values))
        continue;
      if (error) errors.push_back(std::move(*error));
    }
  }
  return errors;
}

}  // namespace

std::string_view form_field_type_name(FormFieldType type) {
  switch (type) {
    case FormFieldType::text:
      return "text";
    case FormFieldType::textarea:
      return "textarea";
    case FormFieldType::integer:
      return "integer";
    case FormFieldType::decimal:
      return "decimal";
    case FormFieldType::date:
      return "date";
    case FormFieldType::choice:
      return "choice";
    case FormFieldType::uscc:
      return "uscc";
    case FormFieldType::region:
      return "region";
    case FormFieldType::attestation:
      return "attestation";
  }
  return "";
}

const FormField* find_form_field(const ApplicationForm& form, std::string_view name) {
  for (const FormSection& section : form.sections) {
    for (const FormField& field : section.fields) {
      if (field.name == name) return &field;
    }
  }
  return nullptr;
}

const FormAttachment* find_form_attachment(const ApplicationForm& form, std::string_view kind) {
  for (const FormAttachment& attachment : form.attachments) {
    if (attachment.kind == kind) return &attachment;
  }
  return nullptr;
}

std::string as_printed_key(std::string_view uscc_field) {
  return std::string(uscc_field) + "_as_printed";
}

std::optional<std::chrono::year_month_day> parse_form_date(std::string_view s) {
  bool shaped = s.size() == 10 && s[4] == '-' && s[7] == '-' && all_digits(s.substr(0, 4)) &&
                all_digits(s.substr(5, 2)) && all_digits(s.substr(8, 2));
  if (!shaped) return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  std::from_chars(s.data(), s.data() + 4, y);
  std::from_chars(s.data() + 5, s.data() + 7, m);
  std::from_chars(s.data() + 8, s.data() + 10, d);
  std::chrono::year_month_day day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!day.ok()) return std::nullopt;
  return day;
}

std::vector<Error> validate_form(const ApplicationForm& form, const FormValues& values) {
  return check_form(form, values, Stage::submission);
}

std::vector<Error> check_draft(const ApplicationForm& form, const FormValues& values) {
  return check_form(form, values, Stage::draft);
}

FormValues clean_values(const ApplicationForm& form, const FormValues& values) {
  FormValues cleaned;
  for (const auto& [name, value] : values) {
    if (const FormField* field = find_form_field(form, name)) {
      cleaned.emplace(name, clean_value(*field, value));
    } else if (name.ends_with("_as_printed")) {
      const FormField* code = find_form_field(form, name.substr(0, name.size() - 11));
      if (code && code->type == FormFieldType::uscc && trim(value) == "1")
        cleaned.emplace(name, "1");
    }
  }
  return cleaned;
}

}  // namespace kczg
