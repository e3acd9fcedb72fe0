#include "pdf/application_pdf.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "pdf/typesetter.hpp"

namespace kczg::pdf {

namespace {

// 五号 (10.5 pt) is the body size Chinese forms are printed in.
constexpr TextStyle k_title{"Noto Serif CJK SC Bold 20", PANGO_ALIGN_CENTER};
constexpr TextStyle k_subtitle{"Noto Sans CJK SC 12", PANGO_ALIGN_CENTER, 0.25};
constexpr TextStyle k_heading{"Noto Sans CJK SC Bold 13"};
constexpr TextStyle k_label{"Noto Sans CJK SC Bold 10"};
constexpr TextStyle k_value{"Noto Sans CJK SC 10.5"};
constexpr TextStyle k_code{"Noto Sans Mono CJK SC 9.5"};
constexpr TextStyle k_signature{"Noto Sans CJK SC 11"};

constexpr double k_label_share = 0.3;
constexpr BlockFrame k_table_frame{.padding_x = 6, .padding_y = 5, .ruled = true};
constexpr BlockFrame k_receipt_frame{.padding_x = 6, .padding_y = 4, .ruled = true};
constexpr double k_label_fill = 0.94;
constexpr double k_receipt_fill = 0.97;
constexpr double k_heading_gap = 6;
// Of a first row that cannot share a page with its heading, this much goes under the heading.
constexpr double k_heading_keeps = 60;

void place_text(Typesetter& typesetter, std::string_view text, const TextStyle& style) {
  const std::array cells{CellSpec{.text = text, .style = style, .width = typesetter.body_width()}};
  typesetter.place(typesetter.block(cells));
}

Block row_block(const Typesetter& typesetter, const PdfRow& row, bool in_receipt) {
  const double label_width = typesetter.body_width() * k_label_share;
  const double value_fill = in_receipt ? k_receipt_fill : 1.0;
  const std::array cells{
      CellSpec{.text = row.label, .style = k_label, .width = label_width, .fill = k_label_fill},
      CellSpec{.text = row.value,
               .style = row.monospace ? k_code : k_value,
               .width = typesetter.body_width() - label_width,
               .fill = value_fill}};
  return typesetter.block(cells, in_receipt ? k_receipt_frame : k_table_frame);
}

void place_section(Typesetter& typesetter, const PdfSection& section) {
  const std::array heading_cells{
      CellSpec{.text = section.heading, .style = k_heading, .width = typesetter.body_width()}};
  const Block heading = typesetter.block(heading_cells);
  std::vector<Block> rows;
  for (const PdfRow& row : section.rows) rows.push_back(row_block(typesetter, row, false));
  const double above_row = heading.height() + k_heading_gap;
  // The first row goes on the heading's page: whole if both fit on one page, otherwise split
  // from there, so that a heading never ends a page.
  const bool first_whole =
      !rows.empty() && above_row + rows.front().height() <= typesetter.body_height();
  if (!rows.empty()) {
    typesetter.keep(above_row + (first_whole ? rows.front().height() : k_heading_keeps));
  }
  typesetter.place(heading);
  typesetter.skip(k_heading_gap);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    typesetter.place(rows[i], i == 0 && !first_whole);
  }
}

}  // namespace

std::string render_application_pdf(const ApplicationDocument& document) {
  Typesetter typesetter(document.title, document.footer);
  if (!document.title.empty()) {
    place_text(typesetter, document.title, k_title);
    typesetter.skip(6);
  }
  if (!document.subtitle.empty()) place_text(typesetter, document.subtitle, k_subtitle);
  typesetter.skip(16);
  for (const PdfRow& row : document.receipt) typesetter.place(row_block(typesetter, row, true));
  for (const PdfSection& section : document.sections) {
    typesetter.skip(18);
    place_section(typesetter, section);
  }
  if (!document.signature_note.empty()) {
    typesetter.skip(32);
    place_text(typesetter, document.signature_note, k_signature);
  }
  return typesetter.finish();
}

}  // namespace kczg::pdf
