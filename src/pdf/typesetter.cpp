#include "pdf/typesetter.hpp"

#include <cairo-pdf.h>

#include <algorithm>
#include <stdexcept>

namespace kczg::pdf {

namespace {

// A4 in PostScript points, which are the user units of cairo's PDF surface.
constexpr double k_page_width = 595.276;
constexpr double k_page_height = 841.890;
constexpr double k_margin_x = 56.7;  // 20 mm
constexpr double k_body_top = 56.7;
constexpr double k_body_bottom = k_page_height - 68.0;
constexpr double k_footer_top = k_page_height - 50.0;
constexpr double k_rule_width = 0.5;
constexpr double k_rule_grey = 0.45;
// Pango's units are integers; sums of converted heights can miss by a rounding step.
constexpr double k_epsilon = 0.01;
constexpr TextStyle k_footer_style{"Noto Sans CJK SC 8.5", PANGO_ALIGN_LEFT, 0.35};
constexpr TextStyle k_page_number_style{"Noto Sans CJK SC 8.5", PANGO_ALIGN_RIGHT, 0.35};

struct GFree {
  void operator()(gchar* text) const { g_free(text); }
};
struct FontDescriptionFree {
  void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
struct FontOptionsDestroy {
  void operator()(cairo_font_options_t* options) const { cairo_font_options_destroy(options); }
};
struct AttrListUnref {
  void operator()(PangoAttrList* attributes) const { pango_attr_list_unref(attributes); }
};
struct IterFree {
  void operator()(PangoLayoutIter* iter) const { pango_layout_iter_free(iter); }
};

double points(int pango_units) { return static_cast<double>(pango_units) / PANGO_SCALE; }

// Pango would log a warning for each invalid string and patch it byte by byte; U+FFFD shows
// the reader plainly where the stored text was damaged.
std::string valid_utf8(std::string_view text) {
  if (text.empty()) return {};
  std::unique_ptr<gchar, GFree> valid(
      g_utf8_make_valid(text.data(), static_cast<gssize>(text.size())));
  return valid.get();
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void check(cairo_status_t status) {
  if (status != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(status));
  }
}

void set_grey(cairo_t* cairo, double grey) { cairo_set_source_rgb(cairo, grey, grey, grey); }

std::vector<Line> lines_of(PangoLayout* layout) {
  std::vector<Line> lines;
  std::unique_ptr<PangoLayoutIter, IterFree> iter(pango_layout_get_iter(layout));
  do {
    PangoLayoutLine* line = pango_layout_iter_get_line_readonly(iter.get());
    PangoRectangle in_layout;
    PangoRectangle in_line;
    pango_layout_iter_get_line_extents(iter.get(), nullptr, &in_layout);
    pango_layout_line_get_extents(line, nullptr, &in_line);
    lines.push_back(Line{.line = line,
                         .origin_x = points(in_layout.x - in_line.x),
                         .top = points(in_layout.y),
                         .bottom = points(in_layout.y + in_layout.height),
                         .baseline = points(pango_layout_iter_get_baseline(iter.get()))});
  } while (pango_layout_iter_next_line(iter.get()));
  return lines;
}

}  // namespace

double Block::height() const {
  double content = 0;
  for (const LaidOutCell& cell : cells) content = std::max(content, cell.lines.back().bottom);
  return content + 2 * frame.padding_y;
}

Typesetter::Typesetter(std::string_view title, std::string_view footer)
    : m_surface(cairo_pdf_surface_create_for_stream(append_to_string, &m_bytes, k_page_width,
                                                    k_page_height)),
      m_footer(valid_utf8(footer)) {
  check(cairo_surface_status(m_surface.get()));
  cairo_pdf_surface_set_metadata(m_surface.get(), CAIRO_PDF_METADATA_TITLE,
                                 valid_utf8(title).c_str());
  cairo_pdf_surface_set_metadata(m_surface.get(), CAIRO_PDF_METADATA_CREATOR, "kczg");
  m_cairo.reset(cairo_create(m_surface.get()));
  check(cairo_status(m_cairo.get()));

  // Uses this thread's default font map, so concurrent renders do not share one.
  m_context.reset(pango_cairo_create_context(m_cairo.get()));
  // At 72 dpi a Pango size in points is the same number of user units on the page.
  pango_cairo_context_set_resolution(m_context.get(), 72.0);
  // Picks the Simplified Chinese forms where a fallback font covers several regions.
  pango_context_set_language(m_context.get(), pango_language_from_string("zh-cn"));
  // Hinted metrics would round advances to a screen's pixels and skew line breaks on paper.
  std::unique_ptr<cairo_font_options_t, FontOptionsDestroy> options(cairo_font_options_create());
  cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(m_context.get(), options.get());

  m_y = k_body_top;
  draw_footer();
}

Typesetter::~Typesetter() = default;

double Typesetter::body_width() const { return k_page_width - 2 * k_margin_x; }

double Typesetter::body_height() const { return k_body_bottom - k_body_top; }

LayoutPtr Typesetter::layout(std::string_view text, const TextStyle& style, double width) const {
  LayoutPtr layout(pango_layout_new(m_context.get()));
  std::unique_ptr<PangoFontDescription, FontDescriptionFree> font(
      pango_font_description_from_string(style.font));
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_width(layout.get(), pango_units_from_double(std::max(width, 1.0)));
  // A run without break opportunities (a URL, a hash) still wraps inside the cell.
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout.get(), style.alignment);
  // Wrapping inside such a run must not add a hyphen the applicant never wrote.
  std::unique_ptr<PangoAttrList, AttrListUnref> attributes(pango_attr_list_new());
  pango_attr_list_insert(attributes.get(), pango_attr_insert_hyphens_new(FALSE));
  pango_layout_set_attributes(layout.get(), attributes.get());
  const std::string valid = valid_utf8(text);
  pango_layout_set_text(layout.get(), valid.data(), static_cast<int>(valid.size()));
  return layout;
}

Block Typesetter::block(std::span<const CellSpec> cells, BlockFrame frame) const {
  Block block{.cells = {}, .frame = frame};
  double x = 0;
  for (const CellSpec& spec : cells) {
    LayoutPtr laid_out = layout(spec.text, spec.style, spec.width - 2 * frame.padding_x);
    std::vector<Line> lines = lines_of(laid_out.get());
    block.cells.push_back(LaidOutCell{.layout = std::move(laid_out),
                                      .x = x,
                                      .width = spec.width,
                                      .fill = spec.fill,
                                      .grey = spec.style.grey,
                                      .lines = std::move(lines)});
    x += spec.width;
  }
  return block;
}

double Typesetter::remaining() const { return k_body_bottom - m_y; }

bool Typesetter::page_is_empty() const { return m_y <= k_body_top + k_epsilon; }

void Typesetter::skip(double points) {
  if (!page_is_empty()) m_y = std::min(m_y + points, k_body_bottom);
}

void Typesetter::keep(double points) {
  if (points > remaining() + k_epsilon && !page_is_empty()) new_page();
}

void Typesetter::place(const Block& block, bool split_here) {
  if (!split_here && block.height() > remaining() + k_epsilon &&
      block.height() <= body_height() + k_epsilon) {
    new_page();
  }
  const std::size_t count = block.cells.size();
  std::vector<std::size_t> next(count, 0);
  for (;;) {
    const double room = remaining() - 2 * block.frame.padding_y + k_epsilon;
    std::vector<std::size_t> end = next;
    bool every_cell_fits = true;
    for (std::size_t i = 0; i < count; ++i) {
      const std::vector<Line>& lines = block.cells[i].lines;
      if (next[i] == lines.size()) continue;
      const double top = lines[next[i]].top;
      while (end[i] < lines.size() && lines[end[i]].bottom - top <= room) ++end[i];
      // A row part must never show a value without its label, or the other way round.
      if (end[i] == next[i]) every_cell_fits = false;
    }
    if (!every_cell_fits && !page_is_empty()) {
      new_page();
      continue;
    }
    double content_height = 0;
    bool done = true;
    for (std::size_t i = 0; i < count; ++i) {
      const std::vector<Line>& lines = block.cells[i].lines;
      if (next[i] == lines.size()) continue;
      // Only a single line taller than a whole page gets here: it overflows rather than loops.
      if (end[i] == next[i]) ++end[i];
      content_height = std::max(content_height, lines[end[i] - 1].bottom - lines[next[i]].top);
      if (end[i] < lines.size()) done = false;
    }
    draw_part(block, next, end, content_height);
    if (done) return;
    next = end;
    new_page();
  }
}

void Typesetter::draw_part(const Block& block, std::span<const std::size_t> from,
                           std::span<const std::size_t> to, double content_height) {
  cairo_t* cairo = m_cairo.get();
  const BlockFrame& frame = block.frame;
  const double height = content_height + 2 * frame.padding_y;
  // Fills, then rules, then text, so that no cell's background covers its neighbour's border.
  for (const LaidOutCell& cell : block.cells) {
    if (cell.fill >= 1.0) continue;
    set_grey(cairo, cell.fill);
    cairo_rectangle(cairo, k_margin_x + cell.x, m_y, cell.width, height);
    cairo_fill(cairo);
  }
  if (frame.ruled) {
    set_grey(cairo, k_rule_grey);
    cairo_set_line_width(cairo, k_rule_width);
    for (const LaidOutCell& cell : block.cells) {
      cairo_rectangle(cairo, k_margin_x + cell.x, m_y, cell.width, height);
    }
    cairo_stroke(cairo);
  }
  for (std::size_t i = 0; i < block.cells.size(); ++i) {
    const LaidOutCell& cell = block.cells[i];
    if (from[i] == to[i]) continue;
    const double shift = cell.lines[from[i]].top;
    set_grey(cairo, cell.grey);
    for (std::size_t k = from[i]; k < to[i]; ++k) {
      const Line& line = cell.lines[k];
      cairo_move_to(cairo, k_margin_x + cell.x + frame.padding_x + line.origin_x,
                    m_y + frame.padding_y + line.baseline - shift);
      pango_cairo_show_layout_line(cairo, line.line);
    }
  }
  m_y += height;
}

void Typesetter::new_page() {
  cairo_show_page(m_cairo.get());
  ++m_page;
  m_y = k_body_top;
  draw_footer();
}

void Typesetter::draw_footer() {
  cairo_t* cairo = m_cairo.get();
  const double width = body_width();
  set_grey(cairo, k_rule_grey);
  cairo_set_line_width(cairo, k_rule_width);
  cairo_move_to(cairo, k_margin_x, k_footer_top - 4);
  cairo_line_to(cairo, k_margin_x + width, k_footer_top - 4);
  cairo_stroke(cairo);

  // The page number keeps the right quarter, so a long footer wraps instead of running into it.
  LayoutPtr footer = layout(m_footer, k_footer_style, width * 0.75);
  LayoutPtr page_number =
      layout("第 " + std::to_string(m_page) + " 页", k_page_number_style, width * 0.25);
  set_grey(cairo, k_footer_style.grey);
  cairo_move_to(cairo, k_margin_x, k_footer_top);
  pango_cairo_show_layout(cairo, footer.get());
  cairo_move_to(cairo, k_margin_x + width * 0.75, k_footer_top);
  pango_cairo_show_layout(cairo, page_number.get());
}

std::string Typesetter::finish() {
  check(cairo_status(m_cairo.get()));
  m_cairo.reset();
  cairo_surface_finish(m_surface.get());
  check(cairo_surface_status(m_surface.get()));
  return std::move(m_bytes);
}

}  // namespace kczg::pdf
