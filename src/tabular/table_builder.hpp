// Internal: the rules both readers share for turning file rows into a Table.
#pragma once

#include <string>
#include <vector>

#include "tabular/table.hpp"

namespace kczg::tabular {

// Collects rows in file order. Not thread-safe; one builder per parse.
class TableBuilder {
 public:
  // Adds the row a person sees as row `number`. Cells are trimmed; an entirely empty
  // row is dropped; the first row kept becomes the header.
  // REQUIRES: numbers increase from call to call.
  void add(int number, std::vector<std::string> cells);

  Table finish() &&;

 private:
  bool m_have_header = false;
  Table m_table;
};

// Drops leading and trailing ASCII whitespace (space, tab, CR, LF, FF, VT) in place.
void trim_ascii(std::string& text);

}  // namespace kczg::tabular
