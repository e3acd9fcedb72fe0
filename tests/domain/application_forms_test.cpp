// The forms of every list as data: labelled, consistent, and asking what the calls ask.
#include <gtest/gtest.h>

#include "form_test_helpers.hpp"

namespace kczg {
namespace {

using namespace form_testing;

// ---- The forms as data ------------------------------------------------------------------

TEST(ApplicationForms, EveryListOfBothPresetsHasAFormNamedByARequiredTextField) {
  for (const Campaign& c : {preset_2022(), preset_2023()}) {
    for (const List& list : c.lists) {
      SCOPED_TRACE(list.code);
      const ApplicationForm* form = form_for(list.code);
      ASSERT_NE(form, nullptr);
      EXPECT_EQ(form->list, list.code);
      const FormField* title = find_form_field(*form, form->title_field);
      ASSERT_NE(title, nullptr);
      EXPECT_EQ(title->type, FormFieldType::text);
      EXPECT_TRUE(title->required);
    }
  }
  EXPECT_EQ(all_list_codes().size(), 7u);
}

TEST(ApplicationForms, UnknownListHasNoForm) {
  EXPECT_EQ(form_for("resources_environment"), nullptr);
  EXPECT_EQ(form_for(""), nullptr);
}

TEST(ApplicationForms, EverythingIsLabelledInBothLanguages) {
  for (const std::string& code : all_list_codes()) {
    const ApplicationForm& form = *form_for(code);
    for (const FormSection& section : form.sections) {
      EXPECT_FALSE(section.label_zh.empty()) << code;
      EXPECT_FALSE(section.label_en.empty()) << code;
      EXPECT_FALSE(section.fields.empty()) << code << " " << section.label_en;
    }
    for (const FormField* field : fields_of(form)) {
      SCOPED_TRACE(code + "." + field->name);
      EXPECT_FALSE(field->label_zh.empty());
      EXPECT_FALSE(field->label_en.empty());
      EXPECT_EQ(field->help_zh.empty(), field->help_en.empty());  // both or neither
      for (const FormOption& option : field->options) {
        EXPECT_FALSE(option.code.empty());
        EXPECT_FALSE(option.label_zh.empty()) << option.code;
        EXPECT_FALSE(option.label_en.empty()) << option.code;
      }
    }
    for (const FormAttachment& a : form.attachments) {
      SCOPED_TRACE(code + " attachment " + a.kind);
      EXPECT_FALSE(a.label_zh.empty());
      EXPECT_FALSE(a.label_en.empty());
      EXPECT_EQ(a.help_zh.empty(), a.help_en.empty());
    }
  }
}

TEST(ApplicationForms, NamesAndOptionCodesAreUniqueAndOnlyChoicesHaveOptions) {
  for (const std::string& code : all_list_codes()) {
    const ApplicationForm& form = *form_for(code);
    std::set<std::string> names;
    for (const FormField* field : fields_of(form)) {
      SCOPED_TRACE(code + "." + field->name);
      EXPECT_TRUE(names.insert(field->name).second) << "duplicate field name";
      if (field->type == FormFieldType::choice) {
        EXPECT_GE(field->options.size(), 2u);
        std::set<std::string> options;
        for (const FormOption& o : field->options) {
          EXPECT_TRUE(options.insert(o.code).second) << o.code;
        }
      } else {
        EXPECT_TRUE(field->options.empty());
      }
    }
    std::set<std::string> kinds;
    for (const FormAttachment& a : form.attachments) {
      EXPECT_TRUE(kinds.insert(a.kind).second) << code << " " << a.kind;
    }
  }
}

// form_out_of_range names both bounds, and every text needs a limit the store can hold.
TEST(ApplicationForms, NumbersHaveBothBoundsAndTextHasAMaximum) {
  for (const std::string& code : all_list_codes()) {
    for (const FormField* field : fields_of(*form_for(code))) {
      SCOPED_TRACE(code + "." + field->name);
      switch (field->type) {
        case FormFieldType::integer:
        case FormFieldType::decimal:
          ASSERT_TRUE(field->min && field->max);
          EXPECT_LE(*field->min, *field->max);
          break;
        case FormFieldType::text:
        case FormFieldType::textarea:
          ASSERT_TRUE(field->max);
          EXPECT_LE(field->min.value_or(0), *field->max);
          break;
        default:
          EXPECT_FALSE(field->min || field->max);
      }
    }
  }
}

TEST(ApplicationForms, EveryFormAsksForTheStampedFormAndTheTruthOfItsData) {
  for (const std::string& code : all_list_codes()) {
    SCOPED_TRACE(code);
    const ApplicationForm& form = *form_for(code);
    const FormAttachment* scan = find_form_attachment(form, "signed_form");
    ASSERT_NE(scan, nullptr);
    EXPECT_TRUE(scan->required_to_submit);
    EXPECT_EQ(scan->label_zh, "盖章申报书扫描件");
    const FormField* truth = find_form_field(form, "data_true");
    ASSERT_NE(truth, nullptr);
    EXPECT_EQ(truth->type, FormFieldType::attestation);
    EXPECT_TRUE(truth->required);
  }
  EXPECT_EQ(find_form_attachment(*form_for("pioneer_tech"), "no_such_kind"), nullptr);
}

TEST(ApplicationForms, PeopleAreNotAskedForIdentityNumbersOrContacts) {
  for (const std::string& code : all_list_codes()) {
    for (const FormField* field : fields_of(*form_for(code))) {
      for (std::string_view word : {"身份证", "证件号", "手机", "电话", "邮箱"}) {
        EXPECT_EQ(field->label_zh.find(word), std::string::npos) << code << "." << field->name;
      }
    }
  }
}

void expect_field(const ApplicationForm& form, std::string_view name, FormFieldType type,
                  bool required) {
  const FormField* field = find_form_field(form, name);
  ASSERT_NE(field, nullptr) << name;
  EXPECT_EQ(form_field_type_name(field->type), form_field_type_name(type)) << name;
  EXPECT_EQ(field->required, required) << name;
}

bool has_option(const FormField& field, std::string_view code) {
  for (const FormOption& o : field.options) {
    if (o.code == code) return true;
  }
  return false;
}

TEST(ApplicationForms, PioneerTechAsksWhatThe2023CallAsks) {
  const ApplicationForm& form = *form_for("pioneer_tech");
  EXPECT_EQ(form.title_field, "tech_name");
  expect_field(form, "holder_name", FormFieldType::text, true);
  expect_field(form, "holder_uscc", FormFieldType::uscc, true);
  expect_field(form, "summary", FormFieldType::textarea, true);
  expect_field(form, "key_indicators", FormFieldType::textarea, true);
  expect_field(form, "trl", FormFieldType::integer, true);
  expect_field(form, "ip_status", FormFieldType::choice, true);
  expect_field(form, "transferability", FormFieldType::choice, true);
  expect_field(form, "transfer_willingness", FormFieldType::choice, true);
  expect_field(form, "scenarios", FormFieldType::textarea, true);
  expect_field(form, "foundation_kind", FormFieldType::choice, false);
  expect_field(form, "not_classified", FormFieldType::attestation, true);
  EXPECT_EQ(find_form_field(form, "summary")->max, 1000);
  const FormField& trl = *find_form_field(form, "trl");
  EXPECT_EQ(trl.min, 1);
  EXPECT_EQ(trl.max, 9);
  const FormField& ip = *find_form_field(form, "ip_status");
  for (std::string_view code : {"granted_invention_patent", "patent_pending", "software_copyright",
                                "trade_secret", "none"}) {
    EXPECT_TRUE(has_option(ip, code)) << code;
  }
  // The five foundations carry the names the 2023 preset's eligibility rule lists.
  const FormField& kinds = *find_form_field(form, "foundation_kind");
  std::vector<std::string> labels;
  for (const FormOption& o : kinds.options) labels.push_back(o.label_zh);
  EXPECT_EQ(labels, preset_2023().eligibility.industrial_foundation_kinds);
  // The field (领域) is chosen on the application itself, never twice.
  EXPECT_EQ(find_form_field(form, "field"), nullptr);
  EXPECT_NE(find_form_attachment(form, "ip_proof"), nullptr);
  EXPECT_FALSE(find_form_attachment(form, "ip_proof")->required_to_submit);
}

TEST(ApplicationForms, EmergingEnterpriseAsksWhatThe2023CallAsks) {
  const ApplicationForm& form = *form_for("emerging_enterprise");
  EXPECT_EQ(form.title_field, "enterprise_name");
  expect_field(form, "uscc", FormFieldType::uscc, true);
  expect_field(form, "founded_on", FormFieldType::date, true);
  expect_field(form, "region", FormFieldType::region, true);
  expect_field(form, "size_class", FormFieldType::choice, true);
  expect_field(form, "employees", FormFieldType::integer, true);
  expect_field(form, "revenue", FormFieldType::decimal, true);
  expect_field(form, "rd_spend", FormFieldType::decimal, true);
  expect_field(form, "products", FormFieldType::textarea, true);
  expect_field(form, "financing_round", FormFieldType::choice, true);
  expect_field(form, "not_barred_industry", FormFieldType::attestation, true);
  expect_field(form, "no_major_incident", FormFieldType::attestation, true);
  expect_field(form, "not_blacklisted", FormFieldType::attestation, true);
}

TEST(ApplicationForms, OrganisationAndPeopleFormsAskWhatTheirListsNeed) {
  const ApplicationForm& org = *form_for("integration_org");
  expect_field(org, "org_name", FormFieldType::text, true);
  expect_field(org, "uscc", FormFieldType::uscc, true);
  expect_field(org, "founded_on", FormFieldType::date, true);
  expect_field(org, "org_kind", FormFieldType::choice, true);
  EXPECT_EQ(find_form_field(org, "org_kind")->options.size(), 4u);
  expect_field(org, "members", FormFieldType::integer, false);
  expect_field(org, "achievements", FormFieldType::textarea, true);

  const ApplicationForm& manager = *form_for("tech_manager");
  expect_field(manager, "person_name", FormFieldType::text, true);
  expect_field(manager, "organisation", FormFieldType::text, true);
  expect_field(manager, "employer_kind", FormFieldType::choice, true);
  expect_field(manager, "qualification", FormFieldType::choice, true);
  expect_field(manager, "willing_to_serve", FormFieldType::attestation, true);

  expect_field(*form_for("entrepreneur"), "jobs_created", FormFieldType::integer, true);
  expect_field(*form_for("intl_cooperation"), "cooperation_mode", FormFieldType::choice, true);
  expect_field(*form_for("open_source"), "repository_url", FormFieldType::text, true);
}

}  // namespace
}  // namespace kczg
