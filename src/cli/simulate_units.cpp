// The recommending units of the simulated campaign and how applicants choose among them.
#include <algorithm>
#include <array>
#include <cmath>

#include "cli/simulate_parts.hpp"
#include "domain/quota.hpp"

namespace kczg::cli::sim {
namespace {

struct ChannelShare {
  std::string_view code;
  double share;  // of applications that name a unit of the channel
};
constexpr std::array<ChannelShare, 6> k_channel_shares{{{"provincial_association", 0.34},
                                                        {"national_society", 0.34},
                                                        {"pilot_city", 0.15},
                                                        {"central_enterprise", 0.08},
                                                        {"consortium_member", 0.06},
                                                        {"other", 0.03}}};

constexpr std::string_view k_disciplines[] = {"电子",         "通信",
                                              "计算机",       "自动化",
                                              "仪器仪表",     "机械工程",
                                              "材料研究",     "化工",
                                              "生物工程",     "药学",
                                              "生物医学工程", "能源研究",
                                              "可再生能源",   "环境科学",
                                              "光学工程",     "金属",
                                              "复合材料",     "汽车工程",
                                              "航空",         "造船工程",
                                              "电机工程",     "电工技术",
                                              "农业工程",     "食品科学技术",
                                              "纺织工程",     "人工智能",
                                              "图象图形",     "仿真",
                                              "技术经济",     "稀土",
                                              "颗粒",         "腐蚀与防护",
                                              "石油",         "煤炭",
                                              "水利",         "土木工程",
                                              "铁道",         "测绘地理信息",
                                              "气象",         "海洋湖沼",
                                              "林业",         "制冷",
                                              "照明",         "核",
                                              "硅酸盐",       "生物化学与分子生物",
                                              "免疫",         "微生物",
                                              "中西医结合",   "指挥与控制"};
constexpr std::string_view k_society_kinds[] = {"学会", "协会", "研究会"};

std::size_t channel_index(std::string_view code) {
  for (std::size_t i = 0; i < k_channel_shares.size(); ++i) {
    if (k_channel_shares[i].code == code) return i;
  }
  return k_channel_shares.size() - 1;
}

int count_at(double base, double scale, int least) {
  return std::max(least, int(std::floor(base * scale + 0.5)));
}

}  // namespace

UnitIndex make_units(Random& r, const Campaign& campaign, double scale, World& world,
                     std::set<std::string>& names) {
  UnitIndex index;
  index.campaign = &campaign;
  index.units = &world.units;
  index.members.resize(k_channel_shares.size());
  auto add = [&](std::string name, std::string uscc, std::vector<std::string> channels,
                 std::string region) {
    names.insert(name);
    std::string contact = "秘书处 010-" + std::to_string(r.between(60000000, 89999999));
    for (const std::string& c : channels) {
      if (find_channel(campaign, c)) index.members[channel_index(c)].push_back(world.units.size());
    }
    world.units.push_back({0, std::move(name), std::move(uscc), std::move(channels),
                           std::move(region), std::move(contact)});
    return world.units.size() - 1;
  };
  for (const Province& p : provinces()) {
    index.provincial[std::string(p.code)] =
        add(std::string(p.name) + "科学技术协会", make_uscc(r, "51", p.code),
            {"provincial_association"}, std::string(p.code));
  }
  add("新疆生产建设兵团科学技术协会", make_uscc(r, "51", "650000"), {"provincial_association"},
      "650000");
  int societies = std::min(count_at(150, scale, 3), int(std::size(k_disciplines) * 3));
  for (int k = 0; k < societies; ++k) {
    std::vector<std::string> channels{"national_society"};
    if (r.chance(0.1)) channels.push_back("consortium_member");
    std::size_t d = std::size_t(k) % std::size(k_disciplines);
    add("中国" + std::string(k_disciplines[d]) +
            std::string(k_society_kinds[std::size_t(k) / std::size(k_disciplines)]),
        make_uscc(r, "51", "100000"), channels, "100000");
  }
  int pilots = std::min(count_at(45, scale, 2), int(pilot_cities().size()));
  for (int k = 0; k < pilots; ++k) {
    const City& city = pilot_cities()[std::size_t(k)];
    add(std::string(city.name) + "“科创中国”试点工作办公室", make_uscc(r, "11", city.code),
        {"pilot_city"}, std::string(city.code));
  }
  for (int k = 0, n = count_at(60, scale, 2); k < n; ++k) {
    const Theme& theme = themes()[std::size_t(k) % themes().size()];
    std::string group = company_name(r, "中国", theme, names);
    std::size_t form = group.find("股份有限公司");
    group = group.substr(0, form != std::string::npos ? form : group.find("有限公司")) +
            "集团科学技术协会";
    add(group, make_uscc(r, "51", "100000"), {"central_enterprise"}, "100000");
  }
  for (int k = 0, n = count_at(20, scale, 1); k < n; ++k) {
    const Theme& theme = themes()[std::size_t(k) % themes().size()];
    std::string_view keyword =
        theme.keywords[std::size_t(k) / themes().size() % theme.keywords.size()];
    add("“科创中国”" + std::string(keyword) + "产业科技服务团", make_uscc(r, "51", "100000"),
        {"consortium_member"}, "100000");
  }
  for (int k = 0, n = std::min(count_at(8, scale, 1), int(pilot_cities().size())); k < n; ++k) {
    const City& city = pilot_cities()[pilot_cities().size() - 1 - std::size_t(k)];
    add(std::string(city.name) + "生产力促进中心", make_uscc(r, "12", city.code), {"other"},
        std::string(city.code));
  }
  // A few units draw most applicants; plain arithmetic weights, the same on every platform.
  for (const auto& members : index.members) {
    std::vector<double> weights;
    for (std::size_t k = 0; k < members.size(); ++k) weights.push_back(1.0 / double(k + 8));
    index.popularity.push_back(std::move(weights));
  }
  return index;
}

std::size_t choose_unit(Random& r, UnitIndex& index, std::string_view province,
                        const std::string& list, const std::string& field, std::size_t avoid) {
  std::array<double, k_channel_shares.size()> shares{};
  for (std::size_t c = 0; c < shares.size(); ++c) {
    shares[c] = index.members[c].empty() ? 0 : k_channel_shares[c].share;
  }
  auto home = index.provincial.find(std::string(province));
  std::size_t chosen = avoid;
  for (int attempt = 0; attempt < 4 || chosen == avoid; ++attempt) {
    std::size_t c = r.weighted(shares);
    std::size_t unit = c == 0 && home != index.provincial.end()
                           ? home->second
                           : index.members[c][r.weighted(index.popularity[c])];
    if (unit == avoid) continue;
    chosen = unit;
    const Unit& u = (*index.units)[unit];
    auto quota = unit_quota(*index.campaign, list, u.channels);
    int& load = index.load[{unit, list, field}];
    if (quota && load < *quota) break;
    if (attempt >= 3) break;
  }
  ++index.load[{chosen, list, field}];
  return chosen;
}

}  // namespace kczg::cli::sim
