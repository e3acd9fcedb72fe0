// parse_csv: libcsv does the RFC 4180 state machine; this file numbers the records the
// way a person counts rows and hands them to the TableBuilder.
#include <csv.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tabular/encoding.hpp"
#include "tabular/table.hpp"
#include "tabular/table_builder.hpp"

namespace kczg::tabular {

namespace {

// Receives libcsv's callbacks. Blank lines must be reported (CSV_REPALL_NL) so that
// row numbers match the file, but then libcsv also reports the LF of every CRLF as an
// empty record of its own; those are recognised here and not counted.
class RecordCollector {
 public:
  void add_field(const char* data, std::size_t size) {
    m_cells.emplace_back(data, size);
    m_has_fields = true;
  }

  // `terminator` is the character that ended the record, or -1 at end of input.
  void end_record(int terminator) {
    const bool lf_of_crlf = !m_has_fields && terminator == '\n' && m_last_terminator == '\r';
    m_last_terminator = terminator;
    if (lf_of_crlf) return;
    ++m_records;
    m_builder.add(m_records, std::exchange(m_cells, {}));
    m_has_fields = false;
  }

  // The number of the record being read, for error messages.
  int current_record() const { return m_records + 1; }

  Table finish() && { return std::move(m_builder).finish(); }

 private:
  TableBuilder m_builder;
  std::vector<std::string> m_cells;
  bool m_has_fields = false;
  int m_last_terminator = -1;
  int m_records = 0;
};

void on_field(void* data, std::size_t size, void* collector) {
  static_cast<RecordCollector*>(collector)->add_field(static_cast<const char*>(data), size);
}

void on_record(int terminator, void* collector) {
  static_cast<RecordCollector*>(collector)->end_record(terminator);
}

struct ParserFree {
  void operator()(csv_parser* parser) const { csv_free(parser); }
};

Error malformed(std::string_view path, int row, std::string detail) {
  return make_error(ErrorCode::csv_malformed, "path", path, "row", std::to_string(row), "detail",
                    std::move(detail));
}

}  // namespace

Result<Table> parse_csv(std::string_view bytes, std::string_view path_for_errors) {
  auto text = to_utf8(bytes, path_for_errors);
  if (!text) return fail(text.error());

  // Strict: a quote inside an unquoted field, or text after a closing quote, is an
  // error rather than a guess; an unterminated quoted field at the end is one too.
  csv_parser raw_parser{};
  if (csv_init(&raw_parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0) {
    return fail(malformed(path_for_errors, 1, "cannot start the CSV parser"));
  }
  std::unique_ptr<csv_parser, ParserFree> parser(&raw_parser);

  RecordCollector collector;
  const std::size_t parsed =
      csv_parse(parser.get(), text->data(), text->size(), on_field, on_record, &collector);
  if (parsed != text->size()) {
    const int error = csv_error(parser.get());
    return fail(malformed(path_for_errors, collector.current_record(),
                          error == CSV_EPARSE
                              ? "quote inside an unquoted field, or text after a closing quote"
                              : csv_strerror(error)));
  }
  if (csv_fini(parser.get(), on_field, on_record, &collector) != 0) {
    return fail(malformed(path_for_errors, collector.current_record(),
                          "quoted field not closed before the end of the file"));
  }
  return std::move(collector).finish();
}

}  // namespace kczg::tabular
