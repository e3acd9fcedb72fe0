// The forms of the lists only the 2022 call has (entrepreneur, intl_cooperation,
// open_source). The seeds lack that call's conditions (its attachment), so these follow
// the 2022 call's descriptions and the annual-meeting report; see
// application_forms_data.cpp for the rules every form follows.
#include "domain/application_forms_builders.hpp"

namespace kczg::forms {

ApplicationForm entrepreneur() {
  ApplicationForm form{"entrepreneur", "person_name", {}, {}};
  form.sections = {
      {"申报人与企业",
       "The entrepreneur and the enterprise",
       {
           text("person_name", req, 50, {"姓名", "Name"}),
           text("position", req, 50, {"职务", "Position"},
                {"如创始人、董事长、总经理", "E.g. founder, chair, chief executive"}),
           text("organisation", req, 100, {"所创企业名称", "Enterprise founded"}),
           uscc("org_uscc", req, {"企业统一社会信用代码", "Enterprise's USCC"}, uscc_help()),
           date("founded_on", req, {"企业成立日期", "Enterprise founded on"}),
           region("region", req, {"企业所在地", "Enterprise's location"}, region_help()),
       }},
      {"创业与带动就业",
       "Venture and jobs",
       {
           integer("employees", req, 0, 1'000'000, {"企业现有职工人数", "Current employees"}),
           integer("jobs_created", req, 0, 1'000'000,
                   {"近三年新增就业岗位", "Jobs created in the last three years"}),
           amount("revenue", opt, {"上年营业收入（万元）", "Revenue last year (10,000 yuan)"}),
           textarea("venture_story", req, 100, 1500, {"创业经历", "Entrepreneurial journey"}),
           textarea("innovation", req, 0, 1000, {"创新成果", "Innovation"},
                    {"核心技术、产品或商业模式的创新",
                     "Innovation in technology, products or business model"}),
           textarea("employment_impact", req, 0, 1000, {"带动就业情况", "Employment created"},
                    {"吸纳高校毕业生等群体就业及带动上下游就业的情况",
                     "Jobs for graduates and other groups, and jobs created up and down the "
                     "supply chain"}),
           textarea("honours", opt, 0, 500, {"所获荣誉", "Honours"}),
       }},
      {"承诺", "Declarations", {data_true()}},
  };
  form.attachments = {
      signed_form(signed_by_person()),
      attachment("achievement_proof", opt, {"荣誉及成效证明", "Proof of honours and results"},
                 {"荣誉证书、社保缴纳人数证明等",
                  "Certificates, social-insurance headcount and the like"}),
  };
  return form;
}

// 2023 申报条件 四: an eligible employer; trained and examined, certified, or a trainer;
// results in transfer; willing to serve 科创中国.
ApplicationForm intl_cooperation() {
  ApplicationForm form{"intl_cooperation", "project_name", {}, {}};
  form.sections = {
      {"项目基本信息",
       "The project",
       {
           text("project_name", req, 100, {"项目名称", "Project name"}),
           text("holder_name", req, 200, {"项目持有方", "Project holder"}),
           text("holder_country", req, 50, {"持有方所在国家或地区", "Holder's country or region"}),
           uscc("holder_uscc", opt, {"持有方统一社会信用代码", "Holder's USCC"},
                {"在中国境内登记的持有方填写", "For holders registered in China"}),
           text("partner_name", opt, 200, {"合作方", "Cooperation partners"},
                {"已有的中方或外方合作单位", "Existing partners in China or abroad"}),
           choice("industry", req, strategic_industry_options(), {"所属产业", "Industry"}),
       }},
      {"技术与合作",
       "Technology and cooperation",
       {
           textarea("summary", req, 100, 1000, {"项目简介", "Summary"}),
           textarea("key_indicators", req, 0, 1000, {"主要技术指标", "Key technical indicators"}),
           integer("trl", req, 1, 9, {"技术成熟度（TRL）", "Technology readiness level (TRL)"},
                   {"1–9 级", "1 to 9"}),
           choice("ip_status", req, ip_status_options(), {"知识产权状况", "Intellectual property"}),
           choice("cooperation_mode", req,
                  {
                      {"assignment", "技术转让", "Assignment"},
                      {"licence", "技术许可", "Licence"},
                      {"joint_development", "合作开发", "Joint development"},
                      {"joint_venture", "合资设立企业", "Joint venture"},
                      {"investment", "投融资合作", "Investment"},
                      {"other", "其他", "Other"},
                  },
                  {"合作方式", "Form of cooperation"}),
           textarea("target_demand", req, 0, 1000, {"拟对接的产业需求", "Industrial needs served"},
                    {"拟服务的试点城市（园区）重点产业需求及合作设想",
                     "The key industries of pilot cities or parks it would serve, and how"}),
           textarea("cooperation_record", opt, 0, 800,
                    {"国际合作基础", "Record of international cooperation"}),
       }},
      {"承诺",
       "Declarations",
       {
           not_classified({"项目不涉密，可公开宣传推广",
                           "The project is not classified and may be publicised"}),
           data_true(),
       }},
  };
  form.attachments = {signed_form(stamped_by_applicant()), ip_proof()};
  return form;
}

// 开源创新榜 (2022, collected by a designated body): products, communities and
// organisations, judged on innovation, activity and contribution.
ApplicationForm open_source() {
  ApplicationForm form{"open_source", "project_name", {}, {}};
  form.sections = {
      {"基本信息",
       "The project",
       {
           text("project_name", req, 100,
                {"项目、社区或组织名称", "Name of the product, community or organisation"}),
           choice("category", req,
                  {
                      {"product", "开源产品", "Open source product"},
                      {"community", "开源社区", "Open source community"},
                      {"organisation", "开源组织", "Open source organisation"},
                  },
                  {"申报类别", "Category"}),
           text("operator_name", req, 200, {"运营主体", "Operated by"},
                {"负责项目或社区运营的单位", "The organisation that runs it"}),
           uscc("operator_uscc", opt, {"运营主体统一社会信用代码", "Operator's USCC"}, uscc_help()),
           text("repository_url", req, 300, {"代码托管或社区地址", "Repository or community URL"},
                {"如 Gitee、AtomGit、GitHub 上的地址", "E.g. on Gitee, AtomGit or GitHub"}),
           choice("licence", opt,
                  {
                      {"mulan_psl_2", "木兰宽松许可证第 2 版", "Mulan PSL v2"},
                      {"apache_2_0", "Apache-2.0", "Apache-2.0"},
                      {"mit", "MIT", "MIT"},
                      {"bsd", "BSD", "BSD"},
                      {"gpl", "GPL", "GPL"},
                      {"lgpl", "LGPL", "LGPL"},
                      {"mpl_2_0", "MPL-2.0", "MPL-2.0"},
                      {"other", "其他", "Other"},
                  },
                  {"主要开源许可证", "Main open source licence"},
                  {"开源产品填写", "For open source products"}),
           date("first_release", opt, {"首次开源日期", "First released as open source"}),
       }},
      {"创新与活跃度",
       "Innovation and activity",
       {
           textarea("summary", req, 100, 1000, {"简介", "Summary"}),
           textarea("innovation", req, 0, 1000, {"创新性与应用成效", "Innovation and uptake"}),
           integer("contributors", opt, 0, 10'000'000, {"贡献者人数", "Contributors"}),
           textarea("activity", req, 0, 1000,
                    {"社区活跃度与贡献", "Community activity and contribution"},
                    {"近一年的提交、版本发布、下载、用户与贡献者情况",
                     "Commits, releases, downloads, users and contributors over the last year"}),
       }},
      {"承诺",
       "Declarations",
       {
           attestation("licence_compliant",
                       {"项目遵守所采用的开源许可证，不存在知识产权纠纷",
                        "The project complies with its open source licences and is free of "
                        "intellectual property disputes"}),
           data_true(),
       }},
  };
  form.attachments = {
      signed_form(stamped_by_applicant()),
      attachment("activity_proof", opt, {"活跃度证明", "Proof of activity"},
                 {"托管平台统计截图或第三方报告",
                  "Statistics from the hosting platform or a third-party report"}),
  };
  return form;
}

}  // namespace kczg::forms
