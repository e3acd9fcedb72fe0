// The printable 申报书 (application form) as PDF: Chinese and Latin text typeset with
// Pango (HarfBuzz shaping, line breaking per UAX #14 for CJK) onto cairo's PDF surface,
// with Noto CJK embedded as a subset. The applicant prints it, stamps it and uploads the
// scan back.
#pragma once

#include <string>
#include <vector>

namespace kczg::pdf {

struct PdfRow {
  std::string label;  // e.g. "技术名称"
  std::string value;  // may be several paragraphs; may be empty
  // Set in a monospace face, for values read character by character (the SHA-256).
  bool monospace = false;
};

struct PdfSection {
  std::string heading;
  std::vector<PdfRow> rows;
};

struct ApplicationDocument {
  std::string title;            // e.g. "2023 年度“科创中国”先导技术榜 申报书"
  std::string subtitle;         // e.g. the list and field names
  std::vector<PdfRow> receipt;  // application number, submitted at (+08:00), SHA-256
  std::vector<PdfSection> sections;
  std::string signature_note;  // the closing block: 申报单位（盖章） / 日期
  std::string footer;          // on every page, e.g. the application number; "第 n 页" added
};

// The PDF bytes (A4). Text is plain (never markup); invalid UTF-8 is shown as U+FFFD.
// Throws std::runtime_error if cairo reports a failure.
// Thread-safe: each call has its own surface, context and layouts, and Pango's default font
// map is per thread.
std::string render_application_pdf(const ApplicationDocument& document);

}  // namespace kczg::pdf
