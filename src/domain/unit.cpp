#include "domain/unit.hpp"

#include <algorithm>
#include <map>

#include "domain/uscc.hpp"

namespace kczg {
namespace {

// Adds row and column to an error produced by a value check.
Error at_cell(Error error, const UnitRow& row, std::string_view column) {
  error.params.insert(error.params.begin(), {"column", std::string(column)});
  error.params.insert(error.params.begin(), {"row", std::to_string(row.row)});
  return error;
}

Error empty_cell(const UnitRow& row, std::string_view column) {
  return make_error(ErrorCode::import_cell_empty, "row", std::to_string(row.row), "column",
                    std::string(column));
}

std::vector<std::string> split_channels(std::string_view text) {
  // ASCII ; , | and the full-width ， ； 、 people type in Chinese spreadsheets.
  static const std::vector<std::string_view> separators{";", ",", "|", "，", "；", "、"};
  std::vector<std::string> parts;
  std::string current;
  for (std::size_t i = 0; i < text.size();) {
    bool split = false;
    for (std::string_view sep : separators) {
      if (text.substr(i).starts_with(sep)) {
        parts.push_back(current);
        current.clear();
        i += sep.size();
        split = true;
        break;
      }
    }
    if (!split) current += text[i++];
  }
  parts.push_back(current);
  std::vector<std::string> trimmed;
  for (std::string& p : parts) {
    auto first = p.find_first_not_of(' ');
    if (first == std::string::npos) continue;
    trimmed.push_back(p.substr(first, p.find_last_not_of(' ') - first + 1));
  }
  return trimmed;
}

// Spreadsheets name channels in Chinese, often shortened ("全国学会" for
// "全国学会、协会、研究会", "试点城市" for "“科创中国”试点城市（园区）"): a part of one
// channel's name, of two characters or more, that no other channel's name contains.
const Channel* channel_by_chinese_name(const Campaign& campaign, std::string_view given) {
  if (given.size() < 6) return nullptr;  // two Han characters are six bytes of UTF-8
  const Channel* match = nullptr;
  for (const Channel& c : campaign.channels) {
    if (c.name_zh.find(given) == std::string::npos) continue;
    if (match) return nullptr;  // ambiguous
    match = &c;
  }
  return match;
}

}  // namespace

std::expected<std::vector<Unit>, std::vector<Error>> check_unit_rows(
    const Campaign& campaign, const std::vector<UnitRow>& rows, const DivisionTable& divisions,
    const std::set<std::string>& stored_usccs) {
  std::vector<Error> errors;
  std::vector<Unit> units;
  std::map<std::string, int> first_row_of_uscc;
  for (const UnitRow& row : rows) {
    std::size_t errors_before = errors.size();
    Unit unit{0, row.name, normalize_uscc(row.uscc), {}, "", row.contact};
    if (row.name.empty()) errors.push_back(empty_cell(row, "name"));
    if (row.uscc.empty()) {
      errors.push_back(empty_cell(row, "uscc"));
    } else if (auto info = check_uscc(unit.uscc, divisions); !info) {
      errors.push_back(at_cell(info.error(), row, "uscc"));
    } else if (stored_usccs.contains(unit.uscc)) {
      errors.push_back(make_error(ErrorCode::import_exists, "row", std::to_string(row.row),
                                  "column", "uscc", "value", unit.uscc));
    } else if (auto [it, fresh] = first_row_of_uscc.emplace(unit.uscc, row.row); !fresh) {
      errors.push_back(make_error(ErrorCode::import_duplicate, "row", std::to_string(row.row),
                                  "column", "uscc", "other", std::to_string(it->second)));
    }
    std::vector<std::string> channels = split_channels(row.channels);
    if (channels.empty()) errors.push_back(empty_cell(row, "channels"));
    for (const std::string& given : channels) {
      const Channel* channel = find_channel(campaign, given);
      if (!channel) channel = channel_by_chinese_name(campaign, given);
      if (!channel) {
        errors.push_back(
            at_cell(make_error(ErrorCode::channel_unknown, "channel", given), row, "channels"));
      } else if (std::ranges::find(unit.channels, channel->code) == unit.channels.end()) {
        unit.channels.push_back(channel->code);
      }
    }
    if (row.region.empty()) {
      errors.push_back(empty_cell(row, "region"));
    } else if (const Division* d = divisions.find(row.region)) {
      unit.region = DivisionTable::code6(*d);
    } else if (const Division* named = divisions.find_by_name(row.region)) {
      unit.region = DivisionTable::code6(*named);
    } else if (row.region == "100000") {
      unit.region = row.region;  // nationally registered, as in USCCs
    } else {
      errors.push_back(
          at_cell(make_error(ErrorCode::region_unknown, "value", row.region), row, "region"));
    }
    if (errors.size() == errors_before) units.push_back(std::move(unit));
  }
  if (!errors.empty()) return std::unexpected(std::move(errors));
  return units;
}

}  // namespace kczg
