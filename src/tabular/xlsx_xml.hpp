// Internal: the bits of SpreadsheetML (ECMA-376) the XLSX reader needs, over pugixml.
//
// Elements are matched by local name, ignoring any namespace prefix: Excel writes
// <sheetData>, but other producers write <x:sheetData> and mean the same thing.
#pragma once

#include <pugixml.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace kczg::tabular::xlsx {

// The name without its namespace prefix: "x:row" -> "row".
std::string_view local_name(std::string_view qualified);

// The first child element with this local name, or an empty node.
pugi::xml_node child(pugi::xml_node parent, std::string_view name);

// The first attribute with this local name, or an empty attribute; finds r:id as "id".
pugi::xml_attribute attribute(pugi::xml_node node, std::string_view name);

// The text of a string item (<si> in sharedStrings.xml, <is> in a cell): its <t>, or the
// <t> of each rich-text run <r> concatenated. Phonetic guides (<rPh>) are left out.
std::string string_item_text(pugi::xml_node item);

// Decodes the _xHHHH_ escapes SpreadsheetML uses for characters XML cannot hold.
std::string decode_escapes(std::string_view text);

// The zero-based column of a cell reference like "AB12" (0 for "A"), or std::nullopt
// when the reference is malformed or lies beyond Excel's last column XFD.
std::optional<int> column_of(std::string_view reference);

// Resolves a relationship target against the folder of the part that names it:
// ("xl/", "worksheets/sheet1.xml") -> "xl/worksheets/sheet1.xml"; absolute "/x" -> "x".
std::string resolve_target(std::string_view base_folder, std::string_view target);

}  // namespace kczg::tabular::xlsx
