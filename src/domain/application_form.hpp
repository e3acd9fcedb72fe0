// The application form of each list, defined once as data: the pages and the API render
// it, validate_form checks it, the 申报书 PDF prints it. Values are stored as strings by
// field name (FormValues) so that a form can grow without a schema change.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"

namespace kczg {

enum class FormFieldType {
  text,        // one line
  textarea,    // paragraphs
  integer,     // whole number (min/max bound the value)
  decimal,     // e.g. 万元 amounts (min/max bound the value)
  date,        // YYYY-MM-DD
  choice,      // one of `options`
  uscc,        // 18-character unified social credit code, check digit verified
  region,      // GB/T 2260 division code (6 digits), mainland China
  attestation  // a statement the applicant confirms ("1" when confirmed)
};

std::string_view form_field_type_name(FormFieldType type);

struct FormOption {
  std::string code;
  std::string label_zh;
  std::string label_en;
};

struct FormField {
  std::string name;  // key in FormValues, e.g. "tech_name"
  FormFieldType type = FormFieldType::text;
  bool required = false;
  // Characters (text, textarea) or value (integer, decimal); unset: unbounded.
  std::optional<long long> min;
  std::optional<long long> max;
  std::vector<FormOption> options;  // choice only
  std::string label_zh;
  std::string label_en;
  std::string help_zh;  // "" when the label says it all
  std::string help_en;
};

struct FormSection {
  std::string label_zh;
  std::string label_en;
  std::vector<FormField> fields;
};

// A PDF the applicant uploads (e.g. the stamped 申报书 scan, proof of IP).
struct FormAttachment {
  std::string kind;  // e.g. "signed_form"
  bool required_to_submit = false;
  std::string label_zh;
  std::string label_en;
  std::string help_zh;
  std::string help_en;
};

struct ApplicationForm {
  std::string list;         // list code, e.g. "pioneer_tech"
  std::string title_field;  // the field whose value names the application (its title)
  std::vector<FormSection> sections;
  std::vector<FormAttachment> attachments;
};

using FormValues = std::map<std::string, std::string>;

// The form of a list code (the 2022 and 2023 lists); nullptr when kczg has none.
const ApplicationForm* form_for(std::string_view list_code);
// The field of that name in `form`; nullptr when there is none.
const FormField* find_form_field(const ApplicationForm& form, std::string_view name);
// The attachment of that kind in `form`; nullptr when there is none.
const FormAttachment* find_form_attachment(const ApplicationForm& form, std::string_view kind);

// Every problem with `values`, in form order, at most one per field; empty when the
// values can be submitted. Errors are form_* codes (and uscc_*/region_unknown for those
// types) carrying params "field", "label_zh", "label_en" and their specifics. Each value
// is checked as clean_values would store it, so validating raw or cleaned values agrees.
// Lengths count Unicode characters, not bytes.
std::vector<Error> validate_form(const ApplicationForm& form, const FormValues& values);
// A draft may be incomplete: only the values present and non-empty are checked, and only
// for type and length, so a half-typed draft always saves. Hence no required, attestation
// or minimum-length checks, and a USCC is checked only for its alphabet and for being at
// most 18 characters (not its province or check digit) until it is submitted.
std::vector<Error> check_draft(const ApplicationForm& form, const FormValues& values);
// The form value that confirms a USCC field's code as printed on the licence, e.g.
// "holder_uscc_as_printed" = "1": some early codes on real licences fail the check digit,
// so validate_form accepts that failure (only that one) once the applicant confirms it,
// and the formal check compares the code with the licence (eligibility rule
// uscc_as_printed).
std::string as_printed_key(std::string_view uscc_field);

// A form date ("YYYY-MM-DD", a real day); nullopt otherwise.
std::optional<std::chrono::year_month_day> parse_form_date(std::string_view text);

// `values` without names the form does not have (a USCC field's as_printed_key stays), and with
// text trimmed of surrounding white space (Unicode, including the full-width space U+3000). Line
// breaks become "\n" (browsers send a textarea's as "\r\n", which would count twice against its
// maximum), and USCCs are normalised (normalize_uscc), as check_uscc requires.
FormValues clean_values(const ApplicationForm& form, const FormValues& values);

}  // namespace kczg
