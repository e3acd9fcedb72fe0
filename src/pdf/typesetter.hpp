// Page flow for the printable 申报书: blocks of Pango-laid-out cells stacked down A4 pages,
// split between lines where a page ends, with a footer on every page. Internal to kczg_pdf.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kczg::pdf {

struct GObjectUnref {
  void operator()(gpointer object) const { g_object_unref(object); }
};
struct CairoDestroy {
  void operator()(cairo_t* cairo) const { cairo_destroy(cairo); }
};
struct SurfaceDestroy {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};

using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;

// `font` is a Pango font description such as "Noto Sans CJK SC Bold 10.5"; sizes are points.
struct TextStyle {
  const char* font;
  PangoAlignment alignment = PANGO_ALIGN_LEFT;
  double grey = 0.0;  // text colour, 0 black to 1 white
};

struct CellSpec {
  std::string_view text;  // plain text, any bytes: invalid UTF-8 becomes U+FFFD
  TextStyle style;
  double width;       // points, padding included
  double fill = 1.0;  // background grey; 1 paints none
};

struct BlockFrame {
  double padding_x = 0;
  double padding_y = 0;
  bool ruled = false;  // stroke a border round each cell
};

// One line of a laid-out cell, in the layout's coordinates (points from its top-left).
struct Line {
  PangoLayoutLine* line;  // owned by the cell's layout
  double origin_x;
  double top;
  double bottom;
  double baseline;
};

struct LaidOutCell {
  LayoutPtr layout;
  double x;  // from the body's left margin
  double width;
  double fill;
  double grey;
  std::vector<Line> lines;  // never empty: Pango gives empty text one line
};

// Cells side by side: a paragraph is one cell, a table row two.
struct Block {
  std::vector<LaidOutCell> cells;
  BlockFrame frame;

  double height() const;
};

// Not thread-safe; one per rendered document. The PDF is written into memory.
class Typesetter {
 public:
  Typesetter(std::string_view title, std::string_view footer);
  Typesetter(const Typesetter&) = delete;
  Typesetter& operator=(const Typesetter&) = delete;
  ~Typesetter();

  double body_width() const;
  double body_height() const;
  Block block(std::span<const CellSpec> cells, BlockFrame frame = {}) const;

  // A block that does not fit here but fits on a page moves to the next page whole, unless
  // `split_here`; otherwise it is split between lines, each part framed on its own page.
  void place(const Block& block, bool split_here = false);
  // Vertical space, dropped at the top of a page.
  void skip(double points);
  // Starts a new page unless `points` still fit on this one.
  void keep(double points);

  // The finished PDF. REQUIRES: called once, last.
  // Throws std::runtime_error if cairo reports a failure.
  std::string finish();

 private:
  LayoutPtr layout(std::string_view text, const TextStyle& style, double width) const;
  double remaining() const;
  bool page_is_empty() const;
  void new_page();
  void draw_footer();
  void draw_part(const Block& block, std::span<const std::size_t> from,
                 std::span<const std::size_t> to, double content_height);

  // Declared first so it outlives the surface that writes into it.
  std::string m_bytes;
  std::unique_ptr<cairo_surface_t, SurfaceDestroy> m_surface;
  std::unique_ptr<cairo_t, CairoDestroy> m_cairo;
  std::unique_ptr<PangoContext, GObjectUnref> m_context;
  std::string m_footer;
  int m_page = 1;
  double m_y = 0;  // top of the free space on the current page
};

}  // namespace kczg::pdf
