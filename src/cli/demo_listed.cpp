// The demo's earlier lists (往年入选名单): generated entries of 2021 and 2022, with two
// planted so that the formal check has something to show — a demo application's name in
// traditional characters with the Taiwan term 晶片, and another's name with 技术 added
// (可回收单细胞测序平台). Everything here is generated, nothing is copied from real lists.
#include <algorithm>

#include "cli/commands.hpp"

namespace kczg::cli {

Result<void> load_demo_listed(Store& store, Instant now) {
  auto existing = store.listed_entries();
  if (!existing) return fail(existing.error());
  // Other earlier lists may be stored too (imported, or `kczg simulate`'s): only the demo's
  // own, whose holders are all named 演示往年…, count.
  if (std::ranges::any_of(*existing,
                          [](const ListedEntry& e) { return e.holder.starts_with("演示往年"); })) {
    return {};
  }
  static const char* const k_qualities[] = {"高效", "柔性", "分布式", "自主可控", "轻量化", "超快"};
  static const char* const k_objects[] = {"固态电池", "激光雷达",       "量子通信终端",
                                          "高端轴承", "氢燃料电池电堆", "毫米波通信模组",
                                          "光刻胶",   "医用影像探测器"};
  std::vector<ListedEntry> entries;
  int n = 0;
  for (int year : {2021, 2022}) {
    for (const char* quality : k_qualities) {
      for (const char* object : k_objects) {
        ++n;
        ListedEntry e;
        e.year = year;
        e.list = n % 3 == 0 ? "emerging_enterprise" : "pioneer_tech";
        e.name = std::string(quality) + object + (year == 2021 ? "关键技术" : "制备工艺");
        e.holder = "演示往年单位" + std::to_string(n) + "有限公司";
        e.summary = std::string("面向") + object + "的" + quality + "技术，已实现产业化应用。";
        entries.push_back(std::move(e));
      }
    }
  }
  entries.push_back({0, 2022, "pioneer_tech", "高精度存算一體晶片", "演示往年晶片公司", "",
                     "存算一體晶片，能效比領先。", "", 0});
  entries.push_back({0, 2021, "pioneer_tech", "可回收单细胞测序平台技术", "演示往年生物公司", "",
                     "可回收单细胞测序平台及其试剂。", "", 0});
  Actor demo{Role::secretariat, "demo-load"};
  if (auto added = store.add_listed_entries(entries, demo, now); !added) {
    return fail(added.error());
  }
  return {};
}

}  // namespace kczg::cli
