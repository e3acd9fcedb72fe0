// What the form tests share: the lists of both presets and small helpers over forms and
// errors.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/application_form.hpp"
#include "domain/presets.hpp"

namespace kczg::form_testing {

inline std::string repeat(std::string_view piece, int times) {
  std::string s;
  for (int i = 0; i < times; ++i) s += piece;
  return s;
}

inline std::vector<std::string> codes_of(const std::vector<Error>& errors) {
  std::vector<std::string> codes;
  for (const Error& e : errors) codes.emplace_back(code_name(e.code));
  return codes;
}

inline std::vector<const FormField*> fields_of(const ApplicationForm& form) {
  std::vector<const FormField*> fields;
  for (const FormSection& section : form.sections) {
    for (const FormField& field : section.fields) fields.push_back(&field);
  }
  return fields;
}

inline const std::vector<std::string>& all_list_codes() {
  static const std::vector<std::string> codes = [] {
    std::set<std::string> unique;
    for (const Campaign& c : {preset_2022(), preset_2023()}) {
      for (const List& list : c.lists) unique.insert(list.code);
    }
    return std::vector<std::string>(unique.begin(), unique.end());
  }();
  return codes;
}

}  // namespace kczg::form_testing
