// Recommending units (推荐单位) and checking a batch of them before import.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "domain/campaign.hpp"
#include "domain/division.hpp"

namespace kczg {

struct Unit {
  long long id = 0;  // 0 until stored
  std::string name;
  std::string uscc;
  std::vector<std::string> channels;  // channel codes; quotas stack over them
  std::string region;                 // 6-digit GB/T 2260 code
  std::string contact;
};

// One row of a units file as read, cells still text.
struct UnitRow {
  int row = 0;  // as the person sees it in the file (header is row 1)
  std::string name;
  std::string uscc;
  std::string channels;  // codes or Chinese channel names, separated by ; ， 、 or |
  std::string region;    // division code or exact division name
  std::string contact;
};

// Every problem of a batch, or the units it describes. Each error names its row and
// column (params "row", "column"); a batch is all good or refused whole.
// `stored_usccs` are the codes already in the store, refused as import_exists.
std::expected<std::vector<Unit>, std::vector<Error>> check_unit_rows(
    const Campaign& campaign, const std::vector<UnitRow>& rows, const DivisionTable& divisions,
    const std::set<std::string>& stored_usccs);

}  // namespace kczg
