// The demo's preliminary review: a review body for the pioneer technologies, a generated
// expert pool (one of them planted with a conflict) and a draft plan, which the demo's
// body admin files and the secretariat approves before `kczg assign --body 演示·评审机构`.
// Everything here is generated.
#include "cli/commands.hpp"

namespace kczg::cli {
namespace {

struct DemoSubject {
  const char* field;
  const char* name;      // as the demo's applications name it
  const char* keywords;  // the experts' expertise
};

constexpr DemoSubject k_subjects[] = {
    {"electronic_information", "存算一体芯片", "芯片;集成电路;存算一体"},
    {"biomedicine", "单细胞测序平台", "测序;单细胞;生物信息"},
    {"equipment_manufacturing", "五轴联动加工中心", "数控机床;五轴联动;精密加工"},
    {"advanced_materials", "碳化硅衬底", "碳化硅;衬底;半导体材料"},
    {"green_low_carbon", "钙钛矿光伏组件", "钙钛矿;光伏;储能"},
    {"industrial_foundation", "工业实时操作系统", "操作系统;实时系统;工业软件"},
};

std::vector<Expert> demo_experts() {
  std::vector<Expert> experts;
  int n = 0;
  auto add = [&](std::string name, std::string organisation, Sector sector, std::string keywords,
                 std::string profile) {
    Expert e;
    e.name = std::move(name);
    e.organisation = std::move(organisation);
    e.region = "110108";
    e.sector = sector;
    e.title = sector == Sector::academia ? "教授" : "高级工程师";
    for (std::size_t from = 0, at; from <= keywords.size(); from = at + 1) {
      at = std::min(keywords.find(';', from), keywords.size());
      e.keywords.push_back(keywords.substr(from, at - from));
    }
    e.profile = std::move(profile);
    e.email = "expert" + std::to_string(++n) + "@demo.kczg.cn";
    experts.push_back(std::move(e));
  };
  for (const DemoSubject& s : k_subjects) {
    add(std::string("演示学者·") + s.name, "演示理工大学", Sector::academia, s.keywords,
        std::string("长期从事") + s.name + "相关研究，主持国家重点研发计划项目。");
    add(std::string("演示工程师·") + s.name, std::string("演示") + s.name + "产业有限公司",
        Sector::industry, s.keywords,
        std::string("负责") + s.name + "的工程化与产业化，熟悉量产工艺。");
  }
  add("演示投资人·甲", "演示创业投资基金", Sector::investment, "硬科技;早期投资",
      "关注芯片、新材料与高端装备的早期投资。");
  add("演示投资人·乙", "演示产业投资基金", Sector::investment, "生物医药;新能源",
      "关注生物医药与绿色低碳领域的成长期投资。");
  // Planted: this expert works for a demo applicant (named like its first item), a conflict
  // the assignment must see through the company-form suffix.
  add("演示专家·回避", "高精度存算一体芯片有限公司", Sector::industry, "芯片;存算一体",
      "存算一体芯片研发负责人。");
  return experts;
}

ReviewPlan demo_plan(const std::string& body) {
  ReviewPlan plan;
  plan.body = body;
  plan.criteria = {{"innovation", "创新性", "Innovation", 30, 0, 10},
                   {"maturity", "技术成熟度", "Maturity", 25, 0, 10},
                   {"market_value", "市场价值", "Market value", 25, 0, 10},
                   {"team", "团队能力", "Team", 20, 0, 10}};
  plan.experts_per_application = 3;
  plan.max_load = 8;
  plan.sector_minimums = {{Sector::industry, 1}};
  plan.aggregation = Aggregation::trimmed_mean;
  return plan;
}

}  // namespace

Result<DemoReview> load_demo_review(Store& store, const StoredCampaign& stored, Instant now) {
  const std::string body = "演示·评审机构";
  if (!find_review_body(stored.campaign, body)) {
    Actor secretariat{Role::secretariat, "demo-secretariat"};
    Actor admin{Role::review_body, "review@demo.kczg.cn"};
    ReviewBody appointed{body, "review@demo.kczg.cn", false, {{"pioneer_tech", ""}}, false};
    if (auto r = store.appoint_review_body(stored.id, appointed, secretariat, now); !r) {
      return fail(r.error());
    }
    if (auto r = store.add_experts(stored.id, body, demo_experts(), admin, now); !r) {
      return fail(r.error());
    }
    // A draft: the demo's body admin files it and the secretariat approves it, in the
    // browser or with `kczg review file|approve`.
    if (auto r = store.save_review_plan(stored.id, demo_plan(body), admin, now); !r) {
      return fail(r.error());
    }
  }
  auto experts = store.experts(stored.id, body);
  if (!experts) return fail(experts.error());
  if (experts->empty()) return fail(make_error(ErrorCode::expert_not_found, "expert", "1"));
  auto first = store.expert_by_id(experts->front().id);
  if (!first) return fail(first.error());
  return DemoReview{first->body.id, first->expert.id};
}

}  // namespace kczg::cli
