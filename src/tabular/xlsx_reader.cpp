// parse_xlsx: finds the first worksheet through the workbook's relationships, loads the
// shared strings, and turns <row>/<c> elements into a Table.
#include <charconv>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tabular/table.hpp"
#include "tabular/table_builder.hpp"
#include "tabular/xlsx_xml.hpp"
#include "tabular/zip_archive.hpp"

namespace kczg::tabular {

namespace {

constexpr std::string_view k_ole_magic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
constexpr std::string_view k_workbook = "xl/workbook.xml";
constexpr std::string_view k_workbook_rels = "xl/_rels/workbook.xml.rels";
constexpr std::string_view k_default_shared_strings = "xl/sharedStrings.xml";
constexpr int k_max_rows = 1048576;
// Whitespace-only text must survive: a rich-text run " " separates two words.
constexpr unsigned k_parse_options = pugi::parse_default | pugi::parse_ws_pcdata_single;

Error malformed(std::string_view path, std::string detail) {
  return make_error(ErrorCode::xlsx_malformed, "path", path, "detail", std::move(detail));
}

// An XML part of the archive, parsed. The document points into `text`, so both live here.
struct Part {
  std::string text;
  pugi::xml_document document;
};

// Reads and parses a part; std::nullopt when the archive has no such entry.
Result<std::optional<std::unique_ptr<Part>>> load_part(const ZipArchive& archive,
                                                       std::string_view name,
                                                       std::string_view path) {
  auto text = archive.read(name);
  if (!text) return fail(text.error());
  if (!*text) return std::optional<std::unique_ptr<Part>>();
  auto part = std::make_unique<Part>();
  part->text = std::move(**text);
  const pugi::xml_parse_result parsed =
      part->document.load_buffer_inplace(part->text.data(), part->text.size(), k_parse_options);
  if (!parsed) {
    return fail(malformed(path, std::string(name) + ": " + parsed.description() + " at byte " +
                                    std::to_string(parsed.offset)));
  }
  return std::optional<std::unique_ptr<Part>>(std::move(part));
}

Result<std::unique_ptr<Part>> load_required_part(const ZipArchive& archive, std::string_view name,
                                                 std::string_view path) {
  auto part = load_part(archive, name, path);
  if (!part) return fail(part.error());
  if (!*part) return fail(malformed(path, std::string(name) + " missing"));
  return std::move(**part);
}

struct PartNames {
  std::string first_sheet;
  std::string shared_strings;
};

Result<PartNames> find_parts(const ZipArchive& archive, std::string_view path) {
  auto workbook = load_required_part(archive, k_workbook, path);
  if (!workbook) return fail(workbook.error());
  const pugi::xml_node sheet =
      xlsx::child(xlsx::child(xlsx::child((*workbook)->document, "workbook"), "sheets"), "sheet");
  const std::string_view sheet_id = xlsx::attribute(sheet, "id").value();
  if (sheet_id.empty()) return fail(malformed(path, "workbook lists no worksheet"));

  auto rels = load_required_part(archive, k_workbook_rels, path);
  if (!rels) return fail(rels.error());
  PartNames names{"", std::string(k_default_shared_strings)};
  for (pugi::xml_node rel : xlsx::child((*rels)->document, "Relationships").children()) {
    const std::string_view target = xlsx::attribute(rel, "Target").value();
    const std::string_view type = xlsx::attribute(rel, "Type").value();
    if (xlsx::attribute(rel, "Id").value() == sheet_id) {
      names.first_sheet = xlsx::resolve_target("xl/", target);
    } else if (type.ends_with("/sharedStrings")) {
      names.shared_strings = xlsx::resolve_target("xl/", target);
    }
  }
  if (names.first_sheet.empty()) {
    return fail(malformed(path, "no relationship " + std::string(sheet_id) + " for first sheet"));
  }
  return names;
}

// Workbooks without text cells may have no shared strings part at all.
Result<std::vector<std::string>> load_shared_strings(const ZipArchive& archive,
                                                     std::string_view name, std::string_view path) {
  auto part = load_part(archive, name, path);
  if (!part) return fail(part.error());
  std::vector<std::string> strings;
  if (!*part) return strings;
  for (pugi::xml_node item : xlsx::child((**part)->document, "sst").children()) {
    if (xlsx::local_name(item.name()) == "si") strings.push_back(xlsx::string_item_text(item));
  }
  return strings;
}

// The text a person sees in a cell, by the cell's type attribute t.
Result<std::string> cell_text(pugi::xml_node cell, const std::vector<std::string>& shared,
                              std::string_view path) {
  const std::string_view type = xlsx::attribute(cell, "t").value();
  if (type == "inlineStr") return xlsx::string_item_text(xlsx::child(cell, "is"));
  const std::string_view value = xlsx::child(cell, "v").child_value();
  if (type == "s") {
    std::size_t index = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), index);
    if (ec != std::errc() || end != value.data() + value.size() || index >= shared.size()) {
      return fail(malformed(path, "shared string index '" + std::string(value) +
                                      "' out of range in cell " + cell.attribute("r").value()));
    }
    return shared[index];
  }
  if (type == "b") {  // as Excel shows a boolean
    if (value.empty()) return std::string();
    return std::string(value == "1" ? "TRUE" : "FALSE");
  }
  // Numbers ("n" or no type) keep the stored text; strings, errors, dates may be escaped.
  if (type.empty() || type == "n") return std::string(value);
  return xlsx::decode_escapes(value);
}

Result<std::vector<std::string>> row_cells(pugi::xml_node row,
                                           const std::vector<std::string>& shared,
                                           std::string_view path) {
  std::vector<std::string> cells;
  int column = -1;
  for (pugi::xml_node cell : row.children()) {
    if (xlsx::local_name(cell.name()) != "c") continue;
    ++column;  // a cell without a reference follows the previous one
    if (const pugi::xml_attribute ref = xlsx::attribute(cell, "r")) {
      const auto parsed = xlsx::column_of(ref.value());
      if (!parsed) return fail(malformed(path, "bad cell reference " + std::string(ref.value())));
      column = *parsed;
    }
    // Formatting alone makes a cell without a value; placing those would pad rows out
    // to column XFD whenever someone styled a whole row.
    if (!xlsx::child(cell, "v") && !xlsx::child(cell, "is")) continue;
    auto text = cell_text(cell, shared, path);
    if (!text) return fail(text.error());
    if (text->empty()) continue;
    if (static_cast<std::size_t>(column) >= cells.size()) cells.resize(column + 1);
    cells[column] = std::move(*text);
  }
  return cells;
}

Result<Table> read_sheet(pugi::xml_node sheet_data, const std::vector<std::string>& shared,
                         std::string_view path) {
  TableBuilder builder;
  int number = 0;
  for (pugi::xml_node row : sheet_data.children()) {
    if (xlsx::local_name(row.name()) != "row") continue;
    const int previous = number++;  // a row without r follows the previous one
    if (const pugi::xml_attribute ref = xlsx::attribute(row, "r")) {
      const std::string_view text = ref.value();
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
      if (ec != std::errc() || end != text.data() + text.size() || number <= previous ||
          number > k_max_rows) {
        return fail(malformed(
            path, "row number '" + std::string(text) + "' after row " + std::to_string(previous)));
      }
    }
    auto cells = row_cells(row, shared, path);
    if (!cells) return fail(cells.error());
    builder.add(number, std::move(*cells));
  }
  return std::move(builder).finish();
}

}  // namespace

Result<Table> parse_xlsx(std::string_view bytes, std::string_view path_for_errors) {
  if (bytes.starts_with(k_ole_magic)) {
    return fail(malformed(path_for_errors, "legacy .xls or encrypted workbook, not .xlsx"));
  }
  auto archive = ZipArchive::open(bytes, path_for_errors);
  if (!archive) return fail(archive.error());
  auto names = find_parts(*archive, path_for_errors);
  if (!names) return fail(names.error());
  auto shared = load_shared_strings(*archive, names->shared_strings, path_for_errors);
  if (!shared) return fail(shared.error());
  auto sheet = load_required_part(*archive, names->first_sheet, path_for_errors);
  if (!sheet) return fail(sheet.error());
  const pugi::xml_node sheet_data =
      xlsx::child(xlsx::child((*sheet)->document, "worksheet"), "sheetData");
  if (!sheet_data) return fail(malformed(path_for_errors, names->first_sheet + ": no sheetData"));
  return read_sheet(sheet_data, *shared, path_for_errors);
}

}  // namespace kczg::tabular
