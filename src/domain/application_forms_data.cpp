// The application form of each list, from what the calls ask of it (shared/seeds: the
// 2023 call's 申报条件 for pioneer_tech, emerging_enterprise, integration_org and
// tech_manager; the 2022 call and the 2023 annual-meeting report for the others, whose
// conditions were in an attachment the seeds do not have). Eligibility rules read some
// fields by name and option code (DESIGN §3), so those are stable identifiers: rename
// one only together with its readers and a migration of stored drafts.
//
// People's forms ask for no identity-card number, birth date or contact details: the
// account holds the contact, and nothing the review needs depends on the rest.
#include "domain/application_forms_builders.hpp"

namespace kczg {
namespace forms {

ApplicationForm pioneer_tech() {
  ApplicationForm form{"pioneer_tech", "tech_name", {}, {}};
  form.sections = {
      {"技术基本信息",
       "The technology",
       {
           text("tech_name", req, 50, {"技术名称", "Technology name"},
                {"简明准确地概括技术，不含单位名称",
                 "Short and precise, without the holder's name"}),
           text("holder_name", req, 200, {"技术持有方", "Technology holder(s)"},
                {"单位全称；多个持有方用顿号分隔，第一持有方在前",
                 "Full names; separate several holders with 、, the first holder first"}),
           uscc("holder_uscc", req, {"第一持有方统一社会信用代码", "First holder's USCC"},
                uscc_help()),
           choice("foundation_kind", opt,
                  {
                      {"basic_components", "基础零部件和元器件", "Basic parts and components"},
                      {"basic_materials", "基础材料", "Basic materials"},
                      {"industrial_software", "工业基础软件", "Basic industrial software"},
                      {"basic_processes", "基础制造工艺及装备",
                       "Basic manufacturing processes and equipment"},
                      {"industrial_tech_base", "产业技术基础", "Industrial technology base"},
                  },
                  {"“五基”类别", "Industrial foundation category (the \"five foundations\")"},
                  {"产业基础领域必填", "Required for the industrial foundation field"}),
       }},
      {"技术内容与水平",
       "Content and standing",
       {
           textarea("summary", req, 100, 1000, {"技术简介", "Summary"},
                    {"技术原理、解决的问题和主要内容",
                     "What the technology is, the problem it solves and how"}),
           textarea("innovation", req, 0, 1000, {"创新性与先进性", "Novelty and standing"},
                    {"创新性、战略性、引领性、突破性，与国内外同类技术的比较",
                     "How it is novel, strategic, leading or a breakthrough, compared with "
                     "similar technologies in China and abroad"}),
           textarea("key_indicators", req, 0, 1000, {"主要技术指标", "Key technical indicators"},
                    {"关键性能指标及其与国内外先进水平的对比",
                     "The key performance figures, compared with the best in China and abroad"}),
           integer("trl", req, 1, 9, {"技术成熟度（TRL）", "Technology readiness level (TRL)"},
                   {"1–9 级：1 发现基本原理，4 实验室环境验证，6 相关环境中的原型演示，"
                    "9 实际应用中得到验证",
                    "1–9: 1 basic principles observed, 4 validated in the laboratory, 6 prototype "
                    "demonstrated in a relevant environment, 9 proven in operation"}),
           textarea("validation", req, 0, 800, {"验证情况", "Validation so far"},
                    {"试验、检测、试用或示范应用情况；申报技术应已通过早期验证",
                     "Tests, certification, trials or pilot use; the technology must have passed "
                     "early validation"}),
           textarea("import_dependence", opt, 0, 800,
                    {"突破与替代情况", "Breakthrough and import substitution"},
                    {"产业基础领域必填：填补的国内空白，被国外禁运或长期依赖进口的情况",
                     "Required for the industrial foundation field: the gap in China it fills, "
                     "and whether it was embargoed or long imported"}),
       }},
      {"知识产权与转化",
       "Intellectual property and transfer",
       {
           choice("ip_status", req, ip_status_options(), {"知识产权状况", "Intellectual property"},
                  {"选择主要的保护形式", "The main form of protection"}),
           textarea(
               "ip_details", opt, 0, 800, {"知识产权明细", "Intellectual property details"},
               {"专利号或申请号、名称、权利人", "Patent or application numbers, titles, owners"}),
           choice("transferability", req,
                  {
                      {"transferable", "可转化、可转移、可交易，权属清晰",
                       "Can be transferred, licensed and traded; ownership is clear"},
                      {"restricted", "可转化，但权属或许可存在限制",
                       "Transferable, with restrictions on ownership or licensing"},
                      {"not_transferable", "暂不具备转化条件", "Not transferable at present"},
                  },
                  {"可转化性", "Transferability"}),
           choice("transfer_willingness", req,
                  {
                      {"strong", "强烈", "Strong"},
                      {"willing", "愿意", "Willing"},
                      {"undecided", "尚未确定", "Undecided"},
                      {"unwilling", "不愿意", "Unwilling"},
                  },
                  {"持有方转化、推广应用意愿", "Holder's willingness to transfer or license"}),
           choice("transfer_mode", req,
                  {
                      {"assignment", "转让", "Assignment"},
                      {"licence", "许可", "Licence"},
                      {"equity", "作价入股", "Contribution as equity"},
                      {"joint_development", "合作开发", "Joint development"},
                      {"own_use", "自行实施转化", "Put into use by the holder"},
                      {"other", "其他", "Other"},
                  },
                  {"拟采用的转化方式", "Preferred way of transfer"}),
       }},
      {"应用前景",
       "Applications and market",
       {
           textarea("scenarios", req, 0, 1000, {"应用场景与市场前景", "Applications and market"},
                    {"面向的产业需求、目标用户、市场规模与带动作用",
                     "The industrial needs it meets, its users, the market size and the "
                     "industries it could drive"}),
           textarea("industrialisation", opt, 0, 800, {"转化应用成效", "Uptake so far"},
                    {"已实现的转化、销售收入或经济社会效益",
                     "Transfers, sales, or economic and social benefits so far"}),
           textarea("carbon_benefit", opt, 0, 800,
                    {"减污降碳扩绿效果", "Pollution, carbon and greening effect"},
                    {"绿色低碳领域填写：减污、降碳、扩绿的协同增效",
                     "For the green and low-carbon field: the combined effect on pollution, "
                     "carbon emissions and greening"}),
       }},
      {"承诺",
       "Declarations",
       {
           not_classified({"技术不涉密，可公开宣传推广",
                           "The technology is not classified and may be publicised"}),
           data_true(),
       }},
  };
  form.attachments = {
      signed_form(stamped_by_applicant()),
      ip_proof(),
      attachment("validation_proof", opt, {"检测报告或应用证明", "Test reports or user statements"},
                 {"第三方检测报告、用户使用证明等",
                  "Third-party test reports, statements from users and the like"}),
  };
  return form;
}

// 2023 申报条件 二: registered in mainland China, at most 10 years old, small or medium,
// in a strategic emerging industry, early or growth stage, not in a barred industry, no
// major accident or misconduct, on no blacklist.
ApplicationForm emerging_enterprise() {
  ApplicationForm form{"emerging_enterprise", "enterprise_name", {}, {}};
  form.sections = {
      {"企业基本信息",
       "The enterprise",
       {
           text("enterprise_name", req, 100, {"企业名称", "Enterprise name"},
                {"与营业执照一致", "As on the business licence"}),
           uscc("uscc", req, uscc_label(), uscc_help()),
           date("founded_on", req, {"成立日期", "Date of incorporation"},
                {"营业执照上的成立日期", "As on the business licence"}),
           region("region", req, {"注册地", "Place of registration"}, region_help()),
           choice("industry", req, strategic_industry_options(),
                  {"所属战略性新兴产业", "Strategic emerging industry"}),
           choice("size_class", req,
                  {
                      {"micro", "微型", "Micro"},
                      {"small", "小型", "Small"},
                      {"medium", "中型", "Medium"},
                      {"large", "大型", "Large"},
                  },
                  {"企业规模", "Size class"},
                  {"按国家统计局《统计上大中小微型企业划分办法》",
                   "By the National Bureau of Statistics' classification of enterprise sizes"}),
           choice("stage", req,
                  {
                      {"startup", "初创期", "Start-up"},
                      {"growth", "成长期", "Growth"},
                      {"mature", "成熟期", "Mature"},
                  },
                  {"发展阶段", "Stage of development"}),
       }},
      {"经营与研发",
       "Business and R&D",
       {
           integer("employees", req, 0, 1'000'000, {"职工人数", "Employees"},
                   {"上年末从业人员数", "Headcount at the end of last year"}),
           integer("rd_staff", opt, 0, 1'000'000, {"研发人员数", "R&D staff"}),
           amount("revenue", req, {"上年营业收入（万元）", "Revenue last year (10,000 yuan)"},
                  {"单位为万元，最多两位小数", "In 10,000 yuan (万元), at most two decimals"}),
           amount("rd_spend", req, {"上年研发投入（万元）", "R&D spending last year (10,000 yuan)"},
                  {"单位为万元，最多两位小数", "In 10,000 yuan (万元), at most two decimals"}),
           integer("invention_patents", opt, 0, 100'000,
                   {"有效发明专利数", "Invention patents in force"}),
           textarea("products", req, 0, 1000, {"主营产品或技术", "Main products or technologies"}),
           textarea("core_competence", req, 100, 1500,
                    {"核心技术与竞争力", "Core technology and competitiveness"},
                    {"拥有的前沿技术、核心竞争力与发展潜力",
                     "Its frontier technology, competitive edge and growth potential"}),
       }},
      {"融资情况",
       "Financing",
       {
           choice("financing_round", req,
                  {
                      {"none", "未融资", "None"},
                      {"angel", "天使轮", "Angel"},
                      {"series_a", "A 轮", "Series A"},
                      {"series_b", "B 轮", "Series B"},
                      {"series_c_plus", "C 轮及以后", "Series C or later"},
                      {"listed", "已上市或挂牌", "Listed"},
                  },
                  {"已完成的融资阶段", "Financing so far"}),
           textarea("financing_details", opt, 0, 500, {"融资明细", "Financing details"},
                    {"各轮时间、金额与投资方", "Date, amount and investors of each round"}),
       }},
      {"承诺",
       "Declarations",
       {
           attestation("not_barred_industry",
                       {"企业提供的产品和服务不属于国家规定的禁止、限制和淘汰类",
                        "The enterprise's products and services are in none of the categories "
                        "the state prohibits, restricts or phases out"}),
           attestation("no_major_incident",
                       {"企业在上一年及当年内未发生重大安全、重大质量事故和严重环境违法、科研严重"
                        "失信行为",
                        "In the previous and the current year the enterprise had no major safety "
                        "or quality accident, serious environmental violation or serious research "
                        "misconduct"}),
           attestation("not_blacklisted",
                       {"企业未列入经营异常名录和严重违法失信企业名单",
                        "The enterprise is on neither the list of abnormal operations nor the list "
                        "of seriously illegal and dishonest enterprises"}),
           data_true(),
       }},
  };
  form.attachments = {
      signed_form(stamped_by_applicant()),
      attachment("business_licence", opt, {"营业执照", "Business licence"},
                 {"营业执照副本扫描件", "A scan of the business licence"}),
      // The eligibility rules no_major_incident and not_blacklisted need it.
      attachment(
          "credit_report", opt, {"企业信用报告", "Credit report"},
          {"“信用中国”网站下载的企业信用报告，用于核实无重大事故、未列入经营异常名录和严重违法失信"
           "名单",
           "The enterprise credit report from Credit China, which shows no major accident and "
           "no listing as abnormal or dishonest"}),
      attachment("financial_statements", opt,
                 {"上年度财务报表", "Last year's financial statements"},
                 {"资产负债表和利润表", "Balance sheet and income statement"}),
      ip_proof(),
  };
  return form;
}

}  // namespace forms

namespace {

const std::vector<ApplicationForm>& all_forms() {
  using namespace forms;
  // Built once, on first use; C++ makes that initialisation thread-safe, and the forms
  // are never changed afterwards, so readers need no lock.
  static const std::vector<ApplicationForm> forms{
      pioneer_tech(), emerging_enterprise(), integration_org(), entrepreneur(),
      tech_manager(), intl_cooperation(),    open_source(),
  };
  return forms;
}

}  // namespace

const ApplicationForm* form_for(std::string_view list_code) {
  for (const ApplicationForm& form : all_forms()) {
    if (form.list == list_code) return &form;
  }
  return nullptr;
}

}  // namespace kczg
