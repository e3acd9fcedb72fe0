#include "domain/presets.hpp"

namespace kczg {
namespace {

using std::chrono::year;
using std::chrono::year_month_day;

// "X日24时" and "X月" boundaries are midnights in Asia/Shanghai.
Instant at(int y, unsigned m, unsigned d) { return shanghai_midnight(year{y} / m / d); }

std::vector<Channel> channels_2022() {
  // 二、推荐渠道: the units that "组织申报和推荐".
  return {
      {"national_society", "全国学会、协会、研究会",
       "National societies, associations and research societies"},
      {"provincial_association", "省级科协（含新疆生产建设兵团科协）",
       "Provincial associations for science and technology (incl. XPCC)"},
      {"pilot_city", "“科创中国”试点城市（园区）",
       "Science and Technology Innovation China pilot cities and parks"},
      {"central_enterprise", "中央企业科协",
       "Central-enterprise associations for science and technology"},
      {"consortium_member", "“科创中国”联合体成员单位",
       "Science and Technology Innovation China consortium members"},
      {"other", "其他有关单位", "Other units named by the call"},
  };
}

// "推荐单位同时属于多个推荐渠道的，可叠加推荐名额": every channel grants the same per-unit
// quota, and a unit in several channels adds them up.
std::map<std::string, int> same_quota_for_every_channel(int per_unit) {
  std::map<std::string, int> quota;
  for (const Channel& channel : channels_2022()) quota[channel.code] = per_unit;
  return quota;
}

std::vector<Field> pioneer_fields() {
  return {
      {"electronic_information", "电子信息", "Electronic information"},
      {"biomedicine", "生物医药", "Biomedicine"},
      {"equipment_manufacturing", "装备制造", "Equipment manufacturing"},
      {"advanced_materials", "先进材料", "Advanced materials"},
      {"green_low_carbon", "绿色低碳", "Green and low-carbon"},
      {"industrial_foundation", "产业基础", "Industrial foundation"},
  };
}

// The seven lists of 2022 with the sizes the 2022 lists were published with (seed:
// annual meeting report) and the quotas of 二（二）推荐名额.
List pioneer_tech(int target) {
  return {"pioneer_tech", "先导技术榜",     "Pioneer Technology List",      target,
          false,          pioneer_fields(), same_quota_for_every_channel(3)};
}
List emerging_enterprise(int target) {
  return {
      "emerging_enterprise",          "新锐企业榜", "Emerging Enterprise List", target, false, {},
      same_quota_for_every_channel(5)};
}
List integration_org(int target) {
  return {"integration_org",
          "融通创新组织榜",
          "Integrated Innovation Organisation List",
          target,
          false,
          {},
          same_quota_for_every_channel(2)};
}
List entrepreneur(int target) {
  return {"entrepreneur",
          "创业就业先锋榜",
          "Entrepreneurship and Employment Pioneer List",
          target,
          false,
          {},
          same_quota_for_every_channel(2)};
}
List tech_manager(int target) {
  return {"tech_manager",
          "技术经理人先锋榜",
          "Technology Manager Pioneer List",
          target,
          false,
          {},
          same_quota_for_every_channel(2)};
}
List intl_cooperation() {
  return {"intl_cooperation",
          "国际创新合作榜",
          "International Innovation Cooperation List",
          50,
          true,
          {},
          {}};
}
List open_source() {
  return {"open_source", "开源创新榜", "Open Source Innovation List", 30, true, {}, {}};
}

std::vector<ReviewBody> review_bodies_2022() {
  // 五（一）初评机构, entries 1–11. Entry 3 covers two fields; entry 5 names two bodies
  // jointly; entries 10 and 11 are the evaluating bodies of the separate lists.
  return {
      {"中国科协信息科技学会联合体",
       "郑伯龙 010-68767227/13801237788",
       false,
       {{"pioneer_tech", "electronic_information"}}},
      {"中国科协生命科学学会联合体",
       "郭天欢 010-64803381/13681129930",
       false,
       {{"pioneer_tech", "biomedicine"}}},
      {"中国科协智能制造学会联合体",
       "胡志强 010-68799039/13161224687",
       false,
       {{"pioneer_tech", "equipment_manufacturing"}, {"pioneer_tech", "industrial_foundation"}}},
      {"中国科协先进材料学会联合体",
       "丁波 010-65133925/13911128844",
       false,
       {{"pioneer_tech", "advanced_materials"}}},
      {"中国科协生态环境产学联合体",
       "马春萍 010-62219349/15010954981",
       false,
       {{"pioneer_tech", "green_low_carbon"}}},
      {"中国科协清洁能源学会联合体",
       "马春萍 010-62219349/15010954981",
       false,
       {{"pioneer_tech", "green_low_carbon"}}},
      {"“科创中国”联合体秘书处",
       "李娜 010-56057633/18610016188",
       false,
       {{"emerging_enterprise", ""}}},
      {"北京市长城企业战略研究所",
       "章普 010-82000975-932/15600777267",
       false,
       {{"integration_org", ""}}},
      {"中国技术经济学会", "何冰 010-65124716/13910381960", false, {{"entrepreneur", ""}}},
      {"国际技术转移协作网络", "李沐谦 010-84351699/15801118942", false, {{"tech_manager", ""}}},
      {"中国国际科技交流中心", "马倩 010-62174951/15801401992", true, {{"intl_cooperation", ""}}},
      {"“科创中国”开源创新联合体", "王朝刚 010-84097649", true, {{"open_source", ""}}},
  };
}

}  // namespace

Campaign preset_2022() {
  Campaign c;
  c.year = 2022;
  c.preset = "2022";
  c.name_zh = "2022年“科创中国”系列榜单";
  c.name_en = "2022 Science and Technology Innovation China lists";
  c.lists = {pioneer_tech(150), emerging_enterprise(100), integration_org(10), entrepreneur(50),
             tech_manager(20),  intl_cooperation(),       open_source()};
  c.channels = channels_2022();
  // 三、工作安排. "10月31日24时" closes collection at 2022-11-01T00:00+08:00 (exclusive).
  c.phases = {
      {PhaseKind::collection, at(2022, 9, 1), at(2022, 11, 1), "2022年9月—10月31日（24时截止）"},
      {PhaseKind::preliminary_review, at(2022, 11, 1), at(2022, 12, 1),
       "2022年11月，11月30日前报送"},
      {PhaseKind::final_review, at(2022, 12, 1), at(2023, 1, 1), "2022年12月"},
      {PhaseKind::public_notice, std::nullopt, std::nullopt, ""},
      {PhaseKind::publication, at(2023, 1, 1), at(2023, 2, 1), "2023年1月"},
      {PhaseKind::promotion, at(2022, 9, 1), at(2023, 5, 1), "2022年9月—2023年4月"},
  };
  c.review_bodies = review_bodies_2022();
  c.eligibility.relisting_barred = false;
  c.notes = {
      "list target sizes: as the 2022 lists were published (2023 annual meeting report)",
      "public notice: the call states no dates; the secretariat sets them",
      "eligibility parameters: in the call's attachment 1, not in the source text; set by the "
      "secretariat",
  };
  return c;
}

Campaign preset_2023() {
  Campaign c;
  c.year = 2023;
  c.preset = "2023";
  c.name_zh = "2023年“科创中国”系列榜单";
  c.name_en = "2023 Science and Technology Innovation China lists";
  // The 2023 call sets the first, second, third and fifth lists of 2022.
  c.lists = {pioneer_tech(150), emerging_enterprise(50), integration_org(10), tech_manager(20)};
  c.channels = channels_2022();
  // "初评评审(2023年12月30日前)" is read as through 30 December, as "11月30日前" was in 2022.
  c.phases = {
      {PhaseKind::collection, at(2023, 10, 7), at(2023, 12, 1), "2023年10月7日—2023年11月30日"},
      {PhaseKind::preliminary_review, at(2023, 12, 1), at(2023, 12, 31), "2023年12月30日前"},
      {PhaseKind::final_review, at(2024, 1, 1), at(2024, 2, 1), "2024年1月"},
      {PhaseKind::public_notice, std::nullopt, std::nullopt, ""},
      {PhaseKind::publication, at(2024, 2, 1), at(2024, 3, 1), "2024年2月"},
      {PhaseKind::promotion, at(2023, 10, 1), at(2024, 5, 1), "2023年10月—2024年4月"},
  };
  c.eligibility.enterprise_max_age_years = 10;
  c.eligibility.integration_org_founded_before = year{2021} / 9 / 1;
  c.eligibility.consortium_founded_before = year{2022} / 9 / 1;
  c.eligibility.industrial_foundation_kinds = {"基础零部件和元器件", "基础材料", "工业基础软件",
                                               "基础制造工艺及装备", "产业技术基础"};
  c.eligibility.relisting_barred = true;
  c.notes = {
      "list target sizes: the call states none; taken from the 2023 lists as published "
      "(150 / 50 / 10 / 20, 230 in all); editable by the secretariat",
      "unit quotas: the call states none; taken from the 2022 call; editable by the secretariat",
      "public notice: the call states no dates; the secretariat sets them",
      "review bodies: the call names none; appointed by the secretariat",
  };
  return c;
}

Result<Campaign> campaign_preset(std::string_view name) {
  if (name == "2022") return preset_2022();
  if (name == "2023") return preset_2023();
  return fail(make_error(ErrorCode::preset_unknown, "preset", std::string(name)));
}

}  // namespace kczg
