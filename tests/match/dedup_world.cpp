#include "dedup_world.hpp"

#include <opencc/opencc.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <random>
#include <stdexcept>

#include "match/normalise.hpp"

namespace kczg::match::testing {
namespace {

constexpr std::array k_qualifiers = {"高精度", "低功耗", "大规模", "智能",     "新型",   "高效",
                                     "超快",   "柔性",   "分布式", "自主可控", "高可靠", "轻量化"};
constexpr std::array k_objects = {
    "存算一体芯片",   "单细胞测序平台",   "五轴联动加工中心", "碳化硅衬底",
    "钙钛矿光伏组件", "工业实时操作系统", "固态电池",         "激光雷达",
    "量子通信终端",   "工业机器人减速器", "航空发动机叶片",   "基因编辑载体",
    "氢燃料电池电堆", "毫米波通信模组",   "高端轴承",         "医用影像探测器",
    "海上风电变流器", "生物降解材料",     "工业视觉检测系统", "光刻胶"};
constexpr std::array k_forms = {"关键技术", "制备工艺", "系统", "平台", "方法", "装备"};
constexpr std::array k_regions = {"北京", "上海", "深圳", "杭州", "合肥", "成都", "武汉", "西安"};
constexpr std::array k_metrics = {"良品率", "能效比", "转换效率", "响应速度", "使用寿命", "精度"};
constexpr std::array k_lists = {"pioneer_tech", "emerging_enterprise", "integration_org"};

// Sentences with slots: {n} the item's name, {m} a metric, {r} a region, {x} {y} numbers.
constexpr std::array k_sentences = {
    "本项目研发了{n}，{m}提升{x}%。",
    "该技术已在{r}等地{y}家企业推广应用，累计新增产值{x}亿元。",
    "核心指标{m}达到{x}，处于国际先进水平。",
    "项目团队突破了{n}中的{y}项卡脖子难题，形成发明专利{x}项。",
    "产品通过{r}第三方机构检测，{m}优于同类进口产品。",
    "围绕{n}建立了完整的工程化验证体系，支撑{y}条产线改造。",
    "技术成果获得{r}科技进步奖，带动上下游投资{x}亿元。",
};
// How people reword (applied to a copy): pairs of (from, to).
constexpr std::array<std::pair<const char*, const char*>, 9> k_rewordings{{
    {"本项目研发了", "该项目成功开发"},
    {"提升", "提高了"},
    {"推广应用", "实现规模化应用"},
    {"处于国际先进水平", "达到国际领先水平"},
    {"突破了", "攻克了"},
    {"优于同类进口产品", "超过国外同类产品"},
    {"建立了完整的", "构建了系统的"},
    {"带动上下游投资", "拉动产业链投资"},
    {"累计新增产值", "新增产值累计"},
}};

struct Generator {
  std::mt19937_64 rng;
  template <typename A>
  const char* pick(const A& values) {
    return values[rng() % values.size()];
  }
  int number(int below) { return int(rng() % unsigned(below)) + 1; }
  // Two Han characters, a model name almost no other entry shares: from the common
  // block, simplified ones only (applications are written in simplified characters).
  std::string code() {
    static const std::vector<std::string> pool = [] {
      std::vector<std::string> chars;
      for (char32_t c = 0x4E00; c < 0x4E00 + 8000; ++c) {
        std::string one{char(0xE0 | (c >> 12)), char(0x80 | ((c >> 6) & 0x3F)),
                        char(0x80 | (c & 0x3F))};
        if (simplified(one) == one) chars.push_back(one);
      }
      return chars;
    }();
    return pool[rng() % pool.size()] + pool[rng() % pool.size()];
  }
  std::string uscc() {
    std::string out = "91";
    for (int i = 0; i < 16; ++i) out += char('0' + rng() % 10);
    return out;
  }
  std::string fill(std::string sentence, const std::string& name) {
    auto put = [&](const std::string& slot, const std::string& value) {
      for (auto at = sentence.find(slot); at != std::string::npos; at = sentence.find(slot)) {
        sentence.replace(at, slot.size(), value);
      }
    };
    put("{n}", name);
    put("{m}", pick(k_metrics));
    put("{r}", pick(k_regions));
    put("{x}", std::to_string(number(90) + 10));
    put("{y}", std::to_string(number(40)));
    return sentence;
  }
  ListedItem item(long long id, int year, const std::string& object, const std::string& holder,
                  const std::string& uscc) {
    ListedItem it;
    it.id = id;
    it.year = year;
    it.list = pick(k_lists);
    it.name = std::string(pick(k_qualifiers)) + code() + "型" + object + pick(k_forms);
    it.holder = holder;
    it.holder_uscc = uscc;
    std::vector<std::size_t> order(k_sentences.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), rng);
    for (std::size_t i = 0; i < 4; ++i) it.summary += fill(k_sentences[order[i]], it.name);
    return it;
  }
  std::string holder() { return std::string(pick(k_regions)) + code() + "科技有限公司"; }
};

std::string reword(std::string text) {
  for (const auto& [from, to] : k_rewordings) {
    if (auto at = text.find(from); at != std::string::npos) text.replace(at, std::strlen(from), to);
  }
  return text;
}

// The same item under another name: its form word changed ("关键技术" → "制备工艺") and its
// qualifier dropped, as applicants do between years.
std::string rename(std::string name, Generator& g) {
  for (const char* form : k_forms) {
    std::string f(form);
    if (name.size() >= f.size() && name.compare(name.size() - f.size(), f.size(), f) == 0) {
      name.resize(name.size() - f.size());
      std::string other;
      do other = g.pick(k_forms);
      while (other == f);
      name += other;
      break;
    }
  }
  for (const char* q : k_qualifiers) {
    if (name.starts_with(q)) return name.substr(std::strlen(q));
  }
  return name;
}

}  // namespace

std::string_view planted_name(Planted kind) {
  switch (kind) {
    case Planted::none:
      return "none";
    case Planted::reworded:
      return "reworded";
    case Planted::traditional:
      return "traditional";
    case Planted::suffix:
      return "suffix";
    case Planted::renamed_list:
      return "renamed_list";
    case Planted::new_uscc:
      return "new_uscc";
    case Planted::near_miss:
      return "near_miss";
  }
  return "none";
}

std::string traditional(const std::string& text) {
  thread_local opencc_t handle = opencc_open(OPENCC_DEFAULT_CONFIG_SIMP_TO_TRAD);
  if (handle == reinterpret_cast<opencc_t>(-1)) throw std::runtime_error("OpenCC s2t");
  char* out = opencc_convert_utf8(handle, text.data(), text.size());
  std::string result(out);
  opencc_convert_utf8_free(out);
  return result;
}

DedupWorld make_world(std::size_t prior, std::size_t applications, uint64_t seed,
                      double duplicate_share) {
  Generator g{std::mt19937_64(seed)};
  DedupWorld w;
  w.prior.reserve(prior);
  for (std::size_t i = 0; i < prior; ++i) {
    w.prior.push_back(
        g.item((long long)(i + 1), 2019 + int(i % 4), g.pick(k_objects), g.holder(), g.uscc()));
  }
  const Planted kinds[] = {Planted::reworded, Planted::traditional, Planted::suffix,
                           Planted::renamed_list, Planted::new_uscc};
  for (std::size_t a = 0; a < applications; ++a) {
    double roll = double(g.rng() % 10000) / 10000.0;
    std::size_t source = prior ? g.rng() % prior : 0;
    ListedItem app;
    Planted kind = Planted::none;
    std::size_t repeats = SIZE_MAX;
    if (prior && roll < duplicate_share) {
      kind = kinds[a % 5];
      repeats = source;
      app = w.prior[source];
      switch (kind) {
        case Planted::reworded:
          // A new name too, so that only the text can tell.
          app.name = rename(app.name, g);
          app.summary = reword(app.summary);
          break;
        case Planted::traditional:
          app.name = traditional(app.name);
          app.summary = traditional(app.summary);
          app.holder = traditional(app.holder);
          break;
        case Planted::suffix:
          app.holder.replace(app.holder.rfind("有限公司"), std::string("有限公司").size(),
                             "股份有限公司");
          break;
        case Planted::renamed_list:
          app.list = app.list == "pioneer_tech" ? "industrial_foundation" : "pioneer_tech";
          break;
        case Planted::new_uscc:
          app.holder_uscc = g.uscc();
          app.name = rename(app.name, g);
          app.summary = reword(app.summary);
          break;
        default:
          break;
      }
    } else if (prior && roll < 2 * duplicate_share) {
      // The same holder and the same kind of technology, a different item.
      kind = Planted::near_miss;
      const ListedItem& near = w.prior[source];
      std::string object;
      for (const char* o : k_objects) {
        if (near.name.find(o) != std::string::npos) object = o;
      }
      app = g.item(0, 2023, object, near.holder, near.holder_uscc);
      app.list = "pioneer_tech";
    } else {
      app = g.item(0, 2023, g.pick(k_objects), g.holder(), g.uscc());
    }
    app.id = (long long)(a + 1);
    app.year = 2023;
    w.applications.push_back(std::move(app));
    w.planted.push_back(kind);
    w.repeats.push_back(repeats);
  }
  return w;
}

}  // namespace kczg::match::testing
