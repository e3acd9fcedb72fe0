#include "domain/quota.hpp"

namespace kczg {

Result<int> unit_quota(const Campaign& campaign, std::string_view list_code,
                       const std::vector<std::string>& unit_channels) {
  const List* list = find_list(campaign, list_code);
  if (!list) return fail(make_error(ErrorCode::list_unknown, "list", std::string(list_code)));
  if (list->separately_organised)
    return fail(make_error(ErrorCode::quota_none, "list", list->code));
  int total = 0;
  for (const std::string& channel : unit_channels) {
    auto it = list->quota_per_channel.find(channel);
    if (it != list->quota_per_channel.end()) total += it->second;
  }
  return total;
}

Result<void> check_quota_room(const Campaign& campaign, std::string_view unit_name,
                              std::string_view list, std::string_view field, int used, int quota) {
  if (used < quota) return {};
  std::string where_zh(list), where_en(list);
  if (const List* l = find_list(campaign, list)) {
    where_zh = l->name_zh;
    where_en = l->name_en;
    if (const Field* f = find_field(*l, field)) {
      where_zh += "·" + f->name_zh;
      where_en += ", " + f->name_en;
    }
  }
  return fail(make_error(ErrorCode::quota_exhausted, "unit", std::string(unit_name), "list",
                         std::string(list), "field", std::string(field), "where_zh", where_zh,
                         "where_en", where_en, "used", std::to_string(used), "quota",
                         std::to_string(quota)));
}

}  // namespace kczg
