// The forms of the 2023 technology-service lists (integration_org, tech_manager), from the
// 2023 call's 申报条件; see application_forms_data.cpp for the rules every form follows.
#include "domain/application_forms_builders.hpp"

namespace kczg::forms {

// 2023 申报条件 三: one of four kinds, founded before a date the campaign sets, serving a
// key industry and a demonstration or pilot city.
ApplicationForm integration_org() {
  ApplicationForm form{"integration_org", "org_name", {}, {}};
  form.sections = {
      {"组织基本信息",
       "The organisation",
       {
           text("org_name", req, 100, {"组织名称", "Organisation name"}),
           uscc("uscc", req, uscc_label(),
                {"创新联合体无独立登记的，填写牵头单位的代码",
                 "An innovation consortium without its own registration gives its lead "
                 "member's code"}),
           choice("org_kind", req,
                  {
                      {"new_rd_institution", "新型研发机构", "New R&D institution"},
                      {"tech_transfer_institution", "专业技术转移机构",
                       "Technology-transfer institution"},
                      {"incubation_carrier",
                       "创业孵化载体（含专业化众创空间、专业孵化器、大学科技园等）",
                       "Incubation carrier (maker space, specialised incubator, university science "
                       "park and the like)"},
                      {"innovation_consortium", "创新联合体", "Innovation consortium"},
                  },
                  {"机构类型", "Kind of organisation"}),
           text("lead_unit", opt, 100, {"牵头单位", "Lead member"},
                {"创新联合体填写", "For an innovation consortium"}),
           date("founded_on", req, {"成立日期", "Date of establishment"},
                {"以登记证书或成立批复为准",
                 "As on the registration certificate or founding approval"}),
           region("region", req, {"所在地", "Location"}, region_help()),
           choice("key_industry", req,
                  {
                      {"next_gen_it", "新一代信息技术", "Next-generation information technology"},
                      {"biomedicine", "生物医药", "Biomedicine"},
                      {"equipment", "装备制造", "Equipment manufacturing"},
                      {"new_materials", "新材料", "New materials"},
                      {"new_energy", "新能源", "New energy"},
                      {"energy_saving", "节能环保", "Energy saving and environmental protection"},
                      {"other", "其他", "Other"},
                  },
                  {"主要服务的重点产业", "Main key industry served"}),
           text("served_city", req, 200,
                {"来自或服务的示范市、试点城市（园区）",
                 "Demonstration or pilot city (park) served"},
                {"创新驱动示范市或“科创中国”试点城市（园区）的名称",
                 "The innovation-driven demonstration city or Science and Technology Innovation "
                 "China pilot city or park"}),
           integer("staff", req, 0, 1'000'000, {"全职人员数", "Full-time staff"}),
           integer("members", opt, 0, 100'000, {"成员单位数", "Member organisations"},
                   {"有成员单位的组织填写", "For organisations with members"}),
       }},
      {"服务与成效",
       "Services and results",
       {
           textarea("services", req, 100, 1500, {"主要服务内容", "Main services"},
                    {"共性技术研发、成果转移转化、创业企业孵化等科学技术服务",
                     "Generic technology R&D, transfer of results, incubation of start-ups and "
                     "other science and technology services"}),
           textarea("achievements", req, 0, 1500,
                    {"近三年主要成效", "Results in the last three years"},
                    {"代表性案例与数据", "Representative cases and figures"}),
           integer("transfers", opt, 0, 100'000,
                   {"近三年转移转化成果数（项）", "Results transferred in the last three years"}),
           integer("incubated", opt, 0, 100'000,
                   {"近三年孵化企业数（家）", "Enterprises incubated in the last three years"}),
           amount("contract_value", opt,
                  {"近三年技术合同成交额（万元）",
                   "Technology contracts in the last three years (10,000 yuan)"}),
       }},
      {"承诺", "Declarations", {data_true()}},
  };
  form.attachments = {
      signed_form(stamped_by_applicant()),
      attachment(
          "registration_proof", opt, {"登记证书或成立批复", "Registration or founding approval"},
          {"证明机构类型与成立时间", "Shows the kind of organisation and when it was founded"}),
      attachment(
          "achievement_proof", opt, {"成效证明材料", "Proof of results"},
          {"技术合同、孵化协议等", "Technology contracts, incubation agreements and the like"}),
  };
  return form;
}

// 创业就业先锋榜 (2022): innovation, entrepreneurial spirit and the jobs created, as the
// 2023 annual-meeting report describes the list.
ApplicationForm tech_manager() {
  ApplicationForm form{"tech_manager", "person_name", {}, {}};
  form.sections = {
      {"申报人",
       "The technology manager",
       {
           text("person_name", req, 50, {"姓名", "Name"}),
           text("organisation", req, 100, {"工作单位", "Employer"}),
           uscc("org_uscc", opt, {"工作单位统一社会信用代码", "Employer's USCC"}, uscc_help()),
           choice(
               "employer_kind", req,
               {
                   {"government", "政府机关", "Government agency"},
                   {"public_institution", "事业单位", "Public institution"},
                   {"enterprise", "企业", "Enterprise"},
                   {"university", "高等院校", "University"},
                   {"research_institute", "科研院所", "Research institute"},
                   {"new_rd_institution", "新型研发机构", "New R&D institution"},
                   {"park_or_cluster", "科技园区或创新集群", "Science park or innovation cluster"},
                   {"transfer_agency", "科技成果转移转化专业机构", "Technology-transfer agency"},
                   {"intl_cooperation_org", "国际技术转移与国际科技创新合作机构",
                    "International technology transfer or cooperation organisation"},
                   {"other", "其他组织", "Other organisation"},
               },
               {"单位类型", "Kind of employer"}),
           text("position", req, 50, {"职务或岗位", "Position"}),
           integer("years_in_transfer", req, 0, 60,
                   {"从事技术转移工作年限", "Years in technology transfer"}),
           choice("qualification", req,
                  {
                      {"trained_examined", "经过技术经理人培训并通过考试",
                       "Trained and passed the technology manager examination"},
                      {"certified", "取得技术经理人认证", "Certified as a technology manager"},
                      {"trainer", "组织技术经理人培训或持续讲授技术转移课程",
                       "Organises technology manager training or teaches technology transfer"},
                      {"none", "以上均无", "None of these"},
                  },
                  {"技术经理人资质", "Technology manager qualification"}),
           textarea("qualification_details", opt, 0, 500, {"资质说明", "Qualification details"},
                    {"培训机构、证书名称及编号、授课情况",
                     "Training body, certificate name and number, courses taught"}),
       }},
      {"能力与业绩",
       "Abilities and record",
       {
           textarea("capabilities", req, 0, 1000, {"专业能力", "Professional abilities"},
                    {"需求分析、成果挖掘、专利运营、商务洽谈、合同订立、组织实施等",
                     "Needs analysis, finding results, patent management, negotiation, "
                     "contracting, implementation"}),
           textarea("achievements", req, 100, 2000,
                    {"代表性转化案例与成效", "Representative transfers and their results"},
                    {"促成的技术成果转化及其产业化成效和经济效益",
                     "Transfers brought about and their industrial and economic results"}),
           integer("deals", opt, 0, 100'000,
                   {"近三年促成技术交易数（项）", "Deals brokered in the last three years"}),
           amount("deal_value", opt,
                  {"近三年促成技术合同成交额（万元）", "Value of those deals (10,000 yuan)"}),
       }},
      {"承诺",
       "Declarations",
       {
           attestation("willing_to_serve",
                       {"本人愿意参与“科创中国”科技创新和技术交易服务工作",
                        "I wish to take part in Science and Technology Innovation China's "
                        "innovation and technology-trading services"}),
           data_true(),
       }},
  };
  form.attachments = {
      signed_form(signed_by_person()),
      attachment("qualification_proof", opt, {"资质证明", "Proof of qualification"},
                 {"培训结业、考试或认证证书，授课证明",
                  "Training, examination or certification certificates; proof of teaching"}),
      attachment("achievement_proof", opt, {"业绩证明", "Proof of results"},
                 {"技术合同登记证明等", "Registered technology contracts and the like"}),
  };
  return form;
}

// 国际创新合作榜 (2022, collected by a designated body): transferable, tradable projects
// from anywhere in the world that serve the key industries of the pilot cities.

}  // namespace kczg::forms
