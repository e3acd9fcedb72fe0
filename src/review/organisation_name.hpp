// Matching keys for organisation and person names: conflict detection compares experts'
// organisations with applicants, holders and recommending units through these keys, and
// duplicate detection (src/match) may reuse them.
//
// An organisation's core name keeps what identifies it and drops how it is written:
//   1. fold (NFKC + case folding): full-width → half-width, Latin letters lower case;
//   2. bracketed parts dropped: (北京) （北京） [..] 【..】 〔..〕, nested or not;
//   3. spaces and punctuation dropped; Latin words and numbers kept apart by one space;
//   4. company-form suffixes stripped from the end, repeatedly, while 2 units remain:
//      股份有限公司 有限责任公司 有限公司 股份公司 集团公司 总公司 公司 集团 控股, and the
//      Latin words co ltd limited inc corp corporation company group holdings llc plc gmbh;
//   5. a leading province or city written in full shortened (北京市… → 北京…, 广东省… → 广东…),
//      so that both spellings meet.
//   "中芯国际集成电路制造（上海）有限公司" → "中芯国际集成电路制造"
//   "Huawei Technologies Co., Ltd."      → "huawei technologies"
// A region in brackets is part of how such names are written ("XX科技(北京)有限公司" is
// also registered as "北京XX科技有限公司"), so the name also has the key region + core.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kczg::review {

// The core name (steps 1–5 above); "" when the name has no letters, digits or Han.
std::string organisation_core_name(std::string_view name);

// The keys a name matches under: the core name first, then region + core for each
// bracketed region (a province, city or county of GB/T 2260, with or without 省/市, or 中国).
// Empty when the core name is "".
std::vector<std::string> organisation_name_keys(std::string_view name);

// The size of a key for the prefix rule: 1 per Han character, 2 per Latin word or number
// (so "华为" is 2, "中芯国际" 4, "smic" 2, "china mobile" 4).
std::size_t name_units(std::string_view key);

// The proper prefixes of a key that end at a Han character or at the end of a Latin word
// and have at least min_units units, shortest first ("intel" is never a prefix of
// "intelligent"). Views into key.
std::vector<std::string_view> name_prefixes(std::string_view key, std::size_t min_units);

// The key without its leading province or city (北京华芯微电子 → 华芯微电子), for matching a
// name written with its city against one written without; "" when the key does not start
// with a region or fewer than min_units units would remain (北京大学 keeps its 北京).
// 中国 is not a region here: 中国电子 is not 电子.
std::string without_leading_region(std::string_view key, std::size_t min_units);

// A person's name for exact matching: folded, spaces, dots (· • ．) and other punctuation
// dropped: "阿卜杜拉·艾尼" and "阿卜杜拉 艾尼" meet, "Zhang Wei" becomes "zhangwei".
std::string person_name_key(std::string_view name);

}  // namespace kczg::review
