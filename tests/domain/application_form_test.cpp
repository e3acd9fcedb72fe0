// The rules of validate_form, check_draft and clean_values, on a sample form and the real
// ones.
#include <gtest/gtest.h>

#include "form_test_helpers.hpp"

namespace kczg {
namespace {

using namespace form_testing;

// ---- The rules, on a form with one field of each type -----------------------------------

FormField field(std::string name, FormFieldType type, bool required, std::string zh,
                std::string en) {
  FormField f;
  f.name = std::move(name);
  f.type = type;
  f.required = required;
  f.label_zh = std::move(zh);
  f.label_en = std::move(en);
  return f;
}

const ApplicationForm& sample_form() {
  static const ApplicationForm form = [] {
    FormField name = field("name", FormFieldType::text, true, "名称", "Name");
    name.max = 10;
    FormField story = field("story", FormFieldType::textarea, false, "经历", "Story");
    story.min = 5;
    story.max = 20;
    FormField count = field("count", FormFieldType::integer, false, "数量", "Count");
    count.min = -5;
    count.max = 100;
    FormField money = field("money", FormFieldType::decimal, false, "金额", "Amount");
    money.min = 0;
    money.max = 1000;
    FormField kind = field("kind", FormFieldType::choice, false, "类别", "Kind");
    kind.options = {{"a", "甲", "A"}, {"b", "乙", "B"}};
    return ApplicationForm{
        "sample",
        "name",
        {{"一",
          "One",
          {name, story, count, money, field("day", FormFieldType::date, false, "日期", "Date"),
           kind}},
         {"二",
          "Two",
          {field("code", FormFieldType::uscc, false, "代码", "Code"),
           field("place", FormFieldType::region, false, "地区", "Place"),
           field("sworn", FormFieldType::attestation, true, "承诺", "Statement")}}},
        {}};
  }();
  return form;
}

// The errors of a valid submission with `changes` applied.
std::vector<Error> errors_with(FormValues changes) {
  FormValues values{{"name", "名称"}, {"sworn", "1"}};
  for (auto& [k, v] : changes) values[k] = v;
  return validate_form(sample_form(), values);
}

// The one error `changes` cause; fails the test when there is not exactly one.
Error error_with(FormValues changes) {
  std::vector<Error> errors = errors_with(std::move(changes));
  EXPECT_EQ(errors.size(), 1u);
  return errors.empty() ? make_error(ErrorCode::usage) : errors.front();
}

void expect_labels(const Error& e, std::string_view field, std::string_view zh,
                   std::string_view en) {
  EXPECT_EQ(e.param("field"), field);
  EXPECT_EQ(e.param("label_zh"), zh);
  EXPECT_EQ(e.param("label_en"), en);
}

TEST(ValidateForm, ValidValuesPass) {
  EXPECT_TRUE(errors_with({}).empty());
  EXPECT_TRUE(errors_with({{"story", "五个字够了"},
                           {"count", "7"},
                           {"money", "12.5"},
                           {"day", "2024-02-29"},
                           {"kind", "b"},
                           {"code", "91350100M000100Y43"},
                           {"place", "110108"}})
                  .empty());
}

TEST(ValidateForm, RequiredValueBlankAfterTrimmingIsMissing) {
  for (std::string blank : {"", " ", "\u3000\u3000", "\t\n", "\u00a0"}) {
    Error e = error_with({{"name", blank}});
    EXPECT_EQ(e.code, ErrorCode::form_value_missing);
    expect_labels(e, "name", "名称", "Name");
  }
  Error absent = validate_form(sample_form(), {{"sworn", "1"}}).at(0);
  EXPECT_EQ(absent.code, ErrorCode::form_value_missing);
}

TEST(ValidateForm, TextLengthCountsCharactersNotBytes) {
  EXPECT_TRUE(errors_with({{"name", repeat("测", 10)}}).empty());  // 30 bytes
  Error e = error_with({{"name", repeat("测", 11)}});
  EXPECT_EQ(e.code, ErrorCode::form_too_long);
  EXPECT_EQ(e.param("length"), "11");
  EXPECT_EQ(e.param("max"), "10");
  expect_labels(e, "name", "名称", "Name");
  EXPECT_TRUE(errors_with({{"name", "abcdefghij"}}).empty());
}

TEST(ValidateForm, TextareaBelowItsMinimumIsTooShort) {
  Error e = error_with({{"story", "四个字啊"}});
  EXPECT_EQ(e.code, ErrorCode::form_too_short);
  EXPECT_EQ(e.param("length"), "4");
  EXPECT_EQ(e.param("min"), "5");
  expect_labels(e, "story", "经历", "Story");
  // An optional field left empty is not too short.
  EXPECT_TRUE(errors_with({{"story", ""}}).empty());
}

TEST(ValidateForm, IntegerIsSignAndDigitsWithinBounds) {
  for (std::string ok : {"0", "42", "+7", "-5", "0042", "100"}) {
    EXPECT_TRUE(errors_with({{"count", ok}}).empty()) << ok;
  }
  for (std::string bad :
       {"4.2", "1e3", "-", "+-5", "--5", "12a", "1 000", "\xef\xbc\x91\xef\xbc\x92"}) {
    Error e = error_with({{"count", bad}});
    EXPECT_EQ(e.code, ErrorCode::form_not_number) << bad;
    EXPECT_EQ(e.param("value"), bad);
    expect_labels(e, "count", "数量", "Count");
  }
  for (std::string far : {"101", "-6", "99999999999999999999", "-99999999999999999999"}) {
    Error e = error_with({{"count", far}});
    EXPECT_EQ(e.code, ErrorCode::form_out_of_range) << far;
    EXPECT_EQ(e.param("value"), far);
    EXPECT_EQ(e.param("min"), "-5");
    EXPECT_EQ(e.param("max"), "100");
  }
}

TEST(ValidateForm, DecimalHasAtMostTwoDecimalsWithinBounds) {
  for (std::string ok : {"0", "12.5", "999.99", "0.05", "1000", "1000.00"}) {
    EXPECT_TRUE(errors_with({{"money", ok}}).empty()) << ok;
  }
  for (std::string bad : {"12.345", "1.", ".5", "-1", "1,000", "1.2.3", "1e2", "12.5万"}) {
    Error e = error_with({{"money", bad}});
    EXPECT_EQ(e.code, ErrorCode::form_not_number) << bad;
    EXPECT_EQ(e.param("value"), bad);
  }
  for (std::string far : {"1000.01", "1001", "99999999999999999999.5"}) {
    Error e = error_with({{"money", far}});
    EXPECT_EQ(e.code, ErrorCode::form_out_of_range) << far;
    EXPECT_EQ(e.param("min"), "0");
    EXPECT_EQ(e.param("max"), "1000");
  }
}

TEST(ValidateForm, DateIsAStrictRealCalendarDay) {
  for (std::string ok : {"2024-02-29", "2000-02-29", "2023-12-31", "2013-01-01"}) {
    EXPECT_TRUE(errors_with({{"day", ok}}).empty()) << ok;
  }
  for (std::string bad : {"2023-02-30", "2023-02-29", "1900-02-29", "2023-04-31", "2023-13-01",
                          "2023-00-10", "2023-01-00", "2023-2-3", "2023/02/01", "20230201",
                          "2023-02-01T00:00", "二〇二三年二月一日"}) {
    Error e = error_with({{"day", bad}});
    EXPECT_EQ(e.code, ErrorCode::form_bad_date) << bad;
    EXPECT_EQ(e.param("value"), bad);
    expect_labels(e, "day", "日期", "Date");
  }
}

TEST(ValidateForm, ChoiceMustBeAnOptionCode) {
  EXPECT_TRUE(errors_with({{"kind", "a"}}).empty());
  for (std::string bad : {"c", "A", "甲"}) {
    Error e = error_with({{"kind", bad}});
    EXPECT_EQ(e.code, ErrorCode::form_bad_choice) << bad;
    EXPECT_EQ(e.param("value"), bad);
    expect_labels(e, "kind", "类别", "Kind");
  }
}

TEST(ValidateForm, UsccErrorsPassThroughWithTheFieldNamed) {
  Error e = error_with({{"code", "91350100M000100Y44"}});
  EXPECT_EQ(e.code, ErrorCode::uscc_check_digit);
  EXPECT_EQ(e.param("value"), "91350100M000100Y44");
  EXPECT_EQ(e.param("expected"), "3");
  EXPECT_EQ(e.param("actual"), "4");
  expect_labels(e, "code", "代码", "Code");
  EXPECT_EQ(error_with({{"code", "9135010"}}).code, ErrorCode::uscc_length);
  EXPECT_EQ(error_with({{"code", "91990100M000100Y43"}}).code, ErrorCode::uscc_unknown_province);
  // Checked as stored: clean_values upper-cases and drops spaces people type.
  EXPECT_TRUE(errors_with({{"code", " 91350100 m000100y43\u3000"}}).empty());
}

TEST(ValidateForm, RegionMustBeAKnownDivisionCode) {
  for (std::string ok : {"110108", "320500", "330000"}) {
    EXPECT_TRUE(errors_with({{"place", ok}}).empty()) << ok;
  }
  for (std::string bad : {"999999", "811000", "1101", "11010８", "北京市", "1101080"}) {
    Error e = error_with({{"place", bad}});
    EXPECT_EQ(e.code, ErrorCode::region_unknown) << bad;
    EXPECT_EQ(e.param("value"), bad);
    expect_labels(e, "place", "地区", "Place");
  }
}

// Hong Kong, Macao and Taiwan have real GB/T 2260 codes: the form takes them, and each
// list's eligibility rules say whether they qualify, with the reason (emerging_enterprise
// does not: eligibility_test.cpp).
TEST(ValidateForm, RegionOutsideTheMainlandIsAValidCode) {
  for (std::string outside : {"810000", "820000", "710000"}) {
    EXPECT_TRUE(errors_with({{"place", outside}}).empty()) << outside;
  }
}

TEST(ValidateForm, RequiredStatementMustBeConfirmedWithOne) {
  for (std::string unconfirmed : {"", "0", "true", "yes"}) {
    Error e = error_with({{"sworn", unconfirmed}});
    EXPECT_EQ(e.code, ErrorCode::form_not_attested) << unconfirmed;
    expect_labels(e, "sworn", "承诺", "Statement");
  }
}

TEST(ValidateForm, OneErrorPerFieldInFormOrder) {
  std::vector<Error> errors = validate_form(sample_form(), {{"sworn", "0"},
                                                            {"place", "999999"},
                                                            {"day", "2023-02-30"},
                                                            {"count", "x"},
                                                            {"unknown", "ignored"}});
  EXPECT_EQ(codes_of(errors),
            (std::vector<std::string>{"form_value_missing", "form_not_number", "form_bad_date",
                                      "region_unknown", "form_not_attested"}));
  std::vector<std::string> fields;
  for (const Error& e : errors) fields.emplace_back(e.param("field"));
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "count", "day", "place", "sworn"}));
}

// ---- The real forms ---------------------------------------------------------------------

FormValues complete_pioneer_tech() {
  return {
      {"tech_name", "高稳定性钙钛矿太阳能电池封装技术"},
      {"holder_name", "福州示例新能源科技有限公司"},
      {"holder_uscc", "91350100M000100Y43"},
      {"summary", repeat("本技术通过多层阻隔封装提升电池寿命。", 8)},
      {"innovation", "首次实现柔性封装与刚性封装的统一工艺。"},
      {"key_indicators", "湿热 1000 小时后效率保持率大于 95%。"},
      {"trl", "6"},
      {"validation", "已通过第三方检测并在示范线试用。"},
      {"ip_status", "granted_invention_patent"},
      {"transferability", "transferable"},
      {"transfer_willingness", "strong"},
      {"transfer_mode", "licence"},
      {"scenarios", "光伏建筑一体化、便携电源。"},
      {"not_classified", "1"},
      {"data_true", "1"},
  };
}

TEST(RealForms, ACompletePioneerTechnologyPassesAndTrlTenDoesNot) {
  const ApplicationForm& form = *form_for("pioneer_tech");
  EXPECT_TRUE(validate_form(form, complete_pioneer_tech()).empty())
      << codes_of(validate_form(form, complete_pioneer_tech())).front();
  FormValues values = complete_pioneer_tech();
  values["trl"] = "10";
  std::vector<Error> errors = validate_form(form, values);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, ErrorCode::form_out_of_range);
  EXPECT_EQ(errors[0].param("field"), "trl");
  EXPECT_EQ(errors[0].param("label_zh"), "技术成熟度（TRL）");
  EXPECT_EQ(errors[0].param("min"), "1");
  EXPECT_EQ(errors[0].param("max"), "9");
  values = complete_pioneer_tech();
  values.erase("not_classified");
  errors = validate_form(form, values);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, ErrorCode::form_not_attested);
  EXPECT_EQ(errors[0].param("field"), "not_classified");
}

TEST(RealForms, EmptyPioneerTechnologyListsEveryRequiredField) {
  const ApplicationForm& form = *form_for("pioneer_tech");
  std::vector<Error> errors = validate_form(form, {});
  std::vector<std::string> fields;
  for (const Error& e : errors) fields.emplace_back(e.param("field"));
  EXPECT_EQ(fields, (std::vector<std::string>{"tech_name", "holder_name", "holder_uscc", "summary",
                                              "innovation", "key_indicators", "trl", "validation",
                                              "ip_status", "transferability",
                                              "transfer_willingness", "transfer_mode", "scenarios",
                                              "not_classified", "data_true"}));
}

TEST(RealForms, EmergingEnterpriseFoundedOnFebruaryThirtiethIsRefused) {
  FormValues values{
      {"enterprise_name", "苏州示例智能科技有限公司"},
      {"uscc", "91440300708461136T"},
      {"founded_on", "2019-02-28"},
      {"region", "320500"},
      {"industry", "next_gen_it"},
      {"size_class", "small"},
      {"stage", "growth"},
      {"employees", "86"},
      {"revenue", "3250.5"},
      {"rd_spend", "612"},
      {"products", "工业视觉检测设备"},
      {"core_competence", repeat("自研深度学习缺陷检测算法，", 10)},
      {"financing_round", "series_a"},
      {"not_barred_industry", "1"},
      {"no_major_incident", "1"},
      {"not_blacklisted", "1"},
      {"data_true", "1"},
  };
  const ApplicationForm& form = *form_for("emerging_enterprise");
  EXPECT_TRUE(validate_form(form, values).empty());
  values["founded_on"] = "2019-02-30";
  values["revenue"] = "3250.555";
  EXPECT_EQ(codes_of(validate_form(form, values)),
            (std::vector<std::string>{"form_bad_date", "form_not_number"}));
}

// ---- Drafts -----------------------------------------------------------------------------

TEST(CheckDraft, AnEmptyDraftSavesOnEveryForm) {
  for (const std::string& code : all_list_codes()) {
    EXPECT_TRUE(check_draft(*form_for(code), {}).empty()) << code;
    FormValues blanks;
    for (const FormField* f : fields_of(*form_for(code))) blanks[f->name] = " ";
    EXPECT_TRUE(check_draft(*form_for(code), blanks).empty()) << code;
  }
}

TEST(CheckDraft, RefusesValuesOfTheWrongType) {
  std::vector<Error> errors =
      check_draft(sample_form(), {{"day", "2023-02-30"}, {"count", "七"}, {"kind", "z"}});
  EXPECT_EQ(codes_of(errors),
            (std::vector<std::string>{"form_not_number", "form_bad_date", "form_bad_choice"}));
  EXPECT_EQ(errors[1].param("field"), "day");
  EXPECT_EQ(errors[1].param("value"), "2023-02-30");
  EXPECT_EQ(check_draft(sample_form(), {{"name", repeat("长", 11)}}).at(0).code,
            ErrorCode::form_too_long);
  EXPECT_EQ(check_draft(sample_form(), {{"place", "999999"}}).at(0).code,
            ErrorCode::region_unknown);
}

TEST(CheckDraft, AcceptsWhatIsOnlyUnfinished) {
  // Short text, a half-typed code, a code whose check digit fails, an unconfirmed statement.
  EXPECT_TRUE(
      check_draft(sample_form(), {{"story", "短"}, {"code", "9135010"}, {"sworn", "0"}}).empty());
  EXPECT_TRUE(check_draft(sample_form(), {{"code", "91350100M000100Y44"}}).empty());
  Error alphabet = check_draft(sample_form(), {{"code", "9135O1"}}).at(0);
  EXPECT_EQ(alphabet.code, ErrorCode::uscc_alphabet);
  EXPECT_EQ(alphabet.param("char"), "O");
  EXPECT_EQ(alphabet.param("position"), "5");
  expect_labels(alphabet, "code", "代码", "Code");
  Error long_code = check_draft(sample_form(), {{"code", "91350100M000100Y433"}}).at(0);
  EXPECT_EQ(long_code.code, ErrorCode::uscc_length);
  EXPECT_EQ(long_code.param("length"), "19");
}

// ---- Cleaning ---------------------------------------------------------------------------

TEST(CleanValues, TrimsUnicodeSpaceAndDropsUnknownNames) {
  FormValues cleaned = clean_values(sample_form(), {{"name", "\u3000名称 "},
                                                    {"story", "\u00a0\u2003第一行\r\n第二行\t\n"},
                                                    {"kind", "\u200b\ufeffa"},
                                                    {"code", " 91350100 m000100y43 "},
                                                    {"count", ""},
                                                    {"admin", "1"},
                                                    {"名称", "x"}});
  EXPECT_EQ(cleaned, (FormValues{{"name", "名称"},
                                 {"story", "第一行\n第二行"},
                                 {"kind", "a"},
                                 {"code", "91350100M000100Y43"},
                                 {"count", ""}}));
  // Inner spaces are the applicant's own.
  EXPECT_EQ(clean_values(sample_form(), {{"name", " 甲 乙\u3000丙 "}}).at("name"), "甲 乙\u3000丙");
  // Malformed UTF-8 is left as it is, not cut into.
  EXPECT_EQ(clean_values(sample_form(), {{"name", "\xe3\x80 a"}}).at("name"), "\xe3\x80 a");
}

TEST(CleanValues, ValidatingRawOrCleanedValuesAgrees) {
  FormValues raw{{"name", " " + repeat("测", 10) + "\u3000"},
                 {"story", "12345\r\n"},
                 {"count", "\t+7 "},
                 {"sworn", "1\n"},
                 {"extra", "?"}};
  EXPECT_TRUE(validate_form(sample_form(), raw).empty());
  EXPECT_TRUE(validate_form(sample_form(), clean_values(sample_form(), raw)).empty());
  // "\r\n" counts as one character, as the browser counted it against maxlength.
  FormValues lines{
      {"story", repeat("一二\r\n", 6) + "三三"}};  // 20 characters; 26 if "\r\n" were two
  EXPECT_TRUE(check_draft(sample_form(), lines).empty());
}

TEST(FormFieldTypeName, NamesAreStable) {
  EXPECT_EQ(form_field_type_name(FormFieldType::text), "text");
  EXPECT_EQ(form_field_type_name(FormFieldType::textarea), "textarea");
  EXPECT_EQ(form_field_type_name(FormFieldType::integer), "integer");
  EXPECT_EQ(form_field_type_name(FormFieldType::decimal), "decimal");
  EXPECT_EQ(form_field_type_name(FormFieldType::date), "date");
  EXPECT_EQ(form_field_type_name(FormFieldType::choice), "choice");
  EXPECT_EQ(form_field_type_name(FormFieldType::uscc), "uscc");
  EXPECT_EQ(form_field_type_name(FormFieldType::region), "region");
  EXPECT_EQ(form_field_type_name(FormFieldType::attestation), "attestation");
}

}  // namespace
}  // namespace kczg
