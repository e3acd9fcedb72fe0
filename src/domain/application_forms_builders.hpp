// Private to the application forms: the small builders both form files share, so that a
// form reads as a list of its fields.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "domain/application_form.hpp"

namespace kczg::forms {

// A label or help text, in Chinese and in English.
struct Words {
  std::string zh;
  std::string en;
};

enum class Need { required, optional };
constexpr Need req = Need::required;
constexpr Need opt = Need::optional;

inline FormField make(std::string name, FormFieldType type, Need need, Words label, Words help) {
  FormField field;
  field.name = std::move(name);
  field.type = type;
  field.required = need == Need::required;
  field.label_zh = std::move(label.zh);
  field.label_en = std::move(label.en);
  field.help_zh = std::move(help.zh);
  field.help_en = std::move(help.en);
  return field;
}

inline FormField text(std::string name, Need need, long long max, Words label, Words help = {}) {
  FormField field =
      make(std::move(name), FormFieldType::text, need, std::move(label), std::move(help));
  field.max = max;
  return field;
}

// `min` 0: any length up to `max`.
inline FormField textarea(std::string name, Need need, long long min, long long max, Words label,
                          Words help = {}) {
  FormField field =
      make(std::move(name), FormFieldType::textarea, need, std::move(label), std::move(help));
  if (min > 0) field.min = min;
  field.max = max;
  return field;
}

inline FormField number(std::string name, FormFieldType type, Need need, long long min,
                        long long max, Words label, Words help) {
  FormField field = make(std::move(name), type, need, std::move(label), std::move(help));
  field.min = min;
  field.max = max;
  return field;
}

inline FormField integer(std::string name, Need need, long long min, long long max, Words label,
                         Words help = {}) {
  return number(std::move(name), FormFieldType::integer, need, min, max, std::move(label),
                std::move(help));
}

// An amount in 万元 (10,000 yuan), as Chinese statistics and the calls' forms state them.
inline FormField amount(std::string name, Need need, Words label, Words help = {}) {
  return number(std::move(name), FormFieldType::decimal, need, 0, 100'000'000, std::move(label),
                std::move(help));
}

inline FormField date(std::string name, Need need, Words label, Words help = {}) {
  return make(std::move(name), FormFieldType::date, need, std::move(label), std::move(help));
}

inline FormField choice(std::string name, Need need, std::vector<FormOption> options, Words label,
                        Words help = {}) {
  FormField field =
      make(std::move(name), FormFieldType::choice, need, std::move(label), std::move(help));
  field.options = std::move(options);
  return field;
}

inline FormField uscc(std::string name, Need need, Words label, Words help = {}) {
  return make(std::move(name), FormFieldType::uscc, need, std::move(label), std::move(help));
}

inline FormField region(std::string name, Need need, Words label, Words help) {
  return make(std::move(name), FormFieldType::region, need, std::move(label), std::move(help));
}

// Every statement on a form is a condition of the list, so each must be confirmed.
inline FormField attestation(std::string name, Words statement) {
  return make(std::move(name), FormFieldType::attestation, req, std::move(statement), {});
}

inline FormAttachment attachment(std::string kind, Need need, Words label, Words help) {
  return {std::move(kind),     need == Need::required, std::move(label.zh),
          std::move(label.en), std::move(help.zh),     std::move(help.en)};
}

// ---- Shared pieces ---------------------------------------------------------------------

inline FormField data_true() {
  return attestation("data_true",
                     {"申报信息和所附材料真实、准确、完整，如有不实，愿承担相应责任",
                      "The information and documents provided are true, accurate and complete; "
                      "the applicant answers for any that are not"});
}

inline FormField not_classified(Words what) {
  return attestation("not_classified", std::move(what));
}

inline FormAttachment signed_form(Words help) {
  return attachment("signed_form", req, {"盖章申报书扫描件", "Signed and stamped application form"},
                    std::move(help));
}

inline Words stamped_by_applicant() {
  return {"下载本系统生成的申报书，经申报单位盖章后扫描为 PDF 上传",
          "Download the application form this system generates, have the applicant stamp it, and "
          "upload the scan as PDF"};
}

inline Words signed_by_person() {
  return {"下载本系统生成的申报书，经申报人签字、所在单位盖章后扫描为 PDF 上传",
          "Download the application form this system generates, sign it, have your employer stamp "
          "it, and upload the scan as PDF"};
}

inline FormAttachment ip_proof() {
  return attachment("ip_proof", opt, {"知识产权证明", "Proof of intellectual property"},
                    {"专利证书、软件著作权登记证书等",
                     "Patent certificates, software copyright registrations and the like"});
}

inline Words uscc_label() { return {"统一社会信用代码", "Unified Social Credit Code"}; }

inline Words uscc_help() {
  return {"18 位，见营业执照或法人登记证书",
          "18 characters, as on the business licence or registration certificate"};
}

inline std::vector<FormOption> ip_status_options() {
  return {
      {"granted_invention_patent", "已授权发明专利", "Granted invention patent"},
      {"granted_other_patent", "已授权实用新型或外观设计专利",
       "Granted utility model or design patent"},
      {"patent_pending", "专利申请中", "Patent pending"},
      {"software_copyright", "软件著作权", "Software copyright"},
      {"trade_secret", "技术秘密", "Trade secret"},
      {"other", "其他（如集成电路布图设计、植物新品种）",
       "Other (e.g. layout design, plant variety right)"},
      {"none", "无", "None"},
  };
}

// The nine strategic emerging industries of the National Bureau of Statistics'
// classification (战略性新兴产业分类 2018).
inline std::vector<FormOption> strategic_industry_options() {
  return {
      {"next_gen_it", "新一代信息技术产业", "Next-generation information technology"},
      {"high_end_equipment", "高端装备制造产业", "High-end equipment manufacturing"},
      {"new_materials", "新材料产业", "New materials"},
      {"biotech", "生物产业", "Biotechnology"},
      {"new_energy_vehicles", "新能源汽车产业", "New-energy vehicles"},
      {"new_energy", "新能源产业", "New energy"},
      {"energy_saving", "节能环保产业", "Energy saving and environmental protection"},
      {"digital_creative", "数字创意产业", "Digital creative industries"},
      {"related_services", "相关服务业", "Related services"},
  };
}

inline Words region_help() {
  return {"所在区县（或地级市）的 6 位行政区划代码（GB/T 2260），限中国境内（不含港澳台）",
          "The 6-digit GB/T 2260 code of the county (or city); mainland China only, not Hong Kong, "
          "Macao or Taiwan"};
}

// ---- The forms ---------------------------------------------------------------------------

// 2023 申报条件 一: innovative and early-validated; transferable and tradable; not
// classified, publicisable, holder willing; for 产业基础 also one of the five foundations,
// an original breakthrough, embargoed or long imported.

// The forms, by the call that asks for them.
ApplicationForm pioneer_tech();
ApplicationForm emerging_enterprise();
ApplicationForm integration_org();
ApplicationForm tech_manager();
ApplicationForm entrepreneur();
ApplicationForm intl_cooperation();
ApplicationForm open_source();

}  // namespace kczg::forms
