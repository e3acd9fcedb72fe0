// Conflicts + affinity for a whole campaign's preliminary review (issue 6).
//
//   affinity_bench [--apps 10000] [--experts 2000] [--seed 1] [--threads 2] [--top 0]
//                  [--han-words 0|1]
//
// Generates Chinese/English application texts and expert profiles from field vocabularies
// (terms built from per-field modifiers and heads, not copied from real texts), organisations
// and people with the spelling variants conflict detection must see through, then times
// conflict detection (index + every expert) and affinity (index + affinities_all). Prints one JSON
// line. Generation is not timed.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bench_clock.hpp"
#include "review/affinity.hpp"
#include "review/conflicts.hpp"
#include "review/name_variants.hpp"

namespace {

using kczg::review::AffinityIndex;
using kczg::review::ApplicationParties;
using kczg::review::ApplicationText;
using kczg::review::ConflictRules;
using kczg::review::ExpertProfile;
using kczg::review::ExpertRecord;
using kczg::review::OrganisationRef;

// The planted conflict test's generator pieces: one deterministic stream, one UTF-8 splitter.
using kczg::review::planted::characters;
using kczg::review::planted::Rng;

std::vector<std::string> split(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == ' ') {
      if (i > start) out.emplace_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

// A field's terms: every modifier with every head, plus English terms.
struct Field {
  std::vector<std::string> terms;
  std::vector<std::string> english;
};

std::vector<Field> make_fields() {
  struct Seed {
    const char* modifiers;
    const char* heads;
    const char* english;
  };
  const std::vector<Seed> seeds{
      {"高性能 低功耗 车规级 异构 存算一体 国产",
       "芯片 处理器 存储器 传感器 射频前端 光刻胶 封装 EDA工具", "GPU FPGA RISC-V chiplet SoC"},
      {"深度 联邦 多模态 可解释 大规模 边缘",
       "学习 大模型 视觉识别 语音合成 知识图谱 推理引擎 智能体", "AI LLM transformer NLP"},
      {"靶向 长效 双特异性 细胞 基因 新型",
       "抗体 疫苗 药物递送 免疫治疗 诊断试剂 编辑工具 合成生物", "CRISPR mRNA CAR-T ADC"},
      {"高强 轻质 耐高温 柔性 纳米 复合", "碳纤维 石墨烯 陶瓷基材料 高温合金 膜材料 涂层 稀土永磁",
       "graphene SiC GaN composite"},
      {"高效 固态 钠离子 液流 氢燃料 分布式",
       "电池 储能系统 光伏组件 电解槽 燃料电池 逆变器 充电桩", "PEM lithium perovskite BMS"},
      {"低碳 零碳 循环 生物质 高效 智慧", "碳捕集 废水处理 固废资源化 节能装备 环境监测 余热回收",
       "CCUS ESG carbon"},
      {"五轴 精密 智能 重型 柔性 协作", "数控机床 工业机器人 减速器 伺服电机 增材制造 检测装备",
       "CNC PLC robotics additive"},
      {"大推力 可重复使用 高分辨 低轨 长航时 商业",
       "运载火箭 卫星星座 无人机 航空发动机 遥感载荷 导航终端", "LEO UAV GNSS SAR"},
      {"智能 精准 抗逆 高产 数字 绿色", "育种 农机装备 病虫害防控 土壤修复 灌溉系统 畜禽养殖",
       "IoT phenotyping drone agritech"},
      {"深远海 大型 智能 耐腐蚀 高可靠 水下",
       "钻井平台 海上风电 水下机器人 海洋观测 船舶动力 海水淡化", "ROV AUV offshore subsea"},
  };
  std::vector<Field> fields;
  for (const Seed& s : seeds) {
    Field f;
    for (const std::string& m : split(s.modifiers)) {
      for (const std::string& h : split(s.heads)) f.terms.push_back(m + h);
    }
    for (const std::string& h : split(s.heads)) f.terms.push_back(h);
    f.english = split(s.english);
    fields.push_back(std::move(f));
  }
  return fields;
}

class TextGenerator {
 public:
  TextGenerator(Rng& rng) : m_rng(rng), m_fields(make_fields()) {}

  std::size_t field_count() const { return m_fields.size(); }

  ApplicationText application(std::size_t field) {
    const Field& f = m_fields[field];
    std::size_t other = m_rng.percent(25) ? m_rng.below(m_fields.size()) : field;
    auto term = [&] { return m_rng.pick(m_rng.percent(80) ? f.terms : m_fields[other].terms); };
    ApplicationText text;
    text.parts.push_back(term() + m_rng.pick(std::vector<std::string>{"关键技术", "研发及产业化",
                                                                      "平台", "系统", "示范应用"}));
    // The forms allow 1,000 characters each for the summary and the key indicators; real
    // ones come close, so about 700 and 250 here.
    std::string summary;
    for (std::size_t s = 12 + m_rng.below(17); s > 0; --s) {
      switch (m_rng.below(5)) {
        case 0:
          summary += "本项目面向" + term() + "领域，研发" + term() + "关键技术，突破" + term() +
                     "与" + term() + "瓶颈，实现产业化应用。";
          break;
        case 1:
          summary += "团队拥有" + term() + "相关发明专利" + std::to_string(3 + m_rng.below(60)) +
                     "项，成果已在" + term() + "场景示范应用。";
          break;
        case 2:
          summary += "采用" + m_rng.pick(f.english) + "架构，" + term() + "性能提升" +
                     std::to_string(10 + m_rng.below(90)) + "%，达到国际先进水平。";
          break;
        case 3:
          summary += "The " + m_rng.pick(f.english) + " platform integrates " +
                     m_rng.pick(f.english) + " and reaches " + std::to_string(m_rng.below(500)) +
                     " units per hour. ";
          break;
        default:
          summary += "与" + term() + "企业联合攻关，形成自主可控的" + term() + "解决方案。";
      }
    }
    text.parts.push_back(std::move(summary));
    std::string indicators = "关键指标：";
    for (std::size_t k = 6 + m_rng.below(10); k > 0; --k) {
      indicators += term() + (m_rng.percent(50) ? "良率" : "效率") +
                    std::to_string(80 + m_rng.below(20)) + "%，成本降低" +
                    std::to_string(10 + m_rng.below(40)) + "%；";
    }
    text.parts.push_back(std::move(indicators));
    return text;
  }

  ExpertProfile expert() {
    std::size_t field = m_rng.below(m_fields.size());
    std::size_t second = m_rng.percent(30) ? m_rng.below(m_fields.size()) : field;
    auto term = [&] { return m_rng.pick(m_fields[m_rng.percent(70) ? field : second].terms); };
    ExpertProfile p;
    p.profile = "长期从事" + term() + "、" + term() + "和" + term() + "研究。";
    for (std::size_t s = 2 + m_rng.below(4); s > 0; --s) {
      switch (m_rng.below(4)) {
        case 0:
          p.profile += "主持国家重点研发计划" + term() + "项目" +
                       std::to_string(1 + m_rng.below(6)) + "项，解决了" + term() +
                       "中的关键问题。";
          break;
        case 1:
          p.profile += "在" + term() + "方向发表论文" + std::to_string(10 + m_rng.below(200)) +
                       "篇，授权" + term() + "发明专利" + std::to_string(m_rng.below(40)) + "项。";
          break;
        case 2:
          p.profile += "Research on " + m_rng.pick(m_fields[field].english) + " and " +
                       m_rng.pick(m_fields[second].english) + " systems. ";
          break;
        default:
          p.profile += "曾任" + term() + "重点实验室主任，担任" + term() + "专业委员会委员。";
      }
    }
    for (std::size_t k = 3 + m_rng.below(4); k > 0; --k) p.keywords.push_back(term());
    return p;
  }

 private:
  Rng& m_rng;
  std::vector<Field> m_fields;
};

// Organisations and people, with the variants conflict detection sees through.
class PartyGenerator {
 public:
  explicit PartyGenerator(Rng& rng) : m_rng(rng) {
    m_pool = characters(
        "芯瑞达恒泰鼎源星云宇博睿智联创康晟锐隆腾飞扬启明光远航卓越祥嘉弘毅凯晶澜曜骏捷禾朗煜璟琪昊"
        "铭华新天长");
    m_surnames = characters("张王李赵陈刘杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾");
    m_given =
        characters("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鑫斌宇浩凯");
    for (int i = 0; i < 800; ++i) m_universities.push_back({trade() + m_rng.pick(k_kinds), ""});
    for (int i = 0; i < 300; ++i) {
      m_units.push_back({"中国" + trade() + m_rng.pick(std::vector<std::string>{"学会", "协会"}),
                         uscc("51100000")});
    }
  }

  OrganisationRef company() {
    std::string core = trade() + m_rng.pick(k_industries);
    std::string region = m_rng.pick(k_regions);
    std::string name;
    switch (m_rng.below(4)) {
      case 0:
        name = region + core + m_rng.pick(k_suffixes);
        break;
      case 1:
        name = core + "（" + region + "）" + m_rng.pick(k_suffixes);
        break;
      default:
        name = core + m_rng.pick(k_suffixes);
    }
    return {name, uscc("91110108")};
  }

  // Another way of writing the same organisation, as an expert might.
  OrganisationRef variant(const OrganisationRef& org) {
    switch (m_rng.below(4)) {
      case 0:
        return {"", org.uscc};
      case 1:
        return {org.name + " ", ""};
      case 2: {  // another company form: …有限公司 → …集团
        std::string name = org.name;
        for (const std::string& suffix : k_suffixes) {
          if (name.ends_with(suffix)) name.resize(name.size() - suffix.size());
        }
        return {name + "集团", ""};
      }
      default:
        return org;
    }
  }

  const OrganisationRef& university() { return m_rng.pick(m_universities); }
  const OrganisationRef& unit() { return m_rng.pick(m_units); }

  std::string person() {
    return m_rng.pick(m_surnames) + m_rng.pick(m_given) +
           (m_rng.percent(70) ? m_rng.pick(m_given) : "");
  }

 private:
  const std::vector<std::string> k_kinds{"大学", "研究院", "研究所", "科学院"};
  const std::vector<std::string> k_industries{"电子", "材料", "生物", "能源", "医药",
                                              "信息", "装备", "化工", "环保", "机械"};
  const std::vector<std::string> k_regions{"北京", "上海", "深圳", "苏州",
                                           "杭州", "成都", "武汉", "西安"};
  const std::vector<std::string> k_suffixes{"有限公司", "股份有限公司", "有限责任公司",
                                            "集团有限公司"};

  std::string trade() {
    std::string t;
    for (int i = 0; i < 3; ++i) t += m_rng.pick(m_pool);
    return t;
  }

  std::string uscc(const char* head) {
    static constexpr std::string_view alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    std::string code = head;
    for (int i = 0; i < 10; ++i) code += alphabet[m_rng.below(alphabet.size())];
    return code;
  }

  Rng& m_rng;
  std::vector<std::string> m_pool, m_surnames, m_given;
  std::vector<OrganisationRef> m_universities, m_units;
};

struct Options {
  std::size_t apps = 10000;
  std::size_t experts = 2000;
  std::uint64_t seed = 1;
  unsigned threads = 2;
  std::size_t top = 0;
  bool han_words = false;  // AffinityOptions::han_words (ICU's dictionary words)
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    auto value = std::strtoull(argv[i + 1], nullptr, 10);
    if (!std::strcmp(argv[i], "--apps"))
      o.apps = value;
    else if (!std::strcmp(argv[i], "--experts"))
      o.experts = value;
    else if (!std::strcmp(argv[i], "--seed"))
      o.seed = value;
    else if (!std::strcmp(argv[i], "--threads"))
      o.threads = unsigned(value);
    else if (!std::strcmp(argv[i], "--top"))
      o.top = value;
    else if (!std::strcmp(argv[i], "--han-words"))
      o.han_words = value != 0;
    else {
      std::fprintf(stderr,
                   "usage: affinity_bench [--apps N] [--experts N] [--seed S] [--threads T] "
                   "[--top N] [--han-words 0|1]\n");
      std::exit(2);
    }
  }
  return o;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  Options options = parse(argc, argv);
  Rng rng(options.seed);
  TextGenerator texts(rng);
  PartyGenerator parties(rng);

  std::vector<ApplicationText> application_texts;
  std::vector<ApplicationParties> applications;
  for (std::size_t a = 0; a < options.apps; ++a) {
    application_texts.push_back(texts.application(rng.below(texts.field_count())));
    ApplicationParties p;
    p.id = "A-" + std::to_string(a + 1);
    p.applicant = parties.company();
    for (std::size_t h = rng.below(3); h > 0; --h) {
      p.holders.push_back(rng.percent(50) ? parties.company() : parties.university());
    }
    p.unit = parties.unit();
    if (rng.percent(20)) p.holder_people.push_back(parties.person());
    for (std::size_t t = 3 + rng.below(4); t > 0; --t) p.team.push_back(parties.person());
    for (std::size_t r = rng.below(3); r > 0; --r) p.referees.push_back(parties.person());
    applications.push_back(std::move(p));
  }

  std::vector<ExpertProfile> profiles;
  std::vector<ExpertRecord> experts;
  ConflictRules rules;
  for (std::size_t e = 0; e < options.experts; ++e) {
    profiles.push_back(texts.expert());
    ExpertRecord r;
    r.id = "E-" + std::to_string(e + 1);
    r.name = parties.person();
    std::size_t kind = rng.below(100);
    const ApplicationParties& some = applications[rng.below(applications.size())];
    if (kind < 55) {
      r.organisations.push_back(parties.university());
    } else if (kind < 65) {
      r.organisations.push_back(parties.variant(some.applicant));
    } else if (kind < 70) {
      r.organisations.push_back(parties.unit());
    } else {
      r.organisations.push_back(parties.company());
    }
    if (rng.percent(5)) r.organisations.push_back(parties.university());
    if (rng.percent(2)) r.declared_applications.push_back(some.id);
    if (rng.percent(2)) r.declared_organisations.push_back(parties.variant(some.applicant));
    if (rng.percent(20)) {
      rules.forbidden.push_back({r.id, applications[rng.below(applications.size())].id});
    }
    if (rng.percent(50)) {  // the body's alias table: short names of applicants
      const OrganisationRef& org = applications[rng.below(applications.size())].applicant;
      rules.aliases.push_back({0, {org.name, org.name.substr(0, 6)}, org.uscc});
    }
    experts.push_back(std::move(r));
  }

  auto start = std::chrono::steady_clock::now();
  auto conflicts = kczg::review::find_conflicts(experts, applications, rules);
  double conflict_seconds = seconds_since(start);

  auto affinity_start = std::chrono::steady_clock::now();
  AffinityIndex index(profiles, {.top_n = options.top, .han_words = options.han_words});
  auto ranked = index.affinities_all(application_texts, options.threads);
  double affinity_seconds = seconds_since(affinity_start);
  double total = seconds_since(start);

  std::size_t by_kind[5] = {};
  for (const auto& c : conflicts) {
    bool seen[5] = {};
    for (const auto& r : c.reasons) seen[std::size_t(r.kind)] = true;
    for (std::size_t k = 0; k < 5; ++k) by_kind[k] += seen[k];
  }
  std::string kinds;
  for (std::size_t k = 0; k < 5; ++k) {
    kinds += (k ? ",\"" : "\"") +
             std::string(kczg::review::kind_name(kczg::review::ConflictKind(k))) +
             "\":" + std::to_string(by_kind[k]);
  }
  std::size_t pairs = 0;
  for (const auto& list : ranked) pairs += list.size();
  std::printf(
      "{\"apps\":%zu,\"experts\":%zu,\"seed\":%llu,\"threads\":%u,\"top\":%zu,\"han_words\":%s,"
      "\"seconds\":%.3f,\"conflict_seconds\":%.3f,\"affinity_seconds\":%.3f,"
      "\"peak_rss_mb\":%.1f,\"conflicts\":%zu,\"conflicts_by_kind\":{%s},\"nonzero_pairs\":%zu,"
      "\"terms\":%zu}\n",
      options.apps, options.experts, static_cast<unsigned long long>(options.seed), options.threads,
      options.top, options.han_words ? "true" : "false", total, conflict_seconds, affinity_seconds,
      kczg::bench::peak_rss_mb(), conflicts.size(), kinds.c_str(), pairs, index.term_count());
  return 0;
}
