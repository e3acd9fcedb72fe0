#include "cli/simulate_text.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "domain/uscc.hpp"

namespace kczg::cli::sim {
namespace {

constexpr std::string_view k_syllables[] = {
    "芯", "睿", "华", "中", "科", "博", "智", "联", "创", "瑞", "鼎", "恒", "盛", "达",
    "信", "泰", "安", "宏", "远", "新", "微", "航", "星", "海", "天", "云", "启", "源",
    "晟", "铭", "曜", "澜", "拓", "凯", "弘", "锐", "融", "宸", "昊", "越"};
constexpr std::string_view k_surnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马",   "朱",
    "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩",   "冯",
    "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "欧阳", "司马"};
constexpr std::string_view k_given[] = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "文", "辉", "玲", "华", "红", "建",
    "国", "志", "宇", "晨", "博", "浩", "然", "婷", "欣", "怡", "鹏", "飞", "海", "波",
    "宁", "凯", "峰", "琳", "颖", "琦", "昊", "哲", "萱", "睿", "嘉", "思", "佳", "子"};
constexpr std::string_view k_qualities[] = {
    "高可靠", "低成本", "大功率", "高通量", "超低功耗", "智能化",   "模块化", "全自主",
    "国产化", "高灵敏", "宽温域", "长寿命", "高能效",   "轻质高强", "超高速", "高安全",
    "数字化", "一体化", "可重构", "高效率", "超大规模", "高稳定",   "低排放", "多功能"};
constexpr std::string_view k_prefixes[] = {"",       "新一代", "第三代", "工业级", "车规级",
                                           "宇航级", "便携式", "集成式", "紧凑型", "大型"};
constexpr std::string_view k_indicators[] = {"能量转换效率", "综合成本", "使用寿命", "检测精度",
                                             "处理速度",     "良品率",   "单位能耗", "响应时间"};

template <typename T, std::size_t N>
std::string_view pick(Random& random, const T (&items)[N]) {
  return items[random.below(N)];
}
std::string_view pick(Random& random, const std::vector<std::string_view>& items) {
  return items[random.below(items.size())];
}

std::string num(Random& random, int low, int high) {
  return std::to_string(random.between(low, high));
}

std::string metric(Random& random) {
  return std::string(pick(random, k_indicators)) + (random.chance(0.5) ? "提升" : "改善") +
         num(random, 12, 68) + "%";
}

std::string sentence(Random& random, const Theme& t, std::string_view subject, Paragraph kind) {
  std::string s(subject), scene(pick(random, t.scenes)), m1(pick(random, t.methods)),
      m2(pick(random, t.methods)), m3(pick(random, t.methods));
  std::string place(institution(random.below(institution_count())));
  switch (kind) {
    case Paragraph::summary:
      switch (random.below(5)) {
        case 0:
          return "本项目面向" + scene + "对" + s + "的迫切需求，开展" + m1 + "与" + m2 +
                 "研究，研制出具有自主知识产权的" + s + "。";
        case 1:
          return "项目突破了" + m1 + "、" + m2 + "和" + m3 + "等关键技术，" + metric(random) + "。";
        case 2:
          return "与国内外同类技术相比，" + metric(random) + "，整体达到国际先进水平。";
        case 3:
          return "目前已在" + num(random, 3, 60) + "家" + scene +
                 "用户开展示范应用，运行稳定可靠。";
        default:
          return "项目累计获得授权发明专利" + num(random, 2, 40) + "项，参与制定国家或行业标准" +
                 num(random, 1, 6) + "项。";
      }
    case Paragraph::innovation:
      return random.chance(0.5) ? s + "首次将" + m1 + "与" + m2 + "相结合，解决了" + scene +
                                      "中长期存在的瓶颈问题。"
                                : "在" + m3 + "方面提出了新的技术路线，核心工艺均为自主研发。";
    case Paragraph::indicators:
      return std::string(pick(random, k_indicators)) + "较国际同类产品" +
             (random.chance(0.5) ? "提高" : "优化") + num(random, 8, 45) + "%。";
    case Paragraph::validation:
      return random.chance(0.5) ? "已通过国家级检测机构第三方检测，并在" + scene + "完成" +
                                      num(random, 3, 24) + "个月连续试运行。"
                                : "用户反馈" + s + "运行稳定，关键指标全部达到设计要求。";
    case Paragraph::market:
      return random.chance(0.5) ? s + "可广泛应用于" + scene + "等领域，国内市场规模约" +
                                      num(random, 20, 900) + "亿元。"
                                : "产业化后预计带动上下游产值" + num(random, 5, 300) +
                                      "亿元，新增就业岗位" + num(random, 50, 3000) + "个。";
    case Paragraph::company:
      switch (random.below(3)) {
        case 0:
          return "公司专注于" + s + "的研发与产业化，核心团队来自" + place + "，掌握" + m1 + "、" +
                 m2 + "等核心技术。";
        case 1:
          return "公司产品已服务" + scene + "领域客户" + num(random, 10, 400) +
                 "家，近三年营业收入年均增长" + num(random, 15, 120) + "%。";
        default:
          return "公司拥有有效发明专利" + num(random, 3, 80) + "项，建有省级企业技术中心。";
      }
    case Paragraph::service:
      switch (random.below(5)) {
        case 3:
          return "建有" + m1 + "公共技术服务中心，面向" + scene + "企业开放共享仪器设备" +
                 num(random, 20, 400) + "台套。";
        case 4:
          return "牵头组建" + scene + "产业创新联盟，成员单位" + num(random, 12, 160) +
                 "家，年均举办对接活动" + num(random, 6, 60) + "场。";
        case 0:
          return "机构围绕" + scene + "产业需求，提供" + m1 +
                 "等共性技术研发、成果转移转化和企业孵化服务。";
        case 1:
          return "近三年累计转化科技成果" + num(random, 10, 300) + "项，孵化科技型企业" +
                 num(random, 5, 120) + "家，服务企业" + num(random, 100, 3000) + "家次。";
        default:
          return "与" + place + "等单位共建联合实验室，形成了“研发—中试—产业化”的完整链条。";
      }
    case Paragraph::venture:
      switch (random.below(3)) {
        case 0:
          return num(random, 2012, 2020) + "年创办企业，带领团队攻克" + s + "的" + m1 + "难题。";
        case 1:
          return "企业从" + num(random, 3, 15) + "人发展到" + num(random, 80, 900) +
                 "人，近三年吸纳高校毕业生就业" + num(random, 20, 300) + "人。";
        default:
          return "坚持自主创新，带动上下游" + num(random, 10, 200) + "家配套企业发展。";
      }
    case Paragraph::record:
      switch (random.below(3)) {
        case 0:
          return "累计促成" + s + "等技术成果转化" + num(random, 5, 80) + "项，技术合同成交额" +
                 num(random, 500, 90000) + "万元。";
        case 1:
          return "熟悉" + m1 + "相关专利运营和技术交易，组织技术对接活动" + num(random, 10, 200) +
                 "场。";
        default:
          return "主导的" + scene + "领域成果转化案例入选省级优秀案例。";
      }
  }
  return "";
}

// Same-length substitutions, so a reworded text never grows past its field's maximum.
constexpr std::pair<std::string_view, std::string_view> k_rewordings[] = {
    {"开展", "进行"},         {"具有", "拥有"}, {"研制出", "研发出"}, {"目前已在", "至今已在"},
    {"迫切需求", "紧迫需要"}, {"整体", "总体"}, {"累计", "共计"},     {"稳定可靠", "安全可靠"}};

constexpr std::pair<std::string_view, std::string_view> k_traditional[] = {
    {"体", "體"}, {"电", "電"}, {"统", "統"}, {"术", "術"}, {"网", "網"}, {"络", "絡"},
    {"储", "儲"}, {"发", "發"}, {"动", "動"}, {"机", "機"}, {"车", "車"}, {"导", "導"},
    {"测", "測"}, {"检", "檢"}, {"医", "醫"}, {"疗", "療"}, {"药", "藥"}, {"细", "細"},
    {"风", "風"}, {"热", "熱"}, {"学", "學"}, {"数", "數"}, {"据", "據"}, {"计", "計"},
    {"级", "級"}, {"压", "壓"}, {"线", "線"}, {"传", "傳"}, {"处", "處"}, {"时", "時"},
    {"间", "間"}, {"实", "實"}, {"现", "現"}, {"产", "產"}, {"业", "業"}, {"应", "應"},
    {"务", "務"}, {"关", "關"}, {"键", "鍵"}, {"与", "與"}, {"为", "為"}, {"对", "對"},
    {"开", "開"}, {"气", "氣"}, {"质", "質"}, {"种", "種"}, {"钢", "鋼"}, {"铁", "鐵"},
    {"锂", "鋰"}, {"钠", "鈉"}, {"进", "進"}, {"门", "門"}, {"齿", "齒"}, {"轮", "輪"},
    {"丝", "絲"}, {"纤", "纖"}, {"维", "維"}, {"聚", "聚"}, {"膜", "膜"}, {"烟", "煙"},
    {"环", "環"}, {"境", "境"}, {"项", "項"}, {"目", "目"}, {"国", "國"}, {"际", "際"},
    {"领", "領"}, {"域", "域"}, {"规", "規"}, {"模", "模"}, {"场", "場"}, {"广", "廣"},
    {"泛", "泛"}, {"该", "該"}, {"经", "經"}, {"济", "濟"}, {"效", "效"}, {"益", "益"}};

constexpr std::string_view k_model_letters = "ABCDEFGHJKLMNPRSTUVWXY";
constexpr std::string_view k_units[] = {"纳米",       "微秒",     "兆帕", "摄氏度", "千瓦",
                                        "吉比特每秒", "毫克每升", "小时", "安时",   "分贝"};

}  // namespace

std::string detail(Random& random) {
  if (random.chance(0.5)) {
    std::string model;
    model += k_model_letters[random.below(k_model_letters.size())];
    model += k_model_letters[random.below(k_model_letters.size())];
    return "型号" + model + "-" + num(random, 1000, 9999) + "型";
  }
  return std::string(pick(random, k_indicators)) + "实测" + num(random, 100, 999) + "." +
         num(random, 1, 9) + std::string(pick(random, k_units));
}

std::size_t characters(std::string_view text) {
  return std::size_t(std::ranges::count_if(text, [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string make_uscc(Random& random, std::string_view kind, std::string_view region) {
  std::string code = std::string(kind) + std::string(region);
  for (int i = 0; i < 9; ++i) code += k_uscc_alphabet[random.below(k_uscc_alphabet.size())];
  return code + uscc_check_digit(code);
}

std::string company_name(Random& random, std::string_view city, const Theme& theme,
                         std::set<std::string>& taken) {
  while (true) {
    std::string name = std::string(city) + std::string(pick(random, k_syllables)) +
                       std::string(pick(random, k_syllables)) +
                       std::string(pick(random, theme.trades)) +
                       (random.chance(0.3) ? "股份有限公司" : "有限公司");
    if (taken.insert(name).second) return name;
  }
}

std::string fund_name(Random& random, std::string_view city, std::set<std::string>& taken) {
  while (true) {
    std::string name = std::string(city) + std::string(pick(random, k_syllables)) +
                       std::string(pick(random, k_syllables)) +
                       (random.chance(0.5) ? "创业投资管理有限公司" : "产业投资基金管理有限公司");
    if (taken.insert(name).second) return name;
  }
}

std::string person_name(Random& random, std::set<std::string>& taken) {
  while (true) {
    std::string name(pick(random, k_surnames));
    name += pick(random, k_given);
    if (random.chance(0.8)) name += pick(random, k_given);
    if (taken.insert(name).second) return name;
  }
}

std::string technology_name(Random& random, const Theme& theme, std::set<std::string>& taken) {
  for (int tries = 0;; ++tries) {
    std::string name = std::string(random.chance(0.4) ? pick(random, k_prefixes) : "") +
                       std::string(pick(random, k_qualities)) +
                       std::string(pick(random, theme.subjects));
    // Past a few thousand per theme the combinations run out: a model generation then.
    if (tries > 50) name += "（第" + num(random, 2, 99) + "代）";
    if (taken.insert(name).second) return name;
  }
}

std::string paragraph(Random& random, const Theme& theme, std::string_view subject, Paragraph kind,
                      long long min, long long max) {
  std::string text;
  // Enough sentences to pass the minimum, and a few more while they fit.
  int extra = random.between(0, 2);
  for (int tries = 0; tries < 64; ++tries) {
    std::string next = sentence(random, theme, subject, kind);
    // One sentence of each shape: its first four characters tell it.
    std::size_t shape = 0;
    for (int k = 0; k < 4 && shape < next.size(); ++k) {
      do ++shape;
      while (shape < next.size() && (next[shape] & 0xC0) == 0x80);
    }
    if (text.find(next.substr(0, shape)) != std::string::npos) continue;
    if ((long long)(characters(text) + characters(next)) > max) break;
    text += next;
    if ((long long)characters(text) >= min && --extra <= 0) break;
  }
  return text;
}

std::string reword(Random& random, std::string_view text) {
  std::vector<std::string> sentences;
  for (std::size_t from = 0; from < text.size();) {
    std::size_t end = text.find("。", from);
    end = end == std::string_view::npos ? text.size() : end + std::string_view("。").size();
    sentences.emplace_back(text.substr(from, end - from));
    from = end;
  }
  for (std::size_t i = sentences.size(); i > 1; --i) {
    std::swap(sentences[i - 1], sentences[random.below(i)]);
  }
  std::string out;
  for (std::string& s : sentences) {
    for (auto [from, to] : k_rewordings) {
      if (std::size_t at = s.find(from); at != std::string::npos && random.chance(0.7)) {
        s.replace(at, from.size(), to);
      }
    }
    out += s;
  }
  return out;
}

std::string to_traditional(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 1;
    while (i + length < text.size() && (text[i + length] & 0xC0) == 0x80) ++length;
    std::string_view c = text.substr(i, length);
    auto found = std::ranges::find_if(k_traditional, [&](const auto& p) { return p.first == c; });
    out += found == std::end(k_traditional) ? c : found->second;
    i += length;
  }
  return out;
}

}  // namespace kczg::cli::sim
